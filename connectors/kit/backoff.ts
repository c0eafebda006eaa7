/** The one backoff policy of every connector: exponential with jitter, at least `Retry-After`, capped. */

/** Where the waits start and where they stop growing. */
export interface BackoffSettings {
  baseMs: number;
  maxMs: number;
}

/** The longest wait between two retries unless a connector says otherwise. */
export const DEFAULT_BACKOFF_MAX_MS = 30_000;

/**
 * How long to wait before retry number `attempt + 1` (`attempt` counts from 0): half to all of
 * `baseMs · 2^attempt` (the jitter spreads retries of parallel calls), never less than the server's
 * `Retry-After`, never more than `maxMs`.
 * @example
 * await sleep(backoffMs(attempt, { baseMs: 500, maxMs: 30_000 }, retryAfterSeconds));
 */
export function backoffMs(
  attempt: number,
  settings: BackoffSettings,
  retryAfterSeconds?: number,
  random: () => number = Math.random,
): number {
  const exp = settings.baseMs * 2 ** attempt;
  const jittered = exp / 2 + random() * (exp / 2);
  const floor = retryAfterSeconds !== undefined && retryAfterSeconds > 0 ? retryAfterSeconds * 1000 : 0;
  return Math.min(settings.maxMs, Math.max(floor, jittered));
}
