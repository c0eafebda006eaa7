/** What a failed Salesforce call means: try again soon, a limit to wait out, the daily quota spent, or final. */
import { type NoAnswer, noAnswerRetryKind, type RetryKind } from '../kit/failure.js';

/** Vendor codes that a later identical call may not hit (record locks, server load). */
const TRANSIENT_CODES = new Set(['UNABLE_TO_LOCK_ROW', 'SERVER_UNAVAILABLE', 'QUERY_TIMEOUT']);

export interface FailureFacts {
  status: number | null;
  vendorCode: string | undefined;
  /** The vendor's message: REQUEST_LIMIT_EXCEEDED covers both the daily quota and concurrency limits. */
  message: string;
  /** Set when no answer came (timeout, dropped connection). */
  noAnswer: NoAnswer | null;
}

export type FailureKind = 'quota' | 'rate-limited' | 'transient' | 'permanent';

/**
 * Classifies a failure. Only "TotalRequests Limit exceeded" is the spent daily quota (never retried: it only
 * burns what is left); every other REQUEST_LIMIT_EXCEEDED (ConcurrentPerOrgLongTxn …) and every 429 is a
 * limit that passes. https://developer.salesforce.com/docs/atlas.en-us.salesforce_app_limits_cheatsheet.meta/salesforce_app_limits_cheatsheet/salesforce_app_limits_platform_api.htm
 */
export function classifyFailure(f: FailureFacts): FailureKind {
  if (f.vendorCode === 'REQUEST_LIMIT_EXCEEDED') {
    return /TotalRequests/i.test(f.message) ? 'quota' : 'rate-limited';
  }
  if (f.status === 429) return 'rate-limited';
  // The Metadata API answers faults with HTTP 500; missing rights are not a server in trouble.
  if (f.vendorCode === 'INSUFFICIENT_ACCESS') return 'permanent';
  if (f.noAnswer) return 'transient';
  if (f.status !== null && f.status >= 500) return 'transient';
  if (f.vendorCode && TRANSIENT_CODES.has(f.vendorCode)) return 'transient';
  return 'permanent';
}

/** Which retry allowance a failure draws on; null when it is not retried. */
export function retryKindOf(f: FailureFacts, kind: FailureKind = classifyFailure(f)): RetryKind | null {
  if (kind === 'rate-limited') return kind;
  if (kind !== 'transient') return null;
  return f.noAnswer ? noAnswerRetryKind(f.noAnswer) : 'transient';
}
