/** The scoring step of a run: stored model in, scores out, snapshot stored with the run; hysteresis from the last run. */
import { type EcosystemScores, scoreEcosystem } from '../engine/index.js';
import type { PreviousLevel } from '../model/score-levels.js';
import type { ScoringConfig } from '../model/scoring.js';
import type { Taxonomy } from '../model/taxonomy.js';
import type { ScoreSnapshotRow, Store, StoredModel } from '../store/index.js';

/** Snapshot rows are written in slices so a large ecosystem never holds them all at once. */
const SNAPSHOT_BATCH = 5_000;

function axisKey(key: string | undefined): string | null {
  return key === undefined || key === '*' ? null : key;
}

/** The levels a run's snapshot holds, as the engine takes them back for hysteresis. */
export async function levelsOfRun(store: Store, runId: string): Promise<PreviousLevel[]> {
  const rows = await store.listScores(runId);
  return rows.map((row) => ({
    partnerId: row.partnerId,
    cell: `${row.sector ?? '*'}|${row.technology ?? '*'}`,
    level: row.level,
  }));
}

/** Scores the stored model and saves every cell score as the run's snapshot (the partner's history). */
export async function scoreAndSnapshot(options: {
  store: Store;
  runId: string;
  model: StoredModel;
  taxonomy: Taxonomy;
  config: ScoringConfig;
  now: string;
  previous: readonly PreviousLevel[];
  /** False for dry runs: score, but keep nothing. */
  snapshot?: boolean;
}): Promise<EcosystemScores> {
  const { store, runId, model, taxonomy, config, now, previous } = options;
  const scores = scoreEcosystem({ ...model, taxonomy, config, now, previous });
  if (options.snapshot === false) return scores;
  let batch: ScoreSnapshotRow[] = [];
  for (const cell of scores.cells()) {
    const [sector, technology] = cell.cell.split('|');
    batch.push({
      partnerId: cell.partnerId,
      sector: axisKey(sector),
      technology: axisKey(technology),
      score: cell.score,
      level: cell.level,
      confidence: cell.confidence,
      details: { components: cell.components, figures: cell.figures, top: cell.top, next: cell.next },
    });
    if (batch.length === SNAPSHOT_BATCH) {
      await store.saveScores(runId, batch);
      batch = [];
    }
  }
  if (batch.length > 0) await store.saveScores(runId, batch);
  return scores;
}
