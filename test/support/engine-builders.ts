/** Builders of small, hand-made model records for the engine's tests (seeded ids, sensible defaults). */

import { SAMPLE_TAXONOMY } from '../../devkit/generator/sample-taxonomy.js';
import type { ScoreInput } from '../../src/engine/score-core.js';
import {
  type Certification,
  CertificationIdSchema,
  type CertificationLevel,
} from '../../src/model/certification.js';
import { type Deal, DealIdSchema, type DealRole } from '../../src/model/deal.js';
import { type Partner, PartnerIdSchema } from '../../src/model/partner.js';
import { DEFAULT_SCORING_CONFIG, type ScoringConfig } from '../../src/model/scoring.js';

/** The fixed clock of engine tests. */
export const NOW = '2025-06-30';

/** `salesforce:Account:P<n>`. */
export function partnerId(n: number | string) {
  return PartnerIdSchema.parse(`salesforce:Account:P${n}`);
}

export function makePartner(n: number | string, overrides: Partial<Partner> = {}): Partner {
  return {
    id: partnerId(n),
    name: `Partner ${n}`,
    domain: null,
    country: 'DE',
    region: 'EMEA',
    partnerType: null,
    legacyTier: null,
    sourceRefs: [{ system: 'salesforce', object: 'Account', id: `P${n}` }],
    crossRefs: [],
    lastModified: '2025-01-01T00:00:00.000Z',
    ...overrides,
  };
}

let dealSerial = 0;

export interface DealSpec extends Partial<Deal> {
  /** Partner number (shorthand for a one-partner deal). */
  partner?: number | string;
  role?: DealRole;
  /** Amount in EUR (shorthand for `amount`). */
  eur?: number;
  /** Won (default), lost or open. */
  status?: 'won' | 'lost' | 'open';
  satisfaction?: number | null;
}

/** A deal; by default won, 30 days before NOW, in healthcare × data_ai, 25 000 EUR, customer C<serial>. */
export function makeDeal(spec: DealSpec = {}): Deal {
  const serial = ++dealSerial;
  const { partner, role = 'sourced', eur, status = 'won', satisfaction = null, ...rest } = spec;
  const id = `D${serial}`;
  return {
    id: DealIdSchema.parse(`salesforce:Opportunity:${id}`),
    source: { system: 'salesforce', object: 'Opportunity', id },
    name: null,
    partners: partner === undefined ? [] : [{ partnerId: partnerId(partner), role }],
    customerId: `C${serial}`,
    sector: 'healthcare',
    technologies: ['data_ai'],
    amount: { amount: eur ?? 25_000, currency: 'EUR' },
    stage: status === 'won' ? 'Closed Won' : status === 'lost' ? 'Closed Lost' : 'Prospecting',
    isWon: status === 'won',
    isClosed: status !== 'open',
    closeDate: status === 'open' ? '2025-08-30' : '2025-05-31',
    signals: { renewal: null, expansion: null, satisfaction },
    lastModified: '2025-05-31T00:00:00.000Z',
    ...rest,
  };
}

let certSerial = 0;

/** An active certification (earned a year before NOW, valid three years) in data_ai, professional. */
export function makeCert(
  partner: number | string,
  person: string | null,
  overrides: Partial<Certification> & { level?: CertificationLevel } = {},
): Certification {
  const serial = ++certSerial;
  const id = `X${serial}`;
  return {
    id: CertificationIdSchema.parse(`salesforce:Partner_Certification__c:${id}`),
    source: { system: 'salesforce', object: 'Partner_Certification__c', id },
    name: null,
    partnerId: partnerId(partner),
    personId: person,
    technology: 'data_ai',
    sector: null,
    level: 'professional',
    earnedDate: '2024-06-30',
    expiryDate: '2027-06-30',
    lastModified: '2024-06-30T00:00:00.000Z',
    ...overrides,
  };
}

/** A config derived from the defaults. */
export function configWith(change: (c: ScoringConfig) => void): ScoringConfig {
  const config = structuredClone(DEFAULT_SCORING_CONFIG);
  change(config);
  return config;
}

/** A scoring input over the sample taxonomy with the default config at NOW. */
export function inputOf(parts: Partial<ScoreInput>): ScoreInput {
  return {
    partners: [],
    deals: [],
    certifications: [],
    taxonomy: SAMPLE_TAXONOMY,
    config: DEFAULT_SCORING_CONFIG,
    now: NOW,
    ...parts,
  };
}

/** Partner numbers of `background()` start here, clear of the numbers tests give their own partners. */
export const BACKGROUND_FROM = 900;

/** Closed deals of a background partner in each of its own cells. */
const BACKGROUND_DEALS = 5;
/**
 * Won deals out of the five closed in each of a background partner's own cells (cycled over the partners):
 * one deal in three overall, and partners that genuinely differ (from none to four in five), as in a real
 * market; the priors are fitted from that spread (a win-rate prior of a few deals' strength).
 */
const BACKGROUND_WON = [0, 2, 0, 4, 3, 1] as const;
/** CSAT on a background partner's wins in its own cells (cycled). */
const BACKGROUND_CSAT = [0.2, 0.4, 0.6, 0.8, 1] as const;
/** Background deals close 13 to 18 months before NOW: inside the level window, outside the map's demand window. */
const BACKGROUND_DATES = ['2024-01-15', '2024-03-15', '2024-05-15'] as const;
/** Contested cells a background partner bids in (fewer if fewer are given), and closed deals per bid. */
const BACKGROUND_BIDS = 2;
const BACKGROUND_BID_DEALS = 2;

