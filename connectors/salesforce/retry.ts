/** Which Salesforce failures are worth another try, and how long to wait before it. */

/** Vendor codes that a later identical call may not hit (record locks, server load). */
const TRANSIENT_CODES = new Set(['UNABLE_TO_LOCK_ROW', 'SERVER_UNAVAILABLE', 'QUERY_TIMEOUT']);
/** Network failures node-fetch reports by `code`. */
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND']);

export interface FailureFacts {
  status: number | null;
  vendorCode: string | undefined;
  networkCode: string | undefined;
}

/**
 * Whether a failed call may be retried. A spent daily quota (403 REQUEST_LIMIT_EXCEEDED) never is: retrying
 * only burns what is left. A 429 (concurrency limit) is, after a pause.
 */
export function isTransient(f: FailureFacts): boolean {
  if (f.status === 403 && f.vendorCode === 'REQUEST_LIMIT_EXCEEDED') return false;
  if (f.status === 429) return true;
  if (f.status !== null && f.status >= 500) return true;
  if (f.vendorCode && TRANSIENT_CODES.has(f.vendorCode)) return true;
  if (f.status === null && f.networkCode && NETWORK_CODES.has(f.networkCode)) return true;
  return false;
}

/** Exponential backoff with jitter, at least `Retry-After` when the server gave one, capped. */
export function backoffMs(
  attempt: number,
  settings: { baseMs: number; maxMs: number },
  retryAfterSeconds?: number,
  random: () => number = Math.random,
): number {
  const exp = settings.baseMs * 2 ** attempt;
  const jittered = exp / 2 + random() * (exp / 2);
  const floor = retryAfterSeconds !== undefined && retryAfterSeconds > 0 ? retryAfterSeconds * 1000 : 0;
  return Math.min(settings.maxMs, Math.max(floor, jittered));
}
