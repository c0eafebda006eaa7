/** Reads and validates the environment once, naming the bad variable; secrets stay in this object only. */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import { AtlasError } from './errors.js';

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === '' ? undefined : v));

/**
 * Express `trust proxy`, for a TLS-terminating proxy in front of `atlas serve`: `true` (the one proxy in front),
 * a hop count, or the proxies' addresses / subnets (`loopback, 10.0.0.0/8`); `false` turns it off. `true` is
 * one hop, not Express's trust-everything, which would let a client choose its address in X-Forwarded-For.
 */
export const TrustProxySchema = z
  .string()
  .trim()
  .min(1)
  .transform((v): false | number | string => {
    if (v === 'false') return false;
    if (v === 'true') return 1;
    return /^\d+$/.test(v) ? Number(v) : v;
  });

const EnvFieldsSchema = z.object({
  /** The env file read at start (`.env` when unset); see withEnvFile. */
  ATLAS_ENV_FILE: optionalString,
  ATLAS_DB: optionalString,
  DATABASE_URL: optionalString,
  ATLAS_MAPPINGS_DIR: optionalString,
  ATLAS_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ATLAS_LOG_FILE: optionalString,
  ATLAS_TZ: optionalString,
  ATLAS_SCHEDULE: optionalString,
  /** Cron expression of `atlas serve`'s full reconciliation runs (default Sunday 02:00; `off` for none). */
  ATLAS_FULL_SCHEDULE: optionalString,
  ATLAS_WEBHOOK_URL: optionalString.pipe(z.url().optional()),
  /** How long a run may take before it stops at its next checkpoint and ends partial. */
  ATLAS_RUN_DEADLINE_MINUTES: z.coerce.number().positive().default(240),
  ATLAS_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  ATLAS_ADMIN_TOKEN: optionalString,
  /** Signs scorecard share links (at least 32 characters); derived from ATLAS_ADMIN_TOKEN when unset. */
  ATLAS_LINK_SECRET: optionalString,
  ATLAS_TRUST_PROXY: optionalString.pipe(TrustProxySchema.optional()),
  /** OpenID Connect single sign-on: the provider's issuer URL (its discovery document is read from there). */
  ATLAS_OIDC_ISSUER: optionalString.pipe(
    z.url("the identity provider's issuer URL, e.g. https://login.example.com").optional(),
  ),
  ATLAS_OIDC_CLIENT_ID: optionalString,
  ATLAS_OIDC_CLIENT_SECRET: optionalString,
  /**
   * Where the provider sends the browser back: `<Atlas's own URL>/login/oidc/callback`. Required unless
   * `atlas serve` listens on loopback only with no proxy in front (then the callback is on that loopback host).
   */
  ATLAS_OIDC_REDIRECT_URL: optionalString.pipe(
    z.url('the full callback URL, ending in /login/oidc/callback').optional(),
  ),
  /** What the sign-in button says ("Sign in with <name>"); the issuer's host name when unset. */
  ATLAS_OIDC_PROVIDER_NAME: optionalString,
  /** Longest wait for one CRM request (login, read, write, metadata, polling), in ms; the connectors' 60 s when unset. */
  ATLAS_CRM_TIMEOUT_MS: optionalString.pipe(
    z.coerce.number<string | undefined>().int().positive().optional(),
  ),
  /** Longest wait for one Salesforce Bulk API result download, in ms; 10 minutes when unset. */
  ATLAS_CRM_DOWNLOAD_TIMEOUT_MS: optionalString.pipe(
    z.coerce.number<string | undefined>().int().positive().optional(),
  ),
  SALESFORCE_LOGIN_URL: optionalString.pipe(z.url().optional()),
  SALESFORCE_INSTANCE_URL: optionalString.pipe(z.url().optional()),
  SALESFORCE_API_VERSION: z
    .string()
    .regex(/^\d{2,3}\.0$/, 'an API version such as 62.0')
    .default('62.0'),
  SALESFORCE_USERNAME: optionalString,
  SALESFORCE_PASSWORD: optionalString,
  SALESFORCE_SECURITY_TOKEN: optionalString,
  SALESFORCE_CLIENT_ID: optionalString,
  SALESFORCE_CLIENT_SECRET: optionalString,
  SALESFORCE_REFRESH_TOKEN: optionalString,
  SALESFORCE_PRIVATE_KEY_FILE: optionalString,
  HUBSPOT_ACCESS_TOKEN: optionalString,
  HUBSPOT_CLIENT_ID: optionalString,
  HUBSPOT_CLIENT_SECRET: optionalString,
  HUBSPOT_REFRESH_TOKEN: optionalString,
  HUBSPOT_BASE_URL: optionalString.pipe(z.url().optional()),
});