export interface BackgroundOptions {
  /**
   * Cells the background stays out of. `sector|technology` and `*|technology`: no evidence at all there (no
   * deals, and no certified people who would count there). `sector|*`: no work in the sector beyond its
   * bids in `competesIn` cells; where it bids there, its certified people count in the sector's cells of
   * their technologies, as anyone's do (skills alone never make a level).
   */
  avoid?: readonly string[];
  /**
   * Sector × technology cells where the partners under test are measured (even if `avoid` covers them).
   * The background bids there as an ordinary competitor: a small part of its work (each partner two closed
   * deals in each of two of those cells, or in the one given; one bid in three in a cell wins one of its
   * deals, with poor delivery, CSAT 0.3). It sets the cell's norm (a fixture partner alone in a cell IS the
   * norm) that a partner concentrating its work there stands out from, and holds no level there.
   */
  competesIn?: readonly string[];
  /** Region of the background's partners (default APAC: tests' own partners are EMEA unless told). */
  region?: string;
}

/**
 * An ordinary market for a hand-built ecosystem to stand out from. Scores are relative to the ecosystem's
 * norm in each cell, and the priors are fitted only from 20 or more partners' rows of a cell kind: in a
 * fixture without a market, whoever wins everything IS the norm and nobody stands out.
 *
 * `count` partners numbered from 900 (BACKGROUND_FROM), in region APAC unless told. Each works three
 * sector × technology cells of its own (neither avoided nor contested), five closed deals in each (a
 * customer per deal, closed 13–18 months before NOW: in the level window, not in the map's demand window,
 * so a fixture's demand figures stay its own). A partner wins none to four of the five in every own cell
 * (one in three overall) with CSAT 0.2–1 on its wins, and has one to three certified people (associate or
 * professional) in the technologies of its own cells (none who would count in an avoided cell or
 * technology). With `competesIn`, each also bids in those cells (see there): most of its work stays in its
 * own cells. Deterministic: the same call gives the same records (ids aside).
 */
export function background(count = 24, options: BackgroundOptions = {}) {
  const sectors = SAMPLE_TAXONOMY.sectors.map((s) => s.key);
  const technologies = SAMPLE_TAXONOMY.technologies.map((t) => t.key);
  const avoid = new Set(options.avoid ?? []);
  const competesIn = options.competesIn ?? [];
  const avoided = (s: string, t: string) =>
    avoid.has(`${s}|${t}`) || avoid.has(`${s}|*`) || avoid.has(`*|${t}`);
  // Where a certified person may not count: an avoided cell or technology (a whole avoided sector only
  // keeps the background's work out).
  const closedToSkills = (s: string, t: string) =>
    (avoid.has(`${s}|${t}`) || avoid.has(`*|${t}`)) && !competesIn.includes(`${s}|${t}`);
  for (const cell of competesIn) {
    const [s, t] = cell.split('|');
    if (!sectors.includes(s ?? '') || !technologies.includes(t ?? ''))
      throw new Error(`background(): "${cell}" is not a sector × technology cell of the sample taxonomy`);
  }
  const allowed = sectors
    .flatMap((s) => technologies.map((t) => [s, t] as const))
    .filter(([s, t]) => !avoided(s, t) && !competesIn.includes(`${s}|${t}`));
  if (allowed.length < 3) throw new Error('background(): fewer than three cells left to work in');
  const partners: Partner[] = [];
  const deals: Deal[] = [];
  const certifications: Certification[] = [];
  const bidsIn = competesIn.map(() => 0);
  for (let i = 0; i < count; i++) {
    const n = BACKGROUND_FROM + i;
    partners.push(makePartner(n, { region: options.region ?? 'APAC' }));
    const won = BACKGROUND_WON[i % BACKGROUND_WON.length]!;
    const satisfaction = BACKGROUND_CSAT[i % BACKGROUND_CSAT.length]!;
    const picked = new Set<number>();
    const L = allowed.length;
    for (let k = 0; picked.size < 3; k++) picked.add((i * 7 + (k < L ? k * 11 : k)) % L);
    const cells = [...picked].map((c) => allowed[c]!);
    cells.forEach(([sector, technology], k) => {
      for (let d = 0; d < BACKGROUND_DEALS; d++) {
        deals.push(
          makeDeal({
            partner: n,
            sector,
            technologies: [technology],
            status: d < won ? 'won' : 'lost',
            satisfaction: d < won ? satisfaction : null,
            closeDate: BACKGROUND_DATES[(i + k + d) % BACKGROUND_DATES.length]!,
          }),
        );
      }
    });
    const partnerSectors = new Set(cells.map(([sector]) => sector));
    for (let b = 0; b < Math.min(BACKGROUND_BIDS, competesIn.length); b++) {
      const c = (i + b) % competesIn.length;
      const [sector = '', technology = ''] = competesIn[c]!.split('|');
      const wins = bidsIn[c]! % 3 === 0 ? 1 : 0;
      bidsIn[c] = bidsIn[c]! + 1;
      partnerSectors.add(sector);
      for (let d = 0; d < BACKGROUND_BID_DEALS; d++)
        deals.push(
          makeDeal({
            partner: n,
            sector,
            technologies: [technology],
            status: d < wins ? 'won' : 'lost',
            satisfaction: d < wins ? 0.3 : null,
            closeDate: BACKGROUND_DATES[(i + b + d) % BACKGROUND_DATES.length]!,
          }),
        );
    }
    // A technology certification also counts in the partner's other sectors (those it bids in too): leave
    // out technologies that would bring it into an avoided cell or technology.
    for (let j = 0; j <= i % 3; j++) {
      const technology = cells[j]![1];
      if ([...partnerSectors].some((s) => closedToSkills(s, technology))) continue;
      certifications.push(
        makeCert(n, `bg${n}-${j}`, { technology, level: j % 2 === i % 2 ? 'professional' : 'associate' }),
      );
    }
  }
  return { partners, deals, certifications };
}
