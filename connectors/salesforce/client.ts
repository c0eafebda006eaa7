/** Every call to Salesforce goes through here: counting, quota budget, our retries with backoff, errors wrapped once. */
import type jsforce from 'jsforce';
import { HttpApi } from 'jsforce/lib/http-api.js';
import type { Logger } from 'pino';
import { z } from 'zod';
import { AtlasError, CrmApiError, errorMessage } from '../../src/errors.js';
import { backoffMs } from '../kit/backoff.js';
import { type ApiUsage, CONNECTOR_ERRORS } from '../types.js';
import { type BudgetSettings, QuotaBudget } from './budget.js';
import { parseLimitInfo } from './raw.js';
import { isTransient } from './retry.js';

export interface RetrySettings {
  maxRetries: number;
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
}

const JsforceErrorSchema = z.object({
  errorCode: z.string().optional(),
  name: z.string().optional(),
  code: z.string().optional(),
  message: z.string().optional(),
});

/** The slice of jsforce's metadata API the connector calls (declared so tests can see what we rely on). */
export type SalesforceMetadataApi = jsforce.Connection['metadata'];

export interface SalesforceClientInput {
  conn: jsforce.Connection;
  apiVersion: string;
  identity: { orgId: string; userId: string } | null;
  retry: RetrySettings;
  budget: BudgetSettings;
  logger?: Logger | undefined;
  sleep?: ((ms: number) => Promise<void>) | undefined;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Counts calls per operation, follows the quota, retries transient failures and wraps errors as CrmApiError. */
export class SalesforceClient {
  readonly conn: jsforce.Connection;
  readonly apiVersion: string;
  readonly identity: { orgId: string; userId: string } | null;
  readonly budget: QuotaBudget;
  readonly #retry: RetrySettings;
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
   * own retries off so that every attempt is counted and 403 REQUEST_LIMIT_EXCEEDED is never retried.
   */
  async rest(operation: string, request: RestRequest, options: CallOptions = {}): Promise<RestResponse> {
    const retry = options.retry ?? true;
    for (let attempt = 0; ; attempt++) {
      if (options.signal?.aborted) throw new AtlasError('ABORTED', `Salesforce ${operation} aborted`);
      this.#count(operation);
      let status: number | null = null;
      let headers: Record<string, string> = {};
      const api = new HttpApi(this.conn, {
        retry: { maxRetries: 0 },
        ...(options.responseType ? { responseType: options.responseType } : {}),
        noContentResponse: '',
      });
      api.on('response', (response: { statusCode: number; headers: Record<string, string> }) => {
        status = response.statusCode;
        headers = response.headers ?? {};
        const limit = parseLimitInfo(headers['sforce-limit-info']);
        if (limit) this.budget.observe(limit);
      });
      const hasJson = request.body !== undefined;
      try {
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
        return { status: status ?? 200, headers, body };
      } catch (error) {
        const facts = JsforceErrorSchema.safeParse(error);
        const vendorCode = facts.success ? (facts.data.errorCode ?? undefined) : undefined;
        const networkCode = facts.success ? facts.data.code : undefined;
        const failure = { status, vendorCode, networkCode };
        if (status === 429) this.#rateLimited++;
        const transient = isTransient(failure);
        if (retry && transient && attempt < this.#retry.maxRetries) {
          this.#retries++;
          const retryAfter = Number(headers['retry-after']);
          const wait = backoffMs(attempt, this.#retry, Number.isFinite(retryAfter) ? retryAfter : undefined);
          this.#logger?.warn(
            { operation, status, vendorCode, attempt: attempt + 1, waitMs: Math.round(wait) },
            'salesforce call failed, retrying',
          );
          await this.#sleep(wait);
          continue;
        }
        throw this.#wrap(operation, request, failure, transient, error);
      }
    }
  }

  #wrap(
    operation: string,
    request: RestRequest,
    failure: { status: number | null; vendorCode: string | undefined; networkCode: string | undefined },
    transient: boolean,
    error: unknown,
  ): AtlasError {
    const path = request.path.split('?')[0] ?? request.path;
    const apiError = new CrmApiError(
      `Salesforce ${operation} (${request.method} ${path}) failed${failure.status ? ` with ${failure.status}` : ''}${failure.vendorCode ? ` ${failure.vendorCode}` : ''}: ${errorMessage(error)}` +
        (failure.vendorCode
          ? ' (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm)'
          : ''),
      {
        system: 'salesforce',
        operation,
        method: request.method,
        path,
        ...(failure.status !== null ? { status: failure.status } : {}),
        ...(failure.vendorCode ? { vendorCode: failure.vendorCode } : {}),
        retryable: transient,
      },
      { cause: error },
    );
    if (failure.status === 403 && failure.vendorCode === 'REQUEST_LIMIT_EXCEEDED') {
      return new AtlasError(
        CONNECTOR_ERRORS.budget,
        'Salesforce daily API quota is spent (403 REQUEST_LIMIT_EXCEEDED); not retried, the run resumes from its cursor once the quota comes back',
        { context: { system: 'salesforce', operation }, cause: apiError },
      );
    }
    if (
      failure.status === 401 ||
      /Unable to refresh session|invalid_grant|INVALID_SESSION_ID/.test(errorMessage(error))
    ) {
      return new AtlasError(
        CONNECTOR_ERRORS.auth,
        `Salesforce rejected the session and it could not be refreshed: ${errorMessage(error)}`,
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
   * A Metadata API (SOAP) call through jsforce's `conn.metadata`, counted as one request, retried when the
   * failure is transient (network, server unavailable). Metadata saves are upserts of the whole component,
   * so a repeat is harmless.
   */
  async metadata<T>(operation: string, call: (api: SalesforceMetadataApi) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      this.#count(operation);
      try {
        return await call(this.conn.metadata);
      } catch (error) {
        const facts = JsforceErrorSchema.safeParse(error);
        const name = facts.success ? (facts.data.errorCode ?? facts.data.name) : undefined;
        const networkCode = facts.success ? facts.data.code : undefined;
        if (name === 'REQUEST_LIMIT_EXCEEDED' || /REQUEST_LIMIT_EXCEEDED/.test(errorMessage(error))) {
          throw new AtlasError(
            CONNECTOR_ERRORS.budget,
            'Salesforce daily API quota is spent (REQUEST_LIMIT_EXCEEDED)',
            {
              context: { system: 'salesforce', operation },
              cause: error,
            },
          );
        }
        const transient = isTransient({ status: null, vendorCode: name, networkCode });
        if (transient && attempt < this.#retry.maxRetries) {
          this.#retries++;
          await this.#sleep(backoffMs(attempt, this.#retry));
          continue;
        }
        throw new CrmApiError(
          `Salesforce Metadata API ${operation} failed: ${errorMessage(error)}`,
          {
            system: 'salesforce',
            operation,
            method: 'POST',
            path: `/services/Soap/m/${this.apiVersion}`,
            ...(name ? { vendorCode: name } : {}),
            retryable: transient,
          },
          { cause: error },
        );
      }
    }
  }
}
