/**
 * What `atlas run | sync | score | writeback` do: the pipeline under the store's lock, with connectors for
 * the selected CRMs opened inside the run, so a CRM that cannot be opened is on the run's record and in the log.
 */
import { mappingsDir } from '../config.js';
import { createLogger } from '../log.js';
import { loadMappings } from '../mapping/index.js';
import { commandLineActor, recordActorAudit } from '../server/audit.js';
import type { Store } from '../store/index.js';
import { connectorOpeners, selectSystems } from '../sync/open-connectors.js';
import { lockOwner, withRunLock } from '../sync/run-lock.js';
import { runName } from '../sync/run-name.js';
import { type PipelineResult, type PipelineSteps, runPipeline } from '../sync/run-pipeline.js';
import type { CliContext } from './context.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { formatRun } from './format-run.js';
import { bothListeners, runLog, runProgress } from './run-progress.js';
import { openCommandStore } from './store-from-options.js';

/** A lock silent for 10 minutes belongs to a dead process (heartbeats come every 2.5 minutes). */
export const LOCK_STALE_MS = 10 * 60_000;

export interface RunCommandOptions {
  system?: string[];
  full?: boolean;
  dryRun?: boolean;
  json?: boolean;
  db?: string;
  now?: string;
  wait?: string;
}

export function exitCodeOf(result: PipelineResult): ExitCode {
  return result.run.status === 'succeeded'
    ? EXIT.ok
    : result.run.status === 'partial'
      ? EXIT.partial
      : EXIT.failure;
}

/** Runs the pipeline under the store's lock, with connectors for the selected CRMs. */
export async function runWithLock(
  context: CliContext,
  store: Store,
  steps: PipelineSteps,
  options: RunCommandOptions,
  kind: string,
): Promise<PipelineResult> {
  const needsCrm = steps.pull || steps.writeback;
  const systems = needsCrm ? selectSystems(context.env(), options.system) : [];
  // SIGTERM or Ctrl-C stops the run at its next checkpoint, so it ends recorded and releases the lock
  // instead of dying mid-write; a second signal (the handlers are `once`) kills the process as usual.
  const stop = new AbortController();
  const onSignal = (name: NodeJS.Signals) => stop.abort(new Error(`stopped by ${name}`));
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  try {
    return await runLocked(context, store, { steps, options, kind, systems, signal: stop.signal });
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  }
}

function runLocked(
  context: CliContext,
  store: Store,
  run: {
    steps: PipelineSteps;
    options: RunCommandOptions;
    kind: string;
    systems: ReturnType<typeof selectSystems>;
    signal: AbortSignal;
  },
): Promise<PipelineResult> {
  const env = context.env();
  const mappings = loadMappings(mappingsDir(env));
  const { steps, options, kind, systems } = run;
  return withRunLock(
    store,
    {
      owner: lockOwner(),
      staleAfterMs: LOCK_STALE_MS,
      waitMs: Number(options.wait ?? 0) * 1000,
    },
    (lock) =>
      runPipeline({
        store,
        mappings,
        connectors: connectorOpeners(systems, env, mappings, createLogger(env)),
        lock,
        signal: run.signal,
        deadlineMinutes: env.ATLAS_RUN_DEADLINE_MINUTES,
        kind,
        steps,
        full: options.full ?? false,
        dryRun: options.dryRun ?? false,
        ...(options.now ? { scoreAt: new Date(options.now).toISOString() } : {}),
        ...(env.ATLAS_WEBHOOK_URL ? { webhookUrl: env.ATLAS_WEBHOOK_URL } : {}),
        // Human lines on the terminal; with ATLAS_LOG_FILE the same events as JSON lines there too.
        listener: env.ATLAS_LOG_FILE
          ? bothListeners(runProgress(context, { quiet: options.json ?? false }), runLog(createLogger(env)))
          : runProgress(context, { quiet: options.json ?? false }),
      }),
  );
}

/** One run of `kind` on the command's store: the run record printed, the exit code set from its status. */
export async function runSteps(
  context: CliContext,
  kind: string,
  steps: PipelineSteps,
  options: RunCommandOptions,
): Promise<void> {
  const store = await openCommandStore(context.env(), options.db);
  try {
    const result = await runWithLock(context, store, steps, options, kind);
    // A run someone typed is theirs in the audit trail, like one started from the Runs page, at its start.
    await recordActorAudit(
      store,
      commandLineActor(`atlas ${kind}`),
      'run-started',
      runName(result.run),
      {
        runId: result.run.id,
        dryRun: options.dryRun ?? false,
        full: options.full ?? false,
        systems: options.system ?? 'all configured',
      },
      new Date(result.run.startedAt),
    );
    if (options.json) context.out(JSON.stringify(result.run, null, 2));
    else for (const line of formatRun(result.run)) context.out(line);
    context.exit(exitCodeOf(result));
  } finally {
    await store.close();
  }
}
