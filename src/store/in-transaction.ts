/** Runs work in a transaction, or in the caller's transaction when it already has one. */
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** Kysely cannot nest `transaction()`, so a store bound to a transaction runs its work in place. */
export function inTransaction<T>(
  db: Kysely<Database>,
  work: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/** Keeps the last item per key, in first-seen order: one statement may not upsert a row twice (PostgreSQL). */
export function lastByKey<T>(items: readonly T[], key: (item: T) => string): T[] {
  const byKey = new Map<string, T>();
  for (const item of items) byKey.set(key(item), item);
  return [...byKey.values()];
}
