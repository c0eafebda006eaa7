/** Opens the embedded store: a better-sqlite3 file tuned for bulk loads, behind Kysely's SqliteDialect. */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Sqlite from 'better-sqlite3';
import { Kysely, type SqliteDatabase, SqliteDialect } from 'kysely';
import { AtlasError } from '../errors.js';
import { SQLITE_MAX_PARAMETERS, type StoreConnection } from './dialects.js';
import type { Database } from './schema.js';
import { toStoreError } from './store-errors.js';

/** Prepared statements kept per connection; bulk writes replay a few large ones (bulk-write.ts). */
const STATEMENT_CACHE_SIZE = 64;

/** How long a writer waits for another process's write lock before SQLITE_BUSY (ms). */
const BUSY_TIMEOUT_MS = 5_000;

/**
 * Kysely's SqliteDriver prepares every query it runs. Preparing a 32k-parameter insert costs ~10 ms
 * (measured), ~11 s over 2M deals, so statements are kept by SQL text, least recently used out first.
 */
function withStatementCache(db: Sqlite.Database): SqliteDatabase {
  const cache = new Map<string, Sqlite.Statement>();
  return {
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (statement) {
        cache.delete(sql);
      } else {
        statement = db.prepare(sql);
        const oldest = cache.keys().next();
        if (cache.size >= STATEMENT_CACHE_SIZE && !oldest.done) cache.delete(oldest.value);
      }
      cache.set(sql, statement);
      return statement;
    },
    close() {
      cache.clear();
      db.close();
    },
  };
}

/**
 * Pragmas for a nightly bulk loader that must not corrupt on a crash: WAL (readers never block the writer),
 * synchronous=NORMAL (durable at checkpoints; WAL stays consistent on power loss), foreign keys on, and a
 * 128 MiB page cache (SQLite's default is 2 MiB) so the index pages a 2M-deal load keeps touching stay in memory.
 * https://www.sqlite.org/pragma.html
 */
function applyPragmas(db: Sqlite.Database, readOnly: boolean): void {
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma('foreign_keys = ON');
  db.pragma('cache_size = -131072');
  db.pragma('temp_store = MEMORY');
  if (readOnly) {
    // Reading the schema fails here, not mid-run, when the file is not a database.
    db.prepare('select count(*) from sqlite_schema').get();
    return;
  }
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  // SQLite opens a file it may not write read-only without a word; rewriting the header's user_version
  // (to the same value) makes that show at open instead of at the first write of a run.
  const version = db.pragma('user_version', { simple: true });
  db.pragma(`user_version = ${Number(version)}`);
}

export interface SqliteOpenOptions {
  /** A file path, or `:memory:` for a private in-memory database (tests). */
  path: string;
  /** Open an existing file without writing to it; writes then fail with STORE_READ_ONLY. */
  readOnly?: boolean;
}

/** Opens (creating the file and its folder when needed) and tunes a SQLite store. Migrations run later. */
export function openSqlite(options: SqliteOpenOptions): StoreConnection {
  const memory = options.path === ':memory:';
  const location = memory ? ':memory:' : resolve(options.path);
  const readOnly = options.readOnly ?? false;
  const where = { dialect: 'sqlite' as const, location, readOnly };
  if (!memory && !readOnly) {
    try {
      mkdirSync(dirname(location), { recursive: true });
    } catch (error) {
      throw new AtlasError(
        'STORE_CANT_OPEN',
        `Cannot create the folder of the store file ${location}: create it or set ATLAS_DB to a writable path`,
        { context: { location, dialect: 'sqlite' }, cause: error },
      );
    }
  }
  let raw: Sqlite.Database | undefined;
  try {
    raw = new Sqlite(location, { readonly: readOnly, fileMustExist: readOnly });
    applyPragmas(raw, readOnly);
  } catch (error) {
    raw?.close();
    throw toStoreError(error, where, 'open');
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(raw) }) });
  return { db, dialect: 'sqlite', location, maxParameters: SQLITE_MAX_PARAMETERS, readOnly };
}
