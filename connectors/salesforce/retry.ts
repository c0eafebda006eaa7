/** Which Salesforce failures are worth another try (how long to wait is the kit's backoff policy). */

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
