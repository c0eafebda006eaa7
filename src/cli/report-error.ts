/** Turns any thrown value into the message a CLI user reads, and the exit code that goes with it. */
import { CommanderError } from 'commander';
import { AtlasError, formatMappingProblem, MappingError } from '../errors.js';
import { EXIT, type ExitCode } from './exit-codes.js';

const USAGE_CODES = new Set(['CONFIG_INVALID', 'USAGE']);

/** Prints the error to `write` (stderr by default) and returns the exit code. Stacks only with ATLAS_DEBUG=1. */
export function reportError(
  error: unknown,
  write: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): ExitCode {
  // Commander has printed its own message (and the help): only the code is left to choose. Help and
  // --version end this way too, with exitCode 0.
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  if (error instanceof MappingError) {
    write(`error: ${error.problems.length} problem(s) in the mapping files:`);
    for (const p of error.problems) write(`  ${formatMappingProblem(p)}`);
    return EXIT.usage;
  }
  if (error instanceof AtlasError) {
    write(`error [${error.code}]: ${error.message}`);
    if (process.env.ATLAS_DEBUG === '1' && error.stack) write(error.stack);
    return USAGE_CODES.has(error.code) ? EXIT.usage : EXIT.failure;
  }
  const message =
    error instanceof Error ? (process.env.ATLAS_DEBUG === '1' ? error.stack : error.message) : String(error);
  write(`error: ${message}`);
  return EXIT.failure;
}
