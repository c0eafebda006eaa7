/** Starts the Salesforce emulator: an express app on 127.0.0.1 (port 0 by default) serving the REST, Bulk 2.0,
 *  OAuth and SOAP surfaces Partner Atlas uses, over in-memory state. */
import express, { type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import {
  createControlRoutes,
  createEmulatorMiddleware,
  createRandom,
  type EmulatorClock,
  type FaultConfigInput,
  FaultInjector,
  RequestLog,
  startHttpServer,
  systemClock,
} from '../kit/index.js';
import { notFound, SalesforceApiError } from './api-error.js';
import { ApiUsage } from './api-usage.js';
import { createBulk2IngestRouter } from './bulk2-ingest-routes.js';
import { BulkQueryJobs } from './bulk2-jobs.js';
import { createBulk2Router } from './bulk2-routes.js';
import { createCompositeRouter } from './composite-routes.js';
import type { EmulatorContext, EmulatorCredentials } from './context.js';
import { SALESFORCE_TOKEN_ROUTE, salesforceFaultAnswer } from './faults.js';
import { createMetadataRouter, seedDefaultLayouts } from './metadata-routes.js';
import { createOAuthRouter, requireSession } from './oauth-routes.js';
import { createOrgRouter, createVersionsRouter, servedVersions } from './org-routes.js';
import { QueryCursors } from './query-cursors.js';
import { createQueryRouter } from './query-routes.js';
import { salesforceRouteOf } from './route-keys.js';
import type { PicklistOverrides, SalesforceOrgShape } from './schema.js';
import { createSoapLoginRouter } from './soap-login-routes.js';
import { createSObjectRouter } from './sobject-routes.js';
import { SalesforceEmulatorState } from './state.js';
import { TokenStore } from './tokens.js';
import { createUpsertRouter } from './upsert-routes.js';

/** Placeholder credentials the emulator accepts by default (never real ones). */
export const DEFAULT_EMULATOR_CREDENTIALS: EmulatorCredentials = {
  clientId: 'atlas-emulator-client-id',
  clientSecret: 'atlas-emulator-client-secret',
  username: 'integration@atlas.emulator',
  password: 'atlas-emulator-password',
};

export interface SalesforceEmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Seeds ids, tokens and random faults. */
  seed?: number | string;
  /** Newest API version served (default `62.0`). */
  apiVersion?: string;
  /** Access token lifetime (default 2 hours, Salesforce's default session timeout). */
  tokenTtlMs?: number;
  /** Daily API request allocation (default 100,000). */
  dailyQuota?: number;
  /** Initial fault configuration; `exemptRoutes` defaults to the token endpoint. */
  faults?: FaultConfigInput;
  clock?: EmulatorClock;
  credentials?: Partial<EmulatorCredentials>;
  /** Picklist values per `Object.Field` (e.g. `Product2.Family`). */
  picklists?: PicklistOverrides;
  /** Which org the schema imitates: `prm` (default) or `plain` (see SALESFORCE_ORG_SHAPES). */
  orgShape?: SalesforceOrgShape;
  /** Records per query page (default 2,000). */
  queryPageSize?: number;
  /** Status checks before a Bulk 2.0 query job completes (default 1). */
  bulkJobChecksToComplete?: number;
  /** Rows per Bulk 2.0 results page without `maxRecords` (default 50,000). */
  bulkResultPageSize?: number;
  /** When false, Metadata-API fields need no permission set (default true, as Salesforce). */
  enforceFieldPermissions?: boolean;
}

/** A running emulator. */
export interface SalesforceEmulator {
  /** Instance URL and login URL, e.g. `http://127.0.0.1:53121`. */
  url: string;
  state: SalesforceEmulatorState;
  log: RequestLog;
  faults: FaultInjector;
  usage: ApiUsage;
  tokens: TokenStore;
  bulkJobs: BulkQueryJobs;
  cursors: QueryCursors;
  credentials: EmulatorCredentials;
  apiVersion: string;
  /** A fresh access token for the integration user (skips the OAuth dance in tests). */
  issueAccessToken(): string;
  /** A refresh token usable with grant_type=refresh_token. */
  issueRefreshToken(): string;
  close(): Promise<void>;
}

/** body-parser marks malformed JSON with this type. */
const BodyParserErrorSchema = z.object({ type: z.literal('entity.parse.failed') });

