/** Partner scorecards over HTTP: the JSON view model, downloads, share links for editors, and the public link page. */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/index.js';
import { ScorecardSchema } from '../../src/server/scorecard/index.js';
import { sha256Hex } from '../../src/server/sessions.js';
import { createTestWorld, type TestWorld } from '../support/server-world.js';

const DAY = 24 * 60 * 60 * 1000;
const tokens = { editor: 'editor-token-0123456789abcdef', viewer: 'viewer-token-0123456789abcdef' };
const as = (role: keyof typeof tokens) => ({ Authorization: `Bearer ${tokens[role]}` });

let world: TestWorld;
let app: ReturnType<typeof createApp>;
/** A partner holding a level, and another one. */
let partner: { id: string; name: string };
let other: { id: string; name: string };

beforeAll(async () => {
  world = await createTestWorld({ partners: 20 });
  app = createApp(world.deps);
  const createdAt = new Date().toISOString();
  for (const role of ['editor', 'viewer'] as const) {
    await world.store.createUser({
      name: `Test ${role}`,
      role,
      tokenHash: sha256Hex(tokens[role]),
      createdAt,
    });
  }
  const list = await request(app).get('/api/partners?limit=2').set(as('viewer')).expect(200);
  [partner, other] = list.body.partners;
}, 60_000);
afterAll(async () => {
  await world.close();
});

const share = (role: keyof typeof tokens, body: object = {}, id = partner.id) =>
  request(app)
    .post(`/api/partners/${encodeURIComponent(id)}/scorecard-links`)
    .set(as(role))
    .send(body);

describe('partner scorecards', () => {
  it('gives any signed-in user the JSON scorecard, phrased for the partner and free of ids', async () => {
    const res = await request(app)
      .get(`/api/partners/${encodeURIComponent(partner.id)}/scorecard`)
      .set(as('viewer'))
      .expect(200);
    const card = ScorecardSchema.parse(res.body);
    expect(card.partnerName).toBe(partner.name);
    expect(card.headline).toMatch(/^You are an? .+ partner in .+\.$/);
    expect(card.sections).toEqual(['segments', 'evidence', 'benefits', 'nextLevel', 'support']);
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(partner.id);
    expect(text).not.toContain(partner.id.split(':')[2]);
    expect(text).not.toContain(other.name);
    expect(text).not.toMatch(/\w\|\w|\*\|/);
  });

  it('downloads the scorecard as HTML and PDF under a human file name, signed in only', async () => {
    const base = `/partners/${encodeURIComponent(partner.id)}/scorecard`;
    const html = await request(app).get(`${base}.html`).set(as('viewer')).expect(200);
    expect(html.headers['content-disposition']).toContain(`${partner.name} partner scorecard`);
    expect(html.text).toContain('<style>');
    const pdf = await request(app).get(`${base}.pdf`).set(as('viewer')).buffer(true).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toMatch(/partner scorecard .*\.pdf/);
    await request(app)
      .get(`${base}.pdf`)
      .expect(303)
      .expect('Location', /^\/login/);
  });

  it('lets an editor share a link, audited; a viewer may not; the expiry is bounded by scorecard.yaml', async () => {
    const refused = await share('viewer', { days: 7 }).expect(403);
    expect(refused.body.error.message).toMatch(/needs the editor role/);
    await share('editor', { days: 400 }).expect(400);
    const res = await share('editor', { days: 7 }).expect(201);
    expect(res.body.url).toMatch(/^\/scorecard\/[\w-]+\.\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(res.body.sections).toEqual(['segments', 'evidence', 'benefits', 'nextLevel', 'support']);
    const [event] = await world.store.listAuditEvents({ action: 'scorecard-shared' });
    expect(event).toMatchObject({
      actor: { name: 'Test editor' },
      subject: `${partner.name} — partner scorecard`,
    });
    expect(JSON.stringify(event)).not.toContain(res.body.url.split('/')[2]);
  });

  it('opens a share link without signing in, sets no cookie, and grants nothing else', async () => {
    const { url } = (await share('editor', { days: 7 }).expect(201)).body;
    const token: string = url.split('/')[2];
    const page = await request(app).get(url).expect(200);
    expect(page.text).toContain(`<h1>${partner.name}</h1>`);
    expect(page.text).not.toContain(other.name);
    expect(page.headers['set-cookie']).toBeUndefined();
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['x-robots-tag']).toMatch(/noindex/);
    const pdf = await request(app).get(`${url}.pdf`).buffer(true).expect(200);
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    // The token is no credential: not as a bearer token, not for another partner, not for a page.
    await request(app).get('/api/partners').set('Authorization', `Bearer ${token}`).expect(401);
    await request(app)
      .get(`/partners/${encodeURIComponent(other.id)}/scorecard`)
      .expect(303);
    await request(app)
      .get('/')
      .expect(303)
      .expect('Location', /^\/login/);
  });

  it('answers a tampered link 404 and an expired one 410, each with a page for a person', async () => {
    const { url } = (await share('editor', { days: 1 }).expect(201)).body;
    const tampered = await request(app)
      .get(`${url.slice(0, -3)}xyz`)
      .expect(404);
    expect(tampered.text).toContain('This scorecard link is not valid');
    const later = createApp({ ...world.deps, now: () => new Date(Date.now() + 2 * DAY) });
    const expired = await request(later).get(url).expect(410);
    expect(expired.text).toContain(
      'This scorecard link has expired; ask your partner manager for a new one.',
    );
    expect(expired.text).not.toContain(partner.name);
  });

  it('leaves out a section turned off in scorecard.yaml, even on links made before', async () => {
    const { url } = (await share('editor').expect(201)).body;
    expect((await request(app).get(url).expect(200)).text).toContain('What your levels rest on');
    const file = join(world.dir, 'scorecard.yaml');
    writeFileSync(file, 'sections:\n  evidence: false\n');
    try {
      expect((await request(app).get(url).expect(200)).text).not.toContain('What your levels rest on');
      const card = await request(app)
        .get(`/api/partners/${encodeURIComponent(partner.id)}/scorecard`)
        .set(as('viewer'))
        .expect(200);
      expect(card.body).not.toHaveProperty('evidence');
    } finally {
      rmSync(file);
    }
  });

  it('tells a link holder nothing of a broken scorecard.yaml', async () => {
    const { url } = (await share('editor').expect(201)).body;
    const file = join(world.dir, 'scorecard.yaml');
    writeFileSync(file, 'sections:\n  trend: sometimes\n');
    try {
      const page = await request(app).get(url).expect(503);
      expect(page.text).toContain('This scorecard cannot be shown right now');
      expect(page.text).not.toContain(world.dir);
      expect(page.text).not.toContain('sometimes');
    } finally {
      rmSync(file);
    }
  });
});
