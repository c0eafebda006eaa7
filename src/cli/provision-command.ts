/** `atlas provision <crm>`: name, options and help; `provision-action.ts`, loaded when it runs, does the work. */
import type { Command } from 'commander';
import { CRM_SYSTEMS_TEXT } from '../model/crm-systems.js';
import type { CliContext } from './context.js';

export function registerProvisionCommand(program: Command, context: CliContext): void {
  program
    .command('provision <crm>')
    .description(
      `create the write-back fields, permissions and layout section in ${CRM_SYSTEMS_TEXT} (dry run unless --apply)`,
    )
    .option('--apply', 'make the changes (default: only show them)')
    .option('--json', 'print the plan (or the report) as JSON')
    .option(
      '--assign-viewers <names>',
      'Salesforce: give the read-only viewer permission set to these permission set groups or profiles (comma-separated, repeatable)',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .action(async (crm: string, options: { apply?: boolean; json?: boolean; assignViewers?: string[] }) =>
      (await import('./provision-action.js')).provisionCrm(context, crm, options),
    );
}
