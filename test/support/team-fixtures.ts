/**
 * Small hand-built ecosystems for the teaming tests: partners made Specialist, Proven or Emerging in chosen
 * cells. Scores are relative to each cell's norm, so these bundles hold their levels only against an
 * ordinary market that competes in their cells (`market`); alone in a cell, a partner IS the norm.
 */
import type { Certification } from '../../src/model/certification.js';
import type { Deal } from '../../src/model/deal.js';
import { background, type DealSpec, makeCert, makeDeal, partnerId } from './engine-builders.js';

/** `count` won deals (CSAT 0.9) and `lost` lost deals of one partner in one cell; `spec` changes every deal. */
export function wins(
  n: number,
  count: number,
  sector: string,
  technology: string,
  lost = 0,
  spec: DealSpec = {},
): Deal[] {
  return [
    ...Array.from({ length: count }, () =>
      makeDeal({ partner: n, sector, technologies: [technology], satisfaction: 0.9, ...spec }),
    ),
    ...Array.from({ length: lost }, () =>
      makeDeal({ partner: n, sector, technologies: [technology], ...spec, status: 'lost' }),
    ),
  ];
}

/** `count` people of partner `n`, each with an active certification in `technology` at `level`. */
export function certs(
  n: number,
  count: number,
  technology: string,
  level: Certification['level'] = 'expert',
): Certification[] {
  return Array.from({ length: count }, (_, i) =>
    makeCert(n, `p${n}-${technology}-${i}`, { technology, level }),
  );
}

/** Where `coDeal` puts co-delivered deals by default: a cell of their own. */
const CO_DEAL_CELL = ['energy', 'erp'] as const;

/** Partners of a teaming fixture's market: enough that its bids, not the fixture's partners, set the norms. */
const MARKET_PARTNERS = 48;

/**
 * The ordinary market of a teaming fixture: `background()`'s partners (48, numbered from 900, region APAC)
 * bidding in `cells` (sector × technology keys), where the fixture's partners are measured: a small part of
 * their work, which sets those cells' norms. Otherwise it works in other sectors than those of `cells` and
 * `coDeal`'s (and stays out of `alsoAvoid`), so that it holds no level a teaming test would have to step
 * around.
 */
export function market(cells: readonly string[], alsoAvoid: readonly string[] = []) {
  const sectors = new Set([...cells.map((c) => c.split('|')[0]!), CO_DEAL_CELL[0]]);
  return background(MARKET_PARTNERS, {
    competesIn: cells,
    avoid: [...[...sectors].map((s) => `${s}|*`), ...alsoAvoid],
  });
}

/**
 * Specialist in the default ladder, against a `market` in its cell, with room to spare (a score near 90,
 * even with its work split over two cells): all its work there, 8 customers won (CSAT 1) of 8 closed deals,
 * and 3 expert-certified people.
 */
export function specialist(n: number, sector: string, technology: string) {
  return {
    deals: wins(n, 8, sector, technology, 0, { satisfaction: 1 }),
    certifications: certs(n, 3, technology),
  };
}

/**
 * Proven in the default ladder, against a `market` in its cell: `won` won customers (two by default: a
 * Specialist needs three) and `lost` lost deals, all its work there, and `people` expert-certified people
 * (one by default).
 */
export function proven(n: number, sector: string, technology: string, won = 2, lost = 1, people = 1) {
  return { deals: wins(n, won, sector, technology, lost), certifications: certs(n, people, technology) };
}

/**
 * A won deal of several partners together (co-delivery), in a cell of its own. With `sector` null, a deal
 * whose customer has no known sector: it counts for the technology alone, not in any sector or pair cell.
 */
export function coDeal(
  partners: number[],
  sector: string | null = CO_DEAL_CELL[0],
  technology: string = CO_DEAL_CELL[1],
): Deal {
  return makeDeal({
    sector,
    technologies: [technology],
    partners: partners.map((n, i) => ({ partnerId: partnerId(n), role: i === 0 ? 'sourced' : 'delivered' })),
  });
}

/** Merges evidence bundles into one deals and one certifications list. */
export function evidence(...parts: { deals: Deal[]; certifications: Certification[] }[]) {
  return {
    deals: parts.flatMap((p) => p.deals),
    certifications: parts.flatMap((p) => p.certifications),
  };
}

/** The healthcare cells of `healthcareEvidence`. */
export const HEALTHCARE_CELLS = ['healthcare|data_ai', 'healthcare|security', 'healthcare|cloud'];

/**
 * Healthcare, shared by the team-match and teammate tests: P1 Specialist in Data & AI (the strongest record:
 * a ninth customer won and a fourth certified person), P2 Specialist in Security, P3 Proven in Cloud, P4
 * Proven in Security (weaker than P2), P7 a thinner Specialist in Cloud; an ordinary market (`others`) bids
 * in those three cells and sets their norms. The caller makes the partners 1–4 and 7 (and any others).
 */
export function healthcareEvidence(extra: Parameters<typeof evidence> = []) {
  const others = market(HEALTHCARE_CELLS);
  const strongest = {
    deals: wins(1, 1, 'healthcare', 'data_ai', 0, { satisfaction: 1 }),
    certifications: [makeCert(1, 'p1-fourth', { technology: 'data_ai', level: 'expert' })],
  };
  const thinCloud = { deals: wins(7, 3, 'healthcare', 'cloud'), certifications: certs(7, 4, 'cloud') };
  const { deals, certifications } = evidence(
    specialist(1, 'healthcare', 'data_ai'),
    strongest,
    specialist(2, 'healthcare', 'security'),
    proven(3, 'healthcare', 'cloud', 2, 0, 2),
    proven(4, 'healthcare', 'security', 2, 4),
    thinCloud,
    others,
    ...extra,
  );
  return { others, deals, certifications };
}
