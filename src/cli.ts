/**
 * The `atlas` command line: one face over the same functions the admin server uses. Only the commands'
 * definitions load here; each command imports its implementation when it runs, so `--help` stays fast.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Command } from 'commander';
import { registerConnectCommand } from './cli/connect-command.js';
import { createCliContext, loadCliConfig } from './cli/context.js';
import { registerExplainCommand } from './cli/explain-command.js';
import { registerMapCommand } from './cli/map-command.js';
import { registerMappingsCommands } from './cli/mappings-command.js';
import { registerMatchCommand } from './cli/match-command.js';
import { registerProvisionCommand } from './cli/provision-command.js';
import { registerRunCommands } from './cli/run-command.js';
import { registerRunsCommands } from './cli/runs-command.js';
import { registerServeCommand } from './cli/serve-command.js';
import { registerSimulateCommand } from './cli/simulate-command.js';
import { registerUsersCommands } from './cli/users-command.js';

/** The version in the package's package.json: two folders up from `src/cli.ts`, three from `dist/src/cli.js`. */
function packageVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    if (dirname(dir) === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = dirname(dir);
  }
  const pkg: { version: string } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  return pkg.version;
}

/** Builds the program; exported so tests can run commands in-process. */
export function buildProgram(context = createCliContext()): Command {
  const program = new Command('atlas')
    .description(
      'Partner Atlas: expertise segments instead of revenue tiers, synced with Salesforce and HubSpot',
    )
    .version(packageVersion())
    .showHelpAfterError()
    // Usage errors throw instead of exiting 1, so `main` exits with the README's code for them (2).
    .exitOverride()
    .hook('preAction', loadCliConfig);
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
  registerUsersCommands(program, context);
  return program;
}

/** Runs `atlas` on `argv` (as `process.argv`), reporting errors and setting the exit code. */
export async function main(argv: readonly string[]): Promise<void> {
  try {
    await buildProgram().parseAsync([...argv]);
  } catch (error) {
    const { reportError } = await import('./cli/report-error.js');
    process.exitCode = reportError(error);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main(process.argv);
