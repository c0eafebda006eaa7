/** CRM-neutral pieces of a deal's raw values: amounts in a currency the CRM books, CSAT, line item splits. */
import type { Money } from '../../src/model/dates.js';
import type { DeliverySignals } from '../../src/model/deal.js';
import { DEFAULT_SCORING_CONFIG } from '../../src/model/scoring.js';
import { keyedHash, keyedUnit, pickBy } from '../seeded-random.js';
import type { CrmVocabulary } from './crm-vocabulary.js';
import { SALT } from './draw-salts.js';

const RATES: Record<string, number> = DEFAULT_SCORING_CONFIG.currency.rates;

/**
 * The deal's amount in a currency the CRM accepts: unchanged when it books the deal's currency, else
 * converted (scoring's default rates) into `fallback`, as a single-currency org would have entered it.
 */
export function bookedAmount(
  money: Money | null,
  currency: string,
  accepted: ReadonlySet<string>,
  fallback: string,
): { amount: number | null; currency: string } {
  if (accepted.has(currency)) return { amount: money?.amount ?? null, currency };
  if (money === null) return { amount: null, currency: fallback };
  const from = RATES[currency] ?? 1;
  const to = RATES[fallback] ?? 1;
  return { amount: Math.round((money.amount * from) / to), currency: fallback };
}

/** The model's satisfaction (0–1) on the CRMs' 0–10 CSAT scale, one decimal; null when unknown. */
export function csatOf(signals: DeliverySignals): number | null {
  return signals.satisfaction === null ? null : Math.round(signals.satisfaction * 100) / 10;
}

/** Splits an amount over `parts` line items (cents exact: the parts sum to the amount). */
export function splitAmount(amount: number | null, parts: number, part: number): number | null {
  if (amount === null) return null;
  const cents = Math.round(amount * 100);
  const share = Math.floor(cents / parts);
  return (part === parts - 1 ? cents - share * (parts - 1) : share) / 100;
}

const DAY_MS = 86_400_000;

/** Epoch ms of the generator's interned ISO strings, parsed once each. */
export function createTimeParser(): (iso: string) => number {
  const cache = new Map<string, number>();
  return (iso) => {
    let ms = cache.get(iso);
    if (ms === undefined) {
      ms = Date.parse(iso);
      cache.set(iso, ms);
    }
    return ms;
  };
}

/** `days` days before `ms`. */
export function daysBefore(ms: number, days: number): number {
  return ms - days * DAY_MS;
}

/** A deal's line items, the same in either CRM: the product family of each and its quantity draw. */
export interface LineDraw {
  family: string;
  /** A keyed hash the CRM turns into a quantity. */
  quantityHash: number;
}

/**
 * The line items of deal `index`: one per technology (a family value from the vocabulary), plus one with an
 * unmapped family on a share `unmappedFamilyRate` of deals (dirty data the mapping must report).
 */
export function drawLineItems(
  ctx: {
    seed: number;
    vocabulary: CrmVocabulary;
    unmappedFamilies: readonly string[];
    unmappedFamilyRate: number;
  },
  index: number,
  technologyIndexes: readonly number[],
): { lines: LineDraw[]; dirty: boolean } {
  const dirty = keyedUnit(ctx.seed, SALT.dirtyFamily, index) < ctx.unmappedFamilyRate;
  const count = technologyIndexes.length + (dirty ? 1 : 0);
  const lines: LineDraw[] = [];
  for (let k = 0; k < count; k++) {
    const t = technologyIndexes[k];
    const hash = keyedHash(ctx.seed, SALT.family, index * 4 + k);
    const family =
      t === undefined ? pickBy(ctx.unmappedFamilies, hash) : pickBy(ctx.vocabulary.families[t] ?? [], hash);
    lines.push({ family, quantityHash: keyedHash(ctx.seed, SALT.quantity, index * 4 + k) });
  }
  return { lines, dirty };
}
