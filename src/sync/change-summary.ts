/**
 * What changed in the ecosystem since the last run: partners promoted and demoted (with the reason), gaps
 * opened and closed, cells whose coverage moved. Stored on the run and sent to the webhook.
 */

import { z } from 'zod';
import {
  cellLabel,
  compareCellScores,
  compareSnapshots,
  type EcosystemScores,
  gapCells,
  levelNames,
} from '../engine/index.js';
import {
  type CellScore,
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

export interface ChangeSummary {
  /** The run compared with (null on the first run). */
  since: { runId: string; startedAt: string } | null;
  counts: { promoted: number; demoted: number; newGaps: number; closedGaps: number; coverageMoved: number };
  promoted: LevelChangeItem[];
  demoted: LevelChangeItem[];
  newGaps: string[];
  closedGaps: string[];
  coverageMoved: { cell: string; label: string; before: number | null; after: number | null }[];
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
}): Promise<ChangeSummary> {
  const { store, previous, scores, taxonomy } = options;
  const empty: ChangeSummary = {
    since: null,
    counts: { promoted: 0, demoted: 0, newGaps: 0, closedGaps: 0, coverageMoved: 0 },
    promoted: [],
    demoted: [],
    // On a first run every gap is new: the gaps of the headline figures (engine `gapCells`).
    newGaps: gapCells(scores.map.cells).map((c) => cellLabel(c.cell, taxonomy)),
    closedGaps: [],
    coverageMoved: [],
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
  const item = (c: (typeof evolution.cells)[number]): LevelChangeItem => ({
    partnerId: c.partnerId,
    partner: names.get(c.partnerId) ?? c.partnerId,
    cell: c.cell,
    label: cellLabel(c.cell, taxonomy),
    from: c.levelBefore,
    to: c.levelAfter,
    reasons: c.reasons.map((r) => r.detail),
  });
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
  };
}
