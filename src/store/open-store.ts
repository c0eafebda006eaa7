/** Opens the store the configuration asks for: PostgreSQL when a URL is given, the embedded SQLite file otherwise. */
import { sql } from 'kysely';
import { z } from 'zod';
import { AtlasError } from '../errors.js';
import type { StoreConnection } from './dialects.js';
import { KyselyStore } from './kysely-store.js';
import { migrateToLatest } from './migrate.js';
import { openPostgres } from './postgres-dialect.js';
import { openSqlite } from './sqlite-dialect.js';
import type { Store } from './store.js';
import { toStoreError } from './store-errors.js';

/** Where the embedded store lives unless ATLAS_DB says otherwise (relative to the working directory). */
export const DEFAULT_DB_PATH = './data/atlas.db';

export interface OpenStoreOptions {
  /** SQLite file (created with its folder), or `:memory:`. Defaults to {@link DEFAULT_DB_PATH}. */
  dbPath?: string;
  /** A `postgres://` URL; when set, PostgreSQL is used and `dbPath` ignored. */
  databaseUrl?: string;
  /** Open without writing: SQLite requires the file to exist; PostgreSQL runs read-only transactions. */
  readOnly?: boolean;
}

const StoreEnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// or postgresql:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  ATLAS_DB: z.string().min(1).optional(),
});

/**
 * The store options the environment asks for: `DATABASE_URL` (PostgreSQL) or `ATLAS_DB` (SQLite file).
 * For `src/config.ts`; names the variable when one is malformed, never echoing its value.
 */
export function storeOptionsFromEnv(env: Record<string, string | undefined>): OpenStoreOptions {
  const parsed = StoreEnvSchema.safeParse({ DATABASE_URL: env.DATABASE_URL, ATLAS_DB: env.ATLAS_DB });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? 'DATABASE_URL');
    throw new AtlasError('STORE_CONFIG_INVALID', `${variable}: ${issue?.message ?? 'invalid'}`, {
      context: { variable },
    });
  }
  const options: OpenStoreOptions = {};
  if (parsed.data.DATABASE_URL !== undefined) options.databaseUrl = parsed.data.DATABASE_URL;
  if (parsed.data.ATLAS_DB !== undefined) options.dbPath = parsed.data.ATLAS_DB;
  return options;
}

/**
 * Opens the store and brings its schema to the latest migration.
 * Fails with STORE_CORRUPT, STORE_READ_ONLY, STORE_UNAVAILABLE... naming the file or server.
 *
 * @example
 * const store = await openStore(storeOptionsFromEnv(process.env));
 * try { await store.upsertDeals(deals); } finally { await store.close(); }
 */
export async function openStore(options: OpenStoreOptions = {}): Promise<Store> {
  const readOnly = options.readOnly ?? false;
  const conn: StoreConnection =
    options.databaseUrl !== undefined
      ? openPostgres({ url: options.databaseUrl, readOnly })
      : openSqlite({ path: options.dbPath ?? DEFAULT_DB_PATH, readOnly });
  try {
    try {
      await sql`select 1`.execute(conn.db);
    } catch (error) {
      throw toStoreError(error, conn, 'open');
    }
    await migrateToLatest(conn);
  } catch (error) {
    await conn.db.destroy();
    throw error;
  }
  return new KyselyStore(conn);
}
