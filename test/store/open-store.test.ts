/** Opening a store: where it lives, how the environment chooses it, and the migrations applied on the way. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { AtlasError } from '../../src/errors.js';
import { DEFAULT_DB_PATH, DIALECTS, openStore, storeOptionsFromEnv } from '../../src/store/index.js';
import { makePartner } from '../support/store-factories.js';
import { runStoreChild } from '../support/store-run-child.js';
import { skipDialect, withPostgresSchema } from '../support/store-setup.js';

describe('storeOptionsFromEnv', () => {
  it('chooses PostgreSQL when DATABASE_URL is set, and the ATLAS_DB file otherwise', () => {
    expect(storeOptionsFromEnv({})).toEqual({});
    expect(storeOptionsFromEnv({ ATLAS_DB: '/var/lib/atlas/atlas.db', DATABASE_URL: '' })).toEqual({
      dbPath: '/var/lib/atlas/atlas.db',
    });
    expect(storeOptionsFromEnv({ DATABASE_URL: 'postgresql://u:p@db:5432/atlas' })).toEqual({
      databaseUrl: 'postgresql://u:p@db:5432/atlas',
    });
  });

  it('names a malformed variable without echoing its value', () => {
    const error = (() => {
      try {
        storeOptionsFromEnv({ DATABASE_URL: 'mysql://root:hunter2@db/atlas' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AtlasError);
    expect(error).toMatchObject({ code: 'STORE_CONFIG_INVALID', context: { variable: 'DATABASE_URL' } });
    expect(String((error as Error).message)).not.toContain('hunter2');
  });
});

describe('sqlite: the store file', () => {
  it(`lives at ${DEFAULT_DB_PATH} by default, created with its folder`, { timeout: 120_000 }, async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'atlas-store-cwd-'));
    try {
      expect(await runStoreChild({ action: 'write' }, { cwd })).toEqual({ ok: true, result: { written: 1 } });
      expect(existsSync(join(cwd, 'data', 'atlas.db'))).toBe(true);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  it('keeps its data across reopenings, in WAL mode', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-store-open-'));
    const dbPath = join(dir, 'nested', 'folders', 'atlas.db');
    try {
      const first = await openStore({ dbPath });
      await first.upsertPartners([makePartner(1)]);
      await first.close();
      const second = await openStore({ dbPath });
      expect((await second.loadModel()).partners).toEqual([makePartner(1)]);
      await second.close();

      const raw = new Sqlite(dbPath, { readonly: true });
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      raw.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** The migrations recorded in a store, read over a connection of its own. */
async function migrationNames(target: { dbPath?: string; databaseUrl?: string }): Promise<unknown[]> {
  if (target.dbPath !== undefined) {
    const raw = new Sqlite(target.dbPath, { readonly: true });
    try {
      return raw.prepare('select name from kysely_migration').all();
    } finally {
      raw.close();
    }
  }
  const client = new pg.Client({ connectionString: target.databaseUrl });
  await client.connect();
  try {
    return (await client.query('select name from kysely_migration')).rows;
  } finally {
    await client.end();
  }
}

for (const dialect of DIALECTS) {
  describe.skipIf(skipDialect(dialect))(`${dialect}: migrations`, () => {
    async function withTarget(work: (target: { dbPath?: string; databaseUrl?: string }) => Promise<void>) {
      if (dialect === 'postgres') return withPostgresSchema((databaseUrl) => work({ databaseUrl }));
      const dir = mkdtempSync(join(tmpdir(), 'atlas-store-migrate-'));
      try {
        await work({ dbPath: join(dir, 'atlas.db') });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }

    it('are applied once, at open, and a reopened store is not migrated again', async () => {
      await withTarget(async (target) => {
        for (let i = 0; i < 2; i++) {
          const store = await openStore(target);
          await store.upsertPartners([makePartner(i)]);
          await store.close();
        }
        expect(await migrationNames(target)).toEqual([
          { name: '2026-11-23-initial' },
          { name: '2026-11-24-write-failure-values' },
          { name: '2026-12-07-score-changes' },
          { name: '2026-12-08-deal-customer-region' },
          { name: '2026-12-09-programme' },
        ]);
        const store = await openStore(target);
        expect(await store.countModel()).toMatchObject({ partners: 2 });
        await store.close();
      });
    });
  });
}