function errorHandler() {
  return (err: unknown, _req: Request, res: Response, _next: NextFunction): void => {
    if (res.headersSent) return;
    if (err instanceof SalesforceApiError) {
      res.status(err.status).json(err.toBody());
      return;
    }
    const parseFailed = BodyParserErrorSchema.safeParse(err).success;
    if (parseFailed) {
      res
        .status(400)
        .json([{ message: 'Unexpected character in JSON body', errorCode: 'JSON_PARSER_ERROR' }]);
      return;
    }
    res
      .status(500)
      .json([{ message: err instanceof Error ? err.message : String(err), errorCode: 'UNKNOWN_EXCEPTION' }]);
  };
}

/**
 * Starts an emulator; each call is an independent org.
 * @example
 * const sf = await startSalesforceEmulator({ seed: 1 });
 * const conn = new jsforce.Connection({ instanceUrl: sf.url, accessToken: sf.issueAccessToken(), version: '62.0' });
 * await sf.close();
 */
export async function startSalesforceEmulator(
  options: SalesforceEmulatorOptions = {},
): Promise<SalesforceEmulator> {
  const clock = options.clock ?? systemClock;
  const seed = options.seed ?? 1;
  const apiVersion = options.apiVersion ?? '62.0';
  const faultConfig: FaultConfigInput = { exemptRoutes: [SALESFORCE_TOKEN_ROUTE], ...options.faults };
  const faults = new FaultInjector({ seed, config: faultConfig });
  const log = new RequestLog();
  const credentials = { ...DEFAULT_EMULATOR_CREDENTIALS, ...options.credentials };
  const state = new SalesforceEmulatorState({
    clock,
    seed,
    picklists: options.picklists,
    orgShape: options.orgShape,
    username: credentials.username,
    enforceFieldPermissions: options.enforceFieldPermissions,
  });
  const random = createRandom(`${String(seed)}:tokens`);
  const ctx: EmulatorContext = {
    state,
    faults,
    random,
    credentials,
    apiVersion,
    queryPageSize: options.queryPageSize ?? 2000,
    usage: new ApiUsage(clock, options.dailyQuota ?? 100_000),
    tokens: new TokenStore({
      clock,
      random,
      faults,
      orgId: state.orgId,
      ttlMs: options.tokenTtlMs ?? 2 * 3_600_000,
    }),
    cursors: new QueryCursors(clock, state.ids),
    bulkJobs: new BulkQueryJobs({
      state,
      ids: state.ids,
      checksToComplete: options.bulkJobChecksToComplete ?? 1,
      defaultPageSize: options.bulkResultPageSize ?? 50_000,
    }),
  };
  seedDefaultLayouts(ctx);

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(createControlRoutes({ faults, log }));
  app.use(
    createEmulatorMiddleware({
      log,
      faults,
      clock,
      routeOf: salesforceRouteOf,
      faultAnswer: salesforceFaultAnswer,
    }),
  );
  app.use(createOAuthRouter(ctx));
  app.use(createSoapLoginRouter(ctx));
  app.use(createMetadataRouter(ctx));
  app.use(createVersionsRouter(ctx));

  const versions = new Set(servedVersions(apiVersion).map((v) => `v${v.version}`));
  const rest = express.Router({ mergeParams: true });
  rest.use((req, res, next) => {
    const version = String(req.params.version);
    res.locals.apiVersion = version.slice(1);
    next(versions.has(version) ? undefined : notFound());
  });
  rest.use(requireSession(ctx));
  rest.use((_req, res, next) => {
    if (!ctx.usage.consume()) {
      res.set('Sforce-Limit-Info', ctx.usage.header());
      next(new SalesforceApiError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'));
      return;
    }
    res.set('Sforce-Limit-Info', ctx.usage.header());
    next();
  });
  rest.use(express.json({ limit: '50mb', type: ['application/json', 'application/*+json'] }));
  rest.use(createOrgRouter(ctx));
  rest.use(createQueryRouter(ctx));
  rest.use(createSObjectRouter(ctx));
  rest.use(createCompositeRouter(ctx));
  rest.use(createUpsertRouter(ctx));
  rest.use(createBulk2Router(ctx));
  rest.use(createBulk2IngestRouter(ctx));
  app.use('/services/data/:version', rest);
  app.use((_req, _res, next) => next(notFound()));
  app.use(errorHandler());

  const running = await startHttpServer(app, { port: options.port ?? 0, host: options.host });
  return {
    url: running.url,
    state,
    log,
    faults,
    usage: ctx.usage,
    tokens: ctx.tokens,
    bulkJobs: ctx.bulkJobs,
    cursors: ctx.cursors,
    credentials,
    apiVersion,
    issueAccessToken: () => ctx.tokens.issueAccessToken().token,
    issueRefreshToken: () => ctx.tokens.issueRefreshToken(),
    close: () => running.close(),
  };
}
