/** One pass over deals and certifications that gathers each partner's evidence per cell into compact columns. */
import type { Certification } from '../model/certification.js';
import type { Deal } from '../model/deal.js';
import type { PartnerId } from '../model/partner.js';
import type { ScoringConfig } from '../model/scoring.js';
import { Arena } from './arena.js';
import type { CellGrid } from './cells.js';
import { createCurrencyConverter } from './currency.js';
import { dayNumber, monthsToDays } from './day-numbers.js';
import { decayRate, decayWeight } from './decay.js';
import { hashId, LocalKeys, StringIndex } from './local-keys.js';

/** What the pass reads. Arrays are read only; nothing is copied or mutated. */
export interface EvidenceInput {
  partnerIds: readonly PartnerId[];
  deals: readonly Deal[];
  certifications: readonly Certification[];
  config: ScoringConfig;
  /** Fractional day number of `now`. */
  today: number;
  grid: CellGrid;
}

/**
 * Evidence per (partner, cell) row, in columns. Rows are grouped by partner (input order), cells
 * ascending. Masses are stored as 32-bit floats: ample for scores shown to one decimal, and half the memory.
 */
export interface EvidenceTable {
  grid: CellGrid;
  partnerIds: readonly PartnerId[];
  rows: number;
  /** First row of each partner; `rowStart[p + 1]` ends it. */
  rowStart: Int32Array;
  partner: Int32Array;
  cell: Uint16Array;
  wonDeals: Int32Array;
  closedDeals: Int32Array;
  /** The counts below are capped at 65 535 (16 bits each: a partner has fewer people than that in one cell). */
  /** Closed within the map's demand window (for regional demand). */
  recentClosed: Uint16Array;
  openDeals: Uint16Array;
  wonCustomers: Uint16Array;
  certifiedPeople: Uint16Array;
  activeCerts: Uint16Array;
  expiredCerts: Uint16Array;
  proofMass: Float32Array;
  closedWeight: Float32Array;
  wonWeight: Float32Array;
  deliverySum: Float32Array;
  deliveryWeight: Float32Array;
  skillsMass: Float32Array;
  openAmount: Float32Array;
  /** Per partner: won-deal evidence decayed to now, and as it stood one look-back ago. */
  evidenceNow: Float64Array;
  evidenceBefore: Float64Array;
  /** Per partner: day of the last won deal (NaN if none). */
  lastWonDay: Float64Array;
  /** Per partner, the input indices of its deals and certifications (CSR), for explanations. */
  dealStart: Int32Array;
  dealIndex: Int32Array;
  certStart: Int32Array;
  certIndex: Int32Array;
  /**
   * Columns of the later phases (scores, levels), allocated with the table so that a run makes one
   * large allocation: see Arena.
   */
  work: {
    score: Float64Array;
    level: Int8Array;
    previous: Int8Array;
  };
  /**
   * The decoding pass's memory, no longer used by it: later phases may reuse it as scratch (its contents
   * are garbage) rather than allocate more.
   */
  scratch: ArrayBuffer;
  /** Per cell, the whole ecosystem: closed deals in the demand window, open deals, open amount. */
  demandClosed: Int32Array;
  demandOpen: Int32Array;
  demandOpenAmount: Float64Array;
  diagnostics: {
    dealsWithoutKnownPartner: number;
    dealsWithoutCell: number;
    unknownSectors: Map<string, number>;
    unknownTechnologies: Map<string, number>;
    unknownCurrencies: Map<string, number>;
    certificationsWithoutKnownPartner: number;
  };
}

const WON = 1;
const CLOSED = 2;
const HAS_CUSTOMER = 4;
const ROLES = { sourced: 0, delivered: 1, influenced: 2 } as const;
/** Certification states: not earned yet, counting, past its expiry date. */
const NOT_YET = 0;
const ACTIVE = 1;
const EXPIRED = 2;
/** Within one partner, items are sorted by `group * 2^21 + position`, exact in a double below 2^53. */
const LOCAL_BITS = 2 ** 21;
/** Day of a deal with neither a close date nor a valid last-modified date: it counts for nothing. */
const NO_DAY = -2_147_483_648;
/** Bits of a won deal's delivery signals. */
const HAS_SATISFACTION = 1;
const HAS_RENEWAL = 2;
const RENEWED = 4;
const HAS_EXPANSION = 8;
const EXPANDED = 16;
/** 16-bit counters saturate here. */
const MAX_U16 = 65_535;

