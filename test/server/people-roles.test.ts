/** People and roles in the admin server: each user's own token, roles on every route, stored sessions, the audit trail. */
import type { Application } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/model/index.js';
import { COMMAND_LINE_ACTOR } from '../../src/server/audit.js';
import { createApp } from '../../src/server/index.js';
import { addUser, disableUser, setUserRole } from '../../src/server/users.js';
import { createTestWorld, TEST_TOKEN, type TestWorld } from '../support/server-world.js';
import { hiddenInput, sessionCookie } from '../support/sign-in.js';

let world: TestWorld;
let app: Application;
beforeAll(async () => {
  world = await createTestWorld({ partners: 20 });
  app = createApp(world.deps);
});
afterAll(async () => {
  await world?.close();
});

const FIELD_PICKER = '/api/crm/{system}/objects/{object}/fields';
const adminBearer = { Authorization: `Bearer ${TEST_TOKEN}` };

let people = 0;
/** A new user with their token (names differ per test: one store for the file). */
async function person(role: Role, name = `${role} ${++people}`) {
  return addUser(
    world.store,
    { name, role, email: `${name.replace(/\W/g, '.')}@example.com` },
    COMMAND_LINE_ACTOR,
  );
}

/** Signs in through the form with `token` on `on`; the session cookie and the page's CSRF token. */
async function signInWith(on: Application, token: string) {
  const form = await request(on).get('/login').expect(200);
  const loginCookie = [form.headers['set-cookie']].flat().find((c) => c?.startsWith('atlas_login_csrf='));
  const res = await request(on)
    .post('/login')
    .set('Cookie', loginCookie?.split(';')[0] ?? '')
    .type('form')
    .send({ token, csrf: hiddenInput(form.text, 'csrf'), next: '/mappings' })
    .expect(303);
  const cookie = sessionCookie(res)?.split(';')[0];
  if (!cookie) throw new Error('no session cookie after sign-in');
  const page = await request(on).get('/mappings').set('Cookie', cookie).expect(200);
  const csrf = /<meta name="csrf-token" content="([^"]+)">/.exec(page.text)?.[1] ?? '';
  return { cookie, csrf, page: page.text };
}

const salesforceText = async () => {
  const res = await request(app)
    .get('/api/mappings')
    .set('Authorization', `Bearer ${TEST_TOKEN}`)
    .expect(200);
  const file = (res.body.files as { name: string; text: string }[]).find((f) => f.name === 'salesforce');
  return file?.text ?? '';
};

describe('roles', () => {
  it('lets a viewer read everything and refuses a mapping save, naming the role needed', async () => {
    const { token } = await person('viewer');
    const bearer = { Authorization: `Bearer ${token}` };
    await request(app).get('/api/runs').set(bearer).expect(200);
    const refused = await request(app)
      .put('/api/mappings/salesforce')
      .set(bearer)
      .send({ text: await salesforceText() })
      .expect(403);
    expect(refused.body.error.message).toBe('Saving a mapping needs the editor role; you are a viewer');
    await request(app).get('/api/users').set(bearer).expect(403);
  });

  it('lets an editor save a mapping but not start a run; both are audited or refused by name', async () => {
    const { user, token } = await person('editor');
    const bearer = { Authorization: `Bearer ${token}` };
    await request(app)
      .put('/api/mappings/salesforce')
      .set(bearer)
      .send({ text: await salesforceText() })
      .expect(200);
    const run = await request(app).post('/api/runs').set(bearer).send({ dryRun: true }).expect(403);
    expect(run.body.error.message).toBe('Starting a run needs the admin role; you are an editor');
    const [saved] = await world.store.listAuditEvents({ action: 'mapping-saved', limit: 1 });
    expect(saved).toMatchObject({
      actor: { userId: user.id, name: user.name },
      subject: 'mappings/salesforce.yaml',
    });
  });

  it('documents the role of every operation in the OpenAPI document', async () => {
    const doc = await request(app)
      .get('/api/openapi.json')
      .set('Authorization', `Bearer ${TEST_TOKEN}`)
      .expect(200);
    const ops = Object.entries(
      doc.body.paths as Record<string, Record<string, { 'x-required-role'?: string }>>,
    );
    for (const [path, methods] of ops)
      for (const [method, op] of Object.entries(methods))
        expect(op['x-required-role'], `${method} ${path}`).toEqual(
          path === '/api/users' || path.startsWith('/api/users/')
            ? 'admin'
            : path === FIELD_PICKER
              ? 'editor'
              : method === 'get'
                ? 'viewer'
                : expect.stringMatching(/^(editor|admin)$/),
        );
    expect(doc.body.paths['/api/mappings/{name}'].put['x-required-role']).toBe('editor');
    expect(doc.body.paths['/api/runs'].post['x-required-role']).toBe('admin');
    expect(Object.keys(doc.body.paths['/api/audit.csv'].get.responses['200'].content)).toEqual(['text/csv']);
  });

  it('keeps the field picker (live CRM calls) for editors and up', async () => {
    const viewer = await person('viewer');
    const editor = await person('editor');
    const path = '/api/crm/salesforce/objects/Account/fields';
    const refused = await request(app).get(path).set('Authorization', `Bearer ${viewer.token}`).expect(403);
    expect(refused.body.error.message).toBe('Listing CRM fields needs the editor role; you are a viewer');
    await request(app).get(path).set('Authorization', `Bearer ${editor.token}`).expect(200);
  });

  it('keeps the Users page for admins and shows who is signed in', async () => {
    const { user, token } = await person('viewer');
    const viewer = await signInWith(app, token);
    expect(viewer.page).toContain(user.name);
    expect(viewer.page).toContain('<meta name="atlas-role" content="viewer">');
    expect(viewer.page).not.toContain('href="/users"');
    await request(app).get('/users').set('Cookie', viewer.cookie).expect(403);
    const admin = await signInWith(app, TEST_TOKEN);
    expect(admin.page).toContain('Administrator (admin token)');
    expect(admin.page).toContain('href="/users"');
    await request(app).get('/users').set('Cookie', admin.cookie).expect(200);
  });
});

