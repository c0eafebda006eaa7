/** The scored ecosystem the pages read: the stored model scored as of the newest scored run, cached until a new run or a mapping save. */
import { z } from 'zod';
import { type EcosystemScores, scoreEcosystem } from '../engine/index.js';
import { AtlasError } from '../errors.js';
import { type LoadedMappings, loadMappings } from '../mapping/index.js';
import type { Partner, PreviousLevel } from '../model/index.js';
import type { CellScore } from '../model/score-cell.js';
import type { Run, Store } from '../store/index.js';
import { programmeInputs } from '../sync/programme-inputs.js';
import { resolveIdentities } from '../sync/resolve-identities.js';
import { TeamingView } from './teaming-view.js';

/** How many recent runs are searched for the newest one that stored scores. */
const RUNS_SEARCHED = 25;

export interface ScoredView {
  run: Run;
  mappings: LoadedMappings;
  scores: EcosystemScores;
  partners: Map<string, Partner>;
  /** Partner ids merged into another partner (one company in both CRMs), to the id it now lives under. */
  merged: ReadonlyMap<string, string>;
  /** Every cell score, built on first use (materialising them all costs time on large ecosystems). */
  allCells(): CellScore[];
  /** Teams, teammates, skill sharing, gap fills and the co-delivery network of these scores, computed on first use. */
  teaming: TeamingView;
}

const ScoredAtSchema = z.object({ score: z.object({ scoredAt: z.string().min(1) }) });
const PinnedNowSchema = z.union([
  z.object({ scoreAt: z.string().min(1) }),
  z.object({ now: z.string().min(1) }),
]);

/**
 * The instant a run scored for: what the pipeline recorded in its figures, else the instant it was pinned
 * to (`scoreAt`, or a sample run's `now`), else when it started. Scoring again at that instant reproduces it.
 */
function scoredAtOf(run: Run): string {
  const recorded = ScoredAtSchema.safeParse(run.figures);
  if (recorded.success) return recorded.data.score.scoredAt;
  const pinned = PinnedNowSchema.safeParse(run.options);
  if (pinned.success) return 'scoreAt' in pinned.data ? pinned.data.scoreAt : pinned.data.now;
  return run.startedAt;
}

export class ScoresSource {
  readonly #store: Store;
  readonly #mappingsDir: string;
  #cached: { key: string; view: Promise<ScoredView> } | undefined;
  #mappingsVersion = 0;
  /** Whether a finished run stored scores: finished runs never change, so each is asked once. */
  readonly #hasScores = new Map<string, boolean>();

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
      let has = this.#hasScores.get(run.id);
      if (has === undefined) {
        has = (await this.#store.listScores(run.id)).length > 0;
        this.#hasScores.set(run.id, has);
      }
      if (has) return run;
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
    // The store keeps each CRM's records apart; like the pipeline, join one company's records into one partner.
    const model = resolveIdentities({ ...(await this.#store.loadModel()) });
    // The run's own levels as "previous": hysteresis then reproduces them instead of re-deciding from scratch.
    const previous: PreviousLevel[] = (await this.#store.listScores(run.id)).map((row) => ({
      partnerId: row.partnerId,
      cell: `${row.sector ?? '*'}|${row.technology ?? '*'}`,
      level: row.level,
    }));
    const now = scoredAtOf(run);
    // The overrides and reviews as they stood when the run scored, so the web shows the levels it stored.
    const programme = await programmeInputs(this.#store, mappings.scoring, now);
    const scores = scoreEcosystem({
      ...model,
      taxonomy: mappings.taxonomy,
      config: mappings.scoring,
      now,
      previous,
      overrides: programme.overrides,
      letDemotions: programme.letDemotions,
    });
    let cells: CellScore[] | undefined;
    const teaming = new TeamingView({
      scores,
      partners: model.partners,
      deals: model.deals,
      taxonomy: mappings.taxonomy,
      config: mappings.scoring,
    });
    return {
      teaming,
      run,
      mappings,
      scores,
      partners: new Map(model.partners.map((p) => [p.id, p])),
      merged: model.merged,
      allCells: () => {
        cells ??= [...scores.cells()];
        return cells;
      },
    };
  }
}
