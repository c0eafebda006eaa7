/**
 * Score snapshots as a change log: a run writes only the cells whose values changed since the last snapshot,
 * and any run's snapshot, or a partner's history, is read back as the full snapshot it was.
 */
import { hash as oneShotHash } from 'node:crypto';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { PartnerId } from '../model/index.js';
import type { BulkWriter } from './bulk-write.js';
import { decodeBool, encodeBool, encodeJson } from './column-values.js';
import { inTransaction } from './in-transaction.js';
import {
  type SavedScores,
  type ScoreHistoryPoint,
  ScoreHistoryPointSchema,
  type ScoreLevelRow,
  ScoreLevelRowSchema,
  type ScoreSnapshotRow,
  ScoreSnapshotRowSchema,
} from './records.js';
import { parseRow, readJson } from './row-validation.js';
import type { Database, ScoreChangesTable } from './schema.js';
import type { ScoreHistoryOptions } from './store.js';

/** The columns a change is read from, `seq` to name the row in errors. */
const CHANGE_COLUMNS = [
  'seq',
  'partner_id',
  'cell',
  'sector',
  'technology',
  'removed',
  'score',
  'level',
  'confidence',
  'details',
] as const;

type ChangeColumns = Pick<Selectable<ScoreChangesTable>, (typeof CHANGE_COLUMNS)[number]>;

/** `sector|technology`, `*` for a null axis: the engine's cell key, as score_cells files a row. */
function cellKey(row: { sector: string | null; technology: string | null }): string {
  return `${row.sector ?? '*'}|${row.technology ?? '*'}`;
}

function heldKey(partnerId: string, cell: string): string {
  return `${partnerId}\u0000${cell}`;
}

/**
 * A snapshot row to save. `digest`, when its producer has one, stands for the row's values (score, level,
 * confidence, details): equal values, equal digest, and it must never equal a SHA-1 digest below (it is
 * shorter). Then an unchanged cell costs no JSON text: at 20k partners, JSON and SHA-1 of every cell were
 * 4.6 s of a 7.5 s night where nothing changed (measured with `npm run bench -- store --case snapshot`).
 * A cell held under another kind of digest reads as changed and is written again, never wrongly kept.
 */
export type ScoreRowToSave = ScoreSnapshotRow & { digest?: string };

/**
 * The store's own digest of a row without one: SHA-1 over its values and JSON. The one-shot `hash` is
 * ~3× faster than a `createHash` object per row (1.7 against 4.6 µs, measured on the bench host).
 */
function sha1Digest(row: ScoreSnapshotRow, details: string): string {
  return oneShotHash('sha1', `${row.score}|${row.level}|${row.confidence}|${details}`, 'base64');
}

/** Length of a SHA-1 digest in base64. */
const SHA1_DIGEST_LENGTH = 28;

/** A (non-removal) change row as a snapshot row, validated; `details` is the only JSON. */
function toSnapshotRow(row: ChangeColumns): ScoreSnapshotRow {
  const where = { table: 'score_changes', rowId: row.seq };
  return parseRow(
    ScoreSnapshotRowSchema,
    {
      partnerId: row.partner_id,
      sector: row.sector,
      technology: row.technology,
      score: row.score,
      level: row.level,
      confidence: row.confidence,
      details: readJson(row.details, { ...where, column: 'details' }),
    },
    where,
  );
}

/** Snapshot rows in the order every reader gets them: by partner, then cell key. */
function bySnapshotOrder(a: ChangeColumns, b: ChangeColumns): number {
  if (a.partner_id !== b.partner_id) return a.partner_id < b.partner_id ? -1 : 1;
  return a.cell < b.cell ? -1 : a.cell > b.cell ? 1 : 0;
}

/** Parameters of one score_changes row: its ten columns besides `seq`. */
const CHANGE_PARAMS = 10;

/** A change row to write (`seq` is the log's). */
type ChangeRow = Omit<ScoreChangesTable, 'seq'>;

/** A change row's parameters in the order its object's keys are built below (bulk-write.ts checks it). */
function changeParams(row: ChangeRow, out: unknown[]): void {
  out.push(
    row.run_id,
    row.partner_id,
    row.cell,
    row.sector,
    row.technology,
    row.removed,
    row.score,
    row.level,
    row.confidence,
    row.details,
  );
}

