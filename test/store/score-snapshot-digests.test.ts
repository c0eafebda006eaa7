/**
 * The engine's snapshot saves with its own cell digests: a next-day save writes exactly the cells whose
 * values changed, every run reads back as the scores it saved, and a store filled under SHA-1 digests moves
 * to the engine's without writing unchanged cells again.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateEcosystem } from '../../devkit/generator/generate-ecosystem.js';
import { SAMPLE_TAXONOMY } from '../../devkit/generator/sample-taxonomy.js';
import { type EcosystemScores, scoreEcosystem } from '../../src/engine/index.js';
import type { PreviousLevel } from '../../src/model/score-levels.js';
import { DEFAULT_SCORING_CONFIG } from '../../src/model/scoring.js';
import { DIALECTS, type ScoreSnapshotRow } from '../../src/store/index.js';
import { snapshotScores } from '../../src/sync/score-run.js';
import { initTest, skipDialect, type TestContext } from '../support/store-setup.js';

const eco = generateEcosystem({
  partners: 60,
  deals: 900,
  certifications: 200,
  seed: 7,
  taxonomy: SAMPLE_TAXONOMY,
  now: '2025-06-30',
});

function scoreOn(now: string, previous: PreviousLevel[]): EcosystemScores {
  return scoreEcosystem({ ...eco, taxonomy: SAMPLE_TAXONOMY, config: DEFAULT_SCORING_CONFIG, now, previous });
}

/** The scores as the store reads a snapshot back: by partner, then cell key. */
function rowsOf(scores: EcosystemScores): ScoreSnapshotRow[] {
  return [...scores.cells()].map((cell) => {
    const [sector = '*', technology = '*'] = cell.cell.split('|');
    return {
      partnerId: cell.partnerId,
      sector: sector === '*' ? null : sector,
      technology: technology === '*' ? null : technology,
      score: cell.score,
      level: cell.level,
      confidence: cell.confidence,
      details: { components: cell.components, figures: cell.figures, top: cell.top, next: cell.next },
    };
  });
}

const keyOf = (r: ScoreSnapshotRow) => `${r.partnerId} ${r.sector}|${r.technology}`;

/**
 * What a save of `after` over `before` must write: cells whose stored values (JSON included) differ or are
 * new, and cells `after` no longer has.
 */
function changesOf(before: readonly ScoreSnapshotRow[], after: readonly ScoreSnapshotRow[]) {
  const held = new Map(before.map((r) => [keyOf(r), JSON.stringify(r)]));
  const kept = new Set(after.map(keyOf));
  return {
    changed: after.filter((r) => held.get(keyOf(r)) !== JSON.stringify(r)).length,
    removed: before.filter((r) => !kept.has(keyOf(r))).length,
  };
}

for (const dialect of DIALECTS) {
  describe.skipIf(skipDialect(dialect))(`${dialect}: engine snapshots with cell digests`, () => {
    let ctx: TestContext;
    beforeEach(async () => {
      ctx = await initTest(dialect);
      for (const day of ['01', '02', '03']) {
        await ctx.store.createRun({
          id: `r${day}`,
          kind: 'score',
          startedAt: `2025-07-${day}T02:00:00.000Z`,
          options: {},
        });
      }
    });
    afterEach(async () => {
      await ctx.destroy();
    });

    it('writes only the cells whose values changed the next day, and reads each run back as scored', async () => {
      const first = scoreOn('2025-06-30', []);
      const next = scoreOn('2025-09-30', first.levels());
      const changes = changesOf(rowsOf(first), rowsOf(next));
      // The fixture must move some cells and keep others, or the comparison proves nothing.
      expect(changes.changed).toBeGreaterThan(0);
      expect(changes.changed).toBeLessThan(next.cellCount);

      expect(await snapshotScores(ctx.store, 'r01', first)).toMatchObject({
        changed: first.cellCount,
        removed: 0,
      });
      expect(await snapshotScores(ctx.store, 'r02', next)).toMatchObject(changes);
      expect(await snapshotScores(ctx.store, 'r03', next)).toEqual({ changed: 0, removed: 0, partners: [] });

      expect(await ctx.store.listScores('r01')).toEqual(rowsOf(first));
      expect(await ctx.store.listScores('r02')).toEqual(rowsOf(next));
      expect(await ctx.store.listScores('r03')).toEqual(rowsOf(next));
    });

    it('takes over cells held under SHA-1 digests without writing the unchanged ones again', async () => {
      const first = scoreOn('2025-06-30', []);
      const next = scoreOn('2025-09-30', first.levels());
      // Rows without a digest: the store files its own SHA-1 digests, as it did before cell digests.
      await ctx.store.saveScores('r01', rowsOf(first));
      const changes = changesOf(rowsOf(first), rowsOf(next));
      expect(await snapshotScores(ctx.store, 'r02', next)).toMatchObject(changes);
      expect(await snapshotScores(ctx.store, 'r03', next)).toEqual({ changed: 0, removed: 0, partners: [] });
      expect(await ctx.store.listScores('r02')).toEqual(rowsOf(next));
      expect(await ctx.store.listScores('r03')).toEqual(rowsOf(next));
    });
  });
}
