/** The run's API budget: a share of the daily quota for this run, a ceiling on the org's total use, a call cap. */

export interface BudgetSettings {
  runShare: number;
  totalShare: number;
  maxCalls?: number | undefined;
}

export interface DailyUsage {
  used: number;
  max: number;
}

/** Why the budget is spent, for the error message; null while there is budget left. */
export type BudgetVerdict = string | null;

/**
 * Tracks the org's `api-usage=used/max` as Salesforce reports it after each call. The run's own use is the
 * growth since the first report (minus nothing: the first report already counts our first call).
 */
export class QuotaBudget {
  readonly #settings: BudgetSettings;
  #startUsed: number | null = null;
  #latest: DailyUsage | null = null;
  #calls = 0;

  constructor(settings: BudgetSettings) {
    this.#settings = settings;
  }

  /** Counts one call made by this run. */
  countCall(): void {
    this.#calls++;
  }

  /** Records a `Sforce-Limit-Info` reading. */
  observe(usage: DailyUsage): void {
    // The first reading already includes the calls we made before it.
    this.#startUsed ??= Math.max(0, usage.used - this.#calls);
    this.#latest = usage;
  }

  get daily(): DailyUsage | null {
    return this.#latest;
  }

  /** Calls this run used by Salesforce's count (our count when no header came back yet). */
  get runUsed(): number {
    return this.#latest && this.#startUsed !== null ? this.#latest.used - this.#startUsed : this.#calls;
  }

  /** Starts a new run: the shares apply from the next reading on. */
  reset(): void {
    this.#startUsed = null;
    this.#latest = null;
    this.#calls = 0;
  }

  verdict(): BudgetVerdict {
    const { runShare, totalShare, maxCalls } = this.#settings;
    if (maxCalls !== undefined && this.#calls >= maxCalls) {
      return `this run's API call cap of ${maxCalls} is reached (${this.#calls} made)`;
    }
    const d = this.#latest;
    if (!d || d.max <= 0) return null;
    if (d.used >= totalShare * d.max) {
      return `the org has used ${d.used} of ${d.max} daily API requests (stop at ${Math.round(totalShare * 100)} %)`;
    }
    if (this.runUsed >= runShare * d.max) {
      return `this run used ${this.runUsed} of ${d.max} daily API requests (budget ${Math.round(runShare * 100)} % per run)`;
    }
    return null;
  }
}
