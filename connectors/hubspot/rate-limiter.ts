/**
 * Our own rate limiting, one limiter per portal shared by every call of the run: a p-queue for
 * concurrency, a rolling-window gate sized from configuration (HubSpot counts a rolling 10 s window, so a
 * fixed-interval queue alone could burst twice the limit across a boundary), a separate per-second gate
 * for search, and pauses that 429s and `X-HubSpot-RateLimit-*` headers ask for.
 * https://developers.hubspot.com/docs/developer-tooling/platform/usage-guidelines
 */
import PQueue from 'p-queue';
import type { HubSpotLimits } from './options.js';

/** Start times of the last requests within a rolling window. */
export class RollingWindow {
  cap: number;
  readonly windowMs: number;
  readonly marginMs: number;
  readonly #starts: number[] = [];

  constructor(cap: number, windowMs: number, marginMs: number) {
    this.cap = cap;
    this.windowMs = windowMs;
    this.marginMs = marginMs;
  }

  #prune(now: number): void {
    const horizon = now - this.windowMs - this.marginMs;
    let drop = 0;
    while (drop < this.#starts.length && (this.#starts[drop] ?? 0) <= horizon) drop++;
    if (drop > 0) this.#starts.splice(0, drop);
  }

  /** Requests started within the window ending now. */
  count(now: number): number {
    this.#prune(now);
    return this.#starts.length;
  }

  /** Milliseconds before another request may start (0: now). */
  delay(now: number): number {
    this.#prune(now);
    if (this.#starts.length < this.cap) return 0;
    const oldestThatBlocks = this.#starts[this.#starts.length - this.cap] ?? now;
    return Math.max(1, oldestThatBlocks + this.windowMs + this.marginMs - now);
  }

  record(now: number): void {
    this.#starts.push(now);
  }
}

export interface LimiterClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** The limiter of one portal. */
export class PortalLimiter {
  readonly #queue: PQueue;
  readonly #window: RollingWindow;
  readonly #search: RollingWindow;
  readonly #configuredCap: number;
  readonly #clock: LimiterClock;
  #pausedUntil = 0;

  constructor(limits: HubSpotLimits, clock: LimiterClock) {
    this.#queue = new PQueue({ concurrency: limits.concurrency });
    this.#configuredCap = limits.requestsPerWindow;
    this.#window = new RollingWindow(limits.requestsPerWindow, limits.windowMs, limits.windowMarginMs);
    this.#search = new RollingWindow(limits.searchPerSecond, 1_000, limits.windowMarginMs);
    this.#clock = clock;
  }

  /** Runs `call` when the portal's windows (and the search window, for searches) allow one more request. */
  schedule<T>(search: boolean, call: () => Promise<T>): Promise<T> {
    return this.#queue.add(async () => {
      await this.#admit(search);
      return call();
    });
  }

  async #admit(search: boolean): Promise<void> {
    for (;;) {
      const now = this.#clock.now();
      const wait = Math.max(
        this.#pausedUntil - now,
        this.#window.delay(now),
        search ? this.#search.delay(now) : 0,
      );
      if (wait <= 0) break;
      await this.#clock.sleep(wait);
    }
    const now = this.#clock.now();
    this.#window.record(now);
    if (search) this.#search.record(now);
  }

  /** Holds every call of the portal for `ms` (a 429's Retry-After, a policy's window). */
  pause(ms: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, this.#clock.now() + ms);
  }

  /**
   * Reads `X-HubSpot-RateLimit-Max` / `-Remaining` / `-Interval-Milliseconds`: a portal on a smaller plan
   * shrinks our window to its limit, and a window that someone else is spending (HubSpot's remaining
   * is lower than what our own count leaves) makes us wait before HubSpot answers 429.
   */
  observe(headers: { max?: number; remaining?: number; intervalMs?: number }): void {
    const now = this.#clock.now();
    if (headers.max !== undefined && headers.max > 0) {
      this.#window.cap = Math.min(this.#configuredCap, headers.max);
    }
    if (headers.remaining !== undefined && headers.max !== undefined) {
      const ours = this.#window.count(now);
      const expected = headers.max - ours;
      if (headers.remaining <= 1 && expected > headers.remaining + 1) {
        this.pause((headers.intervalMs ?? this.#window.windowMs) / 10);
      }
    }
  }

  /** Calls queued or running now. */
  get pending(): number {
    return this.#queue.size + this.#queue.pending;
  }
}

const limiters = new Map<string, PortalLimiter>();

/** The limiter of a portal (keyed by API host and credential identity), created on first use. */
export function portalLimiter(key: string, limits: HubSpotLimits, clock: LimiterClock): PortalLimiter {
  let limiter = limiters.get(key);
  if (!limiter) {
    limiter = new PortalLimiter(limits, clock);
    limiters.set(key, limiter);
  }
  return limiter;
}

/** Forgets a portal's limiter (when its last connector closes). */
export function releasePortalLimiter(key: string): void {
  limiters.delete(key);
}
