/** Overrides and the demotion review queue through whole runs (issue #19), over an in-memory CRM and the real store. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatRun } from '../../src/cli/format-run.js';
import type { EcosystemScores } from '../../src/engine/index.js';
import { type LoadedMappings, loadMappings } from '../../src/mapping/index.js';
import type { NewLevelOverride } from '../../src/model/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { runPipeline } from '../../src/sync/run-pipeline.js';
import { MemoryCrm } from '../support/memory-crm.js';

const NOW = '2026-11-20T02:00:00.000Z';
const DAY = 86_400_000;
const later = (days: number) => new Date(Date.parse(NOW) + days * DAY).toISOString();
const ANA = { userId: null, name: 'Ana Souza' };

let dir: string;
let store: Store;
let mappings: LoadedMappings;
let crm: MemoryCrm;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'atlas-overrides-'));
  store = await openStore({ dbPath: join(dir, 'atlas.db') });
  mappings = loadMappings('mappings');
  crm = new MemoryCrm({ partners: 40, seed: 7, now: NOW, taxonomy: mappings.taxonomy });
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const withReview = (m: LoadedMappings): LoadedMappings => ({
  ...m,
  scoring: { ...m.scoring, review: { demotions: { enabled: true, nights: 7 } } },
});

const run = (options: { scoreAt?: string; dryRun?: boolean; mappings?: LoadedMappings } = {}) =>
  runPipeline({
    store,
    mappings: options.mappings ?? mappings,
    connectors: { salesforce: crm },
    scoreAt: options.scoreAt ?? NOW,
    steps: { pull: true, score: true, writeback: false },
    ...(options.dryRun ? { dryRun: true } : {}),
  });

/** A sector × technology cell held at Proven without a certified person: Specialist cannot be kept there. */
function provenCell(scores: EcosystemScores) {
  for (const partner of scores.partners) {
    const cell = scores
      .cellsOf(partner.partnerId)
      .find((c) => c.kind === 'pair' && c.level === 'Proven' && c.figures.certifiedPeople === 0);
    if (cell) return cell;
  }
  throw new Error('the seeded CRM has no Proven cell without certified people');
}

const override = (
  patch: Partial<NewLevelOverride> & Pick<NewLevelOverride, 'partnerId' | 'cell'>,
): NewLevelOverride => ({
  kind: 'pin',
  level: 'Specialist',
  reason: 'audited in October',
  author: ANA,
  createdAt: '2026-11-01T09:00:00.000Z',
  expiresAt: null,
  ...patch,
});

describe('overrides in a run', () => {
  it('pins and excludes cells in force, ignores an expired override, and says so in the summary', async () => {
    const first = await run();
    const target = provenCell(first.scores!);
    const other = first.scores!.partners.find(
      (p) => p.partnerId !== target.partnerId && p.segments.some((s) => s.kind === 'pair'),
    )!;
    const excluded = other.segments.find((s) => s.kind === 'pair')!;
    await store.addOverride(override({ partnerId: target.partnerId, cell: target.cell }));
    await store.addOverride(
      override({
        partnerId: other.partnerId,
        cell: excluded.cell,
        kind: 'exclude',
        level: null,
        reason: 'resells only',
      }),
    );
    // Expired before the run: no effect.
    await store.addOverride(
      override({
        partnerId: other.partnerId,
        cell: '*|data_ai',
        level: 'Emerging',
        expiresAt: '2026-11-10T00:00:00.000Z',
      }),
    );

    const second = await run();
    const pinned = second.scores!.cellsOf(target.partnerId).find((c) => c.cell === target.cell);
    expect(pinned?.level).toBe('Specialist');
    expect(pinned?.override).toMatchObject({ kind: 'pin', computedLevel: 'Proven', author: 'Ana Souza' });
    const gone = second.scores!.partners.find((p) => p.partnerId === other.partnerId)!;
    expect(gone.segments.map((s) => s.cell)).not.toContain(excluded.cell);
    expect(second.scores!.overridden().map((o) => o.kind)).toEqual(
      expect.arrayContaining(['pin', 'exclude']),
    );
    expect(second.scores!.overridden()).toHaveLength(2);
    expect(second.changeSummary?.programme?.counts).toEqual({ pinned: 1, excluded: 1, held: 0 });
    // The level changes say why: the programme team's decision, in words, before any change of evidence.
    const change = (list: 'promoted' | 'demoted', partnerId: string, cell: string) =>
      second.changeSummary?.[list].find((c) => c.partnerId === partnerId && c.cell === cell);
    expect(change('promoted', target.partnerId, target.cell)?.reasons[0]).toBe(
      'Pinned at Specialist by Ana Souza: audited in October (the evidence gives Proven)',
    );
    expect(change('demoted', other.partnerId, excluded.cell)?.reasons[0]).toMatch(
      /^Excluded by Ana Souza: resells only \(the evidence gives \w+\)$/,
    );
    // The snapshot keeps the override with the cell.
    const stored = (await store.listScores(second.run.id)).find(
      (r) => r.partnerId === target.partnerId && `${r.sector ?? '*'}|${r.technology ?? '*'}` === target.cell,
    );
    expect(stored?.level).toBe('Specialist');
    expect(stored?.details).toMatchObject({ override: { kind: 'pin', computedLevel: 'Proven' } });
    expect(formatRun(second.run, new Date(NOW), 'UTC')).toContain(
      'Overrides and reviews: 1 level pinned, 1 cell excluded',
    );
  });
});

