/** The connector's options (zod) and how they are read from the environment. */
import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { AtlasEnv } from '../../src/config.js';
import { AtlasError } from '../../src/errors.js';
import { DEFAULT_BACKOFF_MAX_MS } from '../kit/backoff.js';
import {
  DEFAULT_CRM_DOWNLOAD_TIMEOUT_MS,
  DEFAULT_CRM_TIMEOUT_MS,
  DEFAULT_RATE_LIMIT_RETRIES,
} from '../kit/failure.js';
import {
  DEFAULT_BULK_INGEST_THRESHOLD,
  DEFAULT_MAX_RETRIES,
  DEFAULT_RETRY_BASE_MS,
  DEFAULT_RUN_BUDGET_SHARE,
  DEFAULT_TOTAL_BUDGET_SHARE,
  SF_BULK_POLL_INTERVAL_MS,
  SF_BULK_POLL_TIMEOUT_MS,
  SF_BULK_RESULTS_PAGE,
  SF_DEFAULT_API_VERSION,
} from './limits.js';
import { type SalesforceWriteback, SalesforceWritebackSchema } from './writeback-schema.js';

/** How the connector proves who it is. Every secret stays in this object, never in a log or an error. */
export const SalesforceAuthSchema = z.discriminatedUnion('mode', [
  /** Username + password + security token (OAuth password flow with a client id/secret, SOAP login without). */
  z.object({
    mode: z.literal('password'),
    username: z.string().min(1),
    password: z.string().min(1),
    securityToken: z.string().optional(),
    clientId: z.string().optional(),
    clientSecret: z.string().optional(),
  }),
  /** Web-server flow refresh token; jsforce refreshes on INVALID_SESSION_ID by itself. */
  z.object({
    mode: z.literal('refresh_token'),
    clientId: z.string().min(1),
    clientSecret: z.string().optional(),
    refreshToken: z.string().min(1),
  }),
  /** JWT bearer flow: an assertion signed with the connected app's private key (PEM, PKCS#8). */
  z.object({
    mode: z.literal('jwt'),
    clientId: z.string().min(1),
    username: z.string().min(1),
    privateKey: z.string().min(1),
  }),
  /** Client credentials flow (runs as the connected app's execution user). */
  z.object({
    mode: z.literal('client_credentials'),
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
  }),
]);
export type SalesforceAuth = z.infer<typeof SalesforceAuthSchema>;

export const SalesforceConnectorOptionsSchema = z.object({
  auth: SalesforceAuthSchema,
  /** Where tokens are requested (login.salesforce.com, test.salesforce.com, My Domain). */
  loginUrl: z.url().default('https://login.salesforce.com'),
  /** Instance (My Domain) URL; the token answer's `instance_url` is used when absent. */
  instanceUrl: z.url().optional(),
  apiVersion: z
    .string()
    .regex(/^\d{2,3}\.0$/)
    .default(SF_DEFAULT_API_VERSION),
  /** The mapping's write-back section: fields, list views, layouts, permission set. */
  writeback: SalesforceWritebackSchema.optional(),
  budget: z
    .object({
      /** Share of the daily quota one run may use. */
      runShare: z.number().gt(0).max(1).default(DEFAULT_RUN_BUDGET_SHARE),
      /** Share of the daily quota (all clients) above which the run stops. */
      totalShare: z.number().gt(0).max(1).default(DEFAULT_TOTAL_BUDGET_SHARE),
      /** Hard cap of calls per run, on top of the shares (tests, cautious admins). */
      maxCalls: z.number().int().positive().optional(),
    })
    .prefault({}),
  retry: z
    .object({
      maxRetries: z.number().int().min(0).max(10).default(DEFAULT_MAX_RETRIES),
      /** Retries of a 429 / concurrency limit, on their own allowance: the wait is short and announced. */
      rateLimitRetries: z.number().int().min(0).max(30).default(DEFAULT_RATE_LIMIT_RETRIES),
      baseMs: z.number().min(0).default(DEFAULT_RETRY_BASE_MS),
      maxMs: z.number().min(0).default(DEFAULT_BACKOFF_MAX_MS),
    })
    .prefault({}),
  /** Time limit of each request (login, read, write, metadata, polling); a request past it is retried, then fails. */
  timeoutMs: z.number().int().positive().default(DEFAULT_CRM_TIMEOUT_MS),
  /** Time limit of each Bulk API 2.0 data transfer: a CSV upload, a results page, failed results. */
  downloadTimeoutMs: z.number().int().positive().default(DEFAULT_CRM_DOWNLOAD_TIMEOUT_MS),
  /**
   * Bulk API 2.0 reads are never used for this many matching records or fewer (REST `totalSize`). Above it,
   * the path costing fewer calls is chosen (read-choice.ts); 0 lets the cost alone decide. A high value keeps
   * the org's daily Bulk job allocation for other integrations.
   */
  bulkQueryThreshold: z.number().int().min(0).default(0),
  /** Above this many updates, write-back uses a Bulk API 2.0 ingest job. */
  bulkIngestThreshold: z.number().int().min(1).default(DEFAULT_BULK_INGEST_THRESHOLD),
  /** Rows per Bulk API 2.0 results page (`maxRecords`). */
  bulkResultsPage: z.number().int().min(1).default(SF_BULK_RESULTS_PAGE),
  bulkPollIntervalMs: z.number().min(0).default(SF_BULK_POLL_INTERVAL_MS),
  bulkPollTimeoutMs: z.number().min(1).default(SF_BULK_POLL_TIMEOUT_MS),
  /** Developer-name prefix of the list views Atlas owns; others are never touched. */
  listViewPrefix: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_]*$/)
    .default('Atlas_'),
});
export type SalesforceConnectorSettings = z.output<typeof SalesforceConnectorOptionsSchema>;

