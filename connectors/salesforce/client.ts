/** Every call to Salesforce goes through here: counting, quota budget, our retries with backoff, errors wrapped once. */
import type jsforce from 'jsforce';
import { HttpApi } from 'jsforce/lib/http-api.js';
import type { Logger } from 'pino';
import { z } from 'zod';
import { AtlasError, CrmApiError, errorMessage } from '../../src/errors.js';
import { backoffMs } from '../kit/backoff.js';
import {
  noAnswerOf,
  noAnswerText,
  RetryAllowance,
  retryAfterSeconds,
  unreachableHostText,
} from '../kit/failure.js';
import { type ApiUsage, CONNECTOR_ERRORS } from '../types.js';
import { type BudgetSettings, QuotaBudget } from './budget.js';
import { parseLimitInfo } from './raw.js';
import { classifyFailure, type FailureFacts, type FailureKind, retryKindOf } from './retry.js';
import { type CallTrace, callTrace, traced } from './transport.js';

export interface RetrySettings {
  maxRetries: number;
  /** Retries of a call answered 429 or REQUEST_LIMIT_EXCEEDED (a limit, not the daily quota). */
  rateLimitRetries: number;
  baseMs: number;
  maxMs: number;
}

export interface RestRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** `/sobjects/Account/describe` (under `/services/data/vXX.X`), or a path from the host (`/services/…`). */
  path: string;
  body?: unknown;
  /** Raw text body (CSV uploads); `body` is JSON-encoded otherwise. */
  text?: string;
  headers?: Record<string, string>;
}

export interface RestResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface CallOptions {
  /** Retry transient failures (default true: reads, and writes that are idempotent field sets). */
  retry?: boolean;
  /** Parse the answer as this content type instead of the response's (`text/plain` keeps CSV raw). */
  responseType?: string;
  signal?: AbortSignal | undefined;
  /** Time limit of each request of this call (bulk result downloads get longer); the client's otherwise. */
  timeoutMs?: number;
}

const JsforceErrorSchema = z.object({
  errorCode: z.string().optional(),
  message: z.string().optional(),
});

/** The slice of jsforce's metadata API the connector calls (declared so tests can see what we rely on). */
export type SalesforceMetadataApi = jsforce.Connection['metadata'];

export interface SalesforceClientInput {
  conn: jsforce.Connection;
  apiVersion: string;
  identity: { orgId: string; userId: string } | null;
  retry: RetrySettings;
  /** Time limit of each request unless a call says otherwise. */
  timeoutMs: number;
  budget: BudgetSettings;
  logger?: Logger | undefined;
  sleep?: ((ms: number) => Promise<void>) | undefined;
}

/** What a call is, for errors: `POST /composite/sobjects`. */
interface CallTarget {
  method: string;
  path: string;
}

