/** Damaged, read-only and unreachable stores fail with an AtlasError that names them and says what to do. */
import { createHash } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AtlasError } from '../../src/errors.js';
import { DIALECTS, openStore, type Store } from '../../src/store/index.js';
import { makeDeal, makePartner } from '../support/store-factories.js';
import { runStoreChild } from '../support/store-run-child.js';
import { skipDialect, withPostgresSchema } from '../support/store-setup.js';

const digest = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

async function failure(work: () => Promise<unknown>): Promise<AtlasError> {
  const error = await work().then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AtlasError)) throw new Error(`expected an AtlasError, got ${String(error)}`);
  return error;
}

async function withStore<T>(
  options: Parameters<typeof openStore>[0],
  work: (s: Store) => Promise<T>,
): Promise<T> {
  const store = await openStore(options);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

describe('sqlite: damaged or read-only store files', () => {
  let dir: string;
  let dbPath: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'atlas-store-errors-'));
    dbPath = join(dir, 'atlas.db');
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a file that is not a database with STORE_CORRUPT, naming it, and leaves it untouched', async () => {
    writeFileSync(dbPath, Buffer.from('this is a spreadsheet export, not a database '.repeat(200)));
    const before = digest(dbPath);

    const error = await failure(() => openStore({ dbPath }));
    expect(error.code).toBe('STORE_CORRUPT');
    expect(error.context).toMatchObject({ dialect: 'sqlite', location: dbPath, operation: 'open' });
    expect(error.message).toContain(dbPath);
    expect(error.message).toMatch(/move it aside .* restore a backup/);
    expect(digest(dbPath)).toBe(before);
  });

  it('reports STORE_CORRUPT for a database whose pages were damaged after it was written', async () => {
    await withStore({ dbPath }, (s) => s.upsertDeals(Array.from({ length: 500 }, (_, i) => makeDeal(i))));
    const bytes = readFileSync(dbPath);
    // Keep the header page, scribble over every other page: table roots and indexes included.
    for (let i = 4096; i < bytes.length; i++) bytes[i] = (i * 31) & 0xff;
    writeFileSync(dbPath, bytes);

    const error = await failure(() => withStore({ dbPath }, (s) => s.loadModel()));
    expect(error.code).toBe('STORE_CORRUPT');
    expect(error.message).toContain(dbPath);
  });

  it('fails with STORE_CANT_OPEN when the folder cannot be created', async () => {
    writeFileSync(join(dir, 'not-a-folder'), 'x');
    const error = await failure(() => openStore({ dbPath: join(dir, 'not-a-folder', 'data', 'atlas.db') }));
    expect(error.code).toBe('STORE_CANT_OPEN');
    expect(error.message).toContain(join(dir, 'not-a-folder', 'data', 'atlas.db'));
  });

  // chmod 0444 cannot stop root, which the suite may run as: then the check runs in a child process
  // under uid/gid `nobody` (65534), which meets the file mode exactly as a service user would.
  it('refuses a file this user may not write with STORE_READ_ONLY at open, writing nothing', {
    timeout: 120_000,
  }, async () => {
    await withStore({ dbPath }, (s) => s.upsertDeals([makeDeal(1)]));
    chmodSync(dir, 0o777);
    chmodSync(dbPath, 0o444);
    const before = digest(dbPath);

    const asRoot = process.getuid?.() === 0;
    const answer = asRoot
      ? await runStoreChild({ action: 'write', dbPath }, { user: { uid: 65534, gid: 65534 } })
      : await failure(() => openStore({ dbPath })).then((e) => ({
          ok: false,
          code: e.code,
          message: e.message,
        }));

    expect(answer).toMatchObject({ ok: false, code: 'STORE_READ_ONLY' });
    expect(answer.ok ? '' : answer.message).toContain(dbPath);
    expect(answer.ok ? '' : answer.message).toMatch(/writable/);
    expect(digest(dbPath)).toBe(before);
    expect(statSync(dbPath).mode & 0o777).toBe(0o444);
  });
});

for (const dialect of DIALECTS) {
  describe.skipIf(skipDialect(dialect))(`${dialect}: a store opened read-only`, () => {
    async function withTarget(work: (target: { dbPath?: string; databaseUrl?: string }) => Promise<void>) {
      if (dialect === 'postgres') return withPostgresSchema((databaseUrl) => work({ databaseUrl }));
      const dir = mkdtempSync(join(tmpdir(), 'atlas-store-ro-'));
      try {
        await work({ dbPath: join(dir, 'atlas.db') });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }

    it('reads, and refuses every write with STORE_READ_ONLY, leaving the data as it was', async () => {
      await withTarget(async (target) => {
        await withStore(target, (s) => s.upsertPartners([makePartner(1)]));
        await withStore({ ...target, readOnly: true }, async (s) => {
          expect((await s.loadModel()).partners).toHaveLength(1);
          const error = await failure(() =>
            s.upsertPartners([makePartner(1, { name: 'Changed' }), makePartner(2)]),
          );
          expect(error.code).toBe('STORE_READ_ONLY');
          expect(error.context).toMatchObject({ dialect, operation: 'upsertPartners' });
          expect(error.message).toMatch(/opened read-only/);
        });
        const model = await withStore(target, (s) => s.loadModel());
        expect(model.partners.map((p) => p.name)).toEqual(['Partner 1']);
      });
    });
  });
}

describe('postgres: an unreachable server', () => {
  it('fails with STORE_UNAVAILABLE, naming the server without the password', async () => {
    const error = await failure(() =>
      openStore({ databaseUrl: 'postgres://atlas:s3cret-pw@127.0.0.1:1/atlas' }),
    );
    expect(error.code).toBe('STORE_UNAVAILABLE');
    expect(error.context).toMatchObject({
      location: 'postgres://atlas@127.0.0.1:1/atlas',
      operation: 'open',
    });
    expect(error.message).toContain('postgres://atlas@127.0.0.1:1/atlas');
    expect(JSON.stringify({ message: error.message, context: error.context })).not.toContain('s3cret-pw');
  });
});
