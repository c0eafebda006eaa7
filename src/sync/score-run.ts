/** The scoring step of a run: stored model in, scores out, snapshot stored with the run; hysteresis from the last run. */
import { type EcosystemScores, scoreEcosystem } from '../engine/index.js';
import type { PreviousLevel } from '../model/score-levels.js';
import type { ScoringConfig } from '../model/scoring.js';
import type { Taxonomy } from '../model/taxonomy.js';
import type { SavedScores, Store, StoredModel } from '../store/index.js';
import { CellDigest } from './cell-digest.js';

function axisKey(key: string | undefined): string | null {
  return key === undefined || key === '*' ? null : key;
}

/** The levels a run's snapshot holds, as the engine takes them back for hysteresis. */
export async function levelsOfRun(store: Store, runId: string): Promise<PreviousLevel[]> {
  return store.listScoreLevels(runId);
}

/**
 * Every cell score as a snapshot row, built as the store reads them (the engine's cells are made one by
 * one), with the digest of its values so the store encodes only the cells that changed.
 */
function* snapshotRows(scores: EcosystemScores): Parameters<Store['saveScores']>[1] {
  const digests = new CellDigest();
  for (const cell of scores.cells()) {
    const [sector, technology] = cell.cell.split('|');
    yield {
      digest: digests.of(cell),
      partnerId: cell.partnerId,
      sector: axisKey(sector),
      technology: axisKey(technology),
      score: cell.score,
      level: cell.level,
      confidence: cell.confidence,
      details: {
        components: cell.components,
        figures: cell.figures,
        top: cell.top,
        next: cell.next,
        ...(cell.override ? { override: cell.override } : {}),
      },
    };
  }
}

export interface ScoreRunOptions {
  store: Store;
  runId: string;
  model: StoredModel;
  taxonomy: Taxonomy;
  config: ScoringConfig;
  now: string;
  previous: readonly PreviousLevel[];
  /** False for dry runs: score, but keep nothing. */
  snapshot?: boolean;
}

/** Saves the run's snapshot of `scores`: the store writes only the cells that changed since the last one. */
export function snapshotScores(store: Store, runId: string, scores: EcosystemScores): Promise<SavedScores> {
  return store.saveScores(runId, snapshotRows(scores));
}

/** Scores the stored model and, unless `snapshot` is false, saves the run's snapshot (the partners' history). */
export async function scoreAndSnapshot(options: ScoreRunOptions): Promise<EcosystemScores> {
  const { store, runId, model, taxonomy, config, now, previous } = options;
  const scores = scoreEcosystem({ ...model, taxonomy, config, now, previous });
  if (options.snapshot !== false) await snapshotScores(store, runId, scores);
  return scores;
}
