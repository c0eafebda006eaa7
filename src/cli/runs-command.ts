/** `atlas runs` and `atlas runs show <id>`: names, options and help; `runs-action.ts`, loaded when one runs, does the work. */
import type { Command } from 'commander';
import type { CliContext } from './context.js';

export function registerRunsCommands(program: Command, context: CliContext): void {
  const runs = program
    .command('runs')
    .description('list recent runs (newest first)')
    .option('--limit <n>', 'how many', '20')
    .option('--db <file>', 'SQLite store (default: $ATLAS_DB / $DATABASE_URL)')
    .option('--json', 'print the runs as JSON')
    .action(async (options: { limit: string; db?: string; json?: boolean }) =>
      (await import('./runs-action.js')).listRuns(context, options),
    );
  runs
    .command('show <id>')
    .description('one run: figures per CRM, failures per record, drift, what changed')
    .option('--db <file>', 'SQLite store (default: $ATLAS_DB / $DATABASE_URL)')
    .option('--json', 'print the run, its write failures and record issues as JSON')
    // `atlas runs show ID --db F`: commander gives `--db` to `runs`, which declares it too, so read both.
    .action(async (id: string, _options: unknown, command: Command) =>
      (await import('./runs-action.js')).showRun(
        context,
        id,
        command.optsWithGlobals<{ db?: string; json?: boolean }>(),
      ),
    );
}
