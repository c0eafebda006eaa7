/**
 * 2026-12-07: score snapshots become a change log. Every run used to write every cell score again (366k rows
 * with their JSON explanation at 20k partners, 6.3 s); now a run writes only the cells whose values changed
 * (and a removal row for a cell no longer scored), `score_cells` points at each cell's current change, and
 * `score_runs` records where each run's snapshot ends in the log, so any run's full snapshot is still derivable.
 *
 * Existing snapshots are converted run by run, in the order they were saved. Converted cells carry no hash:
 * the first save after this migration compares them as changed and writes them once more.
 */
import { createHash } from 'node:crypto';
import type { ColumnDefinitionBuilder, Kysely } from 'kysely';

type Flavor = 'sqlite' | 'postgres';

// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on today's table types (Kysely migrations.mdx)
type AnyDb = Kysely<any>;

/** Rows per insert: 10 columns each stays far under SQLite's 32,766 and PostgreSQL's 65,535 parameters. */
const CHUNK = 1_000;

interface SnapshotRow {
  seq: number;
  partner_id: string;
  sector: string | null;
  technology: string | null;
  score: number;
  level: string | null;
  confidence: number;
  details: string;
}

function identity(flavor: Flavor) {
  return (col: ColumnDefinitionBuilder) =>
    flavor === 'postgres'
      ? col.generatedByDefaultAsIdentity().primaryKey()
      : col.primaryKey().autoIncrement();
}

/** The cell key the store files a row under: a null axis is `*`, as in the engine's keys. */
function cellOf(row: { sector: string | null; technology: string | null }): string {
  return `${row.sector ?? '*'}|${row.technology ?? '*'}`;
}

export async function up(db: AnyDb, flavor: Flavor): Promise<void> {
  const json = flavor === 'postgres' ? 'jsonb' : 'text';
  const bool = flavor === 'postgres' ? 'boolean' : 'integer';
  await db.schema
    .createTable('score_changes')
    .addColumn('seq', 'integer', identity(flavor))
    // No cascade: every later run's snapshot is read through this run's changes, so deleting the run must fail.
    .addColumn('run_id', 'text', (c) => c.notNull().references('runs.id'))
    .addColumn('partner_id', 'text', (c) => c.notNull())
    .addColumn('cell', 'text', (c) => c.notNull())
    .addColumn('sector', 'text')
    .addColumn('technology', 'text')
    .addColumn('removed', bool, (c) => c.notNull())
    .addColumn('score', 'double precision')
    .addColumn('level', 'text')
    .addColumn('confidence', 'double precision')
    .addColumn('details', json)
    .execute();
  // The only index besides the key: readers go by cell (history, older runs); by run nothing reads.
  await db.schema
    .createIndex('score_changes_cell')
    .on('score_changes')
    .columns(['partner_id', 'cell', 'seq'])
    .execute();
  await db.schema
    .createTable('score_cells')
    .addColumn('partner_id', 'text', (c) => c.notNull())
    .addColumn('cell', 'text', (c) => c.notNull())
    .addColumn('change_seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text')
    .addPrimaryKeyConstraint('score_cells_pk', ['partner_id', 'cell'])
    .execute();
  await db.schema
    .createTable('score_runs')
    .addColumn('run_id', 'text', (c) => c.primaryKey().references('runs.id').onDelete('cascade'))
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .execute();
  await convertSnapshots(db, flavor);
  await db.schema.dropTable('score_snapshots').execute();
}

