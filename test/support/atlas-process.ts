/** Test support: `atlas …` in its own process against the emulators (no wrapper, so SIGKILL hits the command). */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emulatorProcessEnv } from '../../devkit/cli/demo-run.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface AtlasOutcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

export type AtlasChild = ChildProcess & {
  done: Promise<AtlasOutcome>;
  /** Standard output so far. */
  output(): string;
};

export function spawnAtlas(
  args: readonly string[],
  options: { emulatorEnv: readonly string[]; db: string; env?: Record<string, string>; dev?: boolean },
): AtlasChild {
  // `dev`: the developer's entry, which adds `demo` and `emulators` to the product's commands.
  const entry = join(ROOT, options.dev ? 'devkit/cli.ts' : 'src/cli.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    cwd: ROOT,
    env: {
      ...emulatorProcessEnv(options.emulatorEnv),
      ATLAS_DB: options.db,
      ATLAS_MAPPINGS_DIR: join(ROOT, 'mappings'),
      ATLAS_LOG_LEVEL: 'silent',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const done = new Promise<AtlasOutcome>((resolve) => {
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
  return Object.assign(child, { done, output: () => stdout });
}

/** Resolves with the first match of `pattern` in the command's standard output, printed already or to come. */
export function waitForOutput(
  child: AtlasChild,
  pattern: RegExp,
  timeoutMs = 120_000,
): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const match = child.output().match(pattern);
      if (!match) return false;
      clearTimeout(timer);
      child.stdout?.off('data', check);
      resolve(match);
      return true;
    };
    const timer = setTimeout(
      () => reject(new Error(`no ${pattern} in output within ${timeoutMs} ms:\n${child.output()}`)),
      timeoutMs,
    );
    if (!check()) child.stdout?.on('data', check);
    // A command that ends without printing it fails the wait at once, with what it said.
    child.done.then(({ code, stderr }) => {
      if (check()) return;
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before printing ${pattern}:\n${child.output()}\n${stderr}`));
    });
  });
}
