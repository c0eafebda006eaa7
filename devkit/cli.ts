/**
 * The developer's `atlas`: the product's commands plus those that need the CRM emulators (`demo`,
 * `emulators`). The product CLI (`src/cli.ts`) never loads emulator code; `npm run demo` and
 * `npm run emulators` come through here.
 */
import { pathToFileURL } from 'node:url';
import type { Command } from 'commander';
import { createCliContext } from '../src/cli/context.js';
import { reportError } from '../src/cli/report-error.js';
import { buildProgram } from '../src/cli.js';
import { registerDemoCommand } from './cli/demo-command.js';
import { registerEmulatorCommands } from './cli/emulators-command.js';

/** The product program with the emulator commands added; exported so tests can run them in-process. */
export function buildDevProgram(context = createCliContext()): Command {
  const program = buildProgram(context);
  registerDemoCommand(program, context);
  registerEmulatorCommands(program, context);
  return program;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    await buildDevProgram().parseAsync(process.argv);
  } catch (error) {
    process.exitCode = reportError(error);
  }
}
