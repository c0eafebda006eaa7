/** The Mappings API: validation at the line, field pickers, preview before saving, save with history, roll back. */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/index.js';
import { defaultText, edit, positionOf } from '../support/mapping-dir.js';
import { createTestWorld, TEST_TOKEN, type TestWorld } from '../support/server-world.js';
import { signIn } from '../support/sign-in.js';

let world: TestWorld;
let app: ReturnType<typeof createApp>;
const bearer = { Authorization: `Bearer ${TEST_TOKEN}` };
const original = defaultText('salesforce.yaml');
const broken = edit(original, 'transform: domain }', 'transform: domian }');

beforeEach(async () => {
  world = await createTestWorld({ partners: 20 });
  app = createApp(world.deps);
});
afterEach(async () => {
  await world.close();
});

describe('reading and validating', () => {
  it('lists the four mapping files with their text, the objects each CRM mapping reads, and no problem', async () => {
    const res = await request(app).get('/api/mappings').set(bearer).expect(200);
    expect(res.body.files.map((f: { name: string }) => f.name)).toEqual([
      'salesforce',
      'hubspot',
      'taxonomy',
      'scoring',
    ]);
    expect(res.body.files[0].text).toBe(original);
    expect(res.body.objects.salesforce).toEqual(
      expect.arrayContaining([
        { entity: 'partners', object: 'Account' },
        { entity: 'deals', object: 'Opportunity' },
      ]),
    );
    expect(res.body.validation).toMatchObject({ ok: true, problems: [] });
  });

  it('reports a bad edit at its line and column, without touching disk', async () => {
    const res = await request(app)
      .post('/api/mappings/validate')
      .set(bearer)
      .send({ name: 'salesforce', text: broken })
      .expect(200);
    expect(res.body.ok).toBe(false);
    const at = positionOf(broken, 'domian');
    const problem = res.body.problems.find((p: { line: number }) => p.line === at.line);
    expect(problem).toMatchObject({
      name: 'salesforce',
      file: 'salesforce.yaml',
      keyPath: expect.stringContaining('transform'),
    });
    expect(problem.message).toMatch(/domain/);
    expect(readFileSync(join(world.dir, 'salesforce.yaml'), 'utf8')).toBe(original);
  });

  it('reports the problems of the other files too, named by file', async () => {
    const edited = defaultText('hubspot.yaml').replace('system: hubspot', 'system: hubspot\nsurprise: 1');
    writeFileSync(join(world.dir, 'hubspot.yaml'), edited);
    const line = edited.split('\n').indexOf('surprise: 1') + 1;
    const res = await request(app)
      .post('/api/mappings/validate')
      .set(bearer)
      .send({ name: 'salesforce', text: original })
      .expect(200);
    expect(res.body.ok).toBe(false);
    expect(res.body.problems).toEqual([
      expect.objectContaining({ name: 'hubspot', file: 'hubspot.yaml', line }),
    ]);
  });

  it('answers 400 naming the field for bad bodies', async () => {
    const cases: [unknown, string][] = [
      [{ name: 'pipeline', text: 'x: 1' }, 'name'],
      [{ name: 'salesforce' }, 'text'],
      [{ name: 'salesforce', text: '' }, 'text'],
    ];
    for (const [body, field] of cases) {
      const res = await request(app)
        .post('/api/mappings/validate')
        .set(bearer)
        .send(body as object)
        .expect(400);
      expect(res.body.error.field).toBe(field);
    }
  });
});

describe('oversized and hostile mappings', () => {
  it('refuses a mapping over 128 KB with 413 and a human message, before validating it', async () => {
    const text = `${original}\n${'# padding line for size\n'.repeat(6000)}`;
    for (const [method, path, body] of [
      ['post', '/api/mappings/validate', { name: 'salesforce', text }],
      ['post', '/api/mappings/preview', { system: 'salesforce', text }],
      ['put', '/api/mappings/salesforce', { text }],
    ] as const) {
      const res = await request(app)[method](path).set(bearer).send(body).expect(413);
      expect(res.body.error).toMatchObject({
        field: 'text',
        message: expect.stringMatching(/^the mapping is \d+ KB; the editor accepts at most 128 KB/),
      });
    }
    expect(readFileSync(join(world.dir, 'salesforce.yaml'), 'utf8')).toBe(original);
  });

  it('answers a YAML alias bomb with a mapping problem, not a 500', async () => {
    const rows = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (const [name, prev] of ['ba', 'cb', 'dc', 'ed', 'fe', 'gf'])
      rows.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    const res = await request(app)
      .post('/api/mappings/validate')
      .set(bearer)
      .send({ name: 'salesforce', text: rows.join('\n') })
      .expect(200);
    expect(res.body.ok).toBe(false);
    expect(res.body.problems).toEqual([
      expect.objectContaining({
        name: 'salesforce',
        message: 'invalid YAML: its aliases (*name) expand into too many values',
      }),
    ]);
  });
});

