/** Generates a seeded synthetic partner ecosystem (partners, people, deals, certifications) with its ground truth. */
import { z } from 'zod';
import {
  type Certification,
  CertificationIdSchema,
  type CertificationLevel,
} from '../../src/model/certification.js';
import type { IsoDate, IsoDateTime, Money } from '../../src/model/dates.js';
import {
  type Deal,
  DealIdSchema,
  type DealPartner,
  type DealRole,
  type DeliverySignals,
} from '../../src/model/deal.js';
import { type Partner, type PartnerId, PartnerIdSchema } from '../../src/model/partner.js';
import type { Person } from '../../src/model/person.js';
import { DEFAULT_SCORING_CONFIG } from '../../src/model/scoring.js';
import { type CrmSystem, CrmSystemSchema, type SourceRef } from '../../src/model/source-ref.js';
import { type Taxonomy, TaxonomySchema } from '../../src/model/taxonomy.js';
import { createRandom, pickCumulative } from '../seeded-random.js';
import {
  archetypeCdf,
  correlateWithExpertise,
  EcosystemLawSchema,
  powerOf,
  sizeFromNormal,
} from './ecosystem-law.js';
import { drawLatentExpertise, TRUE_EXPERT_THRESHOLD } from './latent-expertise.js';
import { assignLegacyTiers } from './legacy-tiers.js';
import { companyDomain, companyName, createPersonNames } from './names.js';
import { flatString, generatedRef } from './record-ids.js';

export const GenerateEcosystemOptionsSchema = z
  .object({
    partners: z.number().int().min(1),
    /** Total number of deals. Give this or `dealsPerPartner`. */
    deals: z.number().int().min(0).optional(),
    /** Mean deals per partner (sizes are heavy-tailed, so the median is lower). */
    dealsPerPartner: z.number().min(0).optional(),
    certifications: z.number().int().min(0),
    seed: z.number().int(),
    taxonomy: TaxonomySchema,
    /** The generator's clock: deals close before it (and open pipeline after it). */
    now: z.union([z.iso.date(), z.iso.datetime({ offset: false })]),
    /** Which CRM the records look like they came from. */
    system: CrmSystemSchema.default('salesforce'),
    /** How far back closed deals go. */
    historyYears: z.number().positive().max(20).default(4),
    /** How size, volume, amounts, wins and certifications follow expertise (defaults: the base law; see LAW_PRESETS). */
    law: EcosystemLawSchema.prefault({}),
  })
  .refine((o) => o.deals !== undefined || o.dealsPerPartner !== undefined, {
    message: 'give either deals or dealsPerPartner',
  });
export type GenerateEcosystemOptions = z.input<typeof GenerateEcosystemOptionsSchema>;

/** What the generator knows and the engine must discover. */
export interface GroundTruth {
  sectors: string[];
  technologies: string[];
  /** Partner ids in generation order; index `p` below refers to this order. */
  partnerIds: PartnerId[];
  /** Latent expertise 0–1 of partner `p` in sector `s` × technology `t` at `p * S * T + s * T + t`. */
  expertise: Float32Array;
  /** Index into ARCHETYPES per partner. */
  archetypes: Uint8Array;
  /** Relative size (sales force) per partner, median 1; independent of expertise under the base law. */
  size: Float32Array;
  /**
   * 1 where partner `p`'s true expertise in pair cell `p * S * T + s * T + t` was left without any deal
   * (the law's `certOnlyShare`); absent for a truth read back from a file.
   */
  certOnly?: Uint8Array;
}

export interface GeneratedEcosystem {
  partners: Partner[];
  people: Person[];
  deals: Deal[];
  certifications: Certification[];
  truth: GroundTruth;
}

/** Latent expertise of a partner (by generation index) in a sector × technology cell. */
export function latentExpertise(
  truth: GroundTruth,
  partner: number,
  sector: number,
  technology: number,
): number {
  const S = truth.sectors.length;
  const T = truth.technologies.length;
  return truth.expertise[partner * S * T + sector * T + technology] ?? 0;
}