interface CurrentCell {
  partner_id: PartnerId;
  cell: string;
  change_seq: number;
  hash: string;
}

function currentParams(row: CurrentCell, out: unknown[]): void {
  out.push(row.partner_id, row.cell, row.change_seq, row.hash);
}

/**
 * Appends changes to the log and points score_cells at them (a removal's cell is deleted by the caller).
 * `hashes[i]` is the digest of `rows[i]`, null for a removal. Every call but a save's last writes exactly
 * `size` rows, so both statements are compiled and prepared once per save (bulk-write.ts keeps them by length).
 */
async function writeChanges(
  trx: Kysely<Database>,
  bulk: BulkWriter,
  rows: readonly ChangeRow[],
  hashes: readonly (string | null)[],
  size: number,
): Promise<void> {
  const inserted = await bulk.run(
    trx,
    'score_changes:insert',
    rows,
    changeParams,
    (chunk) =>
      trx
        .insertInto('score_changes')
        .values([...chunk])
        .returning(['seq', 'partner_id', 'cell']),
    size,
  );
  // The log returns its rows in insert order; a row that does not line up is found by its key instead.
  let byKey: Map<string, string | null> | undefined;
  const current: CurrentCell[] = [];
  for (let i = 0; i < inserted.rows.length; i++) {
    const row = inserted.rows[i]!;
    const sent = rows[i];
    let hash: string | null | undefined;
    if (sent !== undefined && sent.partner_id === row.partner_id && sent.cell === row.cell) {
      hash = hashes[i];
    } else {
      byKey ??= new Map(rows.map((r, k) => [heldKey(r.partner_id, r.cell), hashes[k] ?? null]));
      hash = byKey.get(heldKey(row.partner_id, row.cell));
    }
    if (hash != null) current.push({ partner_id: row.partner_id, cell: row.cell, change_seq: row.seq, hash });
  }
  await fileCurrent(trx, bulk, current, size);
}

/** Points score_cells at each cell's current change and digest (inserted, or updated in place). */
async function fileCurrent(
  trx: Kysely<Database>,
  bulk: BulkWriter,
  cells: readonly CurrentCell[],
  size: number,
): Promise<void> {
  await bulk.run(
    trx,
    'score_cells:upsert',
    cells,
    currentParams,
    (chunk) =>
      trx
        .insertInto('score_cells')
        .values([...chunk])
        .onConflict((oc) =>
          oc.columns(['partner_id', 'cell']).doUpdateSet((eb) => ({
            change_seq: eb.ref('excluded.change_seq'),
            hash: eb.ref('excluded.hash'),
          })),
        ),
    size,
  );
}

/**
 * Saves a run's complete snapshot: cells whose values changed (or are new) become change rows, cells the
 * run no longer scores become removal rows, and unchanged cells write nothing.
 * Changed cells are written in slices of one insert statement each (3,276 rows on SQLite), so a snapshot
 * whose every cell moved is never held whole (JSON included).
 */
