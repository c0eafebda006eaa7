/** How every connector tells a failed call apart: no answer in time, a dropped connection, or an answer to read. */
import { errorMessage } from '../../src/errors.js';

/** Longest wait for one ordinary CRM call (connect, read, write, metadata, polling) unless configured. */
export const DEFAULT_CRM_TIMEOUT_MS = 60_000;
/** Longest wait for one bulk result download (tens of MB of CSV) unless configured. */
export const DEFAULT_CRM_DOWNLOAD_TIMEOUT_MS = 600_000;
/**
 * Retries of a call answered 429 (a per-window or concurrency limit): more than other retries, because the
 * CRM said when to come back and the wait is short, so a burst of limits never drops a whole pull.
 */
export const DEFAULT_RATE_LIMIT_RETRIES = 10;

/** Node and fetch codes of a connection that failed or broke before an answer: worth another try. */
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ENETDOWN',
  'ENETUNREACH',
  'EHOSTDOWN',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** Why a call got no answer: it ran out of time, or the connection failed with a code. */
export type NoAnswer = { kind: 'timeout' } | { kind: 'network'; code: string };

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  return codeOf((error as { cause?: unknown }).cause);
}

/**
 * Reads a thrown value as "no answer": an abort or timeout (AbortSignal.timeout, jsforce's timeout, node-fetch's
 * `request-timeout`), or a network code (also found on `cause`, where fetch puts it). Null for anything else.
 */
export function noAnswerOf(error: unknown): NoAnswer | null {
  if (typeof error !== 'object' || error === null) return null;
  const { name, type } = error as { name?: unknown; type?: unknown };
  if (name === 'AbortError' || name === 'TimeoutError' || type === 'request-timeout' || type === 'aborted') {
    return { kind: 'timeout' };
  }
  const code = codeOf(error);
  if (code && NETWORK_CODES.has(code)) return { kind: 'network', code };
  const message = errorMessage(error);
  // jsforce rewraps a failed session refresh as a plain Error ("Unable to refresh session due to: getaddrinfo
  // ENOTFOUND host"), dropping the code: without this a DNS failure would read as refused credentials.
  const dns = /getaddrinfo (ENOTFOUND|EAI_AGAIN)/.exec(message)?.[1];
  if (dns) return { kind: 'network', code: dns };
  if (/socket hang up/i.test(message)) return { kind: 'network', code: 'ECONNRESET' };
  return null;
}

/**
 * Codes of a host that cannot be reached at all, with what each means: retried once, like a timeout, not six
 * times, since a name that does not resolve rarely does a second later. A refused connection (ECONNREFUSED)
 * is not one of them: a CRM or proxy restarting refuses for a moment, then answers.
 */
const UNREACHABLE: Readonly<Record<string, string>> = {
  ENOTFOUND: 'its name does not resolve (DNS lookup failed: ENOTFOUND)',
  EAI_AGAIN: 'its name could not be resolved now (DNS lookup failed: EAI_AGAIN)',
  // undici's (Node fetch's) connect timeout: 10 s without a TCP connection.
  UND_ERR_CONNECT_TIMEOUT: 'it accepted no connection within 10 s',
  EHOSTUNREACH: 'no route leads to it (EHOSTUNREACH)',
  ENETUNREACH: 'no network leads to it (ENETUNREACH)',
};

/** How a call that got no answer is retried: timeouts and unreachable hosts once, dropped connections more. */
export function noAnswerRetryKind(failure: NoAnswer): RetryKind {
  if (failure.kind === 'timeout') return 'timeout';
  return Object.hasOwn(UNREACHABLE, failure.code) ? 'timeout' : 'transient';
}

/**
 * The message of a host that cannot be reached, naming it and the variable that sets it; null when the failure
 * is not one of those (a timeout, a dropped connection).
 * @example unreachableHostText({ kind: 'network', code: 'ENOTFOUND' }, 'HubSpot', 'https://api.hubapi.cm', 'HUBSPOT_BASE_URL')
 */
export function unreachableHostText(
  failure: NoAnswer,
  crm: string,
  url: string,
  variable: string,
): string | null {
  if (failure.kind !== 'network' || !Object.hasOwn(UNREACHABLE, failure.code)) return null;
  const reason = UNREACHABLE[failure.code];
  let host = url;
  try {
    host = new URL(url).host;
  } catch {
    // Not a URL: name it as given.
  }
  return `${crm} host ${host} cannot be reached: ${reason}. Check ${variable} (now ${url}), then this machine's network, DNS or proxy.`;
}

/** Human words for a call that got no answer, naming the timeout and the setting that changes it. */
export function noAnswerText(failure: NoAnswer, timeoutMs: number): string {
  return failure.kind === 'timeout'
    ? `no answer within ${timeoutMs / 1000} s (ATLAS_CRM_TIMEOUT_MS)`
    : `no answer (connection failed: ${failure.code})`;
}

/** `Retry-After` in seconds: a number of seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterSeconds(
  raw: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (raw === null || raw === undefined || raw.trim() === '') return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, (at - now) / 1000);
}

/**
 * Retries of a call that got no answer in time. Few: each costs a whole time limit, and a server silent
 * for that long rarely answers the next try quickly, so a dead host fails within two limits, not ten.
 */
export const DEFAULT_TIMEOUT_RETRIES = 1;

export type RetryKind = 'rate-limited' | 'timeout' | 'transient';

/** Retries left for one call: rate limits (429) and timeouts draw on their own allowances, other failures on `maxRetries`. */
export class RetryAllowance {
  readonly #limits: Record<RetryKind, number>;
  readonly #taken: Record<RetryKind, number> = { 'rate-limited': 0, timeout: 0, transient: 0 };

  constructor(limits: { maxRetries: number; rateLimitRetries: number; timeoutRetries?: number }) {
    this.#limits = {
      'rate-limited': limits.rateLimitRetries,
      timeout: Math.min(limits.timeoutRetries ?? DEFAULT_TIMEOUT_RETRIES, limits.maxRetries),
      transient: limits.maxRetries,
    };
  }

  /** Takes one retry of the kind; false when that kind's allowance is spent. */
  take(kind: RetryKind): boolean {
    if (this.#taken[kind] >= this.#limits[kind]) return false;
    this.#taken[kind]++;
    return true;
  }

  /** Retries taken in all (picks the backoff step). */
  get total(): number {
    return this.#taken['rate-limited'] + this.#taken.timeout + this.#taken.transient;
  }
}
