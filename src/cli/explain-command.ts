/** `atlas explain <partner>`: name, options and help; `explain-action.ts`, loaded when it runs, does the work. */
import type { Command } from 'commander';
import type { CliContext } from './context.js';

export function registerExplainCommand(program: Command, context: CliContext): void {
  program
    .command('explain <partner>')
    .description('why a partner holds its segments: scores, evidence with CRM ids, what the next level needs')
    .option('--db <file>', 'SQLite store (default: $ATLAS_DB / $DATABASE_URL)')
    .option('--now <datetime>', 'as of this instant (default now)')
    .option('--json', 'print the partner, its result and every cell as JSON')
    .action(async (query: string, options: { db?: string; now?: string; json?: boolean }) =>
      (await import('./explain-action.js')).explainPartner(context, query, options),
    );
}
