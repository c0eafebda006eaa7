/**
 * One run of Partner Atlas: for each configured CRM pull → map → store; then resolve identities, score,
 * snapshot, summarise what changed; then write back only what changed. Every step records its figures
 * on the run as it goes, so a run killed anywhere leaves a readable record and resumable cursors.
 */
import type { ApiUsage, Connector } from '../../connectors/types.js';
import { count, type EcosystemScores } from '../engine/index.js';
import { errorMessage } from '../errors.js';
import { compileMapping, type LoadedMappings } from '../mapping/index.js';
import type { CrmSystem, PartnerId } from '../model/index.js';
import type { Run, RunStatus, Store } from '../store/index.js';
import { desiredRecords, writebackTarget } from '../writeback/index.js';
import { type ChangeSummary, storedMap, summariseChanges } from './change-summary.js';
import { notifyWebhook } from './notify-webhook.js';
import { pullSystem, type SystemPullFigures } from './pull-system.js';
import { resolveIdentities } from './resolve-identities.js';
import { type RunListener, RunReporter } from './run-reporter.js';
import { levelsOfRun, scoreAndSnapshot } from './score-run.js';
import { teammateNames } from './teammate-names.js';
import { type WritebackFigures, writebackSystem } from './writeback-system.js';

export const PIPELINE_RUN_KIND = 'run';

export interface PipelineSteps {
  pull: boolean;
  score: boolean;
  writeback: boolean;
}

export const ALL_STEPS: PipelineSteps = { pull: true, score: true, writeback: true };

export interface PipelineOptions {
  store: Store;
  mappings: LoadedMappings;
  /** The CRMs to run against; a CRM without a connector here is not touched. */
  connectors: Partial<Record<CrmSystem, Connector>>;
  steps?: PipelineSteps;
  full?: boolean;
  dryRun?: boolean;
  /** The instant scores are computed for (default: now); pinned by tests and `--now`. */
  scoreAt?: string;
  /** How far before the saved cursor reads start again (default 5 minutes). */
  lookbackMs?: number;
  /** Transient write failures are retried on this many runs (default 5). */
  maxAttempts?: number;
  webhookUrl?: string;
  listener?: RunListener;
  kind?: string;
  /** What started the run (`cli`, `schedule`, `web`), kept in its options. */
  trigger?: string;
  signal?: AbortSignal;
}

export interface SystemFigures {
  pull: SystemPullFigures | null;
  writeback: WritebackFigures | null;
  apiCalls: number;
  usage: ApiUsage | null;
  error?: string;
}

export interface RunFigures {
  systems: Partial<Record<CrmSystem, SystemFigures>>;
  model?: {
    partners: number;
    deals: number;
    certifications: number;
    people: number;
    identityConflicts: number;
  };
  score?: {
    scoredAt: string;
    partners: number;
    cellScores: number;
    partnersWithSegments: number;
    levelChanges: number;
    map: EcosystemScores['map'];
  };
  durationsMs: Record<string, number>;
}

export interface PipelineResult {
  run: Run;
  figures: RunFigures;
  changeSummary: ChangeSummary | null;
  scores: EcosystemScores | null;
}

const DEFAULT_LOOKBACK_MS = 5 * 60_000;
const DEFAULT_MAX_ATTEMPTS = 5;

/** The newest finished run that stored scores (dry runs do not), other than `excludeId`. */
export async function lastScoredRun(store: Store, excludeId?: string): Promise<Run | null> {
  const runs = await store.listRuns({ limit: 100 });
  return (
    runs.find(
      (r) =>
        r.id !== excludeId && (r.status === 'succeeded' || r.status === 'partial') && storedMap(r) !== null,
    ) ?? null
  );
}

function statusOf(figures: RunFigures): Exclude<RunStatus, 'running'> {
  const systems = Object.values(figures.systems);
  let trouble = false;
  for (const s of systems) {
    if (s.error) trouble = true;
    if (s.pull && (s.pull.schemaProblems.length > 0 || s.pull.stoppedBy !== null)) trouble = true;
    if (s.pull && Object.values(s.pull.entities).some((e) => e?.error !== undefined)) trouble = true;
    if (s.writeback && (s.writeback.failed > 0 || s.writeback.held > 0 || s.writeback.error)) trouble = true;
  }
  const allFailed = systems.length > 0 && systems.every((s) => s.error !== undefined);
  return allFailed ? 'failed' : trouble ? 'partial' : 'succeeded';
}