/** The variables single sign-on needs together: one without the others is a mistake, named at start. */
const OIDC_REQUIRED = ['ATLAS_OIDC_ISSUER', 'ATLAS_OIDC_CLIENT_ID', 'ATLAS_OIDC_CLIENT_SECRET'] as const;

const EnvSchema = EnvFieldsSchema.superRefine((env, ctx) => {
  const set = OIDC_REQUIRED.filter((name) => env[name] !== undefined);
  if (set.length === 0) return;
  for (const name of OIDC_REQUIRED) {
    if (env[name] === undefined)
      ctx.addIssue({
        code: 'custom',
        path: [name],
        message: `single sign-on needs it too (${set.join(', ')} ${set.length === 1 ? 'is' : 'are'} set)`,
      });
  }
});

export type AtlasEnv = z.infer<typeof EnvSchema>;

/**
 * Single sign-on as the admin server takes it, or undefined when ATLAS_OIDC_* are not set. Without
 * ATLAS_OIDC_REDIRECT_URL the callback URL would come from each request's Host header, which the client
 * chooses; that is only safe when nobody but this machine reaches the server, so elsewhere it is required.
 * @param served `loopbackOnly`: the server listens on a loopback address with no proxy in front.
 */
export function oidcSettings(
  env: AtlasEnv,
  served: { loopbackOnly: boolean },
):
  | { issuer: string; clientId: string; clientSecret: string; redirectUrl?: string; providerName: string }
  | undefined {
  const {
    ATLAS_OIDC_ISSUER: issuer,
    ATLAS_OIDC_CLIENT_ID: clientId,
    ATLAS_OIDC_CLIENT_SECRET: clientSecret,
  } = env;
  if (!issuer || !clientId || !clientSecret) return undefined;
  if (!env.ATLAS_OIDC_REDIRECT_URL && !served.loopbackOnly) {
    throw new AtlasError(
      'CONFIG_INVALID',
      "ATLAS_OIDC_REDIRECT_URL: single sign-on needs it when atlas serve is reachable from other machines or sits behind a proxy; set it to Atlas's public address followed by /login/oidc/callback (the URL registered at the identity provider)",
      { context: { variables: 'ATLAS_OIDC_REDIRECT_URL' } },
    );
  }
  return {
    issuer,
    clientId,
    clientSecret,
    ...(env.ATLAS_OIDC_REDIRECT_URL ? { redirectUrl: env.ATLAS_OIDC_REDIRECT_URL } : {}),
    providerName: env.ATLAS_OIDC_PROVIDER_NAME ?? new URL(issuer).hostname,
  };
}

/**
 * Validates `env` (default `process.env`) and returns the typed configuration.
 * Throws one AtlasError listing every bad variable by name, never by value.
 */
export function loadEnv(env: NodeJS.ProcessEnv = process.env): AtlasEnv {
  const parsed = EnvSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new AtlasError(
    'CONFIG_INVALID',
    `Invalid environment or .env (see .env.example):\n  ${lines.join('\n  ')}`,
    {
      context: { variables: parsed.error.issues.map((i) => i.path.join('.')).join(',') },
    },
  );
}

/** The env file read when `ATLAS_ENV_FILE` does not name another: `.env` in the working directory. */
export const DEFAULT_ENV_FILE = '.env';

/**
 * The environment with the env file's values added: `ATLAS_ENV_FILE`, or `.env` in the working directory.
 * A variable set in the real environment wins over the file, as with Node's `--env-file` and dotenv, so a
 * one-off `ATLAS_LOG_LEVEL=debug atlas run` overrides it. A missing default file is fine; a missing file
 * that `ATLAS_ENV_FILE` names is an error, since the admin meant it.
 */
export function withEnvFile(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const named = env.ATLAS_ENV_FILE?.trim();
  const path = resolve(named || DEFAULT_ENV_FILE);
  if (!existsSync(path)) {
    if (!named) return env;
    throw new AtlasError('CONFIG_INVALID', `ATLAS_ENV_FILE names ${path}, which does not exist`, {
      context: { file: path },
    });
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new AtlasError('CONFIG_INVALID', `cannot read the env file ${path}: ${(cause as Error).message}`, {
      context: { file: path },
      cause,
    });
  }
  return { ...parseEnv(text), ...env };
}

/** Where the admin's mapping files are: `--dir`, then `ATLAS_MAPPINGS_DIR`, then `./mappings`. */
export function mappingsDir(env: AtlasEnv, override?: string): string {
  return override ?? env.ATLAS_MAPPINGS_DIR ?? 'mappings';
}
