/** The Runs API: start a run or a dry run, follow its progress, read its figures, issues and write failures. */
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { headlineLines } from '../../src/engine/index.js';
import { createApp } from '../../src/server/index.js';
import { storedHeadline } from '../../src/sync/stored-run-figures.js';
import { createTestWorld, TEST_TOKEN, type TestWorld } from '../support/server-world.js';

let world: TestWorld;
let app: ReturnType<typeof createApp>;
const bearer = { Authorization: `Bearer ${TEST_TOKEN}` };

beforeEach(async () => {
  world = await createTestWorld({ partners: 30 });
  app = createApp(world.deps);
});
afterEach(async () => {
  await world.close();
});

describe('starting runs', () => {
  it('starts a dry run in the background, shows it running with its events, then its figures; no scores are stored', async () => {
    const release = world.deps.runs.hold();
    const started = await request(app).post('/api/runs').set(bearer).send({ dryRun: true }).expect(202);
    const runId: string = started.body.runId;

    const running = await request(app).get(`/api/runs/${runId}`).set(bearer).expect(200);
    expect(running.body.run).toMatchObject({
      id: runId,
      kind: 'dry-run',
      status: 'running',
      finishedAt: null,
    });
    expect(running.body.run.options).toMatchObject({ dryRun: true, full: false });
    const first = await request(app).get(`/api/runs/${runId}/events`).set(bearer).expect(200);
    expect(first.body.events.map((e: { step: string }) => e.step)).toEqual(['start']);
    await request(app).post('/api/runs').set(bearer).send({ dryRun: false }).expect(409);

    release();
    await world.deps.runs.finished(runId);
    const after = await request(app)
      .get(`/api/runs/${runId}/events?afterSeq=${first.body.events[0].seq}`)
      .set(bearer)
      .expect(200);
    expect(after.body.events.map((e: { step: string }) => e.step)).toEqual(['load', 'score', 'finish']);
    expect(after.body.run.status).toBe('succeeded');
    expect(after.body.run.figures).toMatchObject({ dryRun: true, partners: 30 });
    expect(after.body.run.changeSummary).toMatchObject({ written: false });
    expect(await world.store.listScores(runId)).toHaveLength(0);
    const map = await request(app).get('/api/map').set(bearer).expect(200);
    expect(map.body.runId).toBe(world.sampleRunId);
  });

  it('a real run stores scores: the map moves to it and partner histories gain a point', async () => {
    const started = await request(app)
      .post('/api/runs')
      .set(bearer)
      .send({ full: true, systems: ['salesforce'] })
      .expect(202);
    await world.deps.runs.finished(started.body.runId);
    const run = (await request(app).get(`/api/runs/${started.body.runId}`).set(bearer).expect(200)).body.run;
    expect(run).toMatchObject({
      kind: 'sample',
      status: 'succeeded',
      options: { full: true, systems: ['salesforce'] },
    });
    const map = await request(app).get('/api/map').set(bearer).expect(200);
    expect(map.body.runId).toBe(started.body.runId);
    const partner = (await request(app).get('/api/partners?limit=1').set(bearer).expect(200)).body
      .partners[0];
    const history = await request(app)
      .get(`/api/partners/${encodeURIComponent(partner.id)}/history?cells=1`)
      .set(bearer)
      .expect(200);
    expect(history.body.series[0].points.map((p: { runId: string }) => p.runId)).toEqual([
      world.sampleRunId,
      started.body.runId,
    ]);
    const list = await request(app).get('/api/runs').set(bearer).expect(200);
    expect(list.body.runs.map((r: { id: string }) => r.id)).toEqual([started.body.runId, world.sampleRunId]);
    const dry = await request(app).get('/api/runs?kind=dry-run').set(bearer).expect(200);
    expect(dry.body.runs).toEqual([]);
  });

  it("shows a run's headline figures as the CLI prints them, and the partner filter counts the same partners", async () => {
    const started = await request(app).post('/api/runs').set(bearer).send({ full: true }).expect(202);
    await world.deps.runs.finished(started.body.runId);
    const body = (await request(app).get(`/api/runs/${started.body.runId}`).set(bearer).expect(200)).body;
    const stored = await world.store.getRun(started.body.runId);
    const figures = storedHeadline(stored!);
    if (!figures) throw new Error('the run stored no headline figures');
    // The CLI prints headlineLines of the same stored figures (test/sync/headline-figures.test.ts).
    expect(body.headline).toEqual(headlineLines(figures));
    expect(body.headline.length).toBeGreaterThan(3);
    // "Partners with a Specialist segment" is what the partners page lists under its Specialist filter.
    const filtered = await request(app)
      .get(`/api/partners?level=${encodeURIComponent(figures.topLevel)}&limit=1`)
      .set(bearer)
      .expect(200);
    expect(filtered.body.total).toBe(figures.partnersAtTopLevel);
  });

  it('answers 400 naming the field for bad bodies', async () => {
    const cases: [unknown, string][] = [
      [{ dryRun: 'yes' }, 'dryRun'],
      [{ full: 1 }, 'full'],
      [{ systems: ['sap'] }, 'systems.0'],
      [{ systems: [] }, 'systems'],
    ];
    for (const [body, field] of cases) {
      const res = await request(app)
        .post('/api/runs')
        .set(bearer)
        .send(body as object)
        .expect(400);
      expect(res.body.error.field, JSON.stringify(body)).toBe(field);
    }
    const unknown = await request(app).post('/api/runs').set(bearer).send({ dryrun: true }).expect(400);
    expect(unknown.body.error.message).toMatch(/dryrun/);
    const broken = await request(app)
      .post('/api/runs')
      .set(bearer)
      .set('Content-Type', 'application/json')
      .send('{"dryRun": tru')
      .expect(400);
    expect(broken.body.error.field).toBe('body');
    expect((await request(app).get('/api/runs?status=done').set(bearer).expect(400)).body.error.field).toBe(
      'status',
    );
    expect(
      (await request(app).get('/api/runs/x/events?afterSeq=-2').set(bearer).expect(400)).body.error.field,
    ).toBe('afterSeq');
  });
});