const DAY_MS = 86_400_000;
const REGIONS = [
  { name: 'EMEA', share: 0.4, countries: ['DE', 'FR', 'GB', 'NL', 'SE', 'ES', 'IT', 'CH'] },
  { name: 'North America', share: 0.35, countries: ['US', 'US', 'US', 'CA'] },
  { name: 'APAC', share: 0.15, countries: ['AU', 'JP', 'IN', 'SG'] },
  { name: 'LATAM', share: 0.1, countries: ['BR', 'MX', 'AR', 'CL'] },
] as const;
const REGION_CDF = [0.4, 0.75, 0.9, 1];
/** The currency a deal is booked in, by the partner's country. */
const COUNTRY_CURRENCY: Record<string, string> = {
  DE: 'EUR',
  FR: 'EUR',
  NL: 'EUR',
  ES: 'EUR',
  IT: 'EUR',
  GB: 'GBP',
  SE: 'SEK',
  CH: 'CHF',
  US: 'USD',
  CA: 'CAD',
  AU: 'AUD',
  JP: 'JPY',
  IN: 'INR',
  SG: 'USD',
  BR: 'BRL',
  MX: 'USD',
  AR: 'USD',
  CL: 'USD',
};
const PARTNER_TYPES = ['Channel Partner / Reseller', 'Installation Partner', 'Technology Partner'];
const OPEN_STAGES = [
  'Prospecting',
  'Qualification',
  'Needs Analysis',
  'Proposal/Price Quote',
  'Negotiation/Review',
];
const LEVELS: readonly CertificationLevel[] = ['foundational', 'associate', 'professional', 'expert'];
const LEVEL_LABELS = ['Foundational', 'Associate', 'Professional', 'Expert'];

/** Share of deals still open (pipeline), closing within the next six months. */
const OPEN_SHARE = 0.12;
/** Share of deals with a second partner (co-delivery with a specialist of the cell). */
const CO_DELIVERY_SHARE = 0.08;
/** Chance that a deal is with one of the partner's recent customers in the sector. */
const REPEAT_CUSTOMER_SHARE = 0.35;

/** Splits `total` over weights exactly (the parts sum to `total`), deterministically. */
function allocate(weights: Float64Array, total: number): Int32Array {
  let sum = 0;
  for (const w of weights) sum += w;
  const out = new Int32Array(weights.length);
  let cumulative = 0;
  let given = 0;
  for (let i = 0; i < weights.length; i++) {
    cumulative += weights[i]!;
    const upTo = sum > 0 ? Math.floor((total * cumulative) / sum + 1e-9) : 0;
    out[i] = upTo - given;
    given = upTo;
  }
  const last = weights.length - 1;
  if (last >= 0) out[last] = out[last]! + (total - given);
  return out;
}

/** Rounds to three significant digits, the way deal amounts are usually entered. */
function roundAmount(x: number): number {
  if (x <= 0) return 0;
  const magnitude = 10 ** (Math.floor(Math.log10(x)) - 2);
  return Math.round(x / magnitude) * magnitude;
}

/**
 * Builds a synthetic ecosystem that has what makes revenue tiers wrong: partner size (sales force, deal
 * volume, revenue) independent of expertise, so there are big generalists with many mediocre deals and
 * small specialists with few excellent ones; win probability and delivery quality rising with the
 * partner's latent expertise in the deal's cell; certifications held by people, some expired; legacy
 * tiers assigned by revenue; some deals co-delivered by two partners. `law` changes how these follow
 * expertise (see LAW_PRESETS); without it, the base law. Deterministic for a seed, and memory-lean at
 * scale: identical strings and sub-objects (dates, amounts, signals, partner lists) are shared.
 *
 * @example
 * const eco = generateEcosystem({ partners: 200, dealsPerPartner: 20, certifications: 1500, seed: 7,
 *   taxonomy: SAMPLE_TAXONOMY, now: '2025-06-30' });
 */