/** Options of {@link createSalesforceConnector}: the schema's input plus what cannot be JSON. */
export type SalesforceConnectorOptions = z.input<typeof SalesforceConnectorOptionsSchema> & {
  logger?: Logger;
  /** The clock (tests). */
  now?: () => Date;
  /** Waits between retries and polls (tests pass a fast one). */
  sleep?: (ms: number) => Promise<void>;
};

/** What the CLI passes besides the environment. */
export interface SalesforceEnvExtras {
  writeback?: SalesforceWriteback;
  logger?: Logger;
  now?: () => Date;
  /** Forces an auth mode; otherwise it is inferred from which variables are set. */
  authMode?: SalesforceAuth['mode'];
  readFile?: (path: string) => string;
}

type SalesforceEnv = Partial<
  Pick<
    AtlasEnv,
    | 'SALESFORCE_LOGIN_URL'
    | 'SALESFORCE_INSTANCE_URL'
    | 'SALESFORCE_API_VERSION'
    | 'SALESFORCE_USERNAME'
    | 'SALESFORCE_PASSWORD'
    | 'SALESFORCE_SECURITY_TOKEN'
    | 'SALESFORCE_CLIENT_ID'
    | 'SALESFORCE_CLIENT_SECRET'
    | 'SALESFORCE_REFRESH_TOKEN'
    | 'SALESFORCE_PRIVATE_KEY_FILE'
    | 'ATLAS_CRM_TIMEOUT_MS'
    | 'ATLAS_CRM_DOWNLOAD_TIMEOUT_MS'
  >
>;

function inferMode(env: SalesforceEnv): SalesforceAuth['mode'] {
  if (env.SALESFORCE_PRIVATE_KEY_FILE && env.SALESFORCE_CLIENT_ID && env.SALESFORCE_USERNAME) return 'jwt';
  if (env.SALESFORCE_REFRESH_TOKEN && env.SALESFORCE_CLIENT_ID) return 'refresh_token';
  if (env.SALESFORCE_USERNAME && env.SALESFORCE_PASSWORD) return 'password';
  if (env.SALESFORCE_CLIENT_ID && env.SALESFORCE_CLIENT_SECRET) return 'client_credentials';
  throw new AtlasError(
    'AUTH_FAILED',
    'No Salesforce credentials in the environment: set SALESFORCE_USERNAME + SALESFORCE_PASSWORD (+ SALESFORCE_SECURITY_TOKEN), ' +
      'or SALESFORCE_CLIENT_ID with SALESFORCE_REFRESH_TOKEN, SALESFORCE_PRIVATE_KEY_FILE + SALESFORCE_USERNAME (JWT), or SALESFORCE_CLIENT_SECRET (client credentials); see .env.example',
  );
}

