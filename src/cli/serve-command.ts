/** `atlas serve`: name, options and help; `serve-action.ts`, loaded when it runs, does the work. */
import type { Command } from 'commander';
import type { CliContext } from './context.js';

export interface ServeCommandOptions {
  port?: string;
  host: string;
  db?: string;
  schedule: boolean;
  /** `true` when given without a value. */
  trustProxy?: string | true;
}

export function registerServeCommand(program: Command, context: CliContext): void {
  program
    .command('serve')
    .description('the admin web app and the nightly schedule (ATLAS_SCHEDULE in ATLAS_TZ, default 02:00)')
    .option('--port <n>', 'port (default $ATLAS_PORT or 3000)')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--db <file>', 'SQLite store (default: $ATLAS_DB / $DATABASE_URL)')
    .option('--no-schedule', 'serve the web app only, no nightly run')
    .option(
      '--trust-proxy [proxies]',
      'behind a TLS-terminating proxy: Secure cookies and HSTS over https; a hop count or proxy addresses (default $ATLAS_TRUST_PROXY, else off)',
    )
    .action(async (options: ServeCommandOptions) =>
      (await import('./serve-action.js')).serveAdminApp(context, options),
    );
}
