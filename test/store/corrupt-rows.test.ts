/** Rows changed outside Atlas (bad JSON, a bad value) fail on read with STORE_ROW_INVALID naming the table, row and column. */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AtlasError } from '../../src/errors.js';
import { makeDeal, makePartner } from '../support/store-factories.js';
import { initTest, type TestContext } from '../support/store-setup.js';

/** Writes straight to the store file, as a hand edit or another tool would. */
function tamper(ctx: TestContext, statement: string, ...params: unknown[]): void {
  const db = new Database(ctx.dbPath ?? '');
  try {
    db.prepare(statement).run(...params);
  } finally {
    db.close();
  }
}

async function failure(work: Promise<unknown>): Promise<AtlasError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AtlasError)) throw new Error(`expected an AtlasError, got ${String(error)}`);
  return error;
}

describe('sqlite: rows changed outside Atlas', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await initTest('sqlite', { file: true });
    await ctx.store.createRun({ id: 'run-1', kind: 'run', startedAt: '2025-03-01T02:00:00Z', options: {} });
  });
  afterEach(async () => {
    await ctx.destroy();
  });

  it('a run whose figures are not JSON is reported with its table, id and column', async () => {
    tamper(ctx, "update runs set figures = '{\"systems\": ' where id = 'run-1'");
    for (const read of [ctx.store.getRun('run-1'), ctx.store.listRuns()]) {
      const error = await failure(read);
      expect(error.code).toBe('STORE_ROW_INVALID');
      expect(error.context).toEqual({ table: 'runs', rowId: 'run-1', column: 'figures' });
      expect(error.message).toMatch(
        /^runs row run-1 column figures does not hold what Atlas writes \(not JSON/,
      );
    }
  });

  it('a run with an unknown status is reported with the field at fault', async () => {
    tamper(ctx, "update runs set status = 'done' where id = 'run-1'");
    const error = await failure(ctx.store.getRun('run-1'));
    expect(error.code).toBe('STORE_ROW_INVALID');
    expect(error.context).toMatchObject({ table: 'runs', rowId: 'run-1' });
    expect(error.message).toContain('runs row run-1 does not hold what Atlas writes (status:');
  });

  it('a score snapshot, a cursor and a deal with bad JSON name their rows', async () => {
    const partner = makePartner(1);
    await ctx.store.saveScores('run-1', [
      {
        partnerId: partner.id,
        sector: 'healthcare',
        technology: null,
        score: 40,
        level: null,
        confidence: 0.5,
        details: { top: [] },
      },
    ]);
    tamper(ctx, "update score_changes set details = 'nope' where run_id = 'run-1'");
    const scores = await failure(ctx.store.listScores('run-1'));
    expect(scores.context).toEqual({ table: 'score_changes', rowId: 1, column: 'details' });
    const history = await failure(ctx.store.scoreHistory(partner.id));
    expect(history.context).toEqual({ table: 'score_changes', rowId: 1, column: 'details' });

    await ctx.store.saveCursor('salesforce', 'Account', { since: 'x' }, '2025-03-01T02:00:00Z');
    tamper(ctx, "update sync_cursors set cursor = '{' where object = 'Account'");
    const cursor = await failure(ctx.store.getCursor('salesforce', 'Account'));
    expect(cursor.context).toEqual({ table: 'sync_cursors', rowId: 'salesforce/Account', column: 'cursor' });

    const deal = makeDeal(1);
    await ctx.store.upsertPartners([partner]);
    await ctx.store.upsertDeals([deal]);
    tamper(ctx, 'update deals set technologies = ? where id = ?', '{"cloud": true}', deal.id);
    const model = await failure(ctx.store.loadModel());
    expect(model.context).toEqual({ table: 'deals', rowId: deal.id, column: 'technologies' });
  });

  it('a write failure whose fields are not a list is reported, not handed on', async () => {
    await ctx.store.recordWriteFailures(
      [
        {
          system: 'hubspot',
          object: 'companies',
          recordId: '42',
          fields: ['atlas_segments'],
          code: 'VALIDATION_ERROR',
          message: 'bad value',
          transient: false,
        },
      ],
      '2025-03-01T02:00:00Z',
    );
    tamper(ctx, `update write_failures set fields = '"atlas_segments"'`);
    const error = await failure(ctx.store.listWriteFailures());
    expect(error.context).toMatchObject({ table: 'write_failures', rowId: 'hubspot/companies/42' });
    expect(error.message).toContain('(fields:');
  });
});
