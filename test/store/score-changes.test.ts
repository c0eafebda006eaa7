/** Score snapshots are saved as changes: a run writes only what changed, yet reads back as its full snapshot. */
import Database from 'better-sqlite3';
import { Migrator, sql } from 'kysely';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS, type DialectName, openStore, type ScoreSnapshotRow } from '../../src/store/index.js';
import { migrationProvider } from '../../src/store/migrations/index.js';
import { openPostgres } from '../../src/store/postgres-dialect.js';
import { openSqlite } from '../../src/store/sqlite-dialect.js';
import { accountRef, partnerId } from '../support/store-factories.js';
import { initTest, skipDialect, type TestContext } from '../support/store-setup.js';

const partners = [1, 2, 3, 4].map((n) => partnerId(accountRef(n)));
const cells: [string | null, string | null][] = [
  ['healthcare', 'data_ai'],
  ['healthcare', null],
  [null, 'data_ai'],
  ['retail', 'cloud'],
];

/** A full snapshot: every partner × cell, scores from `scoreOf`. */
function snapshot(scoreOf: (p: number, c: number) => number): ScoreSnapshotRow[] {
  return partners.flatMap((id, p) =>
    cells.map(([sector, technology], c) => ({
      partnerId: id,
      sector,
      technology,
      score: scoreOf(p, c),
      level: scoreOf(p, c) >= 50 ? 'specialist' : null,
      confidence: 0.5,
      details: { top: [{ dealId: `d${p}-${c}` }], next: null },
    })),
  );
}

/** The order listScores promises: by partner, then cell key (`*` for a null axis). */
function inReadOrder(rows: readonly ScoreSnapshotRow[]): ScoreSnapshotRow[] {
  const key = (r: ScoreSnapshotRow) => `${r.partnerId}\u0000${r.sector ?? '*'}|${r.technology ?? '*'}`;
  return [...rows].sort((a, b) => (key(a) < key(b) ? -1 : 1));
}

function inLevelOrder<T extends { partnerId: string; cell: string }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => (`${a.partnerId} ${a.cell}` < `${b.partnerId} ${b.cell}` ? -1 : 1));
}

/** Rows of the change log written by one run, counted straight from the database. */
async function changeRows(
  ctx: { dialect: DialectName; dbPath?: string; databaseUrl?: string },
  runId: string,
): Promise<number> {
  const query = 'select count(*) as n from score_changes where run_id = $1';
  if (ctx.dialect === 'sqlite') {
    const db = new Database(ctx.dbPath ?? '');
    try {
      const row = db.prepare(query.replace('$1', '?')).get(runId) as { n: number };
      return row.n;
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: ctx.databaseUrl });
  await client.connect();
  try {
    return Number((await client.query(query, [runId])).rows[0].n);
  } finally {
    await client.end();
  }
}

