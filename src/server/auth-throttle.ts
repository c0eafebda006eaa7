/**
 * Wrong admin tokens counted per client, bearer header and sign-in form together: after `limit` failures in a
 * window the client's next wrong attempts are refused until the window ends. Only failures are counted and
 * refused, so the right token is always accepted, even from a client that is locked out.
 */
import type { Request } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';

export interface AuthThrottleLimits {
  windowMs: number;
  limit: number;
}

interface Failures {
  count: number;
  /** When the window opened by the first failure ends (epoch ms). */
  resetAt: number;
}

export class AuthThrottle {
  readonly #failures = new Map<string, Failures>();
  readonly #limits: AuthThrottleLimits;
  readonly #now: () => Date;
  #nextSweepAt = 0;

  constructor(limits: AuthThrottleLimits, now: () => Date) {
    this.#limits = limits;
    this.#now = now;
  }

  /**
   * Seconds the client must wait before its next wrong attempt is even checked (for `Retry-After`), or 0 when
   * it may try: the failure is counted then.
   */
  refuseOrCount(req: Request): number {
    const key = clientKey(req);
    const now = this.#now().getTime();
    const seen = this.#live(key, now);
    if (seen && seen.count >= this.#limits.limit) return Math.max(1, Math.ceil((seen.resetAt - now) / 1000));
    if (seen) seen.count++;
    else {
      this.#sweep(now);
      this.#failures.set(key, { count: 1, resetAt: now + this.#limits.windowMs });
    }
    return 0;
  }

  #live(key: string, now: number): Failures | undefined {
    const seen = this.#failures.get(key);
    if (seen && seen.resetAt <= now) {
      this.#failures.delete(key);
      return undefined;
    }
    return seen;
  }

  /** Forgets ended windows (once per window), so guesses from many addresses do not pile up in memory. */
  #sweep(now: number): void {
    if (now < this.#nextSweepAt) return;
    this.#nextSweepAt = now + this.#limits.windowMs;
    for (const [key, seen] of this.#failures) if (seen.resetAt <= now) this.#failures.delete(key);
  }
}

/** The client's address (the proxy's view when `trust proxy` is set); IPv6 by /56, since one host holds a whole /64. */
function clientKey(req: Request): string {
  return ipKeyGenerator(req.ip ?? req.socket.remoteAddress ?? 'unknown');
}
