/** Legacy revenue tiers, assigned the way revenue-based partner programmes do: by percentile of won revenue. */

/** Tier names from the default CRM schema's `Partner_Tier__c` picklist, highest first. */
export const LEGACY_TIERS = ['Platinum', 'Gold', 'Silver', 'Bronze'] as const;
export type LegacyTier = (typeof LEGACY_TIERS)[number];

/** Cumulative shares of partners in each tier, highest first: top 3% Platinum, next 12% Gold, next 30% Silver. */
const TIER_SHARES = [0.03, 0.15, 0.45, 1];

/** Tier per partner from its won revenue (any currency, as long as all are the same). Ties rank by index. */
export function assignLegacyTiers(revenue: Float64Array): LegacyTier[] {
  const order = Array.from(revenue.keys()).sort((a, b) => revenue[b]! - revenue[a]! || a - b);
  const tiers: LegacyTier[] = new Array(revenue.length);
  const n = revenue.length;
  let tier = 0;
  order.forEach((p, rank) => {
    while (rank >= Math.round(TIER_SHARES[tier]! * n) && tier < LEGACY_TIERS.length - 1) tier++;
    tiers[p] = LEGACY_TIERS[tier]!;
  });
  return tiers;
}