describe('demotion review in a run', () => {
  it('holds a demotion for review, keeps it pending while held, and applies it once approved', async () => {
    const reviewed = withReview(mappings);
    const first = await run({ mappings: reviewed });
    const target = provenCell(first.scores!);
    const pin = await store.addOverride(override({ partnerId: target.partnerId, cell: target.cell }));
    await run({ mappings: reviewed, scoreAt: later(1) });
    // The pin ends: the evidence gives Proven again, a demotion the review holds.
    await store.removeOverride(pin.id, ANA, later(1.5));

    const queued = await store.listDemotionReviews();
    const dry = await run({ mappings: reviewed, scoreAt: later(2), dryRun: true });
    const isTarget = (d: { partnerId: string; cell: string }) =>
      d.partnerId === target.partnerId && d.cell === target.cell;
    expect(dry.scores!.heldDemotions().filter(isTarget)).toEqual([
      { partnerId: target.partnerId, cell: target.cell, fromLevel: 'Specialist', toLevel: 'Proven' },
    ]);
    expect(await store.listDemotionReviews()).toEqual(queued); // a dry run stores nothing

    const held = await run({ mappings: reviewed, scoreAt: later(2) });
    const cell = held.scores!.cellsOf(target.partnerId).find((c) => c.cell === target.cell);
    expect(cell?.level).toBe('Specialist');
    expect(cell?.override).toMatchObject({
      kind: 'hold',
      computedLevel: 'Proven',
      reason: 'Demotion from Specialist to Proven waits for review',
      author: 'Review queue',
    });
    // Other cells' evidence ages day by day too: demotions found by an earlier run wait already, not news.
    const reviews = await store.listDemotionReviews();
    const found = reviews.filter((r) => r.firstRunId === held.run.id).length;
    expect(found).toBeGreaterThan(0);
    expect(held.changeSummary?.programme?.counts.held).toBe(found);
    expect(formatRun(held.run, new Date(later(2)), 'UTC')).toContain(
      `Overrides and reviews: ${found === 1 ? '1 demotion' : `${found} demotions`} waiting for review`,
    );
    const review = reviews.find(isTarget);
    expect(review).toMatchObject({
      partnerId: target.partnerId,
      cell: target.cell,
      fromLevel: 'Specialist',
      toLevel: 'Proven',
      status: 'pending',
      firstRunId: held.run.id,
    });

    const again = await run({ mappings: reviewed, scoreAt: later(3) });
    // Still waiting is not news: only demotions first found by this run count.
    expect(again.changeSummary?.programme?.counts.held).toBe(
      (await store.listDemotionReviews()).filter((r) => r.firstRunId === again.run.id).length,
    );
    expect((await store.getDemotionReview(review!.id))?.lastSeenAt).toBe(later(3));

    await store.updateDemotionReviews([
      { id: review!.id, status: 'approved', decidedAt: later(3.5), decidedBy: ANA },
    ]);
    const applied = await run({ mappings: reviewed, scoreAt: later(4) });
    expect(applied.scores!.cellsOf(target.partnerId).find((c) => c.cell === target.cell)?.level).toBe(
      'Proven',
    );
    expect((await store.getDemotionReview(review!.id))?.status).toBe('applied');
  });
});
