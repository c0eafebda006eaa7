/** The run lock: one holder at a time across connections and processes, taken over when stale. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../src/store/index.js';
import { runStoreChild } from '../support/store-run-child.js';
import { initTest, skipDialect, type TestContext } from '../support/store-setup.js';

const STALE = 60_000;
const t0 = new Date('2025-03-01T02:00:00.000Z');
const later = (ms: number) => new Date(t0.getTime() + ms);

for (const dialect of DIALECTS) {
  describe.skipIf(skipDialect(dialect))(`${dialect}: run lock`, () => {
    let ctx: TestContext;
    beforeEach(async () => {
      ctx = await initTest(dialect, { file: true });
    });
    afterEach(async () => {
      await ctx.destroy();
    });

    it('is held by one owner until released, re-entrant for that owner, and kept alive by heartbeats', async () => {
      const { store } = ctx;
      expect(await store.acquireRunLock('scheduler', { staleAfterMs: STALE, now: t0 })).toEqual({
        acquired: true,
        lock: { owner: 'scheduler', acquiredAt: t0.toISOString(), heartbeatAt: t0.toISOString() },
      });
      expect(await store.acquireRunLock('scheduler', { staleAfterMs: STALE, now: later(1_000) })).toEqual({
        acquired: true,
        lock: { owner: 'scheduler', acquiredAt: t0.toISOString(), heartbeatAt: later(1_000).toISOString() },
      });
      expect(await store.acquireRunLock('cli', { staleAfterMs: STALE, now: later(2_000) })).toEqual({
        acquired: false,
        heldBy: { owner: 'scheduler', acquiredAt: t0.toISOString(), heartbeatAt: later(1_000).toISOString() },
      });

      expect(await store.heartbeat('scheduler', { now: later(50_000) })).toBe(true);
      // 100 s after acquiring but only 50 s after the last heartbeat: still alive.
      expect((await store.acquireRunLock('cli', { staleAfterMs: STALE, now: later(100_000) })).acquired).toBe(
        false,
      );
      expect(await store.heartbeat('cli', { now: later(100_000) })).toBe(false);
      expect(await store.releaseRunLock('cli')).toBe(false);

      expect(await store.releaseRunLock('scheduler')).toBe(true);
      expect((await store.acquireRunLock('cli', { staleAfterMs: STALE, now: later(100_001) })).acquired).toBe(
        true,
      );
    });

    it('is taken over once the holder stops heartbeating, and the old holder learns it lost it', async () => {
      const { store } = ctx;
      await store.acquireRunLock('crashed', { staleAfterMs: STALE, now: t0 });
      expect((await store.acquireRunLock('next', { staleAfterMs: STALE, now: later(STALE) })).acquired).toBe(
        false,
      );
      const takeover = await store.acquireRunLock('next', { staleAfterMs: STALE, now: later(STALE + 1) });
      expect(takeover).toMatchObject({
        acquired: true,
        lock: { owner: 'next', acquiredAt: later(STALE + 1).toISOString() },
      });
      expect(await store.heartbeat('crashed', { now: later(STALE + 2) })).toBe(false);
      expect(await store.releaseRunLock('crashed')).toBe(false);
    });

    it('lets exactly one of several connections racing for it win', async () => {
      const contenders = [ctx.store, ...(await Promise.all([1, 2, 3].map(() => ctx.openAnother())))];
      const results = await Promise.all(
        contenders.map((s, i) => s.acquireRunLock(`worker-${i}`, { staleAfterMs: STALE, now: t0 })),
      );
      const winners = results.filter((r) => r.acquired);
      expect(winners).toHaveLength(1);
      const owner = winners[0]?.acquired ? winners[0].lock.owner : undefined;
      for (const r of results) if (!r.acquired) expect(r.heldBy?.owner).toBe(owner);
    });

    // Spawning Node + tsx takes seconds on a busy host.
    it('is seen by another process: held while fresh, taken over from it when stale', {
      timeout: 120_000,
    }, async () => {
      const target = dialect === 'sqlite' ? { dbPath: ctx.dbPath } : { databaseUrl: ctx.databaseUrl };
      const child = await runStoreChild({
        action: 'acquire',
        owner: 'other-process',
        now: t0.toISOString(),
        ...target,
      });
      expect(child).toMatchObject({ ok: true, result: { acquired: true } });

      expect(await ctx.store.acquireRunLock('me', { staleAfterMs: STALE, now: later(1_000) })).toMatchObject({
        acquired: false,
        heldBy: { owner: 'other-process' },
      });
      expect(
        (await ctx.store.acquireRunLock('me', { staleAfterMs: STALE, now: later(STALE + 1) })).acquired,
      ).toBe(true);
      const again = await runStoreChild({
        action: 'acquire',
        owner: 'other-process',
        now: later(STALE + 2).toISOString(),
        ...target,
      });
      expect(again).toMatchObject({ ok: true, result: { acquired: false, heldBy: { owner: 'me' } } });
    });
  });
}
