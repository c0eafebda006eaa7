/** Start options of the HubSpot emulator, validated with zod (the lead's CLI passes them through). */
import { z } from 'zod';
import { type EmulatorClock, FaultConfigSchema } from '../kit/index.js';
import { DEFAULT_PRODUCT_FAMILIES } from './default-schema.js';
import {
  HS_ACCESS_TOKEN_TTL_SECONDS,
  HS_DAILY_LIMIT,
  HS_SEARCH_PER_SECOND,
  HS_TEN_SECOND_LIMIT,
} from './vendor-limits.js';

/** Placeholder private app token accepted when no `tokens` are given (never a real credential). */
export const DEFAULT_PRIVATE_APP_TOKEN = 'pat-na1-00000000-0000-4000-8000-000000000000';

/** Placeholder OAuth app and refresh token accepted when no `oauth` is given (never real credentials). */
export const DEFAULT_OAUTH_APP = {
  clientId: 'emulator-client-id',
  clientSecret: 'emulator-client-secret',
  refreshToken: 'emulator-refresh-token',
};

/** Scopes a default token carries (reported by `GET /oauth/v1/access-tokens/:token`). */
export const DEFAULT_SCOPES = [
  'oauth',
  'crm.objects.companies.read',
  'crm.objects.companies.write',
  'crm.objects.contacts.read',
  'crm.objects.contacts.write',
  'crm.objects.deals.read',
  'crm.objects.deals.write',
  'crm.objects.line_items.read',
  'crm.objects.custom.read',
  'crm.objects.custom.write',
  'crm.schemas.custom.read',
  'crm.schemas.custom.write',
  'crm.schemas.companies.write',
  'crm.schemas.deals.write',
  'crm.lists.read',
  'crm.lists.write',
];

const ClockSchema = z.custom<EmulatorClock>(
  (v) => typeof v === 'object' && v !== null && 'now' in v && typeof v.now === 'function',
  'clock must have now(): number',
);

export const HubSpotEmulatorOptionsSchema = z.object({
  /** 0 picks a free port. */
  port: z.number().int().min(0).max(65_535).default(0),
  host: z.string().default('127.0.0.1'),
  /** Seeds fault decisions, generated tokens and correlation ids. */
  seed: z.union([z.number(), z.string()]).default(1),
  portalId: z.number().int().positive().default(62_515),
  timeZone: z.string().default('US/Eastern'),
  /** Offset of the account's time zone (daily quota resets at its midnight). */
  utcOffsetMilliseconds: z.number().int().default(-18_000_000),
  /** Private app tokens accepted as `Authorization: Bearer <token>`. */
  tokens: z
    .array(
      z.union([
        z.string().min(1),
        z.object({ token: z.string().min(1), scopes: z.array(z.string()).optional() }),
      ]),
    )
    .default([DEFAULT_PRIVATE_APP_TOKEN]),
  oauth: z
    .object({
      clientId: z.string().default(DEFAULT_OAUTH_APP.clientId),
      clientSecret: z.string().default(DEFAULT_OAUTH_APP.clientSecret),
      refreshTokens: z.array(z.string()).default([DEFAULT_OAUTH_APP.refreshToken]),
      /** Lifetime of issued access tokens (HubSpot: 1800 s). */
      accessTokenTtlSeconds: z.number().int().positive().default(HS_ACCESS_TOKEN_TTL_SECONDS),
      scopes: z.array(z.string()).default(DEFAULT_SCOPES),
      appId: z.number().int().default(1_234_567),
      userId: z.number().int().default(7_654_321),
      user: z.string().default('admin@example.com'),
    })
    .default({
      clientId: DEFAULT_OAUTH_APP.clientId,
      clientSecret: DEFAULT_OAUTH_APP.clientSecret,
      refreshTokens: [DEFAULT_OAUTH_APP.refreshToken],
      accessTokenTtlSeconds: HS_ACCESS_TOKEN_TTL_SECONDS,
      scopes: DEFAULT_SCOPES,
      appId: 1_234_567,
      userId: 7_654_321,
      user: 'admin@example.com',
    }),
  rateLimit: z
    .object({
      perTenSeconds: z.number().int().positive().default(HS_TEN_SECOND_LIMIT),
      searchPerSecond: z.number().int().positive().default(HS_SEARCH_PER_SECOND),
      daily: z.number().int().positive().default(HS_DAILY_LIMIT),
    })
    .default({
      perTenSeconds: HS_TEN_SECOND_LIMIT,
      searchPerSecond: HS_SEARCH_PER_SECOND,
      daily: HS_DAILY_LIMIT,
    }),
  faults: FaultConfigSchema.partial().optional(),
  /** Time source; tests pass a manual clock from the kit. */
  clock: ClockSchema.optional(),
  /**
   * The portal's subscription allows custom objects (Enterprise). False models a lower tier: creating a custom
   * object schema answers 403 (and no certifications object is pre-created).
   */
  customObjects: z.boolean().default(true),
  /** Pre-create the certifications custom object (false lets provisioning create it). */
  withCertifications: z.boolean().default(true),
  /** Pre-create the deal→company labels Partner, Delivery partner and Influencer. */
  withPartnerLabels: z.boolean().default(true),
  /** `[value, label]` options of line item `product_family` and certification `technology`. */
  productFamilies: z
    .array(z.tuple([z.string(), z.string()]))
    .default(DEFAULT_PRODUCT_FAMILIES.map(([v, l]) => [v, l])),
  /** Entries kept in the request log (counts stay exact beyond it). */
  maxLogEntries: z.number().int().positive().default(50_000),
});
export type HubSpotEmulatorOptions = z.input<typeof HubSpotEmulatorOptionsSchema>;
export type ResolvedHubSpotEmulatorOptions = z.output<typeof HubSpotEmulatorOptionsSchema>;
