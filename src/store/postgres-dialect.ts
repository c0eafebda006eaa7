/** Opens the PostgreSQL store: a pg pool behind Kysely's PostgresDialect. */
import { CompiledQuery, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { AtlasError } from '../errors.js';
import { POSTGRES_MAX_PARAMETERS, type StoreConnection } from './dialects.js';
import type { Database } from './schema.js';

/** pg type OIDs whose default parsing we change: https://github.com/brianc/node-pg-types */
const INT8_OID = 20;
const JSON_OID = 114;
const JSONB_OID = 3802;

/**
 * Per-pool parsers (never pg's global ones). JSON comes back as text, as SQLite hands it, so one decoder
 * serves both dialects (pg would parse it, and a JSON string value would then be indistinguishable from
 * JSON text). int8 (`count(*)`) comes back as a number rather than a string; counts stay far below 2^53.
 */
function storeTypes(): pg.TypeOverrides {
  const types = new pg.TypeOverrides();
  types.setTypeParser(JSON_OID, (value: string) => value);
  types.setTypeParser(JSONB_OID, (value: string) => value);
  types.setTypeParser(INT8_OID, (value: string) => Number(value));
  return types;
}

/** `postgres://user@host:port/db`: the URL without password or query, safe for errors and logs. */
export function describePostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const user = parsed.username ? `${decodeURIComponent(parsed.username)}@` : '';
    return `${parsed.protocol}//${user}${parsed.host}${parsed.pathname}`;
  } catch {
    throw new AtlasError(
      'STORE_CONFIG_INVALID',
      'DATABASE_URL is not a valid URL: expected postgres://user:password@host:5432/database',
      { context: { variable: 'DATABASE_URL' } },
    );
  }
}

export interface PostgresOpenOptions {
  url: string;
  /** Every transaction read-only (`default_transaction_read_only`): writes fail with STORE_READ_ONLY. */
  readOnly?: boolean;
  /** Pool size; defaults to 10 (pg's default). */
  maxConnections?: number;
}

/** Creates the pool; no connection is made until the first query (openStore probes right away). */
export function openPostgres(options: PostgresOpenOptions): StoreConnection {
  const location = describePostgresUrl(options.url);
  const readOnly = options.readOnly ?? false;
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    types: storeTypes(),
  });
  // An idle client losing its connection emits 'error' on the pool, which would crash the process if
  // unhandled; the next query then fails and is reported as STORE_UNAVAILABLE.
  pool.on('error', () => {});
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({
      pool,
      onCreateConnection: async (connection) => {
        if (readOnly)
          await connection.executeQuery(CompiledQuery.raw('set default_transaction_read_only = on'));
      },
    }),
  });
  return { db, dialect: 'postgres', location, maxParameters: POSTGRES_MAX_PARAMETERS, readOnly };
}
