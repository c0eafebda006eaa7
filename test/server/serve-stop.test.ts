/** `atlas serve` stopping on SIGTERM with a run in progress: the run is told to stop, ends, and frees the run lock. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ReadPlan } from '../../connectors/types.js';
import type { CliContext } from '../../src/cli/context.js';
import { serveUntilStopped } from '../../src/cli/serve-action.js';
import { loadEnv } from '../../src/config.js';
import { loadMappings } from '../../src/mapping/index.js';
import { createPipelineWorld, type PipelineWorld, TEST_TOKEN } from '../support/server-world.js';

let world: PipelineWorld;
beforeAll(async () => {
  world = await createPipelineWorld({ partners: 20 });
});
afterAll(async () => {
  await world.close();
});

/** The in-memory Salesforce, but a read waits until the run is told to stop, as a slow CRM would. */
function stalledCrm(reading: () => void) {
  const crm = world.crm;
  return new Proxy(crm, {
    get(target, property, receiver) {
      if (property === 'read') {
        return async function* (plan: ReadPlan, options: { cursor: unknown; signal?: AbortSignal }) {
          reading();
          await new Promise((_resolve, reject) => {
            const stop = () => reject(new Error('read stopped'));
            if (options.signal?.aborted) stop();
            options.signal?.addEventListener('abort', stop, { once: true });
          });
          yield* target.read(plan, options);
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

it('stops the server, tells the run in progress to stop, and frees the run lock', async () => {
  const lines: string[] = [];
  let ready: (url: string) => void = () => {};
  const started = new Promise<string>((resolve) => {
    ready = resolve;
  });
  const env = loadEnv({
    ATLAS_ADMIN_TOKEN: TEST_TOKEN,
    ATLAS_MAPPINGS_DIR: world.dir,
    ATLAS_LOG_LEVEL: 'silent',
  });
  const context: CliContext = {
    out: (line) => {
      lines.push(line);
      const url = lines.map((l) => /^Dashboard: (\S+)/.exec(l)?.[1]).find(Boolean);
      if (url && line === 'Press Ctrl+C to stop.') ready(url);
    },
    err: (line) => lines.push(line),
    env: () => env,
    exit: () => {},
    isTty: false,
  };
  let reading: () => void = () => {};
  const inRead = new Promise<void>((resolve) => {
    reading = resolve;
  });
  const serving = serveUntilStopped(context, {
    store: world.store,
    env,
    mappings: loadMappings(world.dir),
    connectors: { salesforce: stalledCrm(reading) },
    port: 0,
    schedule: false,
  });
  const url = await started;
  const res = await fetch(`${url}/api/runs`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${TEST_TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ dryRun: false }),
  });
  expect(res.status).toBe(202);
  const { runId } = (await res.json()) as { runId: string };
  await inRead;

  process.emit('SIGTERM');
  await serving;

  expect(lines).toContain('Waiting for the run in progress to stop…');
  expect((await world.store.getRun(runId))?.status).not.toBe('running');
  const lock = await world.store.acquireRunLock('another-process', { staleAfterMs: 60_000, now: new Date() });
  expect(lock.acquired).toBe(true);
  await world.store.releaseRunLock('another-process');
  await expect(fetch(`${url}/health`)).rejects.toThrow();
});
