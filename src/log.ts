/** Structured JSON logs (pino) to a file or stderr, with every secret-bearing key redacted. */
import pino, { type Logger } from 'pino';

export type { Logger };

import type { AtlasEnv } from './config.js';

/** Keys whose values never reach a log line, wherever they sit in the logged object. */
export const REDACTED_KEYS = [
  'password',
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'clientSecret',
  'client_secret',
  'securityToken',
  'authorization',
  'Authorization',
  'cookie',
  'token',
  'privateKey',
  'databaseUrl',
  'webhookUrl',
];

const REDACT_PATHS = REDACTED_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `headers.${k}`]);

/** Creates the process logger; `destination` defaults to `ATLAS_LOG_FILE`, or stderr. */
export function createLogger(
  env: Pick<AtlasEnv, 'ATLAS_LOG_LEVEL' | 'ATLAS_LOG_FILE'>,
  destination?: string,
): Logger {
  const file = destination ?? env.ATLAS_LOG_FILE;
  return pino(
    {
      level: env.ATLAS_LOG_LEVEL,
      base: { app: 'partner-atlas' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    pino.destination({ dest: file ?? 2, mkdir: true, sync: true }),
  );
}