describe('sessions', () => {
  it('survive a restart: a new app over the same store knows the session', async () => {
    const { token } = await person('editor');
    const { cookie, csrf } = await signInWith(app, token);
    const restarted = createApp(world.deps);
    await request(restarted).get('/api/runs').set('Cookie', cookie).expect(200);
    await request(restarted)
      .put('/api/mappings/salesforce')
      .set('Cookie', cookie)
      .set('x-csrf-token', csrf)
      .send({ text: await salesforceText() })
      .expect(200);
  });

  it('opened with the admin token end when the admin token changes, and survive a restart with the same one', async () => {
    const { cookie } = await signInWith(app, TEST_TOKEN);
    const rotated = createApp({ ...world.deps, adminToken: 'a-rotated-admin-token-0123456789' });
    await request(rotated).get('/api/runs').set('Cookie', cookie).expect(401);
    const page = await request(rotated).get('/runs').set('Cookie', cookie).expect(303);
    expect(page.headers.location).toBe('/login?next=%2Fruns');
    await request(createApp(world.deps)).get('/api/runs').set('Cookie', cookie).expect(200);
  });

  it('end when the user’s role changes or the user is disabled', async () => {
    const { user, token } = await person('editor');
    const first = await signInWith(app, token);
    await setUserRole(world.store, user, 'viewer', COMMAND_LINE_ACTOR);
    await request(app).get('/api/runs').set('Cookie', first.cookie).expect(401);
    const second = await signInWith(app, token);
    expect(second.page).toContain('<meta name="atlas-role" content="viewer">');
    const viewer = await world.store.getUser(user.id);
    if (!viewer) throw new Error('user vanished');
    await disableUser(world.store, viewer, COMMAND_LINE_ACTOR);
    await request(app).get('/api/runs').set('Cookie', second.cookie).expect(401);
    await request(app).get('/api/runs').set('Authorization', `Bearer ${token}`).expect(401);
  });
});

