/**
 * The one way the connector calls HubSpot: an `apiRequest` bounded in time (http.ts; the client's own
 * retry is not used — its settings are one object shared by every Client — and it ignores `Retry-After`),
 * our per-portal limiter, 429 / 5xx / 401 / timeout handling, usage counting, and error wrapping into CrmApiError.
 * Layers above never parse vendor error bodies.
 */
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { AtlasError, CrmApiError, errorMessage } from '../../src/errors.js';
import { backoffMs, DEFAULT_BACKOFF_MAX_MS } from '../kit/backoff.js';
import {
  noAnswerOf,
  noAnswerRetryKind,
  noAnswerText,
  RetryAllowance,
  type RetryKind,
  unreachableHostText,
} from '../kit/failure.js';
import { type ApiUsage, CONNECTOR_ERRORS } from '../types.js';
import { type HubSpotOAuthApi, TokenSource } from './auth.js';
import { boundedHttp } from './http.js';
import { HS_TEN_SECOND_WINDOW_MS } from './limits.js';
import type { ResolvedHubSpotOptions } from './options.js';
import { type PortalLimiter, portalLimiter } from './rate-limiter.js';
import { type HubSpotErrorBody, HubSpotErrorBodySchema } from './raw.js';

/** The `apiRequest` of @hubspot/api-client, as http.ts implements it with a time limit (tests may pass a fake). */
export interface HubSpotHttp {
  apiRequest(opts: {
    method?: string;
    path?: string;
    qs?: Record<string, string>;
    body?: unknown;
    headers?: Record<string, string>;
    authType?: string;
  }): Promise<{ status: number; headers: { get(name: string): string | null }; text(): Promise<string> }>;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HubSpotRequest {
  /** Operation name for usage figures (`list`, `search`, `batch/read`, `batch/update`, `associations`, …). */
  operation: string;
  method: HttpMethod;
  path: string;
  qs?: Record<string, string>;
  body?: unknown;
  /** Counts against the search limiter too. */
  search?: boolean;
  /** Statuses answered without throwing besides 2xx (e.g. 404 for "not there yet", 409 for "exists"). */
  accept?: readonly number[];
  /** The path as errors and logs show it, when the real one carries a secret (a token). */
  displayPath?: string;
}

export interface HubSpotAnswer {
  status: number;
  body: unknown;
}

const RATE_POLICY_WAIT_MS: Record<string, number> = {
  TEN_SECONDLY_ROLLING: HS_TEN_SECOND_WINDOW_MS,
  SECONDLY: 1_000,
};

function headerInt(headers: { get(name: string): string | null }, name: string): number | undefined {
  const raw = headers.get(name);
  if (raw === null) return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
}

/** Everything HubSpot reported about limits on the last answer that carried the headers. */
export interface ObservedLimits {
  max?: number;
  remaining?: number;
  intervalMs?: number;
  daily?: number;
  dailyRemaining?: number;
}

export class HubSpotClient {
  readonly baseUrl: string;
  readonly tokens: TokenSource;
  readonly limits: ResolvedHubSpotOptions['limits'];
  readonly observed: ObservedLimits = {};
  readonly #http: HubSpotHttp;
  readonly #limiter: PortalLimiter;
  readonly #logger: Logger | undefined;
  readonly #now: () => number;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #timeoutMs: number;
  #usage: ApiUsage = emptyUsage();

  /** `http` replaces the bounded fetch of http.ts (tests may pass a fake with `apiRequest` and `oauth.tokensApi`). */
  constructor(options: ResolvedHubSpotOptions, http?: HubSpotHttp & HubSpotOAuthApi) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.limits = options.limits;
    this.#logger = options.logger;
    const now = options.now;
    this.#now = now ? () => now().getTime() : () => Date.now();
    this.#sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.#timeoutMs = options.timeoutMs;
    const client = http ?? boundedHttp(this.baseUrl, options.timeoutMs);
    this.#http = client;
    this.tokens = new TokenSource(
      options.auth,
      client,
      this.#now,
      (operation) => this.count(operation),
      options.timeoutMs,
      this.baseUrl,
    );
    const identity =
      options.auth.kind === 'private-app'
        ? options.auth.accessToken
        : `${options.auth.clientId}:${options.auth.refreshToken}`;
    // One limiter per portal: the key is the host and a hash of the credential (never the credential).
    const key = `${this.baseUrl}#${createHash('sha256').update(identity).digest('hex').slice(0, 16)}`;
    this.#limiter = portalLimiter(key, options.limits, { now: this.#now, sleep: this.#sleep });
  }

  now(): number {
    return this.#now();
  }

