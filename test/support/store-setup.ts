/**
 * The store suite's setup, in the style of Kysely's `test-setup.ts`: every test file loops over DIALECTS and
 * each test gets a fresh database: SQLite in memory (or a temp file); PostgreSQL a fresh schema, dropped
 * after, inside a database of the test file's own, dropped after the file.
 *
 * Why a database per file: Kysely's Migrator introspects every schema of the database, and a schema that
 * another worker drops meanwhile makes that introspection fail ("schema ... does not exist").
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll } from 'vitest';
import { type DialectName, openStore, type Store } from '../../src/store/index.js';

const POSTGRES_URL = process.env.ATLAS_TEST_DATABASE_URL;
const REQUIRE_POSTGRES = process.env.ATLAS_REQUIRE_POSTGRES === '1';

if (POSTGRES_URL === undefined && !REQUIRE_POSTGRES) {
  console.warn(
    'store tests: SKIPPING every PostgreSQL case: ATLAS_TEST_DATABASE_URL is not set ' +
      '(set it to a postgres:// URL to run them; ATLAS_REQUIRE_POSTGRES=1 makes this a failure)',
  );
}

/** True when the dialect's cases must be skipped (PostgreSQL without a test database, unless required). */
export function skipDialect(dialect: DialectName): boolean {
  return dialect === 'postgres' && POSTGRES_URL === undefined && !REQUIRE_POSTGRES;
}

export interface TestContext {
  dialect: DialectName;
  store: Store;
  /** Opens another connection (another "process") to the same database. */
  openAnother(): Promise<Store>;
  /** The SQLite file, when `file` was asked for. */
  dbPath?: string;
  /** The PostgreSQL URL of this test's schema. */
  databaseUrl?: string;
  destroy(): Promise<void>;
}

function postgresUrl(): string {
  if (POSTGRES_URL === undefined) {
    throw new Error(
      'ATLAS_REQUIRE_POSTGRES=1 but ATLAS_TEST_DATABASE_URL is not set: no PostgreSQL to test against',
    );
  }
  return POSTGRES_URL;
}

/** The test database URL with `search_path` set to one schema (libpq's `options` parameter). */
export function urlWithSchema(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('options', `-c search_path=${schema}`);
  return parsed.toString();
}

async function adminQuery(sql: string, url = postgresUrl()): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

let fileDatabase: Promise<string> | undefined;
const fileDatabaseName = `atlas_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;

/** The URL of this test file's own database, created on first use. */
function fileDatabaseUrl(): Promise<string> {
  fileDatabase ??= adminQuery(`create database ${fileDatabaseName}`).then(() => {
    const url = new URL(postgresUrl());
    url.pathname = `/${fileDatabaseName}`;
    return url.toString();
  });
  return fileDatabase;
}

afterAll(async () => {
  const created = await fileDatabase?.then(
    () => true,
    () => false,
  );
  if (created) await adminQuery(`drop database ${fileDatabaseName} with (force)`);
});

/**
 * Runs `work` against a fresh schema of the file's database (a URL whose search_path is it), then drops it:
 * for tests that open stores with their own options.
 */
export async function withPostgresSchema<T>(work: (databaseUrl: string) => Promise<T>): Promise<T> {
  const base = await fileDatabaseUrl();
  const schema = `s_${Math.random().toString(36).slice(2, 10)}`;
  await adminQuery(`create schema ${schema}`, base);
  try {
    return await work(urlWithSchema(base, schema));
  } finally {
    await adminQuery(`drop schema ${schema} cascade`, base);
  }
}

/** A fresh, migrated store. `file: true` puts SQLite in a temp file (for tests that open it twice). */
export async function initTest(dialect: DialectName, options: { file?: boolean } = {}): Promise<TestContext> {
  const extra: Store[] = [];
  if (dialect === 'sqlite') {
    if (!options.file) {
      const store = await openStore({ dbPath: ':memory:' });
      return {
        dialect,
        store,
        openAnother: () => Promise.reject(new Error('an in-memory SQLite store cannot be opened twice')),
        destroy: () => store.close(),
      };
    }
    const dir = mkdtempSync(join(tmpdir(), 'atlas-store-test-'));
    const dbPath = join(dir, 'atlas.db');
    const store = await openStore({ dbPath });
    return {
      dialect,
      store,
      dbPath,
      async openAnother() {
        const other = await openStore({ dbPath });
        extra.push(other);
        return other;
      },
      async destroy() {
        for (const s of [store, ...extra]) await s.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const base = await fileDatabaseUrl();
  const schema = `s_${Math.random().toString(36).slice(2, 10)}`;
  await adminQuery(`create schema ${schema}`, base);
  const databaseUrl = urlWithSchema(base, schema);
  const store = await openStore({ databaseUrl }).catch(async (error: unknown) => {
    await adminQuery(`drop schema ${schema} cascade`, base);
    throw error;
  });
  return {
    dialect,
    store,
    databaseUrl,
    async openAnother() {
      const other = await openStore({ databaseUrl });
      extra.push(other);
      return other;
    },
    async destroy() {
      for (const s of [store, ...extra]) await s.close();
      await adminQuery(`drop schema ${schema} cascade`, base);
    },
  };
}
