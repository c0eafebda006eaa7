/** Runs, their events and record issues. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS, RunSchema } from '../../src/store/index.js';
import { makeIssue } from '../support/store-factories.js';
import { initTest, skipDialect, type TestContext } from '../support/store-setup.js';

for (const dialect of DIALECTS) {
  describe.skipIf(skipDialect(dialect))(`${dialect}: runs`, () => {
    let ctx: TestContext;
    beforeEach(async () => {
      ctx = await initTest(dialect);
    });
    afterEach(async () => {
      await ctx.destroy();
    });

    it('records a run from start to finish with its options, figures and change summary as JSON', async () => {
      const started = await ctx.store.createRun({
        id: 'run-1',
        kind: 'nightly',
        startedAt: '2025-03-01T02:00:00Z',
        options: { systems: ['salesforce'], full: false },
      });
      expect(started).toEqual({
        id: 'run-1',
        kind: 'nightly',
        status: 'running',
        startedAt: '2025-03-01T02:00:00.000Z',
        finishedAt: null,
        options: { systems: ['salesforce'], full: false },
        figures: null,
        changeSummary: null,
        error: null,
      });
      const progress = await ctx.store.updateRun('run-1', { figures: { pulled: 10 } });
      expect(progress.figures).toEqual({ pulled: 10 });
      expect(progress.status).toBe('running');

      const finished = await ctx.store.finishRun('run-1', {
        status: 'partial',
        finishedAt: '2025-03-01T02:10:00.000Z',
        figures: { pulled: 120, written: 30, failed: 2 },
        changeSummary: { segmentsGained: 4 },
        error: '2 records failed to write',
      });
      expect(RunSchema.parse(finished)).toMatchObject({
        status: 'partial',
        finishedAt: '2025-03-01T02:10:00.000Z',
        figures: { pulled: 120, written: 30, failed: 2 },
        changeSummary: { segmentsGained: 4 },
        error: '2 records failed to write',
      });
      expect(await ctx.store.getRun('run-1')).toEqual(finished);
      expect(await ctx.store.getRun('nope')).toBeUndefined();
    });

    it('gives a generated id when none is asked for, and refuses to update an unknown run', async () => {
      const run = await ctx.store.createRun({
        kind: 'sync',
        startedAt: '2025-03-01T02:00:00.000Z',
        options: {},
      });
      expect(run.id).toMatch(/^[0-9a-f-]{36}$/);
      await expect(
        ctx.store.finishRun('missing', { status: 'failed', finishedAt: '2025-03-01T02:00:00.000Z' }),
      ).rejects.toMatchObject({ code: 'STORE_RUN_NOT_FOUND', context: { runId: 'missing' } });
    });

    it('lists runs newest first, filtered by kind and status, and limited', async () => {
      for (const [id, kind, hour] of [
        ['a', 'nightly', '01'],
        ['b', 'score', '02'],
        ['c', 'nightly', '03'],
        ['d', 'nightly', '04'],
      ] as const) {
        await ctx.store.createRun({ id, kind, startedAt: `2025-03-01T${hour}:00:00.000Z`, options: null });
      }
      await ctx.store.finishRun('c', { status: 'succeeded', finishedAt: '2025-03-01T03:30:00.000Z' });

      expect((await ctx.store.listRuns()).map((r) => r.id)).toEqual(['d', 'c', 'b', 'a']);
      expect((await ctx.store.listRuns({ kind: 'nightly', limit: 2 })).map((r) => r.id)).toEqual(['d', 'c']);
      expect((await ctx.store.listRuns({ status: 'succeeded' })).map((r) => r.id)).toEqual(['c']);
    });

    it('marks runs whose process died as interrupted', async () => {
      await ctx.store.createRun({
        id: 'dead',
        kind: 'nightly',
        startedAt: '2025-03-01T01:00:00.000Z',
        options: {},
      });
      await ctx.store.createRun({
        id: 'done',
        kind: 'nightly',
        startedAt: '2025-03-01T00:00:00.000Z',
        options: {},
      });
      await ctx.store.finishRun('done', { status: 'succeeded', finishedAt: '2025-03-01T00:30:00.000Z' });

      expect(
        await ctx.store.interruptRunningRuns('2025-03-02T00:00:00.000Z', 'process ended mid-run'),
      ).toEqual(['dead']);
      expect(await ctx.store.getRun('dead')).toMatchObject({
        status: 'interrupted',
        finishedAt: '2025-03-02T00:00:00.000Z',
        error: 'process ended mid-run',
      });
      expect(await ctx.store.interruptRunningRuns('2025-03-02T00:00:00.000Z', 'again')).toEqual([]);
    });

    it('keeps run events in order and pages them after the last one seen', async () => {
      await ctx.store.createRun({
        id: 'r',
        kind: 'sync',
        startedAt: '2025-03-01T01:00:00.000Z',
        options: {},
      });
      await ctx.store.addRunEvents('r', [
        { at: '2025-03-01T01:00:01.000Z', level: 'info', step: 'pull:salesforce:Account', message: 'page 1' },
        {
          at: '2025-03-01T01:00:02.000Z',
          level: 'warn',
          step: 'pull:salesforce:Account',
          message: 'retrying',
          data: { status: 503, attempt: 2 },
        },
      ]);
      await ctx.store.addRunEvents('r', [
        { at: '2025-03-01T01:00:03.000Z', level: 'error', step: 'writeback', message: 'failed' },
      ]);

      const all = await ctx.store.listRunEvents('r');
      expect(all.map((e) => [e.level, e.message, e.data])).toEqual([
        ['info', 'page 1', null],
        ['warn', 'retrying', { status: 503, attempt: 2 }],
        ['error', 'failed', null],
      ]);
      expect(all.every((e) => e.runId === 'r')).toBe(true);
      const afterFirst = await ctx.store.listRunEvents('r', { afterSeq: all[0]!.seq, limit: 1 });
      expect(afterFirst.map((e) => e.message)).toEqual(['retrying']);
    });

    it('keeps the record issues of each run apart, in order, with counts and paging', async () => {
      await ctx.store.createRun({
        id: 'r1',
        kind: 'sync',
        startedAt: '2025-03-01T01:00:00.000Z',
        options: {},
      });
      await ctx.store.createRun({
        id: 'r2',
        kind: 'sync',
        startedAt: '2025-03-02T01:00:00.000Z',
        options: {},
      });
      const issues = Array.from({ length: 5 }, (_, i) =>
        makeIssue(i, { severity: i % 2 ? 'error' : 'warning' }),
      );
      await ctx.store.addRecordIssues('r1', issues);
      await ctx.store.addRecordIssues('r2', [makeIssue(9, { value: null })]);

      expect(await ctx.store.listRecordIssues('r1')).toEqual(issues);
      expect(await ctx.store.listRecordIssues('r1', { offset: 3 })).toEqual(issues.slice(3));
      expect(await ctx.store.listRecordIssues('r1', { limit: 2, offset: 1 })).toEqual(issues.slice(1, 3));
      expect(await ctx.store.countRecordIssues('r1')).toBe(5);
      expect(await ctx.store.listRecordIssues('r2')).toEqual([makeIssue(9, { value: null })]);
    });

    it('rejects a timestamp that is not ISO-8601 UTC, naming the argument', async () => {
      await expect(
        ctx.store.createRun({ kind: 'sync', startedAt: '01/03/2025 02:00', options: {} }),
      ).rejects.toMatchObject({ code: 'STORE_INVALID_INPUT', context: { argument: 'startedAt' } });
      expect(await ctx.store.listRuns()).toEqual([]);
    });
  });
}
