/** The `atlas` command line: one face over the same functions the admin server uses. */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Command } from 'commander';
import { registerConnectCommand } from './cli/connect-command.js';
import { createCliContext } from './cli/context.js';
import { registerExplainCommand } from './cli/explain-command.js';
import { registerMapCommand } from './cli/map-command.js';
import { registerMappingsCommands } from './cli/mappings-command.js';
import { registerMatchCommand } from './cli/match-command.js';
import { registerProvisionCommand } from './cli/provision-command.js';
import { reportError } from './cli/report-error.js';
import { registerRunCommands } from './cli/run-command.js';
import { registerRunsCommands } from './cli/runs-command.js';
import { registerServeCommand } from './cli/serve-command.js';
import { registerSimulateCommand } from './cli/simulate-command.js';

/** Builds the program; exported so tests can run commands in-process. */
export function buildProgram(context = createCliContext()): Command {
  const pkg: { version: string } = JSON.parse(
    readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
  );
  const program = new Command('atlas')
    .description(
      'Partner Atlas: expertise segments instead of revenue tiers, synced with Salesforce and HubSpot',
    )
    .version(pkg.version)
    .showHelpAfterError();
  registerRunCommands(program, context);
  registerRunsCommands(program, context);
  registerExplainCommand(program, context);
  registerMapCommand(program, context);
  registerMatchCommand(program, context);
  registerMappingsCommands(program, context);
  registerConnectCommand(program, context);
  registerProvisionCommand(program, context);
  registerServeCommand(program, context);
  registerSimulateCommand(program, context);
  return program;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    await buildProgram().parseAsync(process.argv);
  } catch (error) {
    process.exitCode = reportError(error);
  }
}
