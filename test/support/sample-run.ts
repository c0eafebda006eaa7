/**
 * Test support: a run over generated sample data, with no CRM in between — store → score → snapshot, as a
 * CRM run does after its pull. Fast worlds for the web app's API tests.
 */

import { type GeneratedEcosystem, generateEcosystem } from '../../devkit/generator/generate-ecosystem.js';
import { type EcosystemScores, headlineFigures } from '../../src/engine/index.js';
import type { LoadedMappings } from '../../src/mapping/index.js';
import type { Run, Store, StoredModel } from '../../src/store/index.js';
import { type IdentityConflict, resolveIdentities } from '../../src/sync/resolve-identities.js';
import { lastScoredRun } from '../../src/sync/run-pipeline.js';
import { levelsOfRun, scoreAndSnapshot } from '../../src/sync/score-run.js';

export const SAMPLE_RUN_KIND = 'sample';

export interface SampleRunOptions {
  store: Store;
  mappings: LoadedMappings;
  partners: number;
  seed: number;
  /** ISO date or datetime the ecosystem is generated for and scored at. */
  now: string;
  onStep?: (step: string, detail: string) => void;
}

export interface SampleRunResult {
  run: Run;
  ecosystem: GeneratedEcosystem;
  model: StoredModel;
  conflicts: IdentityConflict[];
  scores: EcosystemScores;
}

/** Mean deals and certifications per partner of the sample: enough evidence for every level to appear. */
const DEALS_PER_PARTNER = 30;
const CERTIFICATIONS_PER_PARTNER = 12;

export async function runOnSample(options: SampleRunOptions): Promise<SampleRunResult> {
  const { store, mappings, now } = options;
  const step = options.onStep ?? (() => {});
  const startedAt = new Date().toISOString();
  const run = await store.createRun({
    kind: SAMPLE_RUN_KIND,
    startedAt,
    options: { partners: options.partners, seed: options.seed, now },
  });
  try {
    const ecosystem = generateEcosystem({
      partners: options.partners,
      dealsPerPartner: DEALS_PER_PARTNER,
      certifications: options.partners * CERTIFICATIONS_PER_PARTNER,
      seed: options.seed,
      taxonomy: mappings.taxonomy,
      now,
    });
    step(
      'generate',
      `${ecosystem.partners.length} partners, ${ecosystem.deals.length} deals, ${ecosystem.certifications.length} certifications`,
    );

    const resolved = resolveIdentities(ecosystem);
    await store.transaction(async (tx) => {
      await tx.upsertPartners(resolved.partners);
      await tx.upsertPeople(resolved.people);
      await tx.upsertDeals(resolved.deals);
      await tx.upsertCertifications(resolved.certifications);
    });
    const model = await store.loadModel();
    step('store', `${store.dialect} store at ${store.location}`);

    const last = await lastScoredRun(store, run.id);
    const previous = last ? await levelsOfRun(store, last.id) : [];
    const scores = await scoreAndSnapshot({
      store,
      runId: run.id,
      model,
      taxonomy: mappings.taxonomy,
      config: mappings.scoring,
      now,
      previous,
    });
    step('score', `${scores.partners.length} partners scored in ${scores.cellCount} cells`);

    const finished = await store.finishRun(run.id, {
      status: 'succeeded',
      finishedAt: new Date().toISOString(),
      figures: {
        partners: model.partners.length,
        deals: model.deals.length,
        certifications: model.certifications.length,
        identityConflicts: resolved.conflicts.length,
        cellScores: scores.cellCount,
        partnersWithSegments: scores.partners.filter((p) => p.segments.length > 0).length,
        // Stored as a pipeline run stores them, so every surface reads the same figures.
        score: { scoredAt: now, headline: headlineFigures(scores, mappings.scoring) },
      },
    });
    return { run: finished, ecosystem, model, conflicts: resolved.conflicts, scores };
  } catch (error) {
    await store.finishRun(run.id, {
      status: 'failed',
      finishedAt: new Date().toISOString(),
      error: error instanceof Error ? error.message : String(error),
    });
    throw error;
  }
}