export async function saveScores(
  db: Kysely<Database>,
  bulk: BulkWriter,
  runId: string,
  rows: Iterable<ScoreRowToSave>,
): Promise<SavedScores> {
  return inTransaction(db, async (trx) => {
    // The cells held now, and their places in that list by partner, then cell key: two lookups of strings
    // the rows already hold, no key built and no object made per cell. `seen` marks those the run scored.
    const held = await trx
      .selectFrom('score_cells')
      .select(['partner_id', 'cell', 'change_seq', 'hash'])
      .execute();
    const heldAt = new Map<PartnerId, Map<string, number>>();
    for (let at = 0; at < held.length; at++) {
      const { partner_id, cell } = held[at]!;
      let cells = heldAt.get(partner_id);
      if (cells === undefined) {
        cells = new Map();
        heldAt.set(partner_id, cells);
      }
      cells.set(cell, at);
    }
    const seen = new Uint8Array(held.length);
    const counts = { changed: 0, removed: 0 };
    const partners = new Set<PartnerId>();
    const size = bulk.chunkSize(CHANGE_PARAMS);
    let pending: ChangeRow[] = [];
    let hashes: (string | null)[] = [];
    const flush = async () => {
      await writeChanges(trx, bulk, pending, hashes, size);
      for (const row of pending) partners.add(row.partner_id);
      pending = [];
      hashes = [];
    };
    // Cells held under a SHA-1 digest whose values did not change, saved now with their producer's digest
    // (the first save after producers began to send one): only the digest is filed anew, no change row.
    const redigested: CurrentCell[] = [];
    let lastPartner: string | undefined;
    let partnerCells: Map<string, number> | undefined;
    for (const row of rows) {
      const cell = cellKey(row);
      if (row.partnerId !== lastPartner) {
        lastPartner = row.partnerId;
        partnerCells = heldAt.get(row.partnerId);
      }
      let details: string | undefined;
      let hash = row.digest;
      if (hash === undefined) {
        details = encodeJson(row.details);
        hash = sha1Digest(row, details);
      }
      const at = partnerCells?.get(cell);
      const before = at === undefined ? undefined : held[at];
      if (at !== undefined) seen[at] = 1;
      if (before?.hash === hash) continue;
      details ??= encodeJson(row.details);
      if (
        row.digest !== undefined &&
        before?.hash?.length === SHA1_DIGEST_LENGTH &&
        sha1Digest(row, details) === before.hash
      ) {
        redigested.push({ partner_id: row.partnerId, cell, change_seq: before.change_seq, hash });
        continue;
      }
      counts.changed++;
      pending.push({
        run_id: runId,
        partner_id: row.partnerId,
        cell,
        sector: row.sector,
        technology: row.technology,
        removed: encodeBool(false),
        score: row.score,
        level: row.level,
        confidence: row.confidence,
        details,
      });
      hashes.push(hash);
      if (pending.length === size) await flush();
    }
    await fileCurrent(trx, bulk, redigested, size);
    // The held cells the run did not score, in the order score_cells gave them.
    const removed = held.filter((_, at) => seen[at] === 0);
    for (const { partner_id, cell } of removed) {
      const [sector, technology] = cell.split('|');
      counts.removed++;
      pending.push({
        run_id: runId,
        partner_id,
        cell,
        sector: sector === '*' ? null : (sector ?? null),
        technology: technology === '*' ? null : (technology ?? null),
        removed: encodeBool(true),
        score: null,
        level: null,
        confidence: null,
        details: null,
      });
      hashes.push(null);
      if (pending.length === size) await flush();
    }
    await flush();
    for (const chunk of bulk.chunks(removed, 1)) {
      await trx
        .deleteFrom('score_cells')
        .where(
          'change_seq',
          'in',
          chunk.map((r) => r.change_seq),
        )
        .execute();
    }
    const lastSeq = await newestChange(trx);
    await trx
      .insertInto('score_runs')
      .values({ run_id: runId, last_seq: lastSeq })
      .onConflict((oc) => oc.column('run_id').doUpdateSet({ last_seq: lastSeq }))
      .execute();
    return { ...counts, partners: [...partners] };
  });
}

/**
 * The change rows of the snapshot that ends at `lastSeq`: the current cells when nothing was saved since.
 * Without `details` (read as null), for readers that need only levels: their JSON is most of a row.
 */
async function snapshotChanges(
  db: Kysely<Database>,
  lastSeq: number,
  options: { partnerId?: PartnerId; details: boolean },
): Promise<ChangeColumns[]> {
  const details = options.details ? sql<string | null>`c.details` : sql<string | null>`null`;
  const columns = [
    ...CHANGE_COLUMNS.filter((c) => c !== 'details').map((c) => `c.${c}` as const),
    details.as('details'),
  ];
  if (lastSeq >= (await newestChange(db))) {
    let query = db
      .selectFrom('score_cells as k')
      .innerJoin('score_changes as c', 'c.seq', 'k.change_seq')
      .select(columns);
    if (options.partnerId !== undefined) query = query.where('k.partner_id', '=', options.partnerId);
    const current = await query.execute();
    // A save that committed meanwhile moved the current cells on: then read the run from the log instead.
    if (lastSeq >= (await newestChange(db))) return current;
  }
  // An older run: each cell's latest change up to the run's end, unless that change removed it.
  let query = db
    .selectFrom('score_changes as c')
    .select(columns)
    .where('c.seq', '<=', lastSeq)
    .where('c.seq', '=', (eb) =>
      eb
        .selectFrom('score_changes as l')
        .select((inner) => inner.fn.max('l.seq').as('seq'))
        .whereRef('l.partner_id', '=', 'c.partner_id')
        .whereRef('l.cell', '=', 'c.cell')
        .where('l.seq', '<=', lastSeq),
    );
  if (options.partnerId !== undefined) query = query.where('c.partner_id', '=', options.partnerId);
  return (await query.execute()).filter((row) => !decodeBool(row.removed));
}

