/** Score snapshots per run, and a partner's scores across runs. */
import type { Kysely, Selectable } from 'kysely';
import type { PartnerId } from '../model/index.js';
import type { BulkWriter } from './bulk-write.js';
import { encodeJson } from './column-values.js';
import { inTransaction } from './in-transaction.js';
import { pushValues } from './model-rows.js';
import {
  type ScoreHistoryPoint,
  ScoreHistoryPointSchema,
  type ScoreSnapshotRow,
  ScoreSnapshotRowSchema,
} from './records.js';
import { parseRow, readJson } from './row-validation.js';
import type { Database, ScoreSnapshotsTable } from './schema.js';
import type { ScoreHistoryOptions } from './store.js';

/** The columns a snapshot row is read from, `seq` to name the row in errors. */
const SNAPSHOT_COLUMNS = [
  'seq',
  'partner_id',
  'sector',
  'technology',
  'score',
  'level',
  'confidence',
  'details',
] as const;

type SnapshotColumns = Pick<Selectable<ScoreSnapshotsTable>, (typeof SNAPSHOT_COLUMNS)[number]>;

/**
 * A snapshot row's fields, for its schema. Score snapshots run to a million rows: each row is decoded once
 * and parsed once, and only `details` is JSON.
 */
function snapshotFields(row: SnapshotColumns) {
  return {
    partnerId: row.partner_id,
    sector: row.sector,
    technology: row.technology,
    score: row.score,
    level: row.level,
    confidence: row.confidence,
    details: readJson(row.details, { table: 'score_snapshots', rowId: row.seq, column: 'details' }),
  };
}

export async function saveScores(
  db: Kysely<Database>,
  bulk: BulkWriter,
  runId: string,
  rows: readonly ScoreSnapshotRow[],
): Promise<void> {
  const values = rows.map((r) => ({
    run_id: runId,
    partner_id: r.partnerId,
    sector: r.sector,
    technology: r.technology,
    score: r.score,
    level: r.level,
    confidence: r.confidence,
    details: encodeJson(r.details),
  }));
  await inTransaction(db, (trx) =>
    bulk.run(trx, 'score_snapshots:insert', values, pushValues, (chunk) =>
      trx.insertInto('score_snapshots').values([...chunk]),
    ),
  );
}

export async function listScores(
  db: Kysely<Database>,
  runId: string,
  options: { partnerId?: PartnerId } = {},
): Promise<ScoreSnapshotRow[]> {
  let query = db.selectFrom('score_snapshots').select(SNAPSHOT_COLUMNS).where('run_id', '=', runId);
  if (options.partnerId !== undefined) query = query.where('partner_id', '=', options.partnerId);
  const rows = await query.orderBy('seq').execute();
  return rows.map((row) =>
    parseRow(ScoreSnapshotRowSchema, snapshotFields(row), { table: 'score_snapshots', rowId: row.seq }),
  );
}

export async function scoreHistory(
  db: Kysely<Database>,
  partnerId: PartnerId,
  options: ScoreHistoryOptions = {},
): Promise<ScoreHistoryPoint[]> {
  let query = db
    .selectFrom('score_snapshots as s')
    .innerJoin('runs as r', 'r.id', 's.run_id')
    .select(['s.run_id', 'r.started_at', ...SNAPSHOT_COLUMNS.map((c) => `s.${c}` as const)])
    .where('s.partner_id', '=', partnerId);
  if (options.sector !== undefined) {
    query =
      options.sector === null
        ? query.where('s.sector', 'is', null)
        : query.where('s.sector', '=', options.sector);
  }
  if (options.technology !== undefined) {
    query =
      options.technology === null
        ? query.where('s.technology', 'is', null)
        : query.where('s.technology', '=', options.technology);
  }
  if (options.limit !== undefined) {
    // The newest N runs that scored this partner, then read oldest first.
    const runs = db
      .selectFrom('score_snapshots as s2')
      .innerJoin('runs as r2', 'r2.id', 's2.run_id')
      .select('s2.run_id')
      .where('s2.partner_id', '=', partnerId)
      .groupBy(['s2.run_id', 'r2.started_at'])
      .orderBy('r2.started_at', 'desc')
      .limit(options.limit);
    query = query.where('s.run_id', 'in', runs);
  }
  const rows = await query.orderBy('r.started_at').orderBy('s.seq').execute();
  return rows.map((row) =>
    parseRow(
      ScoreHistoryPointSchema,
      { runId: row.run_id, runStartedAt: row.started_at, ...snapshotFields(row) },
      { table: 'score_snapshots', rowId: row.seq },
    ),
  );
}
