/** Options of the HubSpot connector (zod), and how they are read from the environment. */
import type { Logger } from 'pino';
import { z } from 'zod';
import type { AtlasEnv } from '../../src/config.js';
import { AtlasError } from '../../src/errors.js';
import { DEFAULT_CRM_TIMEOUT_MS } from '../kit/failure.js';
import { DEFAULT_SEARCH_PER_SECOND, HS_TEN_SECOND_LIMIT, HS_TEN_SECOND_WINDOW_MS } from './limits.js';
import { type HubSpotWriteback, HubSpotWritebackSchema } from './writeback-schema.js';

/** HubSpot's public API host; `HUBSPOT_BASE_URL` points elsewhere (EU data centre, sandbox). */
export const HUBSPOT_DEFAULT_BASE_URL = 'https://api.hubapi.com';

const PrivateAppAuthSchema = z.object({ kind: z.literal('private-app'), accessToken: z.string().min(1) });
const OAuthSchema = z.object({
  kind: z.literal('oauth'),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  refreshToken: z.string().min(1),
  /** Refresh this long before the token's expiry (HubSpot tokens live 30 minutes). */
  refreshAheadMs: z
    .number()
    .int()
    .min(0)
    .default(5 * 60_000),
});
export const HubSpotAuthSchema = z.discriminatedUnion('kind', [PrivateAppAuthSchema, OAuthSchema]);
export type HubSpotAuth = z.input<typeof HubSpotAuthSchema>;

export const HubSpotLimitsSchema = z
  .object({
    /** Requests per rolling window for the whole portal (default: HubSpot's 190 per 10 s). */
    requestsPerWindow: z.number().int().positive().default(HS_TEN_SECOND_LIMIT),
    windowMs: z.number().int().positive().default(HS_TEN_SECOND_WINDOW_MS),
    /** Search requests per second (HubSpot allows 5; one below keeps a margin). */
    searchPerSecond: z.number().int().positive().default(DEFAULT_SEARCH_PER_SECOND),
    /** Calls in flight at once. */
    concurrency: z.number().int().positive().default(6),
    /** Calls this connector may make before reads stop with API_BUDGET_REACHED (a run budget). */
    runBudget: z.number().int().positive().nullable().default(null),
    /** Stop reading when HubSpot's daily remaining calls fall to this (private apps report it). */
    dailyReserve: z.number().int().min(0).default(0),
    /** Retries of one call after 429 / 5xx / dropped connections. */
    maxRetries: z.number().int().min(0).default(6),
    /** First backoff after a 5xx; doubles per retry (the kit's policy: jittered, capped). */
    backoffMs: z.number().int().positive().default(500),
    /** Margin added to the rolling window (a request holds its slot until this long after its answer). */
    windowMarginMs: z.number().int().min(0).default(100),
  })
  .default({
    requestsPerWindow: HS_TEN_SECOND_LIMIT,
    windowMs: HS_TEN_SECOND_WINDOW_MS,
    searchPerSecond: DEFAULT_SEARCH_PER_SECOND,
    concurrency: 6,
    runBudget: null,
    dailyReserve: 0,
    maxRetries: 6,
    backoffMs: 500,
    windowMarginMs: 100,
  });
export type HubSpotLimits = z.output<typeof HubSpotLimitsSchema>;

const LoggerSchema = z.custom<Logger>((v) => typeof v === 'object' && v !== null && 'warn' in v);
const NowSchema = z.custom<() => Date>((v) => typeof v === 'function');
const SleepSchema = z.custom<(ms: number) => Promise<void>>((v) => typeof v === 'function');

