/** `atlas match`: name, options and help; `match-action.ts`, loaded when it runs, does the work. */
import type { Command } from 'commander';
import type { CliContext } from './context.js';
import type { MatchOptions } from './match-action.js';

export function registerMatchCommand(program: Command, context: CliContext): void {
  program
    .command('match')
    .description("rank partners for a customer's sector and technologies, with reasons")
    .option('--sector <key>', 'sector key from taxonomy.yaml (e.g. healthcare)')
    .option('--tech <key...>', 'technology keys (e.g. data_ai cloud)')
    .option('--region <name>', 'only partners of this region')
    .option('--limit <n>', 'how many partners', '10')
    .option('--db <file>', 'SQLite store (default: $ATLAS_DB / $DATABASE_URL)')
    .option('--now <datetime>', 'as of this instant (default now)')
    .option('--json', 'print the matches as JSON')
    .action(async (options: MatchOptions) =>
      (await import('./match-action.js')).matchPartners(context, options),
    );
}