/** Replays the old full snapshots, in save order, into changes against the previous run's. */
async function convertSnapshots(db: AnyDb, flavor: Flavor): Promise<void> {
  const runs = await db
    .selectFrom('score_snapshots')
    .select(['run_id', db.fn.min('seq').as('first')])
    .groupBy('run_id')
    .orderBy('first')
    .execute();
  // Per cell key: a digest of its values and the seq of the change holding them.
  const current = new Map<string, { digest: string; seq: number; partnerId: string; cell: string }>();
  let lastSeq = 0;
  for (const { run_id: runId } of runs) {
    const rows = await db
      .selectFrom('score_snapshots')
      .selectAll()
      .where('run_id', '=', runId)
      .orderBy('seq')
      .$castTo<SnapshotRow>()
      .execute();
    const seen = new Set<string>();
    const changes: { row: Record<string, unknown>; key: string; digest: string | null }[] = [];
    for (const row of rows) {
      const cell = cellOf(row);
      const key = `${row.partner_id}\u0000${cell}`;
      seen.add(key);
      const digest = createHash('sha1')
        .update(`${row.score}|${row.level}|${row.confidence}|${row.details}`)
        .digest('base64');
      if (current.get(key)?.digest === digest) continue;
      changes.push({
        key,
        digest,
        row: {
          run_id: runId,
          partner_id: row.partner_id,
          cell,
          sector: row.sector,
          technology: row.technology,
          removed: flavor === 'postgres' ? false : 0,
          score: row.score,
          level: row.level,
          confidence: row.confidence,
          details: row.details,
        },
      });
    }
    for (const [key, held] of current) {
      if (seen.has(key)) continue;
      const [sector, technology] = held.cell.split('|');
      changes.push({
        key,
        digest: null,
        row: {
          run_id: runId,
          partner_id: held.partnerId,
          cell: held.cell,
          sector: sector === '*' ? null : sector,
          technology: technology === '*' ? null : technology,
          removed: flavor === 'postgres' ? true : 1,
          score: null,
          level: null,
          confidence: null,
          details: null,
        },
      });
    }
    for (let at = 0; at < changes.length; at += CHUNK) {
      const chunk = changes.slice(at, at + CHUNK);
      const inserted: { seq: number }[] = await db
        .insertInto('score_changes')
        .values(chunk.map((c) => c.row))
        .returning('seq')
        .execute();
      // Both dialects return a multi-row insert's rows in the order of its VALUES.
      chunk.forEach((change, i) => {
        const seq = Number(inserted[i]?.seq);
        lastSeq = Math.max(lastSeq, seq);
        if (change.digest === null) current.delete(change.key);
        else {
          current.set(change.key, {
            digest: change.digest,
            seq,
            partnerId: String(change.row.partner_id),
            cell: String(change.row.cell),
          });
        }
      });
    }
    await db.insertInto('score_runs').values({ run_id: runId, last_seq: lastSeq }).execute();
  }
  const cells = [...current.values()].map((c) => ({
    partner_id: c.partnerId,
    cell: c.cell,
    change_seq: c.seq,
    hash: null,
  }));
  for (let at = 0; at < cells.length; at += CHUNK) {
    await db
      .insertInto('score_cells')
      .values(cells.slice(at, at + CHUNK))
      .execute();
  }
}

/** Rebuilds the full per-run snapshots from the log, then drops it. */
export async function down(db: AnyDb, flavor: Flavor): Promise<void> {
  const json = flavor === 'postgres' ? 'jsonb' : 'text';
  await db.schema
    .createTable('score_snapshots')
    .addColumn('seq', 'integer', identity(flavor))
    .addColumn('run_id', 'text', (c) => c.notNull().references('runs.id').onDelete('cascade'))
    .addColumn('partner_id', 'text', (c) => c.notNull())
    .addColumn('sector', 'text')
    .addColumn('technology', 'text')
    .addColumn('score', 'double precision', (c) => c.notNull())
    .addColumn('level', 'text')
    .addColumn('confidence', 'double precision', (c) => c.notNull())
    .addColumn('details', json, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('score_snapshots_run')
    .on('score_snapshots')
    .columns(['run_id', 'seq'])
    .execute();
  await db.schema
    .createIndex('score_snapshots_partner')
    .on('score_snapshots')
    .columns(['partner_id', 'run_id'])
    .execute();
  const runs = await db
    .selectFrom('score_runs')
    .selectAll()
    .orderBy('last_seq')
    .$castTo<{ run_id: string; last_seq: number }>()
    .execute();
  const state = new Map<string, Record<string, unknown>>();
  let from = 0;
  for (const run of runs) {
    const changes = await db
      .selectFrom('score_changes')
      .selectAll()
      .where('seq', '>', from)
      .where('seq', '<=', run.last_seq)
      .orderBy('seq')
      .execute();
    for (const c of changes) {
      const key = `${c.partner_id}\u0000${c.cell}`;
      if (c.removed === true || c.removed === 1) state.delete(key);
      else state.set(key, c);
    }
    from = Number(run.last_seq);
    const rows = [...state.values()].map((c) => ({
      run_id: run.run_id,
      partner_id: c.partner_id,
      sector: c.sector,
      technology: c.technology,
      score: c.score,
      level: c.level,
      confidence: c.confidence,
      details: c.details,
    }));
    for (let at = 0; at < rows.length; at += CHUNK) {
      await db
        .insertInto('score_snapshots')
        .values(rows.slice(at, at + CHUNK))
        .execute();
    }
  }
  for (const table of ['score_runs', 'score_cells', 'score_changes']) {
    await db.schema.dropTable(table).execute();
  }
}