for (const dialect of DIALECTS) {
  describe.skipIf(skipDialect(dialect))(`${dialect}: score changes`, () => {
    let ctx: TestContext;
    beforeEach(async () => {
      ctx = await initTest(dialect, { file: true });
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

    it('writes only the cells that changed, and removals, yet reads every run back in full', async () => {
      const first = snapshot((p, c) => 10 * p + c);
      // Partner 0's first cell changes, partner 2's last cell is no longer scored, a new cell appears.
      const second = snapshot((p, c) => (p === 0 && c === 0 ? 99 : 10 * p + c)).filter(
        (r) => !(r.partnerId === partners[2] && r.sector === 'retail'),
      );
      second.push({ ...first[0]!, partnerId: partners[3]!, sector: 'energy', technology: 'cloud' });

      expect(await ctx.store.saveScores('r1', first)).toMatchObject({ changed: 16, removed: 0 });
      const saved = await ctx.store.saveScores('r2', second);
      expect(saved).toEqual({
        changed: 2,
        removed: 1,
        partners: expect.arrayContaining([partners[0], partners[2], partners[3]]),
      });
      expect(saved.partners).toHaveLength(3);
      expect(await changeRows(ctx, 'r2')).toBe(3);
      // A run whose scores did not change writes nothing, and reads back the same.
      expect(await ctx.store.saveScores('r3', second)).toEqual({ changed: 0, removed: 0, partners: [] });
      expect(await changeRows(ctx, 'r3')).toBe(0);

      expect(await ctx.store.listScores('r1')).toEqual(inReadOrder(first));
      expect(await ctx.store.listScores('r2')).toEqual(inReadOrder(second));
      expect(await ctx.store.listScores('r3')).toEqual(inReadOrder(second));
      const levels = (rows: readonly ScoreSnapshotRow[]) =>
        rows.map((r) => ({
          partnerId: r.partnerId,
          cell: `${r.sector ?? '*'}|${r.technology ?? '*'}`,
          level: r.level,
        }));
      expect(inLevelOrder(await ctx.store.listScoreLevels('r1'))).toEqual(inLevelOrder(levels(first)));
      expect(inLevelOrder(await ctx.store.listScoreLevels('r3'))).toEqual(inLevelOrder(levels(second)));
      expect(await ctx.store.listScoreLevels('nope')).toEqual([]);
      expect(await ctx.store.listScores('r1', { partnerId: partners[2]! })).toEqual(
        inReadOrder(first.filter((r) => r.partnerId === partners[2])),
      );

      const history = await ctx.store.scoreHistory(partners[2]!);
      const expected = (['r1', 'r2', 'r3'] as const).flatMap((runId, i) =>
        inReadOrder((i === 0 ? first : second).filter((r) => r.partnerId === partners[2])).map((r) => ({
          ...r,
          runId,
          runStartedAt: `2025-03-0${i + 1}T02:00:00.000Z`,
        })),
      );
      expect(history).toEqual(expected);
    });

    it('saving a run again replaces its snapshot', async () => {
      await ctx.store.saveScores(
        'r1',
        snapshot(() => 10),
      );
      await ctx.store.saveScores(
        'r1',
        snapshot(() => 20),
      );
      expect((await ctx.store.listScores('r1')).map((r) => r.score)).toEqual(Array(16).fill(20));
      expect((await ctx.store.scoreHistory(partners[0]!)).map((p) => p.score)).toEqual([20, 20, 20, 20]);
    });
  });
}

for (const dialect of DIALECTS) {
  describe.skipIf(skipDialect(dialect))(`${dialect}: a store with the old full snapshots`, () => {
    it('is converted into changes that read back as the same snapshots and history', async () => {
      const ctx = await initTest(dialect, { file: true });
      const target =
        dialect === 'sqlite' ? { dbPath: ctx.dbPath ?? '' } : { databaseUrl: ctx.databaseUrl ?? '' };
      await ctx.store.close();
      try {
        await withOldSnapshots(dialect, target);
        const store = await openStore(target);
        try {
          for (const [i, rows] of OLD_RUNS.entries()) {
            expect(await store.listScores(`old-${i + 1}`)).toEqual(inReadOrder(rows));
          }
          const history = await store.scoreHistory(partners[1]!, {
            sector: 'healthcare',
            technology: 'data_ai',
          });
          expect(history.map((p) => [p.runId, p.score])).toEqual([
            ['old-1', 10],
            ['old-2', 50],
            ['old-3', 50],
          ]);
        } finally {
          await store.close();
        }
        // Run 2 changed partner 1's four cells only, run 3 removed partner 3's four.
        for (const [runId, n] of [
          ['old-1', 16],
          ['old-2', 4],
          ['old-3', 4],
        ] as const) {
          expect(await changeRows({ dialect, ...target }, runId)).toBe(n);
        }
      } finally {
        await ctx.destroy();
      }
    });
  });
}

/** Three runs' full snapshots, as the store kept them before 2026-12-07. */
const OLD_RUNS = [
  snapshot((p, c) => 10 * p + c),
  snapshot((p, c) => (p === 1 ? 50 + c : 10 * p + c)),
  snapshot((p, c) => (p === 1 ? 50 + c : 10 * p + c)).filter((r) => r.partnerId !== partners[3]),
];

/** Takes the store back to the layout before 2026-12-07 and fills it with OLD_RUNS. */
async function withOldSnapshots(
  dialect: DialectName,
  target: { dbPath?: string; databaseUrl?: string },
): Promise<void> {
  const conn =
    dialect === 'sqlite'
      ? openSqlite({ path: target.dbPath ?? '' })
      : openPostgres({ url: target.databaseUrl ?? '' });
  try {
    const migrator = new Migrator({ db: conn.db, provider: migrationProvider(dialect) });
    expect((await migrator.migrateTo('2026-11-24-write-failure-values')).error).toBeUndefined();
    for (const [i, rows] of OLD_RUNS.entries()) {
      const runId = `old-${i + 1}`;
      await sql`insert into runs (id, kind, status, started_at, options)
        values (${runId}, 'nightly', 'succeeded', ${`2025-02-0${i + 1}T02:00:00.000Z`}, '{}')`.execute(
        conn.db,
      );
      for (const r of rows) {
        await sql`insert into score_snapshots (run_id, partner_id, sector, technology, score, level, confidence, details)
          values (${runId}, ${r.partnerId}, ${r.sector}, ${r.technology}, ${r.score}, ${r.level}, ${r.confidence},
          ${JSON.stringify(r.details)})`.execute(conn.db);
      }
    }
  } finally {
    await conn.db.destroy();
  }
}
