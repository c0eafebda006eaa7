/** The scored ecosystem the pages read: the stored model scored as of the newest scored run, cached until a new run or a mapping save. */
import { type EcosystemScores, scoreEcosystem } from '../engine/index.js';
import { AtlasError } from '../errors.js';
import { type LoadedMappings, loadMappings } from '../mapping/index.js';
import type { Partner, PreviousLevel } from '../model/index.js';
import type { CellScore } from '../model/score.js';
import type { Run, Store } from '../store/index.js';

/** How many recent runs are searched for the newest one that stored scores. */
const RUNS_SEARCHED = 25;

export interface ScoredView {
  run: Run;
  mappings: LoadedMappings;
  scores: EcosystemScores;
  partners: Map<string, Partner>;
  /** Every cell score, built on first use (materialising them all costs time on large ecosystems). */
  allCells(): CellScore[];
}

/** The date a run scored for: the `now` it was started with (sample runs), else when it started. */
function scoredAtOf(run: Run): string {
  const options = run.options;
  if (options && typeof options === 'object' && 'now' in options && typeof options.now === 'string') {
    return options.now;
  }
  return run.startedAt;
}

export class ScoresSource {
  readonly #store: Store;
  readonly #mappingsDir: string;
  #cached: { key: string; view: Promise<ScoredView> } | undefined;
  #mappingsVersion = 0;

  constructor(store: Store, mappingsDir: string) {
    this.#store = store;
    this.#mappingsDir = mappingsDir;
  }

  /** Forget the cached scores (after a mapping save: taxonomy or scoring may have changed). */
  invalidate(): void {
    this.#mappingsVersion++;
    this.#cached = undefined;
  }

  /** The newest finished run that stored a score snapshot, or undefined. */
  async latestScoredRun(): Promise<Run | undefined> {
    const runs = await this.#store.listRuns({ limit: RUNS_SEARCHED });
    for (const run of runs) {
      if (run.status !== 'succeeded' && run.status !== 'partial') continue;
      const rows = await this.#store.listScores(run.id);
      if (rows.length > 0) return run;
    }
    return undefined;
  }

  /** The scored ecosystem; AtlasError SERVER_NO_SCORES (409) before any run has scored. */
  async view(): Promise<ScoredView> {
    const run = await this.latestScoredRun();
    if (!run) {
      throw new AtlasError(
        'SERVER_NO_SCORES',
        'no run has scored the ecosystem yet; start a run on the Runs page',
      );
    }
    const key = `${run.id}:${this.#mappingsVersion}`;
    if (this.#cached?.key !== key) {
      const view = this.#build(run);
      this.#cached = { key, view };
      view.catch(() => {
        if (this.#cached?.key === key) this.#cached = undefined;
      });
    }
    return this.#cached.view;
  }

  async #build(run: Run): Promise<ScoredView> {
    const mappings = loadMappings(this.#mappingsDir);
    const model = await this.#store.loadModel();
    // The run's own levels as "previous": hysteresis then reproduces them instead of re-deciding from scratch.
    const previous: PreviousLevel[] = (await this.#store.listScores(run.id)).map((row) => ({
      partnerId: row.partnerId,
      cell: `${row.sector ?? '*'}|${row.technology ?? '*'}`,
      level: row.level,
    }));
    const scores = scoreEcosystem({
      ...model,
      taxonomy: mappings.taxonomy,
      config: mappings.scoring,
      now: scoredAtOf(run),
      previous,
    });
    let cells: CellScore[] | undefined;
    return {
      run,
      mappings,
      scores,
      partners: new Map(model.partners.map((p) => [p.id, p])),
      allCells: () => {
        cells ??= [...scores.cells()];
        return cells;
      },
    };
  }
}