export function generateEcosystem(options: GenerateEcosystemOptions): GeneratedEcosystem {
  const o = GenerateEcosystemOptionsSchema.parse(options);
  const law = o.law;
  const system: CrmSystem = o.system;
  const random = createRandom(o.seed);
  const taxonomy: Taxonomy = o.taxonomy;
  const S = taxonomy.sectors.length;
  const T = taxonomy.technologies.length;
  const C = S * T;
  const P = o.partners;
  const totalDeals = o.deals ?? Math.round((o.dealsPerPartner ?? 0) * P);
  const nowDay = Math.floor(Date.parse(o.now) / DAY_MS);
  const historyDays = Math.round(o.historyYears * 365);
  const rates = DEFAULT_SCORING_CONFIG.currency.rates;

  // --- Interned values shared across records (memory: 2M deals must fit with room to score them).
  const dates = new Map<number, IsoDate>();
  const isoDate = (day: number): IsoDate => {
    let s = dates.get(day);
    if (s === undefined) {
      s = new Date(day * DAY_MS).toISOString().slice(0, 10);
      dates.set(day, s);
    }
    return s;
  };
  const stamps = new Map<number, IsoDateTime>();
  const isoStamp = (day: number): IsoDateTime => {
    let s = stamps.get(day);
    if (s === undefined) {
      s = `${isoDate(day)}T12:00:00.000Z`;
      stamps.set(day, s);
    }
    return s;
  };
  const amounts = new Map<number, Money>();
  const currencyKeys = new Map<string, number>();
  const money = (amount: number, currency: string): Money => {
    let currencyKey = currencyKeys.get(currency);
    if (currencyKey === undefined) {
      currencyKey = currencyKeys.size;
      currencyKeys.set(currency, currencyKey);
    }
    const key = amount * 64 + currencyKey;
    let m = amounts.get(key);
    if (m === undefined) {
      m = { amount, currency };
      amounts.set(key, m);
    }
    return m;
  };
  const signalsCache = new Map<number, DeliverySignals>();
  const tri = (b: boolean | null) => (b === null ? 0 : b ? 1 : 2);
  const signalsOf = (renewal: boolean | null, expansion: boolean | null, satisfaction: number | null) => {
    const key =
      tri(renewal) * 3 + tri(expansion) + 9 * (satisfaction === null ? 11 : Math.round(satisfaction * 10));
    let sig = signalsCache.get(key);
    if (sig === undefined) {
      sig = { renewal, expansion, satisfaction };
      signalsCache.set(key, sig);
    }
    return sig;
  };
  const noSignals = signalsOf(null, null, null);
  const techLists = new Map<number, string[]>();
  const technologiesOf = (a: number, b: number): string[] => {
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    const key = lo * 1000 + hi;
    let list = techLists.get(key);
    if (list === undefined) {
      list =
        lo === hi
          ? [taxonomy.technologies[lo]!.key]
          : [taxonomy.technologies[lo]!.key, taxonomy.technologies[hi]!.key];
      techLists.set(key, list);
    }
    return list;
  };
  const dealNames: string[] = [];
  for (let s = 0; s < S; s++) {
    for (let t = 0; t < T; t++) {
      dealNames.push(`${taxonomy.technologies[t]!.label} for ${taxonomy.sectors[s]!.label}`);
    }
  }
  const roles: readonly DealRole[] = ['sourced', 'delivered', 'influenced'];

  // --- Market: demand per cell (where deals happen) and attraction (where experts settle), independent.
  const demand = new Float64Array(C);
  const attraction = new Float64Array(C);
  let acc = 0;
  for (let c = 0; c < C; c++) {
    demand[c] = Math.exp(0.6 * random.normal());
    acc += Math.exp(0.8 * random.normal());
    attraction[c] = acc;
  }

  // --- Partners: identity, size, region, latent expertise.
  const partnerIds: PartnerId[] = new Array(P);
  const partnerRefs: SourceRef[] = new Array(P);
  const size = new Float32Array(P);
  const archetypes = new Uint8Array(P);
  const expertise = new Float32Array(P * C);
  const regionOf = new Uint8Array(P);
  const countryOf: string[] = new Array(P);
  const sizeDraw = new Float64Array(P);
  const archetypeShares = archetypeCdf(law);
  for (let p = 0; p < P; p++) {
    const { ref, key } = generatedRef(system, 'partner', p);
    partnerRefs[p] = ref;
    partnerIds[p] = PartnerIdSchema.parse(key);
    sizeDraw[p] = random.normal();
    const r = pickCumulative(REGION_CDF, REGION_CDF.length, random.next());
    regionOf[p] = r;
    countryOf[p] = random.pick(REGIONS[r]!.countries);
    archetypes[p] = drawLatentExpertise(random, S, T, attraction, expertise, p * C, archetypeShares);
  }
  const bestOf = new Float64Array(P);
  for (let p = 0; p < P; p++) {
    let best = 0;
    for (let c = 0; c < C; c++) best = Math.max(best, expertise[p * C + c]!);
    bestOf[p] = best;
  }
  // Size is drawn with the partner (same random stream as ever), then tied to expertise if the law says so.
  correlateWithExpertise(sizeDraw, bestOf, law.size.expertiseCorrelation);
  for (let p = 0; p < P; p++) size[p] = sizeFromNormal(sizeDraw[p]!, law.size);
  // Expert pairs left without deals (newly specialised teams): only drawn when the law asks for them.
  const certOnly = new Uint8Array(P * C);
  if (law.certOnlyShare > 0) {
    for (let i = 0; i < P * C; i++) {
      if (expertise[i]! >= TRUE_EXPERT_THRESHOLD && random.chance(law.certOnlyShare)) certOnly[i] = 1;
    }
  }
  // Specialists of each cell, for co-delivery partners (not the cert-only ones: they have no deals there).
  const expertsOf: number[][] = Array.from({ length: C }, () => []);
  for (let p = 0; p < P; p++) {
    for (let c = 0; c < C; c++) {
      if (expertise[p * C + c]! >= TRUE_EXPERT_THRESHOLD && certOnly[p * C + c] === 0) expertsOf[c]!.push(p);
    }
  }

  // Shared deal-partner entries and single-partner lists, one per (partner, role).
  const dealPartnerCache: (DealPartner | undefined)[] = new Array(P * 3);
  const soloCache: (DealPartner[] | undefined)[] = new Array(P * 3);
  const dealPartner = (p: number, role: number): DealPartner => {
    let dp = dealPartnerCache[p * 3 + role];
    if (dp === undefined) {
      dp = { partnerId: partnerIds[p]!, role: roles[role]! };
      dealPartnerCache[p * 3 + role] = dp;
    }
    return dp;
  };
  const solo = (p: number, role: number): DealPartner[] => {
    let list = soloCache[p * 3 + role];
    if (list === undefined) {
      list = [dealPartner(p, role)];
      soloCache[p * 3 + role] = list;
    }
    return list;
  };

  // --- Customers: a pool per sector, sized by the sector's demand; ids made when first used.
  const sectorDemand = new Float64Array(S);
  for (let c = 0; c < C; c++) sectorDemand[Math.floor(c / T)]! += demand[c]!;
  const poolSize = allocate(sectorDemand, Math.max(S * 20, Math.round(totalDeals * 0.3)));
  const poolStart = new Int32Array(S);
  for (let s = 1; s < S; s++) poolStart[s] = poolStart[s - 1]! + poolSize[s - 1]!;
  const customerIds: (string | null)[] = new Array(poolStart[S - 1]! + poolSize[S - 1]!).fill(null);
  const customerId = (index: number): string => {
    let id = customerIds[index];
    if (id === null || id === undefined) {
      id = generatedRef(system, 'customer', index).key;
      customerIds[index] = id;
    }
    return id;
  };

  // --- Deals, partner by partner.
  const dealCounts = allocate(Float64Array.from(size), totalDeals);
  const deals: Deal[] = new Array(totalDeals);
  const wonRevenue = new Float64Array(P);
  const revenueSince = nowDay - 730;
  const activity = new Float64Array(C);
  const RECENT = 8;
  const recent = new Int32Array(S * RECENT);
  const recentCount = new Int32Array(S);
  const winShift = new Float64Array(C);
  const { floor, exponent } = law.volume;
  let serial = 0;
  for (let p = 0; p < P; p++) {
    const base = p * C;
    let sum = 0;
    for (let c = 0; c < C; c++) {
      const e = expertise[base + c]!;
      if (certOnly[base + c] === 0) sum += demand[c]! * (floor + powerOf(e, exponent));
      activity[c] = sum;
    }
    if (sum <= 0) {
      // A zero floor and no expertise anywhere: the partner's deals follow demand alone.
      for (let c = 0; c < C; c++) {
        if (certOnly[base + c] === 0) sum += demand[c]!;
        activity[c] = sum;
      }
    }
    if (law.win.noise > 0) for (let c = 0; c < C; c++) winShift[c] = law.win.noise * random.normal();
    recentCount.fill(0);
    const currencies = COUNTRY_CURRENCY[countryOf[p]!] ?? 'USD';
    const sizeLog = Math.log(size[p]!);
    for (let k = 0; k < dealCounts[p]!; k++) {
      const cell = pickCumulative(activity, C, random.next());
      const s = Math.floor(cell / T);
      const t = cell % T;
      const role = pickCumulative(ROLE_CDF, 3, random.next());
      let partners = solo(p, role);
      let eWin = expertise[base + cell]!;
      let eDelivery = eWin;
      let coPartner = -1;
      if (random.chance(CO_DELIVERY_SHARE)) {
        const experts = expertsOf[cell]!;
        const q = experts.length > 0 ? experts[random.int(experts.length)]! : p;
        if (q !== p) {
          const qRole = role === 0 ? 1 : 2;
          partners = [dealPartner(p, role), dealPartner(q, qRole)];
          coPartner = q;
          const eq = expertise[q * C + cell]!;
          eWin = Math.max(eWin, eq);
          if (qRole === 1) eDelivery = eq;
        }
      }
      const open = random.chance(OPEN_SHARE);
      const closeDay = open ? nowDay + 1 + random.int(180) : nowDay - random.int(historyDays);
      let pWin = law.win.base + law.win.gain * eWin ** law.win.exponent;
      if (law.win.noise > 0) pWin = Math.min(0.98, Math.max(0.02, pWin + winShift[cell]!));
      const won = !open && random.chance(pWin);

      let customer: number;
      const n = recentCount[s]!;
      if (n > 0 && random.chance(REPEAT_CUSTOMER_SHARE)) {
        customer = recent[s * RECENT + random.int(Math.min(n, RECENT))]!;
      } else {
        customer = poolStart[s]! + random.int(poolSize[s]!);
        recent[s * RECENT + (n % RECENT)] = customer;
        recentCount[s] = n + 1;
      }

      let second = random.chance(0.2) ? random.int(T) : t;
      // A second technology never brings a deal into a cell its partners must not have deals in.
      const secondCell = s * T + second;
      if (
        certOnly[base + secondCell] === 1 ||
        (coPartner >= 0 && certOnly[coPartner * C + secondCell] === 1)
      ) {
        second = t;
      }
      let amount: Money | null = null;
      let amountBase = 0;
      if (!random.chance(0.03)) {
        amountBase = Math.exp(
          Math.log(30_000) +
            law.amount.sizeElasticity * sizeLog +
            law.amount.expertiseSlope * expertise[base + cell]! +
            0.9 * random.normal(),
        );
        const rate = rates[currencies] ?? 1;
        amount = money(roundAmount(amountBase / rate), currencies);
        amountBase = amount.amount * rate;
      }
      let signals = noSignals;
      if (won) {
        const satisfaction = random.chance(0.5 * law.signalRate)
          ? Math.round(10 * Math.min(1, Math.max(0, 0.45 + 0.5 * eDelivery + 0.12 * random.normal()))) / 10
          : null;
        const renewal = random.chance(0.25 * law.signalRate) ? random.chance(0.55 + 0.4 * eDelivery) : null;
        const expansion = random.chance(0.25 * law.signalRate) ? random.chance(0.1 + 0.5 * eDelivery) : null;
        signals = signalsOf(renewal, expansion, satisfaction);
        if (closeDay >= revenueSince) {
          wonRevenue[p] = wonRevenue[p]! + amountBase;
          if (coPartner >= 0) wonRevenue[coPartner] = wonRevenue[coPartner]! + amountBase;
        }
      }
      const record = generatedRef(system, 'deal', serial);
      deals[serial++] = {
        id: DealIdSchema.parse(record.key),
        source: record.ref,
        name: dealNames[cell]!,
        partners,
        customerId: customerId(customer),
        sector: taxonomy.sectors[s]!.key,
        technologies: technologiesOf(t, second),
        amount,
        stage: open ? random.pick(OPEN_STAGES) : won ? 'Closed Won' : 'Closed Lost',
        isWon: won,
        isClosed: !open,
        closeDate: isoDate(closeDay),
        signals,
        lastModified: isoStamp(open ? nowDay - random.int(30) : closeDay),
      };
    }
  }

  // --- People and certifications.
  const certWeights = new Float64Array(P);
  for (let p = 0; p < P; p++) certWeights[p] = size[p]! * (0.4 + bestOf[p]!);
  const certCounts = allocate(certWeights, o.certifications);
  const personName = createPersonNames();
  const people: Person[] = [];
  const certifications: Certification[] = [];
  const techCdf = new Float64Array(T);
  const sectorCdf = new Float64Array(S);
  const techBest = new Float64Array(T);
  const sectorBest = new Float64Array(S);
  const certNames = new Map<string, string>();
  const certName = (label: string, level: number) => {
    const key = `${label}|${level}`;
    let name = certNames.get(key);
    if (name === undefined) {
      name = `${label} ${LEVEL_LABELS[level]}`;
      certNames.set(key, name);
    }
    return name;
  };
  const domains: string[] = new Array(P);
  const names: string[] = new Array(P);
  for (let p = 0; p < P; p++) {
    names[p] = companyName(random, p);
    domains[p] = companyDomain(names[p]!, p);
  }
  let certSerial = 0;
  for (let p = 0; p < P; p++) {
    const count = certCounts[p]!;
    if (count === 0) continue;
    techBest.fill(0);
    sectorBest.fill(0);
    for (let s = 0; s < S; s++) {
      for (let t = 0; t < T; t++) {
        const e = expertise[p * C + s * T + t]!;
        if (e > techBest[t]!) techBest[t] = e;
        if (e > sectorBest[s]!) sectorBest[s] = e;
      }
    }
    let sum = 0;
    for (let t = 0; t < T; t++) {
      sum += 0.03 + techBest[t]! ** 3;
      techCdf[t] = sum;
    }
    sum = 0;
    for (let s = 0; s < S; s++) {
      sum += 0.03 + sectorBest[s]! ** 3;
      sectorCdf[s] = sum;
    }
    const firstPerson = people.length;
    const headcount = Math.max(1, Math.round(count / 1.7));
    for (let h = 0; h < headcount; h++) {
      const { ref, key } = generatedRef(system, 'person', firstPerson + h);
      const name = personName(random);
      people.push({
        id: key,
        source: ref,
        name,
        email: flatString(`person${firstPerson + h}@${domains[p]}`),
        partnerId: partnerIds[p]!,
        lastModified: isoStamp(nowDay - random.int(365)),
      });
    }
    for (let k = 0; k < count; k++) {
      const industry = random.chance(0.1);
      const t = !industry || random.chance(0.3) ? pickCumulative(techCdf, T, random.next()) : -1;
      const s = industry ? pickCumulative(sectorCdf, S, random.next()) : -1;
      const eRelevant = t >= 0 ? techBest[t]! : sectorBest[s]!;
      const levelScore = 0.65 * eRelevant + 0.35 * random.next();
      const level = levelScore < 0.3 ? 0 : levelScore < 0.5 ? 1 : levelScore < 0.72 ? 2 : 3;
      // Experts keep their certifications current; others let them lapse.
      const earned = random.chance(0.25 + 0.6 * eRelevant)
        ? nowDay - random.int(700)
        : nowDay - random.int(6 * 365);
      const expiry = random.chance(0.05) ? null : earned + (random.chance(0.5) ? 730 : 1095);
      const holder = random.chance(0.02) ? null : people[firstPerson + random.int(headcount)]!.id;
      const record = generatedRef(system, 'certification', certSerial++);
      const label = t >= 0 ? taxonomy.technologies[t]!.label : taxonomy.sectors[s]!.label;
      certifications.push({
        id: CertificationIdSchema.parse(record.key),
        source: record.ref,
        name: certName(label, level),
        partnerId: partnerIds[p]!,
        personId: holder,
        technology: t >= 0 ? taxonomy.technologies[t]!.key : null,
        sector: s >= 0 ? taxonomy.sectors[s]!.key : null,
        level: LEVELS[level]!,
        earnedDate: isoDate(earned),
        expiryDate: expiry === null ? null : isoDate(expiry),
        lastModified: isoStamp(Math.min(nowDay, earned + random.int(30))),
      });
    }
  }

  // --- Partner records, with the legacy tier a revenue programme would give them.
  const tiers = assignLegacyTiers(wonRevenue);
  const partners: Partner[] = new Array(P);
  for (let p = 0; p < P; p++) {
    partners[p] = {
      id: partnerIds[p]!,
      name: names[p]!,
      domain: domains[p]!,
      country: countryOf[p]!,
      region: REGIONS[regionOf[p]!]!.name,
      partnerType: PARTNER_TYPES[p % PARTNER_TYPES.length]!,
      legacyTier: tiers[p]!,
      sourceRefs: [partnerRefs[p]!],
      crossRefs: [],
      lastModified: isoStamp(nowDay - (p % 90)),
    };
  }

  return {
    partners,
    people,
    deals,
    certifications,
    truth: {
      sectors: taxonomy.sectors.map((e) => e.key),
      technologies: taxonomy.technologies.map((e) => e.key),
      partnerIds,
      expertise,
      archetypes,
      size,
      certOnly,
    },
  };
}

const ROLE_CDF = [0.65, 0.9, 1];
