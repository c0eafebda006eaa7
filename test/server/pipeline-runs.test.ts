/** The Runs page over the real pipeline: runPipeline against an in-memory CRM, started through pipelineRunLauncher. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serverConnectors } from '../../src/cli/serve-action.js';
import { loadEnv } from '../../src/config.js';
import { AtlasError } from '../../src/errors.js';
import { createLogger } from '../../src/log.js';
import { loadMappings } from '../../src/mapping/index.js';
import { createApp } from '../../src/server/index.js';
import { pipelineRunLauncher } from '../../src/server/pipeline-runs.js';
import { openStore, type Store } from '../../src/store/index.js';
import { runPipeline } from '../../src/sync/run-pipeline.js';
import { mappingDir } from '../support/mapping-dir.js';
import { MemoryCrm } from '../support/memory-crm.js';
import { FixtureCrm, TEST_TOKEN } from '../support/server-world.js';

const NOW = '2026-11-20T02:00:00.000Z';
const bearer = { Authorization: `Bearer ${TEST_TOKEN}` };
let dbDir: string;
let store: Store;
let mappings: { dir: string; cleanup: () => void };
let crm: MemoryCrm;

beforeEach(async () => {
  dbDir = mkdtempSync(join(tmpdir(), 'atlas-server-pipeline-'));
  store = await openStore({ dbPath: join(dbDir, 'atlas.db') });
  mappings = mappingDir();
  crm = new MemoryCrm({ partners: 30, seed: 11, now: NOW, taxonomy: loadMappings(mappings.dir).taxonomy });
});
afterEach(async () => {
  await store.close();
  mappings.cleanup();
  rmSync(dbDir, { recursive: true, force: true });
});

function appWith(run: Parameters<typeof pipelineRunLauncher>[0]['run']) {
  const runs = pipelineRunLauncher({ store, run });
  const app = createApp({
    store,
    mappingsDir: mappings.dir,
    adminToken: TEST_TOKEN,
    runs,
    crm: new FixtureCrm(store, mappings.dir),
    crmLinks: { salesforceInstanceUrl: 'https://atlas-test.my.salesforce.com' },
  });
  return { app, runs };
}

const pipeline = (s: Store, o: { dryRun: boolean; full: boolean }) =>
  runPipeline({
    store: s,
    mappings: loadMappings(mappings.dir),
    connectors: { salesforce: crm },
    scoreAt: NOW,
    ...o,
  });

describe('pipelineRunLauncher', () => {
  it('returns the run id at once; the run then shows its pull, write-back and score figures, and the map is its', async () => {
    const { app, runs } = appWith(pipeline);
    const started = await request(app).post('/api/runs').set(bearer).send({ full: true }).expect(202);
    await runs.current();
    const { run } = (await request(app).get(`/api/runs/${started.body.runId}`).set(bearer).expect(200)).body;
    expect(run.status).toBe('succeeded');
    expect(run.figures.systems.salesforce.pull.entities.partners.fetched).toBe(crm.idsOf('Account').length);
    expect(run.figures.systems.salesforce.writeback.written).toBe(30);
    expect(run.figures.score.scoredAt).toBe(NOW);
    const events = (await request(app).get(`/api/runs/${started.body.runId}/events`).set(bearer).expect(200))
      .body.events;
    expect(events.length).toBeGreaterThan(0);

    const map = (await request(app).get('/api/map').set(bearer).expect(200)).body;
    expect(map.runId).toBe(started.body.runId);
    expect(map.scoredAt).toBe(NOW);
    // Scored again at the run's instant with its levels, the map is the one the run stored.
    expect(map.cells.map(({ label: _label, ...cell }: { label: string }) => cell)).toEqual(
      run.figures.score.map.cells,
    );
    const partner = (await request(app).get('/api/partners?limit=1').set(bearer).expect(200)).body
      .partners[0];
    const page = (
      await request(app)
        .get(`/api/partners/${encodeURIComponent(partner.id)}`)
        .set(bearer)
        .expect(200)
    ).body;
    expect(page.partner.sourceRefs[0].url).toMatch(/\/lightning\/r\/Account\/\w+\/view$/);
  });

  it('a dry run writes nothing to the CRM and leaves the map on the last scored run', async () => {
    const { app, runs } = appWith(pipeline);
    const first = await request(app).post('/api/runs').set(bearer).send({}).expect(202);
    await runs.current();
    const calls = crm.writeCalls.length;
    const dry = await request(app).post('/api/runs').set(bearer).send({ dryRun: true }).expect(202);
    await runs.current();
    expect(crm.writeCalls.length).toBe(calls);
    const { run } = (await request(app).get(`/api/runs/${dry.body.runId}`).set(bearer).expect(200)).body;
    expect(run.options).toMatchObject({ dryRun: true });
    expect(run.figures.systems.salesforce.writeback.dryRun).toBe(true);
    expect((await request(app).get('/api/map').set(bearer).expect(200)).body.runId).toBe(first.body.runId);
  });

  it('refuses a second run while one is going, and reports a pipeline that cannot start', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { app, runs } = appWith(async (s, o) => {
      const run = await s.createRun({ kind: 'run', startedAt: new Date().toISOString(), options: o });
      await gate;
      await s.finishRun(run.id, { status: 'succeeded', finishedAt: new Date().toISOString() });
    });
    const started = await request(app).post('/api/runs').set(bearer).send({}).expect(202);
    expect((await request(app).get(`/api/runs/${started.body.runId}`).set(bearer)).body.run.status).toBe(
      'running',
    );
    const refused = await request(app).post('/api/runs').set(bearer).send({}).expect(409);
    expect(refused.body.error.message).toMatch(/still going/);
    release();
    await runs.current();
    expect((await request(app).get(`/api/runs/${started.body.runId}`).set(bearer)).body.run.status).toBe(
      'succeeded',
    );

    const locked = appWith(async () => {
      throw new AtlasError('RUN_LOCKED', 'another run holds the lock (nightly)');
    });
    const res = await request(locked.app).post('/api/runs').set(bearer).send({}).expect(409);
    expect(res.body.error.message).toMatch(/another run holds the lock/);
  });

  it('refuses to start a run without a configured CRM, naming the variables, as `atlas run` does', async () => {
    // atlas serve's own connectors, on an environment without CRM credentials.
    const connectors = serverConnectors(loadEnv({}), mappings.dir, createLogger(loadEnv({})));
    const unconfigured = appWith(async () => {
      await connectors(undefined);
    });
    const res = await request(unconfigured.app).post('/api/runs').set(bearer).send({}).expect(409);
    expect(res.body.error.message).toMatch(/^no CRM is configured: set the SALESFORCE_.* variables/);
    expect(await store.listRuns()).toEqual([]);
  });
});
