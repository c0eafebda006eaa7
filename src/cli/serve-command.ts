/** `atlas serve`: name, options and help; `serve-action.ts`, loaded when it runs, does the work. */
import type { Command } from 'commander';
import type { CliContext } from './context.js';

export function registerServeCommand(program: Command, context: CliContext): void {
  program
    .command('serve')
    .description('the admin web app and the nightly schedule (ATLAS_SCHEDULE in ATLAS_TZ, default 02:00)')
    .option('--port <n>', 'port (default $ATLAS_PORT or 3000)')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--db <file>', 'SQLite store (default: $ATLAS_DB / $DATABASE_URL)')
    .option('--no-schedule', 'serve the web app only, no nightly run')
    .action(async (options: { port?: string; host: string; db?: string; schedule: boolean }) =>
      (await import('./serve-action.js')).serveAdminApp(context, options),
    );
}
