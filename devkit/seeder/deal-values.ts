/** CRM-neutral pieces of a deal's raw values: amounts in a currency the CRM books, CSAT, line item splits. */
import type { Money } from '../../src/model/dates.js';
import type { DeliverySignals } from '../../src/model/deal.js';
import { DEFAULT_SCORING_CONFIG } from '../../src/model/scoring.js';

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
