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

export function spawnAtlas(
  args: readonly string[],
  options: { sandboxEnv: readonly string[]; db: string; env?: Record<string, string> },
): ChildProcess & { done: Promise<AtlasOutcome> } {
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
  return Object.assign(child, { done });
}

/** Resolves with the first match of `pattern` in the command's standard output. */
export function waitForOutput(
  child: ChildProcess,
  pattern: RegExp,
  timeoutMs = 120_000,
): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(
      () => reject(new Error(`no ${pattern} in output within ${timeoutMs} ms:\n${seen}`)),
      timeoutMs,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = seen.match(pattern);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    });
  });
}
