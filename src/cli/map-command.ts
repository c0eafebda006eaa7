/** `atlas map`: name, options and help; `map-action.ts`, loaded when it runs, does the work. */
import type { Command } from 'commander';
import type { CliContext } from './context.js';

export function registerMapCommand(program: Command, context: CliContext): void {
  program
    .command('map')
    .description('the ecosystem map: Specialists per sector × technology, gaps, saturation')
    .option('--db <file>', 'SQLite store (default: $ATLAS_DB / $DATABASE_URL)')
    .option('--now <datetime>', 'as of this instant (default now)')
    .option(
      '--region <name>',
      "one region's map: its customers' demand, its partners (e.g. EMEA, from taxonomy.yaml regions)",
    )
    .option('--json', 'print the map as JSON')
    .action(async (options: { db?: string; now?: string; region?: string; json?: boolean }) =>
      (await import('./map-action.js')).showEcosystemMap(context, options),
    );
}
