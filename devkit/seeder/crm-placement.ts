/** Which CRM holds what: partners in Salesforce, HubSpot or both; each partner's people; each deal. */
import { z } from 'zod';
import type { CrmSystem } from '../../src/model/source-ref.js';
import { keyedUnit } from '../seeded-random.js';
import { SALT } from './draw-salts.js';

/** Membership bit of a partner in Salesforce. */
export const IN_SALESFORCE = 1;
/** Membership bit of a partner in HubSpot. */
export const IN_HUBSPOT = 2;
/** A partner in both CRMs (both bits). */
export const IN_BOTH = 3;

/** Shares of partners living only in Salesforce, only in HubSpot, and in both (normalised to sum 1). */
export const CrmSplitSchema = z
  .object({
    salesforceOnly: z.number().min(0).default(0.5),
    hubspotOnly: z.number().min(0).default(0.3),
    both: z.number().min(0).default(0.2),
  })
  .refine((s) => s.salesforceOnly + s.hubspotOnly + s.both > 0, {
    message: 'the split needs a positive share',
  });
export type CrmSplit = z.infer<typeof CrmSplitSchema>;

/** Membership per partner (generation order). With one system, every partner lives there. */
export function placePartners(
  count: number,
  systems: ReadonlySet<CrmSystem>,
  split: CrmSplit,
  seed: number,
): Uint8Array {
  const out = new Uint8Array(count);
  const sf = systems.has('salesforce');
  const hs = systems.has('hubspot');
  if (!(sf && hs)) {
    out.fill(sf ? IN_SALESFORCE : IN_HUBSPOT);
    return out;
  }
  const total = split.salesforceOnly + split.hubspotOnly + split.both;
  const sfOnly = split.salesforceOnly / total;
  const hsOnly = sfOnly + split.hubspotOnly / total;
  for (let p = 0; p < count; p++) {
    const u = keyedUnit(seed, SALT.partnerCrm, p);
    out[p] = u < sfOnly ? IN_SALESFORCE : u < hsOnly ? IN_HUBSPOT : IN_BOTH;
  }
  return out;
}

/** The one CRM a partner in both keeps its people and certifications in (a coin flip per partner). */
export function peopleHome(membership: number, seed: number, partner: number): number {
  if (membership !== IN_BOTH) return membership;
  return keyedUnit(seed, SALT.peopleCrm, partner) < 0.5 ? IN_SALESFORCE : IN_HUBSPOT;
}

/**
 * The CRM a deal is recorded in: its sourcing partner's; for a partner in both, the CRM its co-partner is
 * in too when there is one, else a coin flip per deal.
 */
export function dealHome(
  partnerMembership: number,
  coPartnerMembership: number,
  seed: number,
  deal: number,
): number {
  if (partnerMembership !== IN_BOTH) return partnerMembership;
  const shared = coPartnerMembership & IN_BOTH;
  if (shared === IN_SALESFORCE || shared === IN_HUBSPOT) return shared;
  return keyedUnit(seed, SALT.dealCrm, deal) < 0.5 ? IN_SALESFORCE : IN_HUBSPOT;
}
