/** Runs, their event log and the record issues each run found. */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import { AtlasError } from '../errors.js';
import { type RecordIssue, RecordIssueSchema } from '../model/index.js';
import type { BulkWriter } from './bulk-write.js';
import { canonicalTime, encodeJson } from './column-values.js';
import { inTransaction } from './in-transaction.js';
import { pushValues } from './model-rows.js';
import { type Run, type RunEvent, type RunEventInput, RunEventSchema, RunSchema } from './records.js';
import { parseRow, readJson } from './row-validation.js';
import type { Database, RunsTable } from './schema.js';
import type { ListRunsOptions, NewRun, RunOutcome } from './store.js';

function toRun(row: Selectable<RunsTable>): Run {
  const at = { table: 'runs', rowId: row.id };
  const json = (column: 'options' | 'figures' | 'change_summary') => readJson(row[column], { ...at, column });
  const { id, kind, status, error } = row;
  const times = { startedAt: row.started_at, finishedAt: row.finished_at };
  const payload = {
    options: json('options'),
    figures: json('figures'),
    changeSummary: json('change_summary'),
  };
  return parseRow(RunSchema, { id, kind, status, ...times, ...payload, error }, at);
}

async function requireRun(db: Kysely<Database>, id: string): Promise<Run> {
  const run = await getRun(db, id);
  if (run === undefined) {
    throw new AtlasError('STORE_RUN_NOT_FOUND', `No run ${id} in the store`, { context: { runId: id } });
  }
  return run;
}

export async function createRun(db: Kysely<Database>, run: NewRun): Promise<Run> {
  const id = run.id ?? randomUUID();
  await db
    .insertInto('runs')
    .values({
      id,
      kind: z.string().min(1).parse(run.kind),
      status: 'running',
      started_at: canonicalTime(run.startedAt, 'startedAt'),
      finished_at: null,
      options: encodeJson(run.options),
      figures: null,
      change_summary: null,
      error: null,
    })
    .execute();
  return requireRun(db, id);
}

export async function updateRun(
  db: Kysely<Database>,
  id: string,
  patch: { figures?: unknown; changeSummary?: unknown },
): Promise<Run> {
  const set: { figures?: string; change_summary?: string } = {};
  if (patch.figures !== undefined) set.figures = encodeJson(patch.figures);
  if (patch.changeSummary !== undefined) set.change_summary = encodeJson(patch.changeSummary);
  if (Object.keys(set).length > 0) await db.updateTable('runs').set(set).where('id', '=', id).execute();
  return requireRun(db, id);
}

export async function finishRun(db: Kysely<Database>, id: string, outcome: RunOutcome): Promise<Run> {
  await db
    .updateTable('runs')
    .set({
      status: outcome.status,
      finished_at: canonicalTime(outcome.finishedAt, 'finishedAt'),
      error: outcome.error ?? null,
      ...(outcome.figures === undefined ? {} : { figures: encodeJson(outcome.figures) }),
      ...(outcome.changeSummary === undefined ? {} : { change_summary: encodeJson(outcome.changeSummary) }),
    })
    .where('id', '=', id)
    .execute();
  return requireRun(db, id);
}

export async function getRun(db: Kysely<Database>, id: string): Promise<Run | undefined> {
  const row = await db.selectFrom('runs').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toRun(row);
}

export async function listRuns(db: Kysely<Database>, options: ListRunsOptions = {}): Promise<Run[]> {
  let query = db.selectFrom('runs').selectAll();
  if (options.kind !== undefined) query = query.where('kind', '=', options.kind);
  if (options.status !== undefined) query = query.where('status', '=', options.status);
  const rows = await query
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(options.limit ?? 50)
    .execute();
  return rows.map(toRun);
}

export async function interruptRunningRuns(
  db: Kysely<Database>,
  at: string,
  error: string,
): Promise<string[]> {
  const finishedAt = canonicalTime(at, 'at');
  return inTransaction(db, async (trx) => {
    const running = await trx.selectFrom('runs').select('id').where('status', '=', 'running').execute();
    const ids = running.map((r) => r.id);
    if (ids.length > 0) {
      await trx
        .updateTable('runs')
        .set({ status: 'interrupted', finished_at: finishedAt, error })
        .where('id', 'in', ids)
        .execute();
    }
    return ids;
  });
}

export async function addRunEvents(
  db: Kysely<Database>,
  bulk: BulkWriter,
  runId: string,
  events: readonly RunEventInput[],
): Promise<void> {
  const rows = events.map((e) => ({
    run_id: runId,
    at: canonicalTime(e.at, 'event.at'),
    level: e.level,
    step: e.step,
    message: e.message,
    data: e.data === undefined ? null : encodeJson(e.data),
  }));
  await inTransaction(db, (trx) =>
    bulk.run(trx, 'run_events:insert', rows, pushValues, (chunk) =>
      trx.insertInto('run_events').values([...chunk]),
    ),
  );
}

export async function listRunEvents(
  db: Kysely<Database>,
  runId: string,
  options: { afterSeq?: number; limit?: number } = {},
): Promise<RunEvent[]> {
  const rows = await db
    .selectFrom('run_events')
    .selectAll()
    .where('run_id', '=', runId)
    .where('seq', '>', options.afterSeq ?? 0)
    .orderBy('seq')
    .limit(options.limit ?? 1000)
    .execute();
  return rows.map((row) => {
    const at = { table: 'run_events', rowId: row.seq };
    return parseRow(
      RunEventSchema,
      {
        seq: row.seq,
        runId: row.run_id,
        at: row.at,
        level: row.level,
        step: row.step,
        message: row.message,
        data: readJson(row.data, { ...at, column: 'data' }),
      },
      at,
    );
  });
}

export async function addRecordIssues(
  db: Kysely<Database>,
  bulk: BulkWriter,
  runId: string,
  issues: readonly RecordIssue[],
): Promise<void> {
  const rows = issues.map((i) => ({
    run_id: runId,
    system: i.system,
    object: i.object,
    record_id: i.recordId,
    field: i.field,
    value: i.value,
    reason: i.reason,
    severity: i.severity,
  }));
  await inTransaction(db, (trx) =>
    bulk.run(trx, 'record_issues:insert', rows, pushValues, (chunk) =>
      trx.insertInto('record_issues').values([...chunk]),
    ),
  );
}

export async function listRecordIssues(
  db: Kysely<Database>,
  runId: string,
  options: { limit?: number; offset?: number } = {},
): Promise<RecordIssue[]> {
  let query = db.selectFrom('record_issues').selectAll().where('run_id', '=', runId).orderBy('seq');
  // SQLite accepts OFFSET only after a LIMIT.
  if (options.limit !== undefined || options.offset !== undefined) {
    query = query.limit(options.limit ?? 2_147_483_647).offset(options.offset ?? 0);
  }
  const rows = await query.execute();
  return rows.map((row) =>
    parseRow(
      RecordIssueSchema,
      {
        system: row.system,
        object: row.object,
        recordId: row.record_id,
        field: row.field,
        value: row.value,
        reason: row.reason,
        severity: row.severity,
      },
      { table: 'record_issues', rowId: row.seq },
    ),
  );
}

export async function countRecordIssues(db: Kysely<Database>, runId: string): Promise<number> {
  const row = await db
    .selectFrom('record_issues')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('run_id', '=', runId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