export const HubSpotConnectorOptionsSchema = z.object({
  auth: HubSpotAuthSchema,
  baseUrl: z.url().default(HUBSPOT_DEFAULT_BASE_URL),
  /** The mapping's write-back section: properties to provision, lists to keep. */
  writeback: HubSpotWritebackSchema.nullable().default(null),
  /** Enumeration options provisioning creates up front, per property (levels, needs). */
  fieldOptions: z.array(z.object({ field: z.string(), values: z.array(z.string()) })).default([]),
  /** Objects the mapping reads; provisioning creates the certifications schema when one of them is `certifications`. */
  readObjects: z.array(z.string()).default([]),
  limits: HubSpotLimitsSchema,
  /** Time limit of each request; a request past it is retried like a 5xx, then fails naming the call. */
  timeoutMs: z.number().int().positive().default(DEFAULT_CRM_TIMEOUT_MS),
  /**
   * Records per yielded page: list / search pages are grouped so associations are read 1,000 per call and
   * associated records 100 per call with few part-filled batches.
   */
  recordsPerPage: z.number().int().min(100).max(10_000).default(5_000),
  /**
   * An incremental read of an object with at most this many records (filter applied) scans it in full
   * instead: as cheap as a few search pages, and it reads the records themselves, not the search index
   * (which trails writes by a few seconds). 0 turns it off.
   */
  smallObjectMax: z.number().int().min(0).default(1_000),
  /** Suffix that marks a retired list (its segment disappeared; members removed). */
  retiredListSuffix: z.string().default(' (retired)'),
  logger: LoggerSchema.optional(),
  /** Clock for token expiry, limiter windows and archive windows (tests inject one). */
  now: NowSchema.optional(),
  /** How the connector waits (tests pass one that advances a manual clock). */
  sleep: SleepSchema.optional(),
});
export type HubSpotConnectorOptions = z.input<typeof HubSpotConnectorOptionsSchema>;
export type ResolvedHubSpotOptions = z.output<typeof HubSpotConnectorOptionsSchema>;

/** What the caller adds to the environment: the mapping's write-back section and anything injected. */
export interface HubSpotEnvExtras {
  writeback?: HubSpotWriteback | null;
  fieldOptions?: Array<{ field: string; values: string[] }>;
  readObjects?: string[];
  limits?: Partial<HubSpotLimits>;
  logger?: Logger;
  now?: () => Date;
}

/**
 * Options from `HUBSPOT_ACCESS_TOKEN` (private app) or `HUBSPOT_CLIENT_ID` + `HUBSPOT_CLIENT_SECRET` +
 * `HUBSPOT_REFRESH_TOKEN` (OAuth), `HUBSPOT_BASE_URL` and `ATLAS_CRM_TIMEOUT_MS`. Names the missing variables, never their values.
 */
export function hubspotConnectorOptionsFromEnv(
  env: Pick<
    AtlasEnv,
    | 'HUBSPOT_ACCESS_TOKEN'
    | 'HUBSPOT_CLIENT_ID'
    | 'HUBSPOT_CLIENT_SECRET'
    | 'HUBSPOT_REFRESH_TOKEN'
    | 'HUBSPOT_BASE_URL'
    | 'ATLAS_CRM_TIMEOUT_MS'
  >,
  extras: HubSpotEnvExtras = {},
): HubSpotConnectorOptions {
  let auth: HubSpotAuth;
  if (env.HUBSPOT_ACCESS_TOKEN) {
    auth = { kind: 'private-app', accessToken: env.HUBSPOT_ACCESS_TOKEN };
  } else if (env.HUBSPOT_CLIENT_ID && env.HUBSPOT_CLIENT_SECRET && env.HUBSPOT_REFRESH_TOKEN) {
    auth = {
      kind: 'oauth',
      clientId: env.HUBSPOT_CLIENT_ID,
      clientSecret: env.HUBSPOT_CLIENT_SECRET,
      refreshToken: env.HUBSPOT_REFRESH_TOKEN,
    };
  } else {
    const oauthVars = ['HUBSPOT_CLIENT_ID', 'HUBSPOT_CLIENT_SECRET', 'HUBSPOT_REFRESH_TOKEN'] as const;
    const missing = oauthVars.filter((k) => !env[k]);
    throw new AtlasError(
      'CONFIG_INVALID',
      `HubSpot credentials missing: set HUBSPOT_ACCESS_TOKEN (private app) or ${oauthVars.join(' + ')} (OAuth; missing: ${missing.join(', ')}). See .env.example.`,
      { context: { system: 'hubspot', missing: missing.join(',') } },
    );
  }
  return {
    auth,
    baseUrl: env.HUBSPOT_BASE_URL ?? HUBSPOT_DEFAULT_BASE_URL,
    timeoutMs: env.ATLAS_CRM_TIMEOUT_MS,
    writeback: extras.writeback ?? null,
    fieldOptions: extras.fieldOptions ?? [],
    readObjects: extras.readObjects ?? [],
    limits: { ...HubSpotLimitsSchema.parse(undefined), ...extras.limits },
    ...(extras.logger ? { logger: extras.logger } : {}),
    ...(extras.now ? { now: extras.now } : {}),
  };
}