describe('run records', () => {
  it('lists record issues per run and write failures per record', async () => {
    await world.store.addRecordIssues(world.sampleRunId, [
      {
        system: 'salesforce',
        object: 'Opportunity',
        recordId: '006000000000001AAA',
        field: 'deals.closeDate',
        value: '31/02/2024',
        reason: 'not a date',
        severity: 'warning',
      },
      {
        system: 'hubspot',
        object: 'deals',
        recordId: '901',
        field: 'deals.isWon',
        value: null,
        reason: 'required field is empty',
        severity: 'error',
      },
    ]);
    await world.store.recordWriteFailures(
      [
        {
          system: 'salesforce',
          object: 'Account',
          recordId: '001000000000001AAA',
          fields: ['Atlas_Primary_Segment__c'],
          code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
          message: 'blocked by a rule',
          transient: false,
        },
      ],
      '2025-06-30T02:00:00.000Z',
    );
    const run = await request(app).get(`/api/runs/${world.sampleRunId}`).set(bearer).expect(200);
    expect(run.body.issueCount).toBe(2);
    const issues = await request(app)
      .get(`/api/runs/${world.sampleRunId}/issues?limit=1&offset=1`)
      .set(bearer)
      .expect(200);
    expect(issues.body.total).toBe(2);
    expect(issues.body.issues).toHaveLength(1);
    const failures = await request(app).get('/api/write-failures?system=salesforce').set(bearer).expect(200);
    expect(failures.body.failures).toEqual([
      expect.objectContaining({
        recordId: '001000000000001AAA',
        code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
        attempts: 1,
      }),
    ]);
    expect(
      (await request(app).get('/api/write-failures?system=sap').set(bearer).expect(400)).body.error.field,
    ).toBe('system');
  });

  it('answers 404 for an unknown run', async () => {
    for (const path of ['/api/runs/nope', '/api/runs/nope/events', '/api/runs/nope/issues']) {
      const res = await request(app).get(path).set(bearer).expect(404);
      expect(res.body.error.field).toBe('id');
    }
    await request(app).get('/api/nothing-here').set(bearer).expect(404);
  });
});
