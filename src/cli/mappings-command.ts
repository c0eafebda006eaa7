/** `atlas mappings check` and `init`: names, options and help; `mappings-action.ts`, loaded when it runs, does the work. */
import type { Command } from 'commander';
import type { CliContext } from './context.js';

export function registerMappingsCommands(program: Command, context: CliContext): void {
  const mappings = program
    .command('mappings')
    .description('inspect and validate the field mappings (mappings/*.yaml)');
  mappings
    .command('check')
    .description('validate every mapping file; print all problems with file:line:column, or a summary')
    .option('--dir <dir>', 'mapping directory (default: $ATLAS_MAPPINGS_DIR or ./mappings)')
    .option('--json', 'print the problems and summary as JSON')
    .action(async (options: { dir?: string; json?: boolean }) =>
      (await import('./mappings-action.js')).checkMappingFiles(context, options),
    );
  mappings
    .command('init')
    .description('write starter mapping files from what the CRM holds: objects, fields, picklists, labels')
    .requiredOption('--from-crm <crm>', 'the CRM to read the schema of (salesforce or hubspot)')
    .requiredOption('--out <dir>', 'folder to write the starter to (created when missing)')
    .option('--force', 'overwrite the CRM mapping file when it exists')
    .action(async (options: { fromCrm: string; out: string; force?: boolean }) =>
      (await import('./mappings-init-action.js')).initMappings(context, options),
    );
}
