/** The SQL dialects the store runs on, and the per-dialect limits the one Kysely code path has to respect. */
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** Every dialect the store supports; the store test suite loops over this list (Kysely's `test-setup.ts` style). */
export const DIALECTS = ['sqlite', 'postgres'] as const;
export type DialectName = (typeof DIALECTS)[number];

/**
 * Highest number of `?` parameters in one SQLite statement (SQLITE_MAX_VARIABLE_NUMBER, 32766 since 3.32).
 * https://www.sqlite.org/limits.html#max_variable_number
 */
export const SQLITE_MAX_PARAMETERS = 32_766;

/**
 * Highest number of `$n` parameters in one PostgreSQL statement: the Bind message counts them in an Int16.
 * https://www.postgresql.org/docs/current/protocol-message-formats.html (Bind)
 */
export const POSTGRES_MAX_PARAMETERS = 65_535;

/** An open database, whichever the dialect: what `KyselyStore` is built on. */
export interface StoreConnection {
  db: Kysely<Database>;
  dialect: DialectName;
  /** The file path, or the PostgreSQL URL without its password: safe to show in errors and logs. */
  location: string;
  maxParameters: number;
  /** True when opened read-only on purpose: writes then fail with STORE_READ_ONLY. */
  readOnly: boolean;
}
