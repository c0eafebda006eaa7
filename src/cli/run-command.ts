/** `atlas run | sync | score | writeback`: names, options and help; `run-action.ts`, loaded when one runs, does the work. */
import type { Command } from 'commander';
import type { PipelineSteps } from '../sync/run-pipeline.js';
import type { CliContext } from './context.js';
import type { RunCommandOptions } from './run-action.js';

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
  command.action(async (options: RunCommandOptions) =>
    (await import('./run-action.js')).runSteps(context, name, steps, options),
  );
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
