/**
 * Our own rate limiting, one limiter per portal shared by every call of the run: a p-queue for
 * concurrency, a rolling-window gate sized from configuration (HubSpot counts a rolling 10 s window, so a
 * fixed-interval queue alone could burst twice the limit across a boundary), a separate per-second gate
 * for search, and pauses that 429s and `X-HubSpot-RateLimit-*` headers ask for.
 * https://developers.hubspot.com/docs/developer-tooling/platform/usage-guidelines
 */
import PQueue from 'p-queue';
import type { HubSpotLimits } from './options.js';

/**
 * The requests of a rolling window. HubSpot counts a request when it arrives, which is somewhere between
 * our send and its answer; so a request holds its slot from the send until `windowMs` after its answer,
 * and a slow answer (a busy server, a congested network) can never let a later burst overlap it.
 */
export class RollingWindow {
  cap: number;
  readonly windowMs: number;
  readonly marginMs: number;
  /** When each request was last possibly counted: Infinity while in flight, then its answer time. */
  readonly #slots: Array<{ at: number }> = [];

  constructor(cap: number, windowMs: number, marginMs: number) {
    this.cap = cap;
    this.windowMs = windowMs;
    this.marginMs = marginMs;
  }

  #prune(now: number): void {
    const horizon = now - this.windowMs - this.marginMs;
    for (let i = this.#slots.length - 1; i >= 0; i--) {
      if ((this.#slots[i]?.at ?? 0) <= horizon) this.#slots.splice(i, 1);
    }
  }

  /** Requests that HubSpot may still count in the window ending now. */
  count(now: number): number {
    this.#prune(now);
    return this.#slots.length;
  }

  /** Milliseconds before another request may start (0: now). */
  delay(now: number): number {
    this.#prune(now);
    if (this.#slots.length < this.cap) return 0;
    const times = this.#slots.map((s) => s.at).sort((a, b) => a - b);
    const mustLeave = times[this.#slots.length - this.cap] ?? now;
    // Every blocking slot is still in flight: look again shortly.
    if (!Number.isFinite(mustLeave)) return IN_FLIGHT_POLL_MS;
    return Math.max(1, mustLeave + this.windowMs + this.marginMs - now);
  }

  /** Takes a slot for a request sent now; call the result when its answer (or failure) arrives. */
  take(): (answeredAt: number) => void {
    const slot = { at: Number.POSITIVE_INFINITY };
    this.#slots.push(slot);
    return (answeredAt) => {
      slot.at = answeredAt;
    };
  }
}

/** How long to wait before looking again when the window is full of requests still in flight. */
const IN_FLIGHT_POLL_MS = 20;

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
      const release = await this.#admit(search);
      try {
        return await call();
      } finally {
        release(this.#clock.now());
      }
    });
  }

  async #admit(search: boolean): Promise<(answeredAt: number) => void> {
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
    const releaseWindow = this.#window.take();
    const releaseSearch = search ? this.#search.take() : undefined;
    return (answeredAt) => {
      releaseWindow(answeredAt);
      releaseSearch?.(answeredAt);
    };
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
