/** Test support: `atlas …` in its own process against the sandboxes (no wrapper, so SIGKILL hits the command). */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sandboxProcessEnv } from '../../src/sync/demo-run.js';

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
  options: { sandboxEnv: readonly string[]; db: string; env?: Record<string, string> },
): AtlasChild {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli.ts'), ...args], {
    cwd: ROOT,
    env: {
      ...sandboxProcessEnv(options.sandboxEnv),
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
