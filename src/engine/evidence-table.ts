/** The evidence table (one row per partner and cell with evidence, in columns) and its allocation. */
import type { PartnerId } from '../model/partner.js';
import { Arena } from './arena.js';
import type { CellGrid } from './cells.js';
import type { DecodedCerts } from './certification-evidence.js';
import type { DecodedDeals, DecodedEntries } from './deal-decode.js';

/** Input the pass could not place, counted for the run report. */
export interface EvidenceDiagnostics {
  dealsWithoutKnownPartner: number;
  dealsWithoutCell: number;
  unknownSectors: Map<string, number>;
  unknownTechnologies: Map<string, number>;
  unknownCurrencies: Map<string, number>;
  certificationsWithoutKnownPartner: number;
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
    confidence: Float32Array;
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
  diagnostics: EvidenceDiagnostics;
}

/** The columns filled by the per-partner pass, and those of the later phases. */
export type TableColumns = Omit<
  EvidenceTable,
  | 'grid'
  | 'partnerIds'
  | 'rows'
  | 'scratch'
  | 'demandClosed'
  | 'demandOpen'
  | 'demandOpenAmount'
  | 'diagnostics'
>;

/** The decoding pass's columns: per deal, per deal entry, per certification. */
export interface DecodedColumns {
  deals: DecodedDeals;
  /** Per deal entry, grouped by partner like `dealIndex`: its role and its deal's columns. */
  entries: DecodedEntries;
  certs: DecodedCerts;
  /** Their memory, handed on to later phases as scratch once the table is filled. */
  buffer: ArrayBuffer;
}

/** Sizes of what the evidence pass allocates once the first passes have counted them. */
export interface EvidenceSizes {
  partners: number;
  deals: number;
  entries: number;
  certifications: number;
  rows: number;
  /**
   * Bytes the later phases will want as scratch: the decoding memory is made at least this large, so that
   * they need no large allocation of their own (see Arena for what one costs).
   */
  scratch: number;
}

/**
 * The decoded columns and the table, allocated together at their final sizes: large allocations make V8
 * mark the whole heap (the model: a second or more), and two made at the same moment cost one such pause.
 */
export function allocateColumns(sizes: EvidenceSizes): { decoded: DecodedColumns; table: TableColumns } {
  const decoded = allocateDecoded(sizes);
  return { decoded, table: allocateTable(sizes) };
}

function allocateDecoded({ deals: D, entries, certifications: Cn, scratch }: EvidenceSizes): DecodedColumns {
  const bytes = Arena.size(
    D * 4, // day
    D, // flags
    D, // signals
    D * 4, // amount
    D * 4, // customerHash
    entries, // entries: role
    entries * 4, // day
    entries, // flags
    entries, // signals
    entries * 4, // amount
    entries * 4, // customerHash
    Cn * 2, // sector
    Cn * 2, // technology
    Cn, // state
    Cn * 8, // weight
    Cn * 4, // personHash
    Cn, // hasPerson
  );
  const arena = new Arena(Math.max(bytes, scratch));
  const deals = {
    day: arena.i32(D),
    flags: arena.u8(D),
    signals: arena.u8(D),
    amount: arena.f32(D),
    customerHash: arena.u32(D),
  };
  const byEntry = {
    role: arena.u8(entries),
    day: arena.i32(entries),
    flags: arena.u8(entries),
    signals: arena.u8(entries),
    amount: arena.f32(entries),
    customerHash: arena.u32(entries),
  };
  const certs = {
    sector: arena.i16(Cn),
    technology: arena.i16(Cn),
    state: arena.u8(Cn),
    weight: arena.f64(Cn),
    personHash: arena.u32(Cn),
    hasPerson: arena.u8(Cn),
  };
  return { deals, entries: byEntry, certs, buffer: arena.buffer };
}

function allocateTable({ partners: P, entries, certifications: Cn, rows }: EvidenceSizes): TableColumns {
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
      rows * 4, // confidence
      rows, // level
      rows, // previous
    ),
  );
  return {
    rowStart: arena.i32(P + 1),
    partner: arena.i32(rows),
    cell: arena.u16(rows),
    wonDeals: arena.i32(rows),
    closedDeals: arena.i32(rows),
    recentClosed: arena.u16(rows),
    openDeals: arena.u16(rows),
    wonCustomers: arena.u16(rows),
    certifiedPeople: arena.u16(rows),
    activeCerts: arena.u16(rows),
    expiredCerts: arena.u16(rows),
    proofMass: arena.f32(rows),
    closedWeight: arena.f32(rows),
    wonWeight: arena.f32(rows),
    deliverySum: arena.f32(rows),
    deliveryWeight: arena.f32(rows),
    skillsMass: arena.f32(rows),
    openAmount: arena.f32(rows),
    evidenceNow: arena.f64(P),
    evidenceBefore: arena.f64(P),
    lastWonDay: arena.f64(P).fill(Number.NaN),
    dealStart: arena.i32(P + 1),
    dealIndex: arena.i32(entries),
    certStart: arena.i32(P + 1),
    certIndex: arena.i32(Cn),
    work: {
      score: arena.f64(rows),
      confidence: arena.f32(rows),
      level: arena.i8(rows),
      previous: arena.i8(rows),
    },
  };
}
