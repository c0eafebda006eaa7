/** What `atlas simulate --scoring other.yaml` prints: how many partners would change level, cell by cell, before an admin publishes new thresholds. */
import { readFileSync } from 'node:fs';
import { mappingsDir } from '../config.js';
import { cellLabel, count, headlineLines, simulateBenefits, simulateLevels } from '../engine/index.js';
import { AtlasError, MappingError } from '../errors.js';
import { loadMappings, parseYamlFile } from '../mapping/index.js';
import { ScoringConfigSchema } from '../model/scoring.js';
import { programmeInputs } from '../sync/programme-inputs.js';
import { resolveIdentities } from '../sync/resolve-identities.js';
import { lastScoredRun } from '../sync/run-pipeline.js';
import { levelsOfRun } from '../sync/score-run.js';
import { scoredAtOf } from '../sync/stored-run-figures.js';
import type { CliContext } from './context.js';
import { EXIT } from './exit-codes.js';
import { benefitShiftLines } from './format-benefit-shifts.js';
import { openCommandStore } from './store-from-options.js';

/** Reads a candidate scoring file with the same located validation as `atlas mappings check`. */
function readScoringFile(file: string) {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new AtlasError('USAGE', `cannot read --scoring ${file}`, { context: { file }, cause: error });
  }
  const parsed = parseYamlFile(file, text, ScoringConfigSchema);
  if (!parsed.ok) throw new MappingError(parsed.problems);
  return parsed.value;
}

export async function simulateScoring(
  context: CliContext,
  options: { scoring: string; db?: string; now?: string; json?: boolean },
): Promise<void> {
  const env = context.env();
  const mappings = loadMappings(mappingsDir(env));
  const candidate = readScoringFile(options.scoring);
  // Read-only: a simulation changes nothing, and must not create an empty default store either.
  const store = await openCommandStore(env, options.db, { readOnly: true, note: context.err });
  try {
    // The model as a run scores it: records of one company merged, so the figures match the run's.
    const model = resolveIdentities({ ...(await store.loadModel()) });
    if (model.partners.length === 0) {
      throw new AtlasError(
        'STORE_EMPTY',
        `no partners in ${store.location}: run a sync (or npm run demo) first`,
      );
    }
    const last = await lastScoredRun(store);
    const previous = last ? await levelsOfRun(store, last.id) : [];
    // By default both configurations score at the last run's instant, so "now" is what that run found.
    const now = options.now ?? (last ? scoredAtOf(last) : null) ?? new Date().toISOString().slice(0, 10);
    // Overrides and the review queue as they stood at that instant too, so "now" is what the last run wrote
    // (as the web app shows it); each configuration holds demotions by its own `review` block; nothing is stored.
    const programme = await programmeInputs(store, mappings.scoring, now);
    const simulationModel = {
      ...model,
      taxonomy: mappings.taxonomy,
      previous,
      overrides: programme.overrides,
      letDemotions: programme.letDemotions,
    };
    const report = simulateLevels(simulationModel, mappings.scoring, candidate, now);
    const benefits = simulateBenefits(simulationModel, mappings.scoring, candidate, now, mappings.benefits);
    if (options.json) {
      context.out(JSON.stringify({ ...report, benefits }, null, 2));
    } else {
      context.out(
        `${count(report.partnersChanged, 'partner', 'partners')} would change level in ${count(report.cellsChanged, 'cell', 'cells')} (of ${count(report.figuresBefore.partnersScored, 'partner', 'partners')} scored)`,
      );
      context.out('  now:');
      for (const line of headlineLines(report.figuresBefore)) context.out(`    ${line}`);
      context.out('  candidate:');
      for (const line of headlineLines(report.figuresAfter)) context.out(`    ${line}`);
      for (const cell of report.byCell.slice(0, 20)) {
        context.out(
          `  ${cellLabel(cell.cell, mappings.taxonomy)}: ${cell.promoted} promoted, ${cell.demoted} demoted` +
            (cell.other > 0 ? `, ${cell.other} renamed` : ''),
        );
      }
      if (report.byCell.length > 20)
        context.out(
          `  … and ${count(report.byCell.length - 20, 'more cell', 'more cells')} (--json for all)`,
        );
      for (const line of benefitShiftLines(benefits)) context.out(line);
    }
    context.exit(EXIT.ok);
  } finally {
    await store.close();
  }
}
