/** Converts deal amounts to the base currency with the configured rates, counting amounts it cannot convert. */
import type { Money } from '../model/dates.js';
import type { ScoringConfig } from '../model/scoring.js';

export interface CurrencyConverter {
  /** The amount in the base currency; NaN when there is no amount or no rate for its currency. */
  toBase(money: Money | null): number;
  /** Amounts seen per currency code that has no rate. */
  unknown: Map<string, number>;
}

/** A converter for `config.currency` (the base currency has rate 1). */
export function createCurrencyConverter(currency: ScoringConfig['currency']): CurrencyConverter {
  const rates = new Map(Object.entries(currency.rates));
  const unknown = new Map<string, number>();
  // Most consecutive deals share a currency: remember the last one looked up.
  let lastCode = '';
  let lastRate: number | undefined;
  return {
    unknown,
    toBase(money) {
      if (money === null) return Number.NaN;
      let rate = lastRate;
      if (money.currency !== lastCode) {
        rate = rates.get(money.currency);
        lastCode = money.currency;
        lastRate = rate;
      }
      if (rate === undefined) {
        unknown.set(money.currency, (unknown.get(money.currency) ?? 0) + 1);
        return Number.NaN;
      }
      return money.amount * rate;
    },
  };
}
