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
            : method === 'get'
              ? 'viewer'
              : expect.stringMatching(/^(editor|admin)$/),
        );
    expect(doc.body.paths['/api/mappings/{name}'].put['x-required-role']).toBe('editor');
    expect(doc.body.paths['/api/runs'].post['x-required-role']).toBe('admin');
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

  it('serves the trail as JSON with sentences, and as CSV', async () => {
    const bearer = { Authorization: `Bearer ${TEST_TOKEN}` };
    const { user } = await person('editor', 'Ana Souza');
    const res = await request(app).get('/api/audit?action=user-added&limit=1').set(bearer).expect(200);
    expect(res.body.events[0]).toMatchObject({
      subject: user.name,
      sentence: 'Added a user with the editor role',
    });
    const csv = await request(app).get('/api/audit.csv?action=user-added').set(bearer).expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text.split('\n')[0]).toBe('When (UTC),Who,Action,What,Subject,Details');
    expect(csv.text).toContain('Ana Souza');
  });
});
