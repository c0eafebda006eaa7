/** What every CLI command receives: output streams, the validated environment, and how to set the exit code. */
import type { AtlasEnv } from '../config.js';
import type { ExitCode } from './exit-codes.js';

export interface CliContext {
  out(line: string): void;
  err(line: string): void;
  /** The environment with `.env` under it, validated on first use so `atlas --help` works with a broken one. */
  env(): AtlasEnv;
  /** Sets the process exit code without cutting pending output short. */
  exit(code: ExitCode): void;
  /** True when stdout is a terminal: progress bars and colours instead of plain lines. */
  isTty: boolean;
}

/** The env schema and zod, loaded only when a command runs: `atlas --help` and `--version` start without them. */
let config: typeof import('../config.js') | undefined;

/** Loads what `env()` needs; `buildProgram` runs it before every command's action. */
export async function loadCliConfig(): Promise<void> {
  config ??= await import('../config.js');
}

export function createCliContext(): CliContext {
  let env: AtlasEnv | undefined;
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    env: () => {
      if (!config) throw new Error('env() before loadCliConfig(): register commands on buildProgram()');
      env ??= config.loadEnv(config.withEnvFile());
      return env;
    },
    exit: (code) => {
      process.exitCode = code;
    },
    isTty: Boolean(process.stdout.isTTY),
  };
}
