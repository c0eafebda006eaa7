/**
 * How much of each CRM's data can become evidence: won deals without a synced partner, a sector or a
 * technology, certifications without a partner. A mapping that links nothing (labels the portal does not
 * use, a lookup the org lacks) shows here, and a CRM holding deals that yield no evidence at all is an error,
 * never a quiet "0 with segments".
 */

import { crmPlugin } from '../../connectors/registry.js';
import { count, withThousands } from '../engine/index.js';
import type { CrmSystem, Deal } from '../model/index.js';
import type { ResolvedModel } from './resolve-identities.js';

export interface EvidenceCoverage {
  deals: number;
  wonDeals: number;
  /** Won deals naming no synced partner (no linkage matched, or only partners that were not synced). */
  wonWithoutPartner: number;
  wonWithoutSector: number;
  wonWithoutTechnology: number;
  /** Deals with a synced partner and a sector or technology: the deals the engine can use. */
  usableDeals: number;
  certifications: number;
  /** Certifications of a synced partner in a technology or sector. */
  usableCertifications: number;
}

const empty = (): EvidenceCoverage => ({
  deals: 0,
  wonDeals: 0,
  wonWithoutPartner: 0,
  wonWithoutSector: 0,
  wonWithoutTechnology: 0,
  usableDeals: 0,
  certifications: 0,
  usableCertifications: 0,
});

/** Per CRM, what its deals and certifications can prove once identities are resolved. */
export function evidenceCoverage(model: ResolvedModel): Map<CrmSystem, EvidenceCoverage> {
  const partnerIds = new Set<string>(model.partners.map((p) => p.id));
  const out = new Map<CrmSystem, EvidenceCoverage>();
  const of = (system: CrmSystem) => {
    let c = out.get(system);
    if (!c) {
      c = empty();
      out.set(system, c);
    }
    return c;
  };
  const linked = (deal: Deal) => deal.partners.some((p) => partnerIds.has(p.partnerId));
  for (const deal of model.deals) {
    const c = of(deal.source.system);
    c.deals++;
    const hasPartner = linked(deal);
    const placed = deal.sector !== null || deal.technologies.length > 0;
    if (hasPartner && placed) c.usableDeals++;
    if (!deal.isWon) continue;
    c.wonDeals++;
    if (!hasPartner) c.wonWithoutPartner++;
    if (deal.sector === null) c.wonWithoutSector++;
    if (deal.technologies.length === 0) c.wonWithoutTechnology++;
  }
  for (const cert of model.certifications) {
    const c = of(cert.source.system);
    c.certifications++;
    if (partnerIds.has(cert.partnerId) && (cert.technology !== null || cert.sector !== null))
      c.usableCertifications++;
  }
  return out;
}

const n = withThousands;

/** One line for the run's log: "412 of 3,120 won deals have no partner, …". */
export function describeCoverage(c: EvidenceCoverage): string {
  if (c.wonDeals === 0)
    return `${count(c.deals, 'deal', 'deals', n)}, none won; ${count(c.usableCertifications, 'usable certification', 'usable certifications', n)}`;
  const gaps = [
    [c.wonWithoutPartner, 'no partner'],
    [c.wonWithoutSector, 'no sector'],
    [c.wonWithoutTechnology, 'no technology'],
  ] as const;
  const parts = gaps.map(
    ([missing, what]) =>
      `${n(missing)} of ${count(c.wonDeals, 'won deal', 'won deals', n)} ${missing === 1 ? 'has' : 'have'} ${what}`,
  );
  return `${parts.join(', ')}; ${count(c.usableDeals, 'deal', 'deals', n)} and ${count(c.usableCertifications, 'certification', 'certifications', n)} usable as evidence`;
}

/**
 * Why a CRM's deals yield no evidence at all although it holds some, in words; null when they yield some.
 * Certifications alone do not save it: they prove skills, never delivery, and a CRM with deals none of
 * which counts has a mapping that links nothing. The likeliest cause comes first, so the admin knows
 * which mapping part to fix.
 */
export function noEvidenceReason(system: CrmSystem, c: EvidenceCoverage): string | null {
  if (c.deals === 0 || c.usableDeals > 0) return null;
  const won = c.wonDeals;
  const cause =
    won > 0 && c.wonWithoutPartner === won
      ? 'none names a synced partner: check the deal → partner linkage (lookup fields, junction roles, association labels) with `atlas connect ' +
        system +
        ' --check`'
      : won > 0 && c.wonWithoutSector === won && c.wonWithoutTechnology === won
        ? 'none has a sector or a technology: check the sector and technologies mappings and taxonomy.yaml'
        : 'no deal has both a synced partner and a sector or technology';
  return `${crmPlugin(system).label} holds ${count(c.deals, 'deal', 'deals', n)} but yields no evidence: ${cause}`;
}
