/** `atlas simulate`: name, options and help; `simulate-action.ts`, loaded when it runs, does the work. */
import type { Command } from 'commander';
import type { CliContext } from './context.js';

export function registerSimulateCommand(program: Command, context: CliContext): void {
  program
    .command('simulate')
    .description(
      'compare levels under another scoring file with the current one, on the stored model; writes nothing',
    )
    .requiredOption('--scoring <file>', 'the candidate scoring.yaml')
    .option('--db <file>', 'SQLite store to read (default: $ATLAS_DB / $DATABASE_URL)')
    .option('--now <date>', 'score as of this ISO date (default today)')
    .option('--json', 'print the simulation as JSON')
    .action(async (options: { scoring: string; db?: string; now?: string; json?: boolean }) =>
      (await import('./simulate-action.js')).simulateScoring(context, options),
    );
}