/** The facts of a failure: the status the transport saw, jsforce's vendor code (SOAP faults lose `sf:`). */
function failureFacts(error: unknown, trace: CallTrace): FailureFacts {
  const parsed = JsforceErrorSchema.safeParse(error);
  const vendorCode = parsed.success ? parsed.data.errorCode?.replace(/^sf:/, '') : undefined;
  const noAnswer = noAnswerOf(error);
  return {
    // An attempt that timed out may still have seen an earlier answer (a redirect): no status then.
    status: noAnswer ? null : trace.status,
    vendorCode: vendorCode?.startsWith('ERROR_HTTP_') ? undefined : vendorCode,
    message: errorMessage(error),
    noAnswer,
  };
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Counts calls per operation, follows the quota, retries transient failures and wraps errors as CrmApiError. */
export class SalesforceClient {
  readonly conn: jsforce.Connection;
  readonly apiVersion: string;
  readonly identity: { orgId: string; userId: string } | null;
  readonly budget: QuotaBudget;
  readonly #retry: RetrySettings;
  readonly #timeoutMs: number;
  readonly #logger: Logger | undefined;
  readonly #sleep: (ms: number) => Promise<void>;
  #calls = 0;
  #byOperation: Record<string, number> = {};
  #rateLimited = 0;
  #retries = 0;
  #refreshes = 0;

  constructor(input: SalesforceClientInput) {
    this.conn = input.conn;
    this.apiVersion = input.apiVersion;
    this.identity = input.identity;
    this.budget = new QuotaBudget(input.budget);
    this.#retry = input.retry;
    this.#timeoutMs = input.timeoutMs;
    this.#logger = input.logger;
    this.#sleep = input.sleep ?? defaultSleep;
    // jsforce re-sends a call after refreshing the session: that is one more request.
    this.conn.on('refresh', () => {
      this.#refreshes++;
    });
  }

  get instanceUrl(): string {
    return this.conn.instanceUrl;
  }

  usage(): ApiUsage {
    return {
      calls: this.#calls,
      callsByOperation: { ...this.#byOperation },
      rateLimited: this.#rateLimited,
      retries: this.#retries,
      daily: this.budget.daily,
    };
  }

  /** Session refreshes seen (each re-sends the failed call). */
  get refreshes(): number {
    return this.#refreshes;
  }

  resetUsage(): void {
    this.#calls = 0;
    this.#byOperation = {};
    this.#rateLimited = 0;
    this.#retries = 0;
    this.budget.reset();
  }

  #count(operation: string): void {
    this.#calls++;
    this.#byOperation[operation] = (this.#byOperation[operation] ?? 0) + 1;
    this.budget.countCall();
  }

  /** Throws API_BUDGET_REACHED when the run's budget is spent (called between pages and chunks). */
  assertBudget(where: Record<string, string | number>): void {
    const verdict = this.budget.verdict();
    if (verdict) {
      throw new AtlasError(
        CONNECTOR_ERRORS.budget,
        `Salesforce API budget reached: ${verdict}; the run stops here and resumes from its cursor next time`,
        {
          context: { system: 'salesforce', ...where },
        },
      );
    }
  }

  #url(path: string): string {
    if (/^https?:\/\//.test(path)) return path;
    const rooted = path.startsWith('/services/') ? path : `/services/data/v${this.apiVersion}${path}`;
    return `${this.conn.instanceUrl.replace(/\/+$/, '')}${rooted}`;
  }

  /**
   * One REST call through jsforce's HttpApi (session header, refresh on INVALID_SESSION_ID), with jsforce's
   * own retries off so that every attempt is counted and the daily quota is never retried.
   */
  async rest(operation: string, request: RestRequest, options: CallOptions = {}): Promise<RestResponse> {
    const hasJson = request.body !== undefined;
    const path = request.path.split('?')[0] ?? request.path;
    return this.#call(operation, { method: request.method, path }, options, async (trace) => {
      const api = new HttpApi(this.conn, {
        retry: { maxRetries: 0 },
        ...(options.responseType ? { responseType: options.responseType } : {}),
        noContentResponse: '',
      });
      const body: unknown = await api.request({
        method: request.method,
        url: this.#url(request.path),
        ...(hasJson ? { body: JSON.stringify(request.body) } : {}),
        ...(request.text !== undefined ? { body: request.text } : {}),
        headers: {
          ...(hasJson ? { 'content-type': 'application/json' } : {}),
          ...request.headers,
        },
      });
      return { status: trace.status ?? 200, headers: trace.headers, body };
    });
  }

  /**
   * Sends one call, attempt after attempt: counted, bounded in time, the quota followed, transient failures
   * and rate limits retried with the kit's backoff (at least `Retry-After`), then wrapped once.
   */
  async #call<T>(
    operation: string,
    target: CallTarget,
    options: CallOptions,
    send: (trace: CallTrace) => Promise<T>,
  ): Promise<T> {
    const timeoutMs = options.timeoutMs ?? this.#timeoutMs;
    const allowance = new RetryAllowance(this.#retry);
    for (;;) {
      if (options.signal?.aborted) throw new AtlasError('ABORTED', `Salesforce ${operation} aborted`);
      this.#count(operation);
      const trace = callTrace(timeoutMs);
      try {
        const result = await traced(trace, () => send(trace));
        this.#observe(trace);
        return result;
      } catch (error) {
        this.#observe(trace);
        const facts = failureFacts(error, trace);
        const kind = classifyFailure(facts);
        if (kind === 'rate-limited') this.#rateLimited++;
        const retryKind = retryKindOf(facts, kind);
        if ((options.retry ?? true) && retryKind && allowance.take(retryKind)) {
          this.#retries++;
          const wait = backoffMs(
            allowance.total - 1,
            this.#retry,
            retryAfterSeconds(trace.headers['retry-after']),
          );
          this.#logger?.warn(
            {
              operation,
              status: facts.status,
              vendorCode: facts.vendorCode,
              attempt: allowance.total,
              waitMs: Math.round(wait),
            },
            'salesforce call failed, retrying',
          );
          await this.#sleep(wait);
          continue;
        }
        throw this.#wrap(operation, target, facts, kind, timeoutMs, error);
      }
    }
  }

  #observe(trace: CallTrace): void {
    const limit = parseLimitInfo(trace.headers['sforce-limit-info']);
    if (limit) this.budget.observe(limit);
  }

  #wrap(
    operation: string,
    target: CallTarget,
    facts: FailureFacts,
    kind: FailureKind,
    timeoutMs: number,
    error: unknown,
  ): AtlasError {
    // Checked before the session patterns below: jsforce reports a refresh that could not reach the host as
    // "Unable to refresh session", which is a network failure, not refused credentials.
    const unreachable =
      facts.noAnswer &&
      unreachableHostText(facts.noAnswer, 'Salesforce', this.conn.instanceUrl, 'SALESFORCE_INSTANCE_URL');
    if (unreachable) {
      return new CrmApiError(
        unreachable,
        {
          system: 'salesforce',
          operation,
          method: target.method,
          path: target.path,
          vendorCode: 'CRM_UNREACHABLE',
          retryable: true,
        },
        { cause: error },
      );
    }
    const what = facts.noAnswer ? noAnswerText(facts.noAnswer, timeoutMs) : facts.message;
    const apiError = new CrmApiError(
      `Salesforce ${operation} (${target.method} ${target.path}) failed${facts.status ? ` with ${facts.status}` : ''}${facts.vendorCode ? ` ${facts.vendorCode}` : ''}: ${what}` +
        (facts.vendorCode
          ? ' (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm)'
          : ''),
      {
        system: 'salesforce',
        operation,
        method: target.method,
        path: target.path,
        ...(facts.status !== null ? { status: facts.status } : {}),
        ...(facts.vendorCode ? { vendorCode: facts.vendorCode } : {}),
        retryable: kind === 'rate-limited' || kind === 'transient',
      },
      { cause: error },
    );
    if (kind === 'quota') {
      return new AtlasError(
        CONNECTOR_ERRORS.budget,
        'Salesforce daily API quota is spent (REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded); not retried, the run resumes from its cursor once the quota comes back',
        { context: { system: 'salesforce', operation }, cause: apiError },
      );
    }
    if (
      facts.status === 401 ||
      /Unable to refresh session|invalid_grant|INVALID_SESSION_ID/.test(facts.message)
    ) {
      return new AtlasError(
        CONNECTOR_ERRORS.auth,
        `Salesforce rejected the session and it could not be refreshed: ${facts.message}`,
        {
          context: { system: 'salesforce', operation },
          cause: apiError,
        },
      );
    }
    return apiError;
  }

  /** JSON GET / POST / PATCH helpers returning the parsed body. */
  async get(operation: string, path: string, options: CallOptions = {}): Promise<unknown> {
    return (await this.rest(operation, { method: 'GET', path }, options)).body;
  }

  /**
   * A Metadata API (SOAP) call through jsforce's `conn.metadata`, counted, bounded and retried like a REST
   * call. Metadata saves are upserts of the whole component, so a repeat is harmless.
   */
  metadata<T>(operation: string, call: (api: SalesforceMetadataApi) => Promise<T>): Promise<T> {
    return this.#call(operation, { method: 'POST', path: `/services/Soap/m/${this.apiVersion}` }, {}, () =>
      call(this.conn.metadata),
    );
  }
}