function required(value: string | undefined, name: string, mode: string): string {
  if (value) return value;
  throw new AtlasError('AUTH_FAILED', `${name} is required for Salesforce ${mode} authentication`, {
    context: { variable: name },
  });
}

/**
 * Connector options from the validated environment (`loadEnv`) and the mapping's write-back section.
 * Reads SALESFORCE_LOGIN_URL, SALESFORCE_INSTANCE_URL, SALESFORCE_API_VERSION, SALESFORCE_USERNAME,
 * SALESFORCE_PASSWORD, SALESFORCE_SECURITY_TOKEN, SALESFORCE_CLIENT_ID, SALESFORCE_CLIENT_SECRET,
 * SALESFORCE_REFRESH_TOKEN, SALESFORCE_PRIVATE_KEY_FILE, ATLAS_CRM_TIMEOUT_MS and ATLAS_CRM_DOWNLOAD_TIMEOUT_MS.
 */
export function salesforceConnectorOptionsFromEnv(
  env: SalesforceEnv,
  extras: SalesforceEnvExtras = {},
): SalesforceConnectorOptions {
  const mode = extras.authMode ?? inferMode(env);
  let auth: SalesforceAuth;
  switch (mode) {
    case 'password':
      auth = {
        mode,
        username: required(env.SALESFORCE_USERNAME, 'SALESFORCE_USERNAME', mode),
        password: required(env.SALESFORCE_PASSWORD, 'SALESFORCE_PASSWORD', mode),
        securityToken: env.SALESFORCE_SECURITY_TOKEN,
        clientId: env.SALESFORCE_CLIENT_ID,
        clientSecret: env.SALESFORCE_CLIENT_SECRET,
      };
      break;
    case 'refresh_token':
      auth = {
        mode,
        clientId: required(env.SALESFORCE_CLIENT_ID, 'SALESFORCE_CLIENT_ID', mode),
        clientSecret: env.SALESFORCE_CLIENT_SECRET,
        refreshToken: required(env.SALESFORCE_REFRESH_TOKEN, 'SALESFORCE_REFRESH_TOKEN', mode),
      };
      break;
    case 'jwt': {
      const file = required(env.SALESFORCE_PRIVATE_KEY_FILE, 'SALESFORCE_PRIVATE_KEY_FILE', mode);
      let privateKey: string;
      try {
        privateKey = (extras.readFile ?? ((p: string) => readFileSync(p, 'utf8')))(file);
      } catch (error) {
        throw new AtlasError('AUTH_FAILED', `Cannot read SALESFORCE_PRIVATE_KEY_FILE (${file})`, {
          context: { variable: 'SALESFORCE_PRIVATE_KEY_FILE' },
          cause: error,
        });
      }
      auth = {
        mode,
        clientId: required(env.SALESFORCE_CLIENT_ID, 'SALESFORCE_CLIENT_ID', mode),
        username: required(env.SALESFORCE_USERNAME, 'SALESFORCE_USERNAME', mode),
        privateKey,
      };
      break;
    }
    case 'client_credentials':
      auth = {
        mode,
        clientId: required(env.SALESFORCE_CLIENT_ID, 'SALESFORCE_CLIENT_ID', mode),
        clientSecret: required(env.SALESFORCE_CLIENT_SECRET, 'SALESFORCE_CLIENT_SECRET', mode),
      };
      break;
  }
  return {
    auth,
    loginUrl: env.SALESFORCE_LOGIN_URL ?? env.SALESFORCE_INSTANCE_URL ?? 'https://login.salesforce.com',
    instanceUrl: env.SALESFORCE_INSTANCE_URL,
    apiVersion: env.SALESFORCE_API_VERSION,
    timeoutMs: env.ATLAS_CRM_TIMEOUT_MS,
    downloadTimeoutMs: env.ATLAS_CRM_DOWNLOAD_TIMEOUT_MS,
    writeback: extras.writeback,
    logger: extras.logger,
    now: extras.now,
  };
}
