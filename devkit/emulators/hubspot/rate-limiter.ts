/**
 * HubSpot's rate limits: a rolling 10-second window per token, a per-second limit on search requests
 * (per account) and a daily quota for private apps (per account, reset at the account's midnight).
 * Answers 429 with the documented body and sets the `X-HubSpot-RateLimit-*` headers.
 * https://developers.hubspot.com/docs/developer-tooling/platform/usage-guidelines
 */
import { HS_TEN_SECOND_WINDOW_MS } from './vendor-limits.js';

export interface RateLimitConfig {
  perTenSeconds: number;
  searchPerSecond: number;
  daily: number;
}

/** Outcome of admitting one request. */
export type RateDecision =
  | { ok: true; headers: Record<string, string> }
  | {
      ok: false;
      policy: 'TEN_SECONDLY_ROLLING' | 'SECONDLY' | 'DAILY';
      retryAfterSeconds: number;
      headers: Record<string, string>;
    };

const DAY_MS = 86_400_000;

/** Counts requests per token and per account on the emulator clock. */
export class RateLimiter {
  config: RateLimitConfig;
  readonly #now: () => number;
  readonly #utcOffsetMs: number;
  readonly #windows = new Map<string, number[]>();
  readonly #search: number[] = [];
  #day = Number.NaN;
  #dailyUsed = 0;

  constructor(config: RateLimitConfig, now: () => number, utcOffsetMs: number) {
    this.config = config;
    this.#now = now;
    this.#utcOffsetMs = utcOffsetMs;
  }

  /** Private-app calls made today (what `GET /account-info/v3/api-usage/daily/private-apps` reports). */
  get dailyUsed(): number {
    this.#rollDay(this.#now());
    return this.#dailyUsed;
  }

  /** When today's quota resets: the account's next midnight (ms). */
  resetsAt(): number {
    const now = this.#now();
    const local = now + this.#utcOffsetMs;
    return (Math.floor(local / DAY_MS) + 1) * DAY_MS - this.#utcOffsetMs;
  }

  /** Headers describing the token's window without counting a request (for answers before auth). */
  peek(token: string, privateApp: boolean): Record<string, string> {
    const now = this.#now();
    const window = this.#prune(token, now);
    this.#rollDay(now);
    return this.#headers(window.length, privateApp);
  }

  /** Admits one request or says which policy refuses it. Refused requests are not counted. */
  admit(token: string, options: { search: boolean; privateApp: boolean }): RateDecision {
    const now = this.#now();
    const window = this.#prune(token, now);
    this.#rollDay(now);
    const { perTenSeconds, searchPerSecond, daily } = this.config;
    if (options.privateApp && this.#dailyUsed >= daily) {
      return {
        ok: false,
        policy: 'DAILY',
        retryAfterSeconds: Math.max(1, Math.ceil((this.resetsAt() - now) / 1000)),
        headers: this.#headers(window.length, options.privateApp),
      };
    }
    if (window.length >= perTenSeconds) {
      const oldest = window[0] ?? now;
      return {
        ok: false,
        policy: 'TEN_SECONDLY_ROLLING',
        retryAfterSeconds: Math.max(1, Math.ceil((oldest + HS_TEN_SECOND_WINDOW_MS - now) / 1000)),
        headers: this.#headers(window.length, options.privateApp),
      };
    }
    if (options.search) {
      while (this.#search.length > 0 && (this.#search[0] ?? 0) <= now - 1000) this.#search.shift();
      if (this.#search.length >= searchPerSecond) {
        return {
          ok: false,
          policy: 'SECONDLY',
          retryAfterSeconds: 1,
          headers: this.#headers(window.length, options.privateApp),
        };
      }
      this.#search.push(now);
    }
    window.push(now);
    if (options.privateApp) this.#dailyUsed++;
    return { ok: true, headers: this.#headers(window.length, options.privateApp) };
  }

  #prune(token: string, now: number): number[] {
    let window = this.#windows.get(token);
    if (!window) {
      window = [];
      this.#windows.set(token, window);
    }
    let drop = 0;
    while (drop < window.length && (window[drop] ?? 0) <= now - HS_TEN_SECOND_WINDOW_MS) drop++;
    if (drop > 0) window.splice(0, drop);
    return window;
  }

  #rollDay(now: number): void {
    const day = Math.floor((now + this.#utcOffsetMs) / DAY_MS);
    if (day !== this.#day) {
      this.#day = day;
      this.#dailyUsed = 0;
    }
  }

  #headers(used: number, privateApp: boolean): Record<string, string> {
    const { perTenSeconds, daily } = this.config;
    const headers: Record<string, string> = {
      'X-HubSpot-RateLimit-Max': String(perTenSeconds),
      'X-HubSpot-RateLimit-Remaining': String(Math.max(0, perTenSeconds - used)),
      'X-HubSpot-RateLimit-Interval-Milliseconds': String(HS_TEN_SECOND_WINDOW_MS),
    };
    // OAuth calls carry no daily headers: they have no daily limit (developer changelog, 2021).
    if (privateApp) {
      headers['X-HubSpot-RateLimit-Daily'] = String(daily);
      headers['X-HubSpot-RateLimit-Daily-Remaining'] = String(Math.max(0, daily - this.#dailyUsed));
    }
    return headers;
  }
}
