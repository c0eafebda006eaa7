/**
 * What changed in the ecosystem since the last run: partners promoted and demoted (with the reason), gaps
 * opened and closed, cells whose coverage moved. Stored on the run and sent to the webhook.
 */

import { z } from 'zod';
import {
  cellLabel,
  compareCellScores,
  compareSnapshots,
  count,
  describeOverride,
  type EcosystemScores,
  gapCells,
  levelNames,
} from '../engine/index.js';
import {
  type CellScore,
  type DemotionReview,
  type EcosystemMap,
  EcosystemMapSchema,
  type Partner,
  type ScoringConfig,
  type Taxonomy,
} from '../model/index.js';
import type { Run, ScoreSnapshotRow, Store } from '../store/index.js';

/** Changes listed in full per kind; the counts are always exact. */
const LISTED_MAX = 50;
/** Coverage moves smaller than this (5 points of demand covered) are noise, not news. */
const COVERAGE_MOVE = 0.05;

export interface LevelChangeItem {
  partnerId: string;
  partner: string;
  cell: string;
  label: string;
  from: string | null;
  to: string | null;
  reasons: string[];
}

/** A cell whose level an override or a demotion hold decided this run. */
const OverrideItemSchema = z.object({
  partnerId: z.string(),
  partner: z.string(),
  cell: z.string(),
  label: z.string(),
  /** The level it holds (null when excluded). */
  level: z.string().nullable(),
  /** What the evidence alone gives. */
  computedLevel: z.string().nullable(),
});
export type OverrideItem = z.infer<typeof OverrideItemSchema>;

/** The programme team's hand on this run's levels (issue #19); a schema, as stored runs are read back. */
export const ProgrammeChangesSchema = z.object({
  /** pinned and excluded: every override in force this run; held: demotions newly waiting for review. */
  counts: z.object({ pinned: z.number(), excluded: z.number(), held: z.number() }),
  pinned: z.array(OverrideItemSchema),
  excluded: z.array(OverrideItemSchema),
  held: z.array(OverrideItemSchema),
});
export type ProgrammeChanges = z.infer<typeof ProgrammeChangesSchema>;

export interface ChangeSummary {
  /** The run compared with (null on the first run). */
  since: { runId: string; startedAt: string } | null;
  counts: { promoted: number; demoted: number; newGaps: number; closedGaps: number; coverageMoved: number };
  promoted: LevelChangeItem[];
  demoted: LevelChangeItem[];
  newGaps: string[];
  closedGaps: string[];
  coverageMoved: { cell: string; label: string; before: number | null; after: number | null }[];
  /** Absent on runs stored before overrides existed. */
  programme?: ProgrammeChanges;
}

/**
 * The programme's part of a summary in words, or null when no override or hold touched the run.
 *
 * @example programmeWords(summary) // "2 levels pinned, 1 demotion waiting for review"
 */
export function programmeWords(summary: Pick<ChangeSummary, 'programme'>): string | null {
  const c = summary.programme?.counts;
  if (!c) return null;
  const parts = [
    ...(c.pinned > 0 ? [count(c.pinned, 'level pinned', 'levels pinned')] : []),
    ...(c.excluded > 0 ? [count(c.excluded, 'cell excluded', 'cells excluded')] : []),
    ...(c.held > 0 ? [count(c.held, 'demotion waiting for review', 'demotions waiting for review')] : []),
  ];
  return parts.length > 0 ? parts.join(', ') : null;
}

/**
 * One line per cell the programme decided, at most `limit` of each kind.
 *
 * @example programmeLines(summary, 5) // ["Acme Ltd: Healthcare × Data & AI pinned at Specialist (the evidence gives Proven)"]
 */