describe('sign-in audit', () => {
  it('records sign-ins, refusals (who tried, never the token) and sign-outs', async () => {
    const { user, token } = await person('viewer');
    const { cookie, csrf } = await signInWith(app, token);
    await request(app).post('/logout').set('Cookie', cookie).type('form').send({ csrf }).expect(303);
    const form = await request(app).get('/login');
    const loginCookie = [form.headers['set-cookie']].flat().find((c) => c?.startsWith('atlas_login_csrf='));
    await request(app)
      .post('/login')
      .set('Cookie', loginCookie?.split(';')[0] ?? '')
      .type('form')
      .send({ token: 'typed-wrong-token-1234', csrf: hiddenInput(form.text, 'csrf') })
      .expect(401);
    const events = await world.store.listAuditEvents({ limit: 3 });
    expect(events.map((e) => e.action)).toEqual(['sign-in-refused', 'sign-out', 'sign-in']);
    expect(events[2]).toMatchObject({ actor: { userId: user.id }, details: { via: 'token' } });
    expect(JSON.stringify(events)).not.toContain('typed-wrong-token');
    expect(JSON.stringify(events)).not.toContain(token);
  });

  it('serves the trail as JSON with sentences, and as CSV in words', async () => {
    const bearer = adminBearer;
    const { user } = await person('editor', 'Ana Souza');
    const res = await request(app).get('/api/audit?action=user-added&limit=1').set(bearer).expect(200);
    expect(res.body.events[0]).toMatchObject({
      subject: user.name,
      sentence: 'Added a user with the editor role',
    });
    const csv = await request(app).get('/api/audit.csv?action=user-added').set(bearer).expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const [header, newest] = csv.text.split('\n');
    expect(header).toBe('When (UTC),Who,Action,What,Subject,Details');
    expect(newest).toContain(
      'Users added,Added a user with the editor role,Ana Souza,e-mail ana.souza@example.com',
    );
    expect(csv.text).not.toContain(user.id);
    expect(csv.text).not.toContain('user-added');
    expect(csv.text).not.toContain('{');
  });

  it('escapes spreadsheet formulas in the CSV', async () => {
    await request(app)
      .post('/api/users')
      .set(adminBearer)
      .send({ name: '=HYPERLINK("http://evil.example","Open")', role: 'viewer' })
      .expect(201);
    const csv = await request(app).get('/api/audit.csv?action=user-added').set(adminBearer).expect(200);
    expect(csv.text).toContain(`"'=HYPERLINK(""http://evil.example"",""Open"")"`);
    expect(csv.text).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });

  it('shows e-mails, addresses and browsers to admins only, in the API and the CSV', async () => {
    const viewer = await person('viewer');
    const form = await request(app).get('/login');
    const loginCookie = [form.headers['set-cookie']].flat().find((c) => c?.startsWith('atlas_login_csrf='));
    await request(app)
      .post('/login')
      .set('Cookie', loginCookie?.split(';')[0] ?? '')
      .set('User-Agent', 'PrivateBrowser/1.0')
      .type('form')
      .send({ token: 'typed-wrong-token-5678', csrf: hiddenInput(form.text, 'csrf') })
      .expect(401);
    await person('editor', 'Carla Private');
    const asViewer = { Authorization: `Bearer ${viewer.token}` };
    const json = await request(app).get('/api/audit?limit=10').set(asViewer).expect(200);
    const csv = await request(app).get('/api/audit.csv').set(asViewer).expect(200);
    for (const seen of [JSON.stringify(json.body), csv.text]) {
      expect(seen).toContain('Carla Private');
      expect(seen).not.toContain('carla.private@example.com');
      expect(seen).not.toContain('PrivateBrowser');
      expect(seen).not.toMatch(/127\.0\.0\.1|::ffff/);
    }
    const admin = await request(app).get('/api/audit.csv').set(adminBearer).expect(200);
    expect(admin.text).toContain('carla.private@example.com');
    expect(admin.text).toContain('browser PrivateBrowser/1.0');
  });

  it('records users’ changes at the app’s clock', async () => {
    const at = new Date('2026-03-02T09:30:00.000Z');
    const clocked = createApp({ ...world.deps, now: () => at });
    const added = await request(clocked)
      .post('/api/users')
      .set(adminBearer)
      .send({ name: 'Dora Clock', role: 'viewer' })
      .expect(201);
    expect(added.body.user.createdAt).toBe(at.toISOString());
    const [event] = await world.store.listAuditEvents({ action: 'user-added', limit: 1 });
    expect(event).toMatchObject({ subject: 'Dora Clock', at: at.toISOString() });
  });
});

describe('users API', () => {
  it('refuses a new token for a disabled user, as the command line does', async () => {
    const { user, token } = await person('viewer');
    await request(app).put(`/api/users/${user.id}`).set(adminBearer).send({ disabled: true }).expect(200);
    const refused = await request(app).post(`/api/users/${user.id}/token`).set(adminBearer).expect(409);
    expect(refused.body.error.message).toBe(
      `${user.name} is disabled: a new token would not let them sign in`,
    );
    await request(app).get('/api/runs').set('Authorization', `Bearer ${token}`).expect(401);
  });
});