  usage(): ApiUsage {
    return structuredClone(this.#usage);
  }

  resetUsage(): void {
    const daily = this.#usage.daily;
    this.#usage = { ...emptyUsage(), daily };
  }

  /** Counts a call made outside `request` (the OAuth endpoints). */
  count(operation: string): void {
    this.#usage.calls++;
    this.#usage.callsByOperation[operation] = (this.#usage.callsByOperation[operation] ?? 0) + 1;
  }

  /**
   * Throws API_BUDGET_REACHED when the run budget is spent or HubSpot's daily remaining is down to the
   * reserve; reads call it between pages, after the cursor of the last page was handed out.
   */
  assertBudget(where: string): void {
    const { runBudget, dailyReserve } = this.limits;
    if (runBudget !== null && this.#usage.calls >= runBudget) {
      throw new AtlasError(
        CONNECTOR_ERRORS.budget,
        `HubSpot: the run's API call budget of ${runBudget} is spent (${where}); the next run resumes from the saved cursor.`,
        { context: { system: 'hubspot', where, calls: this.#usage.calls } },
      );
    }
    const remaining = this.observed.dailyRemaining;
    if (remaining !== undefined && remaining <= dailyReserve) {
      throw new AtlasError(
        CONNECTOR_ERRORS.budget,
        `HubSpot: ${remaining} of today's API calls left (reserve ${dailyReserve}) (${where}); the next run resumes from the saved cursor.`,
        { context: { system: 'hubspot', where, dailyRemaining: remaining } },
      );
    }
  }

  /** Sends one request through the limiter, retrying 429s, 5xx and dropped connections; throws CrmApiError otherwise. */
  async request(req: HubSpotRequest): Promise<HubSpotAnswer> {
    const maxRetries = this.limits.maxRetries;
    const allowance = new RetryAllowance({ maxRetries, rateLimitRetries: maxRetries });
    let renewed = false;
    for (;;) {
      const token = await this.tokens.token();
      let res: Awaited<ReturnType<HubSpotHttp['apiRequest']>>;
      let text: string;
      try {
        res = await this.#limiter.schedule(Boolean(req.search), () =>
          this.#http.apiRequest({
            method: req.method,
            path: req.path,
            ...(req.qs ? { qs: req.qs } : {}),
            ...(req.body === undefined ? {} : { body: req.body }),
            // Our header, not the client's config: one token source for concurrent calls and refreshes.
            authType: 'none',
            headers: { Authorization: `Bearer ${token}` },
          }),
        );
        this.count(req.operation);
        text = await res.text();
      } catch (error) {
        // No answer in time, a dropped connection or a reset socket: it may be retried.
        const noAnswer = noAnswerOf(error) ?? { kind: 'network', code: errorMessage(error) };
        this.#logger?.warn(
          { operation: req.operation, path: req.displayPath ?? req.path, failure: noAnswer },
          'hubspot: no answer, retrying',
        );
        if (await this.#retry(allowance, noAnswerRetryKind(noAnswer), this.#backoff(allowance.total)))
          continue;
        const unreachable = unreachableHostText(noAnswer, 'HubSpot', this.baseUrl, 'HUBSPOT_BASE_URL');
        if (unreachable) throw this.#unreachable(req, unreachable, error);
        const note = `${noAnswerText(noAnswer, this.#timeoutMs)} after ${allowance.total} retries`;
        throw this.#error(req, undefined, undefined, note, true, error);
      }
      this.#observe(res.headers);
      const body = parseJson(text);
      const { status } = res;
      if ((status >= 200 && status < 300) || req.accept?.includes(status)) return { status, body };

      const vendor = HubSpotErrorBodySchema.safeParse(body);
      const err: HubSpotErrorBody = vendor.success ? vendor.data : {};
      if (status === 429) {
        this.#usage.rateLimited++;
        const policy = err.policyName ?? 'UNKNOWN';
        if (policy === 'DAILY') {
          throw this.#error(
            req,
            status,
            err,
            "HubSpot's daily API limit is reached; it resets at the account's midnight",
            false,
            undefined,
            CONNECTOR_ERRORS.budget,
          );
        }
        const retryAfter = headerInt(res.headers, 'retry-after');
        const wait =
          retryAfter !== undefined
            ? retryAfter * 1000
            : (RATE_POLICY_WAIT_MS[policy] ?? HS_TEN_SECOND_WINDOW_MS);
        this.#logger?.warn(
          { operation: req.operation, path: req.displayPath ?? req.path, policy, waitMs: wait },
          'hubspot: 429, waiting before retrying',
        );
        // Every call of the portal waits, not just this one: the window is the portal's.
        this.#limiter.pause(wait);
        if (await this.#retry(allowance, 'rate-limited', 0)) continue;
        throw this.#error(
          req,
          status,
          err,
          `still rate limited with every retry used (maxRetries ${this.limits.maxRetries})`,
          true,
        );
      }
      if (status >= 500) {
        if (await this.#retry(allowance, 'transient', this.#backoff(allowance.total))) continue;
        throw this.#error(req, status, err, `HubSpot kept failing after ${allowance.total} retries`, true);
      }
      if (status === 401) {
        // Never retried blindly: an OAuth token is refreshed once; a private app token cannot be.
        const fresh = renewed ? null : await this.tokens.renewAfter401(token);
        if (fresh !== null) {
          renewed = true;
          this.#usage.retries++;
          continue;
        }
        throw this.#error(
          req,
          status,
          err,
          this.tokens.kind === 'oauth'
            ? 'the refreshed OAuth token was refused too; reconnect the app'
            : 'the private app token was refused; check HUBSPOT_ACCESS_TOKEN',
          false,
          undefined,
          CONNECTOR_ERRORS.auth,
        );
      }
      throw this.#error(req, status, err, undefined, false);
    }
  }

  /** The kit's backoff before retry number `used + 1`. */
  #backoff(used: number): number {
    return backoffMs(used, { baseMs: this.limits.backoffMs, maxMs: DEFAULT_BACKOFF_MAX_MS });
  }

  /** Counts one more retry of the kind and waits `waitMs` first; false, counting nothing, when that kind's retries are used. */
  async #retry(allowance: RetryAllowance, kind: RetryKind, waitMs: number): Promise<boolean> {
    if (!allowance.take(kind)) return false;
    this.#usage.retries++;
    if (waitMs > 0) await this.#sleep(waitMs);
    return true;
  }

  #observe(headers: { get(name: string): string | null }): void {
    const max = headerInt(headers, 'x-hubspot-ratelimit-max');
    const remaining = headerInt(headers, 'x-hubspot-ratelimit-remaining');
    const intervalMs = headerInt(headers, 'x-hubspot-ratelimit-interval-milliseconds');
    const daily = headerInt(headers, 'x-hubspot-ratelimit-daily');
    const dailyRemaining = headerInt(headers, 'x-hubspot-ratelimit-daily-remaining');
    if (max !== undefined) this.observed.max = max;
    if (remaining !== undefined) this.observed.remaining = remaining;
    if (intervalMs !== undefined) this.observed.intervalMs = intervalMs;
    if (daily !== undefined) this.observed.daily = daily;
    if (dailyRemaining !== undefined) this.observed.dailyRemaining = dailyRemaining;
    if (daily !== undefined && dailyRemaining !== undefined) {
      this.#usage.daily = { used: daily - dailyRemaining, max: daily };
    }
    this.#limiter.observe({
      ...(max === undefined ? {} : { max }),
      ...(remaining === undefined ? {} : { remaining }),
      ...(intervalMs === undefined ? {} : { intervalMs }),
    });
  }

  /** A host that does not resolve or accepts no connection: a network error naming it, never an auth failure. */
  #unreachable(req: HubSpotRequest, message: string, cause: unknown): CrmApiError {
    const path = req.displayPath ?? req.path;
    return new CrmApiError(
      message,
      {
        system: 'hubspot',
        operation: req.operation,
        method: req.method,
        path,
        vendorCode: 'CRM_UNREACHABLE',
        retryable: true,
      },
      { cause },
    );
  }

  #error(
    req: HubSpotRequest,
    status: number | undefined,
    body: HubSpotErrorBody | undefined,
    note: string | undefined,
    retryable: boolean,
    cause?: unknown,
    code?: string,
  ): CrmApiError {
    const vendorCode = code ?? body?.category ?? body?.errorType ?? (status ? `HTTP_${status}` : 'NO_ANSWER');
    const vendorMessage = body?.message ? `: ${body.message}` : '';
    const hint = note ? ` (${note})` : '';
    const path = req.displayPath ?? req.path;
    return new CrmApiError(
      `HubSpot ${req.method} ${path} failed${status ? ` with ${status}` : ''}${vendorMessage}${hint}. See https://developers.hubspot.com/docs/api-reference/error-handling`,
      {
        system: 'hubspot',
        operation: req.operation,
        method: req.method,
        path,
        ...(status === undefined ? {} : { status }),
        vendorCode,
        ...(body?.correlationId ? { requestId: body.correlationId } : {}),
        retryable,
      },
      { cause },
    );
  }
}

function emptyUsage(): ApiUsage {
  return { calls: 0, callsByOperation: {}, rateLimited: 0, retries: 0, daily: null };
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return { message: text.slice(0, 200) };
  }
}