export function programmeLines(summary: Pick<ChangeSummary, 'programme'>, limit: number): string[] {
  const p = summary.programme;
  if (!p) return [];
  const gives = (level: string | null) => `the evidence gives ${level ?? 'no level'}`;
  return [
    ...p.pinned
      .slice(0, limit)
      .map((o) => `${o.partner}: ${o.label} pinned at ${o.level} (${gives(o.computedLevel)})`),
    ...p.excluded.slice(0, limit).map((o) => `${o.partner}: ${o.label} excluded (${gives(o.computedLevel)})`),
    ...p.held
      .slice(0, limit)
      .map(
        (o) =>
          `${o.partner}: ${o.label} held at ${o.level}, demotion to ${o.computedLevel ?? 'no level'} waits for review`,
      ),
  ];
}

/**
 * Overrides in force in the run, and the demotions it held that no pending review covered yet (new ones;
 * a demotion still waiting is not news every night).
 */
export function programmeChanges(
  scores: Pick<EcosystemScores, 'overridden'>,
  options: {
    partners: readonly Partner[];
    taxonomy: Taxonomy;
    pendingReviews?: readonly Pick<DemotionReview, 'partnerId' | 'cell'>[];
  },
): ProgrammeChanges {
  const names = new Map(options.partners.map((p) => [p.id as string, p.name]));
  const waiting = new Set((options.pendingReviews ?? []).map((r) => `${r.partnerId}|${r.cell}`));
  const applied = scores.overridden();
  const item = (o: (typeof applied)[number]): OverrideItem => ({
    partnerId: o.partnerId,
    partner: names.get(o.partnerId) ?? o.partnerId,
    cell: o.cell,
    label: cellLabel(o.cell, options.taxonomy),
    level: o.level,
    computedLevel: o.computedLevel,
  });
  const pinned = applied.filter((o) => o.kind === 'pin');
  const excluded = applied.filter((o) => o.kind === 'exclude');
  const held = applied.filter((o) => o.kind === 'hold' && !waiting.has(`${o.partnerId}|${o.cell}`));
  return {
    counts: { pinned: pinned.length, excluded: excluded.length, held: held.length },
    pinned: pinned.slice(0, LISTED_MAX).map(item),
    excluded: excluded.slice(0, LISTED_MAX).map(item),
    held: held.slice(0, LISTED_MAX).map(item),
  };
}

function toCellScore(row: ScoreSnapshotRow): CellScore {
  const details = (row.details ?? {}) as Partial<Pick<CellScore, 'components' | 'figures' | 'top' | 'next'>>;
  const kind = row.sector === null ? 'technology' : row.technology === null ? 'sector' : 'pair';
  return {
    partnerId: row.partnerId,
    cell: `${row.sector ?? '*'}|${row.technology ?? '*'}`,
    kind,
    score: row.score,
    confidence: row.confidence,
    level: row.level,
    previousLevel: null,
    components: details.components ?? { proof: 0, skills: 0, winRate: 0, delivery: 0 },
    figures: details.figures ?? {
      wonDeals: 0,
      closedDeals: 0,
      openDeals: 0,
      openAmount: 0,
      wonCustomers: 0,
      certifiedPeople: 0,
      activeCertifications: 0,
      expiredCertifications: 0,
      winRate: null,
      proofMass: 0,
      skillsMass: 0,
    },
    top: details.top ?? [],
    next: details.next ?? null,
  };
}

/** A run's figures as far as the stored map goes (the rest of the figures is not read here). */
const FiguresWithMapSchema = z.object({ score: z.object({ map: EcosystemMapSchema }) });

/**
 * The map a run stored in its figures, if it did, read back through its schema: maps stored by older
 * versions (without unmet demand or priorities) parse with those fields defaulted.
 */
export function storedMap(run: Run): EcosystemMap | null {
  const parsed = FiguresWithMapSchema.safeParse(run.figures);
  return parsed.success ? parsed.data.score.map : null;
}