describe('field picker and preview', () => {
  it('lists a CRM object fields from the injected CRM', async () => {
    const res = await request(app).get('/api/crm/salesforce/objects/Account/fields').set(bearer).expect(200);
    expect(res.body.fields.map((f: { name: string }) => f.name)).toEqual(
      expect.arrayContaining(['Name', 'Website', 'BillingCountry']),
    );
    const bad = await request(app)
      .get('/api/crm/salesforce/objects/Acc%20ount/fields')
      .set(bearer)
      .expect(400);
    expect(bad.body.error.field).toBe('object');
    expect(
      (await request(app).get('/api/crm/sap/objects/Account/fields').set(bearer).expect(400)).body.error
        .field,
    ).toBe('system');
  });

  it('previews the first records of each entity mapped through the edit, and a write-back dry run', async () => {
    const edited = edit(
      original,
      'name: { path: Name }                                  #',
      'name: { path: Name, transform: uppercase } #',
    );
    const res = await request(app)
      .post('/api/mappings/preview')
      .set(bearer)
      .send({ system: 'salesforce', text: edited })
      .expect(200);
    const partners = res.body.entities.find((e: { entity: string }) => e.entity === 'partners');
    expect(partners.object).toBe('Account');
    expect(partners.records[0]).toMatchObject({
      name: 'FABRIKAM CONSULTING GMBH',
      domain: 'fabrikam.de',
      country: 'DE',
    });
    const deals = res.body.entities.find((e: { entity: string }) => e.entity === 'deals');
    expect(deals.records).toHaveLength(1);
    expect(res.body.writeback.error).toBeNull();
    expect(res.body.writeback.plan).toMatchObject({ object: 'Account', dryRun: true });
    expect(res.body.writeback.plan.fields).toContain('Atlas_Primary_Segment__c');
    expect(res.body.writeback.plan.changes.length).toBeGreaterThan(0);
    expect(readFileSync(join(world.dir, 'salesforce.yaml'), 'utf8')).toBe(original);
  });

  it('refuses to preview an invalid mapping (400 on text)', async () => {
    const res = await request(app)
      .post('/api/mappings/preview')
      .set(bearer)
      .send({ system: 'salesforce', text: broken })
      .expect(400);
    expect(res.body.error.field).toBe('text');
    expect(res.body.error.message).toMatch(/line \d+/);
    expect(
      (
        await request(app)
          .post('/api/mappings/preview')
          .set(bearer)
          .send({ system: 'salesforce', text: original, limit: 50 })
          .expect(400)
      ).body.error.field,
    ).toBe('limit');
  });
});

describe('saving, history and roll back', () => {
  it('refuses an invalid save with every problem, leaving the file and history untouched', async () => {
    const res = await request(app)
      .put('/api/mappings/salesforce')
      .set(bearer)
      .send({ text: broken })
      .expect(400);
    expect(res.body.error.field).toBe('text');
    expect(res.body.error.problems[0]).toMatchObject({ line: positionOf(broken, 'domian').line });
    expect(readFileSync(join(world.dir, 'salesforce.yaml'), 'utf8')).toBe(original);
    expect(existsSync(join(world.dir, '.history'))).toBe(false);
  });

  it('saves a valid edit keeping the previous text, and rolls back to it', async () => {
    const edited = edit(
      original,
      'name: { path: Name }                                  #',
      'name: { path: Name, transform: uppercase } #',
    );
    const saved = await request(app)
      .put('/api/mappings/salesforce')
      .set(bearer)
      .send({ text: edited })
      .expect(200);
    expect(saved.body.previousVersion).toMatch(/^\d{8}T\d{9}Z-\d{4}$/);
    expect(readFileSync(join(world.dir, 'salesforce.yaml'), 'utf8')).toBe(edited);
    const history = await request(app).get('/api/mappings/salesforce/history').set(bearer).expect(200);
    expect(history.body.versions).toHaveLength(1);
    expect(history.body.versions[0].version).toBe(saved.body.previousVersion);
    const old = await request(app)
      .get(`/api/mappings/salesforce/history/${saved.body.previousVersion}`)
      .set(bearer)
      .expect(200);
    expect(old.body.text).toBe(original);

    await request(app)
      .post('/api/mappings/salesforce/rollback')
      .set(bearer)
      .send({ version: saved.body.previousVersion })
      .expect(200);
    expect(readFileSync(join(world.dir, 'salesforce.yaml'), 'utf8')).toBe(original);
    const after = await request(app).get('/api/mappings/salesforce/history').set(bearer).expect(200);
    expect(after.body.versions).toHaveLength(2);
    expect(readdirSync(join(world.dir, '.history', 'salesforce'))).toHaveLength(2);
    expect(readdirSync(world.dir).filter((f) => f.endsWith('.saving'))).toEqual([]);
  });

  it('rescores with the saved taxonomy: a relabelled sector shows on the map', async () => {
    const taxonomy = defaultText('taxonomy.yaml');
    const relabelled = edit(taxonomy, 'label: Healthcare & Life Sciences', 'label: Health');
    await request(app).put('/api/mappings/taxonomy').set(bearer).send({ text: relabelled }).expect(200);
    const map = await request(app).get('/api/map').set(bearer).expect(200);
    expect(map.body.sectors.find((s: { key: string }) => s.key === 'healthcare').label).toBe('Health');
  });

  it('answers 400 / 404 for bad history requests', async () => {
    expect(
      (await request(app).get('/api/mappings/salesforce/history/..%2F..%2Fetc').set(bearer).expect(400)).body
        .error.field,
    ).toBe('version');
    expect(
      (await request(app).get('/api/mappings/pipeline/history').set(bearer).expect(400)).body.error.field,
    ).toBe('name');
    await request(app)
      .get('/api/mappings/salesforce/history/20250101T000000000Z-0000')
      .set(bearer)
      .expect(404);
    expect(
      (await request(app).post('/api/mappings/salesforce/rollback').set(bearer).send({}).expect(400)).body
        .error.field,
    ).toBe('version');
    expect(
      (await request(app).put('/api/mappings/salesforce').set(bearer).send({ text: 42 }).expect(400)).body
        .error.field,
    ).toBe('text');
  });

  it('needs the CSRF header for a save from a signed-in browser', async () => {
    const { agent, csrf } = await signIn(app);
    await agent.put('/api/mappings/salesforce').send({ text: original }).expect(403);
    await agent
      .put('/api/mappings/salesforce')
      .set('x-csrf-token', csrf)
      .send({ text: original })
      .expect(200);
  });
});
