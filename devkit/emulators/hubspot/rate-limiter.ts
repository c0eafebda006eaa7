/**
 * HubSpot's rate limits: a rolling 10-second window per token, a per-second limit on search requests
 * (per account) and a daily quota for private apps (per account, reset at the account's midnight).
 * Answers 429 with the documented body and sets the `X-HubSpot-RateLimit-*` headers.
 * https://developers.hubspot.com/docs/developer-tooling/platform/usage-guidelines
 * The guidelines document no `Retry-After` on a 429 (the body's `policyName` says which window was hit), so
 * none is sent; and search answers carry none of the rate-limit headers (app.ts leaves them off).
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
    return this.#headers(window, now, privateApp);
  }

  /** Admits one request or says which policy refuses it. Refused requests are not counted. */
  admit(token: string, options: { search: boolean; privateApp: boolean }): RateDecision {
    const now = this.#now();
    const window = this.#prune(token, now);
    this.#rollDay(now);
    const { perTenSeconds, searchPerSecond, daily } = this.config;
    if (options.privateApp && this.#dailyUsed >= daily) {
      return { ok: false, policy: 'DAILY', headers: this.#headers(window, now, options.privateApp) };
    }
    if (window.length >= perTenSeconds) {
      return {
        ok: false,
        policy: 'TEN_SECONDLY_ROLLING',
        headers: this.#headers(window, now, options.privateApp),
      };
    }
    if (options.search) {
      while (this.#search.length > 0 && (this.#search[0] ?? 0) <= now - 1000) this.#search.shift();
      if (this.#search.length >= searchPerSecond) {
        return { ok: false, policy: 'SECONDLY', headers: this.#headers(window, now, options.privateApp) };
      }
      this.#search.push(now);
    }
    window.push(now);
    if (options.privateApp) this.#dailyUsed++;
    return { ok: true, headers: this.#headers(window, now, options.privateApp) };
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

  #headers(window: readonly number[], now: number, privateApp: boolean): Record<string, string> {
    const { perTenSeconds, daily } = this.config;
    // The deprecated per-second pair is "still included and will still have accurate data, but the limit
    // referenced by these headers is no longer enforced" (usage guidelines). They carry a tenth of the
    // ten-second limit in recorded live answers (Max 100 → Secondly 10, Max 200 → Secondly 20).
    const secondly = Math.max(1, Math.floor(perTenSeconds / 10));
    const lastSecond = window.filter((t) => t > now - 1000).length;
    const headers: Record<string, string> = {
      'X-HubSpot-RateLimit-Max': String(perTenSeconds),
      'X-HubSpot-RateLimit-Remaining': String(Math.max(0, perTenSeconds - window.length)),
      'X-HubSpot-RateLimit-Interval-Milliseconds': String(HS_TEN_SECOND_WINDOW_MS),
      'X-HubSpot-RateLimit-Secondly': String(secondly),
      'X-HubSpot-RateLimit-Secondly-Remaining': String(Math.max(0, secondly - lastSecond)),
    };
    // OAuth calls carry no daily headers: they have no daily limit (usage guidelines' header table;
    // https://developers.hubspot.com/changelog/rate-limit-headers-will-now-appear-for-oauth-authenticated-calls).
    if (privateApp) {
      headers['X-HubSpot-RateLimit-Daily'] = String(daily);
      headers['X-HubSpot-RateLimit-Daily-Remaining'] = String(Math.max(0, daily - this.#dailyUsed));
    }
    return headers;
  }
}