export async function summariseChanges(options: {
  store: Store;
  previous: Run | null;
  scores: EcosystemScores;
  partners: readonly Partner[];
  taxonomy: Taxonomy;
  config: ScoringConfig;
  /** The reviews already waiting before the run: their holds are not new. */
  pendingReviews?: readonly Pick<DemotionReview, 'partnerId' | 'cell'>[];
}): Promise<ChangeSummary> {
  const { store, previous, scores, taxonomy } = options;
  const programme = programmeChanges(scores, options);
  const empty: ChangeSummary = {
    since: null,
    counts: { promoted: 0, demoted: 0, newGaps: 0, closedGaps: 0, coverageMoved: 0 },
    promoted: [],
    demoted: [],
    // On a first run every gap is new: the gaps of the headline figures (engine `gapCells`).
    newGaps: gapCells(scores.map.cells).map((c) => cellLabel(c.cell, taxonomy)),
    closedGaps: [],
    coverageMoved: [],
    programme,
  };
  const previousMap = previous ? storedMap(previous) : null;
  if (!previous || !previousMap) {
    empty.counts.newGaps = empty.newGaps.length;
    return empty;
  }
  const rows = (await store.listScores(previous.id)).map(toCellScore).sort(compareCellScores);
  const evolution = compareSnapshots(
    { scoredAt: previous.startedAt, cells: rows, map: previousMap },
    { scoredAt: scores.scoredAt, cells: () => scores.cells(), map: scores.map },
    { levels: levelNames(options.config) },
  );
  const names = new Map(options.partners.map((p) => [p.id as string, p.name]));
  // A level a programme team decided changed for that decision, not for its evidence: say so first.
  const overridden = new Map(scores.overridden().map((o) => [`${o.partnerId}|${o.cell}`, o]));
  const item = (c: (typeof evolution.cells)[number]): LevelChangeItem => {
    // Only the few overridden cells among the changes are read in full (their sentence needs the reason).
    const decided = overridden.has(`${c.partnerId}|${c.cell}`)
      ? scores.cellsOf(c.partnerId).find((cell) => cell.cell === c.cell)
      : undefined;
    return {
      partnerId: c.partnerId,
      partner: names.get(c.partnerId) ?? c.partnerId,
      cell: c.cell,
      label: cellLabel(c.cell, taxonomy),
      from: c.levelBefore,
      to: c.levelAfter,
      reasons: [
        ...(decided?.override ? [describeOverride(decided.override, decided.level)] : []),
        ...c.reasons.map((r) => r.detail),
      ],
    };
  };
  const isUp = (c: (typeof evolution.cells)[number]) =>
    c.change === 'promoted' || (c.change === 'appeared' && c.levelAfter !== null);
  const isDown = (c: (typeof evolution.cells)[number]) =>
    c.change === 'demoted' || (c.change === 'disappeared' && c.levelBefore !== null);
  const promoted = evolution.cells.filter(isUp);
  const demoted = evolution.cells.filter(isDown);
  const newGaps = evolution.coverage.filter((c) => c.flagsAdded.includes('gap'));
  const closedGaps = evolution.coverage.filter((c) => c.flagsRemoved.includes('gap'));
  const moved = evolution.coverage.filter(
    (c) =>
      (c.coverageBefore === null) !== (c.coverageAfter === null) ||
      Math.abs((c.coverageAfter ?? 0) - (c.coverageBefore ?? 0)) >= COVERAGE_MOVE,
  );
  return {
    since: { runId: previous.id, startedAt: previous.startedAt },
    counts: {
      promoted: promoted.length,
      demoted: demoted.length,
      newGaps: newGaps.length,
      closedGaps: closedGaps.length,
      coverageMoved: moved.length,
    },
    promoted: promoted.slice(0, LISTED_MAX).map(item),
    demoted: demoted.slice(0, LISTED_MAX).map(item),
    newGaps: newGaps.map((c) => cellLabel(c.cell, taxonomy)),
    closedGaps: closedGaps.map((c) => cellLabel(c.cell, taxonomy)),
    coverageMoved: moved.slice(0, LISTED_MAX).map((c) => ({
      cell: c.cell,
      label: cellLabel(c.cell, taxonomy),
      before: c.coverageBefore,
      after: c.coverageAfter,
    })),
    programme,
  };
}
