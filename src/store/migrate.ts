/** Brings a store's schema to the latest migration when it is opened (or checks it, when opened read-only). */
import { Migrator, sql } from 'kysely';
import { AtlasError } from '../errors.js';
import type { StoreConnection } from './dialects.js';
import { migrationProvider } from './migrations/index.js';
import { toStoreError } from './store-errors.js';

/**
 * PostgreSQL: the schema the store lives in (the first of `search_path`). Kysely looks for its migration
 * tables in every schema unless told one, so a second Atlas schema in the same database would make it
 * skip creating its own and then fail.
 */
async function migrationSchema(conn: StoreConnection): Promise<string | undefined> {
  if (conn.dialect !== 'postgres') return undefined;
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(conn.db);
  const schema = rows[0]?.schema;
  if (schema == null) {
    throw new AtlasError(
      'STORE_CONFIG_INVALID',
      `The PostgreSQL store ${conn.location} has no current schema: its search_path names no existing schema; ` +
        'create the schema or fix search_path (e.g. ?options=-c%20search_path%3Datlas in DATABASE_URL)',
      { context: { location: conn.location, dialect: conn.dialect } },
    );
  }
  return schema;
}

/**
 * Applies every pending migration. Kysely's Migrator never throws; it returns `{ error, results }`, and the
 * error is turned into an AtlasError naming the store and the failed migration.
 * A read-only store cannot migrate: it must already be at the latest version.
 */
export async function migrateToLatest(conn: StoreConnection): Promise<void> {
  const migrator = new Migrator({
    db: conn.db,
    provider: migrationProvider(conn.dialect),
    migrationTableSchema: await migrationSchema(conn),
  });
  if (conn.readOnly) {
    const pending = (await migrator.getMigrations()).filter((m) => m.executedAt === undefined);
    if (pending.length > 0) {
      throw new AtlasError(
        'STORE_READ_ONLY',
        `The store ${conn.location} was opened read-only but needs migration ${pending[0]?.name}: ` +
          'open it once read-write (a normal run does) to upgrade it.',
        { context: { location: conn.location, dialect: conn.dialect, migration: pending[0]?.name } },
      );
    }
    return;
  }
  const { error, results } = await migrator.migrateToLatest();
  if (error === undefined) return;
  const failed = results?.find((r) => r.status === 'Error')?.migrationName;
  throw toStoreError(error, conn, failed ? `migration ${failed}` : 'migration');
}
