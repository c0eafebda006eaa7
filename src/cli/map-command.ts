/** `atlas map`: name, options and help; `map-action.ts`, loaded when it runs, does the work. */
import type { Command } from 'commander';
import type { CliContext } from './context.js';

export function registerMapCommand(program: Command, context: CliContext): void {
  program
    .command('map')
    .description('the ecosystem map: Specialists per sector × technology, gaps, saturation')
    .option('--db <file>', 'SQLite store (default: $ATLAS_DB / $DATABASE_URL)')
    .option('--now <datetime>', 'as of this instant (default now)')
    .option('--json', 'print the map as JSON')
    .action(async (options: { db?: string; now?: string; json?: boolean }) =>
      (await import('./map-action.js')).showEcosystemMap(context, options),
    );
}
