/** `atlas run | sync | score | writeback`: the pipeline, whole or by step, against the configured CRMs. */
import type { Command } from 'commander';
import { mappingsDir } from '../config.js';
import { createLogger } from '../log.js';
import { loadMappings } from '../mapping/index.js';
import type { Store } from '../store/index.js';
import { openConnectors, selectSystems } from '../sync/open-connectors.js';
import { lockOwner, withRunLock } from '../sync/run-lock.js';
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
  const env = context.env();
  const mappings = loadMappings(mappingsDir(env));
  const needsCrm = steps.pull || steps.writeback;
  const systems = needsCrm ? selectSystems(env, options.system) : [];
  const connectors = needsCrm ? await openConnectors(systems, env, mappings, createLogger(env)) : {};
  try {
    return await withRunLock(
      store,
      {
        owner: lockOwner(),
        staleAfterMs: LOCK_STALE_MS,
        waitMs: Number(options.wait ?? 0) * 1000,
      },
      () =>
        runPipeline({
          store,
          mappings,
          connectors,
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
  } finally {
    for (const connector of Object.values(connectors)) await connector?.close();
  }
}

function register(
  program: Command,
  context: CliContext,
  name: string,
  description: string,
  steps: PipelineSteps,
): void {
  const command = program
    .command(name)
    .description(description)
    .option('--system <name...>', 'salesforce and / or hubspot (default: every configured CRM)')
    .option('--db <file>', 'SQLite store (default: $ATLAS_DB / $DATABASE_URL)')
    .option('--wait <seconds>', 'wait this long for another run to finish instead of refusing', '0')
    .option('--now <datetime>', 'score as of this instant (default now)')
    .option('--json', 'print the run record as JSON');
  if (steps.pull) command.option('--full', 'read everything, ignoring the saved cursors');
  if (steps.writeback) command.option('--dry-run', 'show what would be written, write nothing');
  command.action(async (options: RunCommandOptions) => {
    const store = await openCommandStore(context.env(), options.db);
    try {
      const result = await runWithLock(context, store, steps, options, name);
      if (options.json) context.out(JSON.stringify(result.run, null, 2));
      else for (const line of formatRun(result.run)) context.out(line);
      context.exit(exitCodeOf(result));
    } finally {
      await store.close();
    }
  });
}

export function registerRunCommands(program: Command, context: CliContext): void {
  register(program, context, 'run', 'sync → score → write back, against every configured CRM', {
    pull: true,
    score: true,
    writeback: true,
  });
  register(program, context, 'sync', 'pull the CRMs into the store (incremental unless --full)', {
    pull: true,
    score: false,
    writeback: false,
  });
  register(program, context, 'score', 'score the stored model and keep the snapshot', {
    pull: false,
    score: true,
    writeback: false,
  });
  register(program, context, 'writeback', 'score the stored model and write the changes back', {
    pull: false,
    score: true,
    writeback: true,
  });
}
