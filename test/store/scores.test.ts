/** Score snapshots per run and a partner's history across runs. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS, type ScoreSnapshotRow } from '../../src/store/index.js';
import { accountRef, partnerId } from '../support/store-factories.js';
import { initTest, skipDialect, type TestContext } from '../support/store-setup.js';

const acme = partnerId(accountRef(1));
const globex = partnerId(accountRef(2));

function score(overrides: Partial<ScoreSnapshotRow>): ScoreSnapshotRow {
  return {
    partnerId: acme,
    sector: 'healthcare',
    technology: 'data_ai',
    score: 50,
    level: 'specialist',
    confidence: 0.7,
    details: { wonDeals: 3, missing: '2 more certified people' },
    ...overrides,
  };
}

for (const dialect of DIALECTS) {
  describe.skipIf(skipDialect(dialect))(`${dialect}: score snapshots`, () => {
    let ctx: TestContext;
    beforeEach(async () => {
      ctx = await initTest(dialect);
      for (const [id, day] of [
        ['r1', '01'],
        ['r2', '02'],
        ['r3', '03'],
      ] as const) {
        await ctx.store.createRun({
          id,
          kind: 'score',
          startedAt: `2025-03-${day}T02:00:00.000Z`,
          options: {},
        });
      }
    });
    afterEach(async () => {
      await ctx.destroy();
    });

    it("stores a run's snapshot, cells and axis totals alike, and lists it by partner, then cell key", async () => {
      const rows = [
        score({}),
        score({ sector: null, technology: 'data_ai', score: 61.5, level: null, details: [] }),
        score({ partnerId: globex, sector: 'retail', technology: null, score: 12 }),
      ];
      await ctx.store.saveScores('r1', rows);
      expect(await ctx.store.listScores('r1')).toEqual([rows[1], rows[0], rows[2]]);
      expect(await ctx.store.listScores('r1', { partnerId: globex })).toEqual([rows[2]]);
      expect(await ctx.store.listScores('r2')).toEqual([]);
    });

    it("returns a partner's scores across runs, oldest first, filtered by cell and limited to recent runs", async () => {
      // Saved out of order: history follows the runs' start times.
      await ctx.store.saveScores('r3', [score({ score: 70 }), score({ sector: null, score: 80 })]);
      await ctx.store.saveScores('r1', [score({ score: 40 }), score({ partnerId: globex, score: 1 })]);
      await ctx.store.saveScores('r2', [score({ score: 55 }), score({ sector: null, score: 60 })]);

      const cell = await ctx.store.scoreHistory(acme, { sector: 'healthcare', technology: 'data_ai' });
      expect(cell.map((p) => [p.runId, p.runStartedAt, p.score])).toEqual([
        ['r1', '2025-03-01T02:00:00.000Z', 40],
        ['r2', '2025-03-02T02:00:00.000Z', 55],
        ['r3', '2025-03-03T02:00:00.000Z', 70],
      ]);
      const axis = await ctx.store.scoreHistory(acme, { sector: null });
      expect(axis.map((p) => [p.runId, p.score])).toEqual([
        ['r2', 60],
        ['r3', 80],
      ]);
      const recent = await ctx.store.scoreHistory(acme, { limit: 2 });
      // Within a run, by cell key: the sector axis total (`*|data_ai`) before the cell.
      expect(recent.map((p) => [p.runId, p.score])).toEqual([
        ['r2', 60],
        ['r2', 55],
        ['r3', 80],
        ['r3', 70],
      ]);
      expect(recent[0]).toMatchObject({ details: { wonDeals: 3 }, level: 'specialist', confidence: 0.7 });
      expect(await ctx.store.scoreHistory(globex)).toHaveLength(1);
    });
  });
}
