/**
 * `atlas serve` run through bin/atlas.js: stops cleanly on SIGTERM (server closed, schedule stopped, exit code 0),
 * reports its schedule on /health, and refuses to start on a schedule or time zone that would never fire.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { DEFAULT_MAPPINGS } from '../support/mapping-dir.js';
import { TEST_TOKEN } from '../support/server-world.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'atlas-serve-signals-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Bounds every wait: a stuck shutdown fails the test instead of hanging the suite. */
const STARTUP_BOUND_MS = 30_000;
const SHUTDOWN_BOUND_MS = 10_000;

/** Resolves with the dashboard URL once the command has printed it and its ready line. */
function dashboardUrl(child: ChildProcess, output: { text: string }): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no dashboard line; output:\n${output.text}`)),
      STARTUP_BOUND_MS,
    );
    child.stdout?.on('data', () => {
      const url = /Dashboard: (\S+)/.exec(output.text)?.[1];
      if (url && output.text.includes('Press Ctrl+C to stop.')) {
        clearTimeout(timer);
        resolve(url);
      }
    });
    child.once('exit', (code) => reject(new Error(`exited early (${code}); output:\n${output.text}`)));
  });
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('still running after SIGTERM')), SHUTDOWN_BOUND_MS);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal });
    });
  });
}

it(
  'stops on SIGTERM with exit code 0, the server and the nightly schedule closed',
  async () => {
    const output = { text: '' };
    const child = spawn(
      process.execPath,
      ['bin/atlas.js', 'serve', '--port', '0', '--db', join(work, 'atlas.db')],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          ATLAS_ADMIN_TOKEN: TEST_TOKEN,
          ATLAS_MAPPINGS_DIR: DEFAULT_MAPPINGS,
          ATLAS_LOG_LEVEL: 'warn',
          ATLAS_TZ: 'UTC',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const collect = (chunk: Buffer) => {
      output.text += chunk.toString();
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    try {
      const url = await dashboardUrl(child, output);
      expect(output.text).toMatch(/Nightly run:/);
      const health = await fetch(`${url}/health`);
      expect(health.status).toBe(200);
      const body = await health.json();
      expect(body.schedule).toMatchObject({ armed: true, expression: '0 2 * * *', timezone: 'UTC' });
      expect(Date.parse(body.schedule.nextRun)).toBeGreaterThan(Date.now());
      const exited = exitOf(child);
      child.kill('SIGTERM');
      expect(await exited).toEqual({ code: 0, signal: null });
      await expect(fetch(`${url}/health`)).rejects.toThrow();
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  },
  STARTUP_BOUND_MS + SHUTDOWN_BOUND_MS + 5_000,
);

it.each([
  [
    'ATLAS_SCHEDULE',
    'at two',
    /ATLAS_SCHEDULE: "at two" is not a cron expression.*e\.g\. ATLAS_SCHEDULE="0 2 \* \* \*"/,
  ],
  [
    'ATLAS_TZ',
    'Mars/Olympus',
    /ATLAS_TZ: "Mars\/Olympus" is not an IANA time zone, e\.g\. ATLAS_TZ="Europe\/Paris"/,
  ],
])(
  'refuses to start with a bad %s, exit code 2, naming the value and a valid example',
  (variable, value, message) => {
    const result = spawnSync(
      process.execPath,
      ['bin/atlas.js', 'serve', '--port', '0', '--db', join(work, 'refused.db')],
      {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: STARTUP_BOUND_MS,
        env: {
          ...process.env,
          ATLAS_ADMIN_TOKEN: TEST_TOKEN,
          ATLAS_MAPPINGS_DIR: DEFAULT_MAPPINGS,
          [variable]: value,
        },
      },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).not.toContain('Dashboard:');
  },
);
