/** What every CLI command receives: output streams, the validated environment, and how to set the exit code. */
import { type AtlasEnv, loadEnv } from '../config.js';
import type { ExitCode } from './exit-codes.js';

export interface CliContext {
  out(line: string): void;
  err(line: string): void;
  /** The environment, validated on first use so `atlas --help` works with a broken one. */
  env(): AtlasEnv;
  /** Sets the process exit code without cutting pending output short. */
  exit(code: ExitCode): void;
  /** True when stdout is a terminal: progress bars and colours instead of plain lines. */
  isTty: boolean;
}

export function createCliContext(): CliContext {
  let env: AtlasEnv | undefined;
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    env: () => {
      env ??= loadEnv();
      return env;
    },
    exit: (code) => {
      process.exitCode = code;
    },
    isTty: Boolean(process.stdout.isTTY),
  };
}