/** Copies with room for at least `length` items (doubling). */
function grown32(a: Int32Array, length: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(Math.max(length, a.length * 2));
  bigger.set(a);
  return bigger;
}
function grown16(a: Int16Array, length: number): Int16Array<ArrayBuffer> {
  const bigger = new Int16Array(Math.max(length, a.length * 2));
  bigger.set(a);
  return bigger;
}
function grown8(a: Uint8Array, length: number): Uint8Array<ArrayBuffer> {
  const bigger = new Uint8Array(Math.max(length, a.length * 2));
  bigger.set(a);
  return bigger;
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** Whether a certification counts today: earned (or undated) and not past its expiry date. */
function certStateOf(cert: Certification, today: number): number {
  const earned = dayNumber(cert.earnedDate);
  if (earned > today) return NOT_YET;
  return dayNumber(cert.expiryDate) <= today ? EXPIRED : ACTIVE;
}

/** Size factor of a won deal: 1 + w·log2(1 + amount / reference) — logarithmic, never linear; 1 without an amount. */
export function sizeFactor(amountBase: number, sizeWeight: number, sizeReference: number): number {
  return amountBase > 0 ? 1 + sizeWeight * Math.log2(1 + amountBase / sizeReference) : 1;
}

/**
 * The proof weight one won deal gives a partner (role × decay × size), computed exactly as the evidence
 * pass does (amounts held as 32-bit floats), for explanations.
 */
export function dealProofWeight(deal: Deal, partnerId: string, config: ScoringConfig, today: number): number {
  const role = deal.partners.find((dp) => dp.partnerId === partnerId)?.role;
  if (role === undefined) return 0;
  let day = dayNumber(deal.closeDate);
  if (Number.isNaN(day)) day = dayNumber(deal.lastModified);
  if (Number.isNaN(day)) return 0;
  const rate = deal.amount === null ? undefined : config.currency.rates[deal.amount.currency];
  const amount =
    deal.amount === null || rate === undefined ? Number.NaN : Math.fround(deal.amount.amount * rate);
  return (
    config.proof.roleWeights[role] *
    decayWeight(today - day, decayRate(config.recency.dealHalfLifeDays)) *
    sizeFactor(amount, config.proof.sizeWeight, config.proof.sizeReference)
  );
}

/** The skill weight of one certification (level weight × decay since earned), as the evidence pass computes it. */
export function certSkillWeight(cert: Certification, config: ScoringConfig, today: number): number {
  const earned = dayNumber(cert.earnedDate);
  return (
    config.skills.levelWeights[cert.level] *
    (Number.isNaN(earned)
      ? 1
      : decayWeight(today - earned, decayRate(config.recency.certificationHalfLifeDays)))
  );
}

/**
 * Writes into `out` every cell a deal is evidence for: its sector, each technology, and each
 * sector × technology pair; returns how many.
 */
export function dealCells(
  grid: CellGrid,
  sector: number,
  techList: Int16Array,
  from: number,
  to: number,
  out: Int32Array,
): number {
  // Same layout as CellGrid (pairs, sectors, technologies), inlined: this runs for every deal entry.
  const T = grid.technologies;
  const pairs = grid.sectors * T;
  let n = 0;
  if (sector >= 0) out[n++] = pairs + sector;
  for (let j = from; j < to; j++) {
    const t = techList[j]!;
    out[n++] = pairs + grid.sectors + t;
    if (sector >= 0) out[n++] = sector * T + t;
  }
  return n;
}

/**
 * Gathers the evidence of every partner in every cell where it has any: one decoding pass over the
 * deals and certifications into typed arrays, then partner by partner with scratch arrays reset through
 * touched lists — no per-deal objects. A partner's numbers depend only on its own deals and
 * certifications, in input order (customers and people are numbered per partner).
 *
 * - Won deals: weight = role weight × recency decay × size factor (1 + w·log2(1 + amount / reference)).
 *   Per customer the best deal counts fully and the others at `repeatCustomerWeight`, so distinct
 *   customers count more than repeat deals with one customer.
 * - Closed deals (won and lost) feed the win rate; won deals' delivery signals feed delivery quality.
 * - Certifications count per distinct person: a person's weight in a cell is their best active
 *   certification that applies there (level weight × decay since earned); expired ones do not count.
 *   A technology certification applies to the technology and to the partner's existing cells of that
 *   technology in any sector; an industry one to the sector and its existing pair cells.
 */
export function gatherEvidence(input: EvidenceInput): EvidenceTable {
  const { partnerIds, deals, certifications, config, today, grid } = input;
  const P = partnerIds.length;
  const D = deals.length;
  const Cn = certifications.length;
  const NC = grid.count;
  const S = grid.sectors;
  const T = grid.technologies;
  const currency = createCurrencyConverter(config.currency);
  const dealRate = decayRate(config.recency.dealHalfLifeDays);
  const roleWeight = [
    config.proof.roleWeights.sourced,
    config.proof.roleWeights.delivered,
    config.proof.roleWeights.influenced,
  ];
  const counted = [false, false, false];
  for (const role of config.levels.countedRoles) counted[ROLES[role]] = true;
  const levelWindowStart = today - monthsToDays(config.levels.windowMonths);
  const demandWindowStart = today - monthsToDays(config.map.demandWindowMonths);
  const lookback = config.needs.reengagementLookbackDays;
  const sizeRef = config.proof.sizeReference;
  const sizeWeight = config.proof.sizeWeight;
  const repeat = config.proof.repeatCustomerWeight;
  const sig = config.delivery.signalWeights;

  const diagnostics: EvidenceTable['diagnostics'] = {
    dealsWithoutKnownPartner: 0,
    dealsWithoutCell: 0,
    unknownSectors: new Map(),
    unknownTechnologies: new Map(),
    unknownCurrencies: currency.unknown,
    certificationsWithoutKnownPartner: 0,
  };
  const partnerIndex = new StringIndex(partnerIds);

  // --- Pass 1: the partner of every deal entry and certification, and the cells each partner has
  // evidence in (a bitmap). Then the decoded columns and the table are allocated at their final sizes, at
  // the same moment: large allocations make V8 mark the whole heap (the model: a second or more), and
  // two made together cost one such pause, not two.
  // Entry and technology lists start at a typical size (1.25 partners, 1.5 technologies per deal) and
  // double when a model has more: cheaper than a counting pass over millions of deals.
  const first = new Arena(Arena.size(Cn * 4, (P * NC + 7) >> 3, D * 2, (D + 1) * 4));
  const certPartner = first.i32(Cn);
  // One bit per (partner, cell): set where the partner has evidence.
  const cellMap = first.u8((P * NC + 7) >> 3);
  const mark = (p: number, c: number) => {
    const bit = p * NC + c;
    cellMap[bit >> 3] = cellMap[bit >> 3]! | (1 << (bit & 7));
  };
  const dealSector = first.i16(D);
  const techStart = first.i32(D + 1);
  let entryPartner = new Int32Array(D + (D >> 2) + 16);
  let entryDeal = new Int32Array(entryPartner.length);
  let entryRoleOf = new Uint8Array(entryPartner.length);
  let techList = new Int16Array(D + (D >> 1) + 16);
  let techCount = 0;
  const cellBuffer = new Int32Array(1 + 2 * T);
  let entries = 0;
  for (let d = 0; d < D; d++) {
    const deal = deals[d]!;
    let s = -1;
    if (deal.sector !== null) {
      s = grid.sectorIndex.get(deal.sector) ?? -1;
      if (s < 0) bump(diagnostics.unknownSectors, deal.sector);
    }
    dealSector[d] = s;
    const from = techCount;
    techStart[d] = from;
    if (techCount + deal.technologies.length > techList.length)
      techList = grown16(techList, techCount + deal.technologies.length);
    for (const key of deal.technologies) {
      const t = grid.technologyIndex.get(key);
      if (t === undefined) {
        bump(diagnostics.unknownTechnologies, key);
        continue;
      }
      let dup = false;
      for (let j = from; j < techCount; j++) if (techList[j] === t) dup = true;
      if (!dup) techList[techCount++] = t;
    }
    if (s < 0 && techCount === from) diagnostics.dealsWithoutCell++;
    if (entries + deal.partners.length > entryPartner.length) {
      const length = entries + deal.partners.length;
      entryPartner = grown32(entryPartner, length);
      entryDeal = grown32(entryDeal, length);
      entryRoleOf = grown8(entryRoleOf, length);
    }
    const count = dealCells(grid, s, techList, from, techCount, cellBuffer);
    let known = 0;
    for (const dp of deal.partners) {
      const p = partnerIndex.get(dp.partnerId);
      if (p < 0) continue;
      entryPartner[entries] = p;
      entryDeal[entries] = d;
      entryRoleOf[entries] = ROLES[dp.role];
      entries++;
      known++;
      for (let j = 0; j < count; j++) mark(p, cellBuffer[j]!);
    }
    if (known === 0 && deal.partners.length > 0) diagnostics.dealsWithoutKnownPartner++;
  }
  techStart[D] = techCount;
  const isMarked = (p: number, c: number) => {
    const bit = p * NC + c;
    return ((cellMap[bit >> 3]! >> (bit & 7)) & 1) === 1;
  };
  // Certifications in two passes so the result does not depend on their order: first the cells a
  // certification names, then the sector × technology cells it combines into.
  const activeCert = (i: number) => certPartner[i]! >= 0 && certStateOf(certifications[i]!, today) === ACTIVE;
  const certSectorOf = (cert: Certification) =>
    cert.sector === null ? -1 : (grid.sectorIndex.get(cert.sector) ?? -1);
  const certTechOf = (cert: Certification) =>
    cert.technology === null ? -1 : (grid.technologyIndex.get(cert.technology) ?? -1);
  for (let i = 0; i < Cn; i++) {
    const cert = certifications[i]!;
    const p = partnerIndex.get(cert.partnerId);
    certPartner[i] = p;
    if (p < 0) {
      diagnostics.certificationsWithoutKnownPartner++;
      continue;
    }
    if (!activeCert(i)) continue;
    const s = certSectorOf(cert);
    const t = certTechOf(cert);
    if (t >= 0) mark(p, grid.technologyCell(t));
    if (s >= 0) mark(p, grid.sectorCell(s));
    if (s >= 0 && t >= 0) mark(p, grid.pair(s, t));
  }
  // Evidence for a sector × technology cell comes from both axes: certified people in a technology
  // combined with work (or an industry certification) in a sector, and the other way round. Such a cell
  // gets a score from the skills alone; its levels still need won customers there.
  for (let i = 0; i < Cn; i++) {
    if (!activeCert(i)) continue;
    const p = certPartner[i]!;
    const cert = certifications[i]!;
    const s = certSectorOf(cert);
    const t = certTechOf(cert);
    if (t >= 0 && s < 0) {
      for (let ss = 0; ss < S; ss++) if (isMarked(p, grid.sectorCell(ss))) mark(p, grid.pair(ss, t));
    } else if (s >= 0 && t < 0) {
      for (let tt = 0; tt < T; tt++) if (isMarked(p, grid.technologyCell(tt))) mark(p, grid.pair(s, tt));
    }
  }
  let rows = 0;
  for (let i = 0; i < cellMap.length; i++) {
    let byte = cellMap[i]!;
    while (byte !== 0) {
      byte &= byte - 1;
      rows++;
    }
  }

  const decoded = new Arena(
    Arena.size(
      D * 4, // dealDay
      D, // dealFlags
      D, // dealSignals
      D * 4, // dealAmount
      D * 4, // dealCustomerHash
      entries, // entryRole
      Cn * 2, // certSector
      Cn * 2, // certTech
      Cn, // certState
      Cn * 8, // certWeight
      Cn * 4, // certPersonHash
      Cn, // certHasPerson
    ),
  );
  const arena = new Arena(
    Arena.size(
      (P + 1) * 4, // rowStart
      rows * 4, // partner
      rows * 2, // cell
      rows * 4, // wonDeals
      rows * 4, // closedDeals
      ...Array.from({ length: 6 }, () => rows * 2), // 16-bit counters
      ...Array.from({ length: 7 }, () => rows * 4), // masses
      P * 8 * 3, // evidenceNow, evidenceBefore, lastWonDay
      (P + 1) * 4, // dealStart
      entries * 4, // dealIndex
      (P + 1) * 4, // certStart
      Cn * 4, // certIndex
      rows * 8, // score
      rows, // level
      rows, // previous
    ),
  );
  const dealDay = decoded.i32(D);
  const dealFlags = decoded.u8(D);
  const dealSignals = decoded.u8(D);
  const dealAmount = decoded.f32(D);
  const dealCustomerHash = decoded.u32(D);
  const entryRole = decoded.u8(entries);
  const certSector = decoded.i16(Cn);
  const certTech = decoded.i16(Cn);
  const certState = decoded.u8(Cn);
  const certWeight = decoded.f64(Cn);
  const certPersonHash = decoded.u32(Cn);
  const certHasPerson = decoded.u8(Cn);

  const rowStart = arena.i32(P + 1);
  const rowPartner = arena.i32(rows);
  const rowCell = arena.u16(rows);
  const wonDeals = arena.i32(rows);
  const closedDeals = arena.i32(rows);
  const recentClosed = arena.u16(rows);
  const openDeals = arena.u16(rows);
  const wonCustomers = arena.u16(rows);
  const certifiedPeople = arena.u16(rows);
  const activeCerts = arena.u16(rows);
  const expiredCerts = arena.u16(rows);
  const proofMass = arena.f32(rows);
  const closedWeight = arena.f32(rows);
  const wonWeight = arena.f32(rows);
  const deliverySum = arena.f32(rows);
  const deliveryWeight = arena.f32(rows);
  const skillsMass = arena.f32(rows);
  const openAmount = arena.f32(rows);
  const evidenceNow = arena.f64(P);
  const evidenceBefore = arena.f64(P);
  const lastWonDay = arena.f64(P).fill(Number.NaN);
  const dealStart = arena.i32(P + 1);
  const dealIndex = arena.i32(entries);
  const certStart = arena.i32(P + 1);
  const certIndex = arena.i32(Cn);
  const work = {
    score: arena.f64(rows),
    level: arena.i8(rows),
    previous: arena.i8(rows),
  };

  const demandClosed = new Int32Array(NC);
  const demandOpen = new Int32Array(NC);
  const demandOpenAmount = new Float64Array(NC);

  // --- Pass 2: decode the deals; ecosystem demand per cell.
  for (let d = 0; d < D; d++) {
    const deal = deals[d]!;
    const s = dealSector[d]!;
    const from = techStart[d]!;
    const to = techStart[d + 1]!;
    let day = dayNumber(deal.closeDate);
    if (Number.isNaN(day)) day = dayNumber(deal.lastModified);
    dealDay[d] = Number.isNaN(day) ? NO_DAY : day;
    const flags =
      (deal.isWon ? WON : 0) |
      (deal.isClosed || deal.isWon ? CLOSED : 0) |
      (deal.customerId !== null ? HAS_CUSTOMER : 0);
    dealFlags[d] = flags;
    const amount = currency.toBase(deal.amount);
    dealAmount[d] = amount;
    if (deal.customerId !== null) dealCustomerHash[d] = hashId(deal.customerId);
    if (flags & WON) {
      const { satisfaction, renewal, expansion } = deal.signals;
      let bits = 0;
      if (satisfaction !== null) bits |= HAS_SATISFACTION;
      if (renewal !== null) bits |= HAS_RENEWAL | (renewal ? RENEWED : 0);
      if (expansion !== null) bits |= HAS_EXPANSION | (expansion ? EXPANDED : 0);
      dealSignals[d] = bits;
    }
    const open = (flags & CLOSED) === 0;
    if ((s >= 0 || to > from) && (open || day >= demandWindowStart)) {
      const target = open ? demandOpen : demandClosed;
      const count = dealCells(grid, s, techList, from, to, cellBuffer);
      for (let j = 0; j < count; j++) {
        const c = cellBuffer[j]!;
        target[c] = target[c]! + 1;
        if (open && amount > 0) demandOpenAmount[c] = demandOpenAmount[c]! + amount;
      }
    }
  }

  // --- Deal entries grouped by partner (a stable counting sort), in deal order within a partner.
  for (let e = 0; e < entries; e++) dealStart[entryPartner[e]! + 1] = dealStart[entryPartner[e]! + 1]! + 1;
  for (let p = 0; p < P; p++) dealStart[p + 1] = dealStart[p + 1]! + dealStart[p]!;
  {
    const fill = dealStart.slice(0, P);
    for (let e = 0; e < entries; e++) {
      const p = entryPartner[e]!;
      const at = fill[p]!;
      fill[p] = at + 1;
      dealIndex[at] = entryDeal[e]!;
      entryRole[at] = entryRoleOf[e]!;
    }
  }

  // --- Certifications decoded and grouped by partner.
  for (let i = 0; i < Cn; i++) {
    const cert = certifications[i]!;
    const p = certPartner[i]!;
    if (p >= 0) certStart[p + 1] = certStart[p + 1]! + 1;
    certSector[i] = certSectorOf(cert);
    certTech[i] = certTechOf(cert);
    certState[i] = certStateOf(cert, today);
    certWeight[i] = certSkillWeight(cert, config, today);
    if (cert.personId !== null) {
      certPersonHash[i] = hashId(cert.personId);
      certHasPerson[i] = 1;
    }
  }
  for (let p = 0; p < P; p++) certStart[p + 1] = certStart[p + 1]! + certStart[p]!;
  {
    const fill = certStart.slice(0, P);
    for (let i = 0; i < Cn; i++) {
      const p = certPartner[i]!;
      if (p < 0) continue;
      certIndex[fill[p]!] = i;
      fill[p] = fill[p]! + 1;
    }
  }

  // --- Scratch of the per-partner pass.
  const isTouched = new Uint8Array(NC);

  // Per-cell accumulators of the current partner.
  const wonDealsAcc = new Int32Array(NC);
  const closedAcc = new Int32Array(NC);
  const recentAcc = new Int32Array(NC);
  const openAcc = new Int32Array(NC);
  const customersAcc = new Int32Array(NC);
  const peopleAcc = new Int32Array(NC);
  const activeAcc = new Int32Array(NC);
  const expiredAcc = new Int32Array(NC);
  const proofAcc = new Float64Array(NC);
  const closedWAcc = new Float64Array(NC);
  const wonWAcc = new Float64Array(NC);
  const deliverySumAcc = new Float64Array(NC);
  const deliveryWAcc = new Float64Array(NC);
  const skillsAcc = new Float64Array(NC);
  const openAmountAcc = new Float64Array(NC);
  // Customer groups (deals) and person groups (certifications).
  const groupTouched = new Int32Array(NC);
  const inGroup = new Uint8Array(NC);
  const groupMax = new Float64Array(NC);
  const groupSum = new Float64Array(NC);
  const groupWindow = new Uint8Array(NC);
  let groupCount = 0;
  let sortKeys = new Float64Array(1024);
  // Customers (people) are numbered per partner in order of first appearance among its deals
  // (certifications), so a partner's numbers depend on nothing but its own records.
  const localKeys = new LocalKeys();

  // Which cells a certification applies to. Its own cells always exist (touched above when active);
  // a technology / industry certification also applies to the partner's existing pair cells.
  let currentWeight = 0;
  const applyActive = (c: number) => {
    activeAcc[c] = activeAcc[c]! + 1;
    if (inGroup[c] === 0) {
      inGroup[c] = 1;
      groupTouched[groupCount++] = c;
      groupMax[c] = -1;
    }
    if (currentWeight > groupMax[c]!) groupMax[c] = currentWeight;
  };
  const countExpired = (c: number) => {
    if (isTouched[c] === 1) expiredAcc[c] = expiredAcc[c]! + 1;
  };
  const forEachCertCell = (ci: number, fn: (c: number) => void) => {
    const s = certSector[ci]!;
    const t = certTech[ci]!;
    if (s >= 0 && t >= 0) {
      fn(grid.pair(s, t));
      fn(grid.sectorCell(s));
      fn(grid.technologyCell(t));
    } else if (t >= 0) {
      fn(grid.technologyCell(t));
      for (let ss = 0; ss < S; ss++) {
        if (isTouched[grid.pair(ss, t)] === 1) {
          fn(grid.pair(ss, t));
          fn(grid.sectorCell(ss));
        }
      }
    } else if (s >= 0) {
      fn(grid.sectorCell(s));
      for (let tt = 0; tt < T; tt++) if (isTouched[grid.pair(s, tt)] === 1) fn(grid.pair(s, tt));
    }
  };

  const touched = new Int32Array(NC);
  let row = 0;
  for (let p = 0; p < P; p++) {
    rowStart[p] = row;
    let touchedCount = 0;
    for (let c = 0; c < NC; c++) {
      const bit = p * NC + c;
      const has = (cellMap[bit >> 3]! >> (bit & 7)) & 1;
      isTouched[c] = has;
      if (has === 1) touched[touchedCount++] = c;
    }
    if (touchedCount === 0) continue;

    // Deals of the partner, ordered by customer (first appearance) so each customer forms one group.
    const e0 = dealStart[p]!;
    const n = dealStart[p + 1]! - e0;
    if (n >= LOCAL_BITS) throw new RangeError(`partner ${partnerIds[p]} has more than ${LOCAL_BITS} deals`);
    if (n > 0) {
      if (sortKeys.length < n) sortKeys = new Float64Array(Math.max(n, sortKeys.length * 2));
      const keys = sortKeys.subarray(0, n);
      localKeys.reset(n);
      const customerOf = (k: number) => deals[dealIndex[e0 + k]!]!.customerId;
      for (let k = 0; k < n; k++) {
        const d = dealIndex[e0 + k]!;
        // A deal without a customer id counts as its own customer: nothing says it is a repeat.
        const group =
          (dealFlags[d]! & HAS_CUSTOMER) === 0
            ? LOCAL_BITS + k
            : localKeys.index(k, dealCustomerHash[d]!, customerOf);
        keys[k] = group * LOCAL_BITS + k;
      }
      keys.sort();
      let g = 0;
      while (g < n) {
        const groupKey = Math.floor(keys[g]! / LOCAL_BITS);
        groupCount = 0;
        let h = g;
        for (; h < n && Math.floor(keys[h]! / LOCAL_BITS) === groupKey; h++) {
          const k = keys[h]! % LOCAL_BITS;
          const d = dealIndex[e0 + k]!;
          const role = entryRole[e0 + k]!;
          const rw = roleWeight[role]!;
          const flags = dealFlags[d]!;
          const won = (flags & WON) !== 0;
          const closed = (flags & CLOSED) !== 0;
          const day = dealDay[d]!;
          const decay = day === NO_DAY ? 0 : decayWeight(today - day, dealRate);
          const amount = dealAmount[d]!;
          const size = sizeFactor(amount, sizeWeight, sizeRef);
          const proofW = rw * decay * size;
          let deliveryValue = 0;
          let deliveryW = 0;
          const bits = dealSignals[d]!;
          if (bits !== 0) {
            if (bits & HAS_SATISFACTION) {
              // Read from the deal itself: only won deals with a satisfaction figure get here.
              deliveryValue += sig.satisfaction * (deals[d]!.signals.satisfaction ?? 0);
              deliveryW += sig.satisfaction;
            }
            if (bits & HAS_RENEWAL) {
              deliveryValue += bits & RENEWED ? sig.renewal : 0;
              deliveryW += sig.renewal;
            }
            if (bits & HAS_EXPANSION) {
              deliveryValue += bits & EXPANDED ? sig.expansion : 0;
              deliveryW += sig.expansion;
            }
          }
          const inWindow = won && counted[role] === true && day >= levelWindowStart;
          const recent = closed && day >= demandWindowStart;
          if (won && rw > 0 && decay > 0) {
            evidenceNow[p] = evidenceNow[p]! + proofW;
            const age = today - lookback - day;
            if (age >= 0) evidenceBefore[p] = evidenceBefore[p]! + rw * size * decayWeight(age, dealRate);
            if (!(lastWonDay[p]! >= day)) lastWonDay[p] = day;
          }
          const count = dealCells(
            grid,
            dealSector[d]!,
            techList,
            techStart[d]!,
            techStart[d + 1]!,
            cellBuffer,
          );
          for (let j = 0; j < count; j++) {
            const c = cellBuffer[j]!;
            if (!closed) {
              openAcc[c] = openAcc[c]! + 1;
              if (amount > 0) openAmountAcc[c] = openAmountAcc[c]! + amount;
              continue;
            }
            closedAcc[c] = closedAcc[c]! + 1;
            closedWAcc[c] = closedWAcc[c]! + rw * decay;
            if (recent) recentAcc[c] = recentAcc[c]! + 1;
            if (!won) continue;
            wonDealsAcc[c] = wonDealsAcc[c]! + 1;
            wonWAcc[c] = wonWAcc[c]! + rw * decay;
            if (deliveryW > 0) {
              deliverySumAcc[c] = deliverySumAcc[c]! + rw * decay * deliveryValue;
              deliveryWAcc[c] = deliveryWAcc[c]! + rw * decay * deliveryW;
            }
            if (inGroup[c] === 0) {
              inGroup[c] = 1;
              groupTouched[groupCount++] = c;
              groupMax[c] = -1;
              groupSum[c] = 0;
              groupWindow[c] = 0;
            }
            groupSum[c] = groupSum[c]! + proofW;
            if (proofW > groupMax[c]!) groupMax[c] = proofW;
            if (inWindow) groupWindow[c] = 1;
          }
        }
        // Close the customer group: the best deal counts fully, repeats at the repeat weight.
        for (let q = 0; q < groupCount; q++) {
          const c = groupTouched[q]!;
          inGroup[c] = 0;
          const best = groupMax[c]!;
          proofAcc[c] = proofAcc[c]! + best + repeat * (groupSum[c]! - best);
          if (groupWindow[c] === 1) customersAcc[c] = customersAcc[c]! + 1;
        }
        g = h;
      }
    }

    // Certifications of the partner, ordered by person so each person counts once per cell.
    const c0 = certStart[p]!;
    const m = certStart[p + 1]! - c0;
    if (m > 0) {
      if (sortKeys.length < m) sortKeys = new Float64Array(Math.max(m, sortKeys.length * 2));
      const keys = sortKeys.subarray(0, m);
      localKeys.reset(m);
      const personOf = (k: number) => certifications[certIndex[c0 + k]!]!.personId;
      for (let k = 0; k < m; k++) {
        const ci = certIndex[c0 + k]!;
        // A certification without a holder counts as its own person.
        const group =
          certHasPerson[ci] === 0 ? LOCAL_BITS + k : localKeys.index(k, certPersonHash[ci]!, personOf);
        keys[k] = group * LOCAL_BITS + k;
      }
      keys.sort();
      let g = 0;
      while (g < m) {
        const groupKey = Math.floor(keys[g]! / LOCAL_BITS);
        groupCount = 0;
        let h = g;
        for (; h < m && Math.floor(keys[h]! / LOCAL_BITS) === groupKey; h++) {
          const ci = certIndex[c0 + (keys[h]! % LOCAL_BITS)]!;
          if (certState[ci] !== ACTIVE) continue;
          currentWeight = certWeight[ci]!;
          forEachCertCell(ci, applyActive);
        }
        for (let q = 0; q < groupCount; q++) {
          const c = groupTouched[q]!;
          inGroup[c] = 0;
          skillsAcc[c] = skillsAcc[c]! + groupMax[c]!;
          peopleAcc[c] = peopleAcc[c]! + 1;
        }
        g = h;
      }
      // Expired certifications only annotate cells that exist: they explain a drop, they add nothing.
      for (let k = c0; k < c0 + m; k++) {
        const ci = certIndex[k]!;
        if (certState[ci] === EXPIRED) forEachCertCell(ci, countExpired);
      }
    }

    // Flush the partner's cells, ascending, into the table and reset the scratch.
    for (let q = 0; q < touchedCount; q++) {
      const c = touched[q]!;
      const r = row + q;
      rowPartner[r] = p;
      rowCell[r] = c;
      wonDeals[r] = wonDealsAcc[c]!;
      closedDeals[r] = closedAcc[c]!;
      recentClosed[r] = Math.min(MAX_U16, recentAcc[c]!);
      openDeals[r] = Math.min(MAX_U16, openAcc[c]!);
      wonCustomers[r] = Math.min(MAX_U16, customersAcc[c]!);
      certifiedPeople[r] = Math.min(MAX_U16, peopleAcc[c]!);
      activeCerts[r] = Math.min(MAX_U16, activeAcc[c]!);
      expiredCerts[r] = Math.min(MAX_U16, expiredAcc[c]!);
      proofMass[r] = proofAcc[c]!;
      closedWeight[r] = closedWAcc[c]!;
      wonWeight[r] = wonWAcc[c]!;
      deliverySum[r] = deliverySumAcc[c]!;
      deliveryWeight[r] = deliveryWAcc[c]!;
      skillsMass[r] = skillsAcc[c]!;
      openAmount[r] = openAmountAcc[c]!;
      wonDealsAcc[c] = 0;
      closedAcc[c] = 0;
      recentAcc[c] = 0;
      openAcc[c] = 0;
      customersAcc[c] = 0;
      peopleAcc[c] = 0;
      activeAcc[c] = 0;
      expiredAcc[c] = 0;
      proofAcc[c] = 0;
      closedWAcc[c] = 0;
      wonWAcc[c] = 0;
      deliverySumAcc[c] = 0;
      deliveryWAcc[c] = 0;
      skillsAcc[c] = 0;
      openAmountAcc[c] = 0;
    }
    row += touchedCount;
  }
  rowStart[P] = row;

  return {
    grid,
    partnerIds,
    rows,
    rowStart,
    partner: rowPartner,
    cell: rowCell,
    wonDeals,
    closedDeals,
    recentClosed,
    openDeals,
    wonCustomers,
    certifiedPeople,
    activeCerts,
    expiredCerts,
    proofMass,
    closedWeight,
    wonWeight,
    deliverySum,
    deliveryWeight,
    skillsMass,
    openAmount,
    evidenceNow,
    evidenceBefore,
    lastWonDay,
    dealStart,
    dealIndex,
    certStart,
    certIndex,
    work,
    scratch: decoded.buffer,
    demandClosed,
    demandOpen,
    demandOpenAmount,
    diagnostics,
  };
}