export async function runPipeline(options: PipelineOptions): Promise<PipelineResult> {
  const { store, mappings } = options;
  const steps = options.steps ?? ALL_STEPS;
  const dryRun = options.dryRun ?? false;
  const startedAt = new Date().toISOString();
  const systems = (Object.keys(options.connectors) as CrmSystem[]).filter((s) => options.connectors[s]);
  const run = await store.createRun({
    kind: options.kind ?? PIPELINE_RUN_KIND,
    startedAt,
    options: {
      systems,
      steps,
      full: options.full ?? false,
      dryRun,
      scoreAt: options.scoreAt ?? null,
      trigger: options.trigger ?? 'cli',
    },
  });
  const reporter = new RunReporter(store, run.id, options.listener);
  const figures: RunFigures = { systems: {}, durationsMs: {} };
  const timed = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    try {
      return await work();
    } finally {
      figures.durationsMs[name] = Date.now() - started;
    }
  };
  const save = () => store.updateRun(run.id, { figures });
  let changeSummary: ChangeSummary | null = null;
  let scores: EcosystemScores | null = null;
  try {
    const compiled = new Map(
      systems.flatMap((system) => {
        const mapping = mappings[system];
        return mapping ? [[system, compileMapping(mapping, mappings.taxonomy)] as const] : [];
      }),
    );
    const targets = new Map(
      [...compiled].flatMap(([system, mapping]) =>
        mapping.writeback ? [[system, writebackTarget(system, mapping.writeback)] as const] : [],
      ),
    );
    const crmValues = new Map<CrmSystem, Map<string, Record<string, unknown>>>();
    for (const system of systems) {
      const connector = options.connectors[system]!;
      connector.resetUsage();
      const systemFigures: SystemFigures = { pull: null, writeback: null, apiCalls: 0, usage: null };
      figures.systems[system] = systemFigures;
      const mapping = compiled.get(system);
      if (!mapping) {
        systemFigures.error = `no ${system} mapping in ${mappings.files.taxonomy.replace(/taxonomy\.yaml$/, '')}`;
        await reporter.error(`pull:${system}`, systemFigures.error);
        continue;
      }
      if (!steps.pull) continue;
      const target = targets.get(system);
      try {
        const pulled = await timed(`pull:${system}`, () =>
          pullSystem({
            system,
            connector,
            store,
            mappings,
            compiled: mapping,
            runId: run.id,
            runStartedAt: startedAt,
            full: options.full ?? false,
            lookbackMs: options.lookbackMs ?? DEFAULT_LOOKBACK_MS,
            writebackFields: target && steps.writeback ? target.fields.map((f) => f.name) : [],
            reporter,
            ...(options.signal ? { signal: options.signal } : {}),
          }),
        );
        systemFigures.pull = pulled.figures;
        crmValues.set(system, pulled.crmValues);
        const entities = Object.values(pulled.figures.entities);
        if (entities.length > 0 && entities.every((e) => e?.error !== undefined)) {
          systemFigures.error = `nothing could be read from ${system}`;
        }
      } catch (error) {
        systemFigures.error = errorMessage(error);
        await reporter.error(`pull:${system}`, `pull failed: ${systemFigures.error}`);
      }
      systemFigures.usage = connector.usage();
      systemFigures.apiCalls = systemFigures.usage.calls;
      await save();
    }

    if (steps.score) {
      scores = await timed('score', async () => {
        const model = resolveIdentities({ ...(await store.loadModel()) });
        figures.model = {
          partners: model.partners.length,
          deals: model.deals.length,
          certifications: model.certifications.length,
          people: model.people.length,
          identityConflicts: model.conflicts.length,
        };
        for (const conflict of model.conflicts.slice(0, 20)) {
          await reporter.warn('resolve', `identity conflict (${conflict.kind}): ${conflict.detail}`);
        }
        const previous = await lastScoredRun(store, run.id);
        const scoreAt = options.scoreAt ?? new Date().toISOString();
        const input = { model, taxonomy: mappings.taxonomy, config: mappings.scoring, now: scoreAt };
        const result = await scoreAndSnapshot({
          store,
          runId: run.id,
          ...input,
          previous: previous ? await levelsOfRun(store, previous.id) : [],
          snapshot: !dryRun,
        });
        changeSummary = await summariseChanges({
          store,
          previous,
          scores: result,
          partners: model.partners,
          taxonomy: mappings.taxonomy,
          config: mappings.scoring,
        });
        figures.score = {
          scoredAt: scoreAt,
          partners: result.partners.length,
          cellScores: result.cellCount,
          partnersWithSegments: result.partners.filter((p) => p.segments.length > 0).length,
          levelChanges: changeSummary.counts.promoted + changeSummary.counts.demoted,
          map: result.map,
        };
        await reporter.info(
          'score',
          `${count(result.partners.length, 'partner', 'partners')} scored; ${figures.score.partnersWithSegments} with segments; ${changeSummary.counts.promoted} promoted, ${changeSummary.counts.demoted} demoted`,
        );
        if (steps.writeback) {
          let teammates: Map<PartnerId, string[]> | undefined;
          for (const system of systems) {
            const systemFigures = figures.systems[system]!;
            const target = targets.get(system);
            if (!target) continue;
            if (systemFigures.pull && !systemFigures.pull.writebackReadable) continue;
            if (!teammates && target.fields.some((f) => f.result === 'suggestedTeammates')) {
              teammates = teammateNames(result, model, mappings);
            }
            const desired = desiredRecords(target, result, model.partners, {
              taxonomy: mappings.taxonomy,
              scoredAt: scoreAt,
              ...(teammates ? { teammates } : {}),
            });
            const connector = options.connectors[system]!;
            systemFigures.writeback = await timed(`writeback:${system}`, () =>
              writebackSystem({
                connector,
                store,
                target,
                desired,
                crmValues: crmValues.get(system) ?? new Map(),
                dryRun,
                maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
                reporter,
              }),
            );
            systemFigures.usage = connector.usage();
            systemFigures.apiCalls = systemFigures.usage.calls;
            await save();
          }
        }
        return result;
      });
    }

    const status = statusOf(figures);
    const finished = await store.finishRun(run.id, {
      status,
      finishedAt: new Date().toISOString(),
      // Dry runs keep no score snapshot, so they store no map: the next run compares with a real one.
      figures: dryRun ? withoutMap(figures) : figures,
      changeSummary,
    });
    await notify(options, finished, figures, changeSummary, reporter);
    return { run: finished, figures, changeSummary, scores };
  } catch (error) {
    await reporter.error('run', `run failed: ${errorMessage(error)}`).catch(() => {});
    const finished = await store.finishRun(run.id, {
      status: 'failed',
      finishedAt: new Date().toISOString(),
      figures,
      changeSummary,
      error: errorMessage(error),
    });
    return { run: finished, figures, changeSummary, scores };
  }
}

function withoutMap(figures: RunFigures): RunFigures {
  if (!figures.score) return figures;
  const { map: _map, ...score } = figures.score;
  return { ...figures, score: score as RunFigures['score'] };
}

async function notify(
  options: PipelineOptions,
  run: Run,
  figures: RunFigures,
  summary: ChangeSummary | null,
  reporter: RunReporter,
): Promise<void> {
  if (!options.webhookUrl || !summary || options.dryRun) return;
  const writeback = Object.entries(figures.systems).flatMap(([system, f]) =>
    f?.writeback
      ? [
          `${system}: ${count(f.writeback.written, 'record', 'records')} written, ${f.writeback.failed} failed`,
        ]
      : [],
  );
  const problem = await notifyWebhook(options.webhookUrl, {
    runId: run.id,
    status: run.status,
    summary,
    writeback,
  });
  if (problem) await reporter.warn('notify', problem);
}
