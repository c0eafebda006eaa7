/** `atlas connect <crm>`: name, options and help; `connect-action.ts`, loaded when it runs, does the work. */
import type { Command } from 'commander';
import { CRM_SYSTEMS_TEXT } from '../model/crm-systems.js';
import type { CliContext } from './context.js';

export function registerConnectCommand(program: Command, context: CliContext): void {
  program
    .command('connect <crm>')
    .description(`check the connection to ${CRM_SYSTEMS_TEXT}: account, API usage, mapped field access`)
    .option('--check', 'prove the credentials (the only action; kept explicit for scripts)')
    .option('--json', 'print the check as JSON')
    .action(async (crm: string, options: { check?: boolean; json?: boolean }) =>
      (await import('./connect-action.js')).checkConnection(context, crm, options),
    );
}
