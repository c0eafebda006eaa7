/** The baseline to beat: ranking partners the way revenue-tier programmes do (tier, then revenue), the same in every cell. */
import type { Deal } from '../../src/model/deal.js';
import type { Partner } from '../../src/model/partner.js';
import { LEGACY_TIERS } from './legacy-tiers.js';

/** Sorts tiers above each other: anything in Platinum outranks anything in Gold, whatever the revenue. */
const TIER_STEP = 1e15;

/**
 * One revenue-tier score per partner (input order): legacy tier first, won revenue in the base currency
 * as the tie-break inside a tier. Cell-blind, as tiers are. `rates` convert to the base currency.
 */
export function revenueTierScores(
  partners: readonly Partner[],
  deals: readonly Deal[],
  rates: Readonly<Record<string, number>>,
): Float64Array {
  const index = new Map(partners.map((p, i) => [p.id, i]));
  const revenue = new Float64Array(partners.length);
  for (const deal of deals) {
    if (!deal.isWon || deal.amount === null) continue;
    const value = deal.amount.amount * (rates[deal.amount.currency] ?? 0);
    for (const dp of deal.partners) {
      const p = index.get(dp.partnerId);
      if (p !== undefined) revenue[p] = revenue[p]! + value;
    }
  }
  const tiers: readonly string[] = LEGACY_TIERS;
  return Float64Array.from(partners, (partner, i) => {
    const tier = partner.legacyTier === null ? -1 : tiers.indexOf(partner.legacyTier);
    const rank = tier < 0 ? 0 : LEGACY_TIERS.length - tier;
    return rank * TIER_STEP + Math.min(revenue[i]!, TIER_STEP - 1);
  });
}

/**
 * The level a revenue-tier programme would give in a cell where the partner has deals, as a ladder index:
 * Platinum the top level (0), Gold the second, Silver the third, anything else none (-1).
 */
export function legacyTierLevel(tier: string | null): number {
  const tiers: readonly string[] = LEGACY_TIERS;
  const index = tier === null ? -1 : tiers.indexOf(tier);
  return index >= 0 && index < 3 ? index : -1;
}