/** The seq of the newest change (0 for none): a run whose snapshot ends there is what score_cells holds. */
async function newestChange(db: Kysely<Database>): Promise<number> {
  const newest = await db
    .selectFrom('score_changes')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirst();
  return Number(newest?.seq ?? 0);
}

/** Where a run's snapshot ends in the log, or undefined for a run that saved none. */
async function snapshotEnd(db: Kysely<Database>, runId: string): Promise<number | undefined> {
  const run = await db
    .selectFrom('score_runs')
    .select('last_seq')
    .where('run_id', '=', runId)
    .executeTakeFirst();
  return run?.last_seq;
}

/** A run's full snapshot, by partner then cell key; [] for a run that saved none. */
export async function listScores(
  db: Kysely<Database>,
  runId: string,
  options: { partnerId?: PartnerId } = {},
): Promise<ScoreSnapshotRow[]> {
  const end = await snapshotEnd(db, runId);
  if (end === undefined) return [];
  const rows = await snapshotChanges(db, end, { ...options, details: true });
  return rows.sort(bySnapshotOrder).map(toSnapshotRow);
}

/** The level of each cell of a run's snapshot, without the explanations: what hysteresis takes back. */
export async function listScoreLevels(db: Kysely<Database>, runId: string): Promise<ScoreLevelRow[]> {
  const end = await snapshotEnd(db, runId);
  if (end === undefined) return [];
  const rows = await snapshotChanges(db, end, { details: false });
  return rows.map((row) =>
    parseRow(
      ScoreLevelRowSchema,
      { partnerId: row.partner_id, cell: row.cell, level: row.level },
      { table: 'score_changes', rowId: row.seq },
    ),
  );
}

/**
 * One partner's cells in every run that saved scores, replayed from its changes (a few per cell and run
 * at most), oldest run first and by cell key within a run.
 */
export async function scoreHistory(
  db: Kysely<Database>,
  partnerId: PartnerId,
  options: ScoreHistoryOptions = {},
): Promise<ScoreHistoryPoint[]> {
  const [runs, changes] = await Promise.all([
    db
      .selectFrom('score_runs as s')
      .innerJoin('runs as r', 'r.id', 's.run_id')
      .select(['s.run_id', 's.last_seq', 'r.started_at'])
      .orderBy('s.last_seq')
      .execute(),
    db
      .selectFrom('score_changes')
      .select(CHANGE_COLUMNS)
      .where('partner_id', '=', partnerId)
      .orderBy('seq')
      .execute(),
  ]);
  const state = new Map<string, ChangeColumns>();
  const snapshots: { run: (typeof runs)[number]; rows: ChangeColumns[] }[] = [];
  let next = 0;
  for (const run of runs) {
    for (let change = changes[next]; change !== undefined && change.seq <= run.last_seq; ) {
      if (decodeBool(change.removed)) state.delete(change.cell);
      else state.set(change.cell, change);
      next++;
      change = changes[next];
    }
    if (state.size > 0) snapshots.push({ run, rows: [...state.values()].sort(bySnapshotOrder) });
  }
  // Stable: runs saved in the same instant keep their save order.
  snapshots.sort((a, b) =>
    a.run.started_at < b.run.started_at ? -1 : a.run.started_at > b.run.started_at ? 1 : 0,
  );
  const kept = options.limit === undefined ? snapshots : snapshots.slice(-options.limit);
  const parsed = new Map<number, ScoreSnapshotRow>();
  return kept.flatMap(({ run, rows }) =>
    rows
      .filter((row) => matches(row.sector, options.sector) && matches(row.technology, options.technology))
      .map((row) => {
        let values = parsed.get(row.seq);
        if (!values) {
          values = toSnapshotRow(row);
          parsed.set(row.seq, values);
        }
        return parseRow(
          ScoreHistoryPointSchema,
          { runId: run.run_id, runStartedAt: run.started_at, ...values },
          { table: 'score_changes', rowId: row.seq },
        );
      }),
  );
}

/** The history filter's rule: `undefined` any key, `null` only the axis total, a key only that key. */
function matches(key: string | null, filter: string | null | undefined): boolean {
  return filter === undefined || key === filter;
}
