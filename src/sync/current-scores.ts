/**
 * The ecosystem as of now, from the store: the model with identities resolved, scored with the levels of
 * the last scoring run (hysteresis). What `explain`, `map`, `match` and the web app read.
 */
import { type EcosystemScores, scoreEcosystem } from '../engine/index.js';
import { AtlasError } from '../errors.js';
import type { LoadedMappings } from '../mapping/index.js';
import type { Store } from '../store/index.js';
import { type ProgrammeInputs, programmeInputs } from './programme-inputs.js';
import { type ResolvedModel, resolveIdentities } from './resolve-identities.js';
import { lastScoredRun } from './run-pipeline.js';
import { levelsOfRun } from './score-run.js';

export interface CurrentScores {
  model: ResolvedModel;
  scores: EcosystemScores;
  /** The run whose levels were carried over (null before the first run). */
  basedOn: string | null;
  /** The overrides and demotion reviews the scores respect (as the next run would). */
  programme: ProgrammeInputs;
}

export async function currentScores(
  store: Store,
  mappings: LoadedMappings,
  now: string,
): Promise<CurrentScores> {
  const model = resolveIdentities({ ...(await store.loadModel()) });
  if (model.partners.length === 0) {
    throw new AtlasError(
      'STORE_EMPTY',
      `no partners in ${store.location}: run \`atlas run\` (or \`npm run demo\`) first`,
    );
  }
  const last = await lastScoredRun(store);
  const previous = last ? await levelsOfRun(store, last.id) : [];
  const programme = await programmeInputs(store, mappings.scoring, now);
  const scores = scoreEcosystem({
    ...model,
    taxonomy: mappings.taxonomy,
    config: mappings.scoring,
    now,
    previous,
    overrides: programme.overrides,
    letDemotions: programme.letDemotions,
  });
  return { model, scores, basedOn: last?.id ?? null, programme };
}
