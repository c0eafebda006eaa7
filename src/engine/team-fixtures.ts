/** Small hand-built ecosystems for the teaming tests: partners made Specialist, Proven or Emerging in chosen cells. */
import type { Certification } from '../model/certification.js';
import type { Deal } from '../model/deal.js';
import { makeCert, makeDeal, partnerId } from './test-builders.js';

/** `count` won deals (CSAT 0.9) and `lost` lost deals of one partner in one cell. */
export function wins(n: number, count: number, sector: string, technology: string, lost = 0): Deal[] {
  return [
    ...Array.from({ length: count }, () =>
      makeDeal({ partner: n, sector, technologies: [technology], satisfaction: 0.9 }),
    ),
    ...Array.from({ length: lost }, () =>
      makeDeal({ partner: n, sector, technologies: [technology], status: 'lost' }),
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

/** Specialist in the default ladder: 8 won customers and 4 expert-certified people (score about 90). */
export function specialist(n: number, sector: string, technology: string) {
  return { deals: wins(n, 8, sector, technology), certifications: certs(n, 4, technology) };
}

/** Proven in the default ladder: `won` won customers (3 or 4), `lost` lost deals, one expert-certified person. */
export function proven(n: number, sector: string, technology: string, won = 4, lost = 1) {
  return { deals: wins(n, won, sector, technology, lost), certifications: certs(n, 1, technology) };
}

/** A won deal of several partners together (co-delivery), in a cell of its own. */
export function coDeal(partners: number[], sector = 'energy', technology = 'erp'): Deal {
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
