/** Security of the admin server: every route but /health behind sign-in, cookies, CSRF, rate limit, headers, no secret shown. */
import pino from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, startServer } from '../../src/server/index.js';
import { createTestWorld, TEST_TOKEN, type TestWorld } from '../support/server-world.js';
import { hiddenInput, signIn } from '../support/sign-in.js';

let world: TestWorld;
beforeAll(async () => {
  world = await createTestWorld({ partners: 30 });
});
afterAll(async () => {
  await world.close();
});

const bearer = { Authorization: `Bearer ${TEST_TOKEN}` };

/** Concrete URLs for the OpenAPI paths: `{id}`-style parameters get a plausible value. */
function concrete(path: string): string {
  return path
    .replace('{cell}', encodeURIComponent('healthcare|data_ai'))
    .replace('{name}', 'salesforce')
    .replace('{version}', '20250101T000000000Z-0000')
    .replace('{system}', 'salesforce')
    .replace('{object}', 'Account')
    .replace(/\{[^}]+\}/g, 'x');
}

describe('authentication', () => {
  it('listens on 127.0.0.1 by default', async () => {
    const server = await startServer(world.deps, { port: 0 });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const health = await fetch(`${server.url}/health`);
      expect(await health.json()).toEqual({ status: 'ok' });
      expect((await fetch(`${server.url}/api/map`)).status).toBe(401);
    } finally {
      await server.close();
    }
  });

  it('answers /health without credentials', async () => {
    const res = await request(createApp(world.deps)).get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('answers 401 JSON on every API route without credentials, and with a wrong bearer token', async () => {
    const app = createApp(world.deps);
    const doc = await request(app).get('/api/openapi.json').set(bearer).expect(200);
    const operations = Object.entries(doc.body.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, methods]) => Object.keys(methods).map((method) => ({ path: concrete(path), method })),
    );
    expect(operations.length).toBeGreaterThanOrEqual(17);
    operations.push({ path: '/api/openapi.json', method: 'get' });
    for (const { path, method } of operations) {
      for (const headers of [{}, { Authorization: 'Bearer wrong-token-of-some-length' }]) {
        const call = request(app)[method as 'get' | 'post' | 'put'](path).set(headers);
        const res = await call;
        expect(res.status, `${method} ${path}`).toBe(401);
        expect(res.body.error.message).toMatch(/sign in/);
      }
    }
  });

  it('redirects every page to the sign-in page, remembering where the admin was going', async () => {
    const app = createApp(world.deps);
    for (const path of ['/', '/partners', '/partners/abc', '/match', '/runs', '/mappings']) {
      const res = await request(app).get(path).expect(303);
      expect(res.headers.location).toBe(`/login?next=${encodeURIComponent(path)}`);
    }
  });

  it('signs in with the admin token and sets an HttpOnly, SameSite=Strict session cookie (not Secure over plain HTTP)', async () => {
    const app = createApp(world.deps);
    const agent = request.agent(app);
    const form = await agent.get('/login').expect(200);
    const res = await agent
      .post('/login')
      .type('form')
      .send({ token: TEST_TOKEN, csrf: hiddenInput(form.text, 'csrf'), next: '/runs' })
      .expect(303);
    expect(res.headers.location).toBe('/runs');
    const cookie = [res.headers['set-cookie']].flat().find((c) => c?.startsWith('atlas_session='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toMatch(/Secure/);
    const page = await agent.get('/runs').expect(200);
    expect(page.text).toContain('<h1>Runs</h1>');
    const again = await agent.get('/login?next=%2Fmatch').expect(303);
    expect(again.headers.location).toBe('/match');
  });

  it('marks the session cookie Secure behind a TLS-terminating proxy', async () => {
    const app = createApp({ ...world.deps, trustProxy: 1 });
    const form = await request(app).get('/login').set('X-Forwarded-Proto', 'https').expect(200);
    const loginCookie = [form.headers['set-cookie']].flat().find((c) => c?.startsWith('atlas_login_csrf='));
    expect(loginCookie).toMatch(/Secure/);
    // A cookie jar keeps Secure cookies off plain HTTP, so the test sends it as the browser would over TLS.
    const res = await request(app)
      .post('/login')
      .set('X-Forwarded-Proto', 'https')
      .set('Cookie', loginCookie?.split(';')[0] ?? '')
      .type('form')
      .send({ token: TEST_TOKEN, csrf: hiddenInput(form.text, 'csrf') })
      .expect(303);
    const cookie = [res.headers['set-cookie']].flat().find((c) => c?.startsWith('atlas_session='));
    expect(cookie).toMatch(/Secure/);
    expect(res.headers['strict-transport-security']).toMatch(/max-age=/);
  });

  it('refuses a wrong token, a sign-in without its CSRF token, and an off-site redirect', async () => {
    const app = createApp(world.deps);
    const agent = request.agent(app);
    const form = await agent.get('/login').expect(200);
    const wrong = await agent
      .post('/login')
      .type('form')
      .send({ token: 'not-the-token', csrf: hiddenInput(form.text, 'csrf') })
      .expect(401);
    expect(wrong.text).toContain('Wrong admin token');
    expect(wrong.headers['set-cookie']?.toString() ?? '').not.toMatch(/atlas_session=/);
    await request(app).post('/login').type('form').send({ token: TEST_TOKEN, csrf: 'forged' }).expect(403);
    const again = await agent.get('/login?next=//evil.example/x').expect(200);
    expect(hiddenInput(again.text, 'next')).toBe('/');
    const ok = await agent
      .post('/login')
      .type('form')
      .send({ token: TEST_TOKEN, csrf: hiddenInput(again.text, 'csrf'), next: '//evil.example/x' })
      .expect(303);
    expect(ok.headers.location).toBe('/');
  });

  it('rate-limits failed sign-in attempts', async () => {
    const app = createApp({ ...world.deps, loginRateLimit: { windowMs: 60_000, limit: 3 } });
    const agent = request.agent(app);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const form = await agent.get('/login');
      const res = await agent
        .post('/login')
        .type('form')
        .send({ token: `wrong-${i}`, csrf: hiddenInput(form.text, 'csrf') });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });

  it('signs out: the session no longer works', async () => {
    const app = createApp(world.deps);
    const { agent, csrf } = await signIn(app);
    await agent.get('/api/runs').expect(200);
    await agent.post('/logout').type('form').send({ csrf }).expect(303);
    await agent.get('/api/runs').expect(401);
  });

  it('refuses an admin token too short to be a secret', () => {
    expect(() => createApp({ ...world.deps, adminToken: 'admin' })).toThrow(/at least 16 characters/);
  });
});

describe('CSRF', () => {
  it('refuses a cookie-authenticated change without the x-csrf-token header, and accepts it with the header', async () => {
    const app = createApp(world.deps);
    const { agent, csrf } = await signIn(app);
    const refused = await agent.post('/api/runs').send({ dryRun: true }).expect(403);
    expect(refused.body.error.field).toBe('x-csrf-token');
    await agent.post('/api/runs').set('x-csrf-token', 'wrong').send({ dryRun: true }).expect(403);
    const started = await agent
      .post('/api/runs')
      .set('x-csrf-token', csrf)
      .send({ dryRun: true })
      .expect(202);
    await world.deps.runs.finished(started.body.runId);
  });

  it('does not ask bearer-token API clients for a CSRF token', async () => {
    const app = createApp(world.deps);
    const started = await request(app).post('/api/runs').set(bearer).send({ dryRun: true }).expect(202);
    await world.deps.runs.finished(started.body.runId);
  });
});

describe('headers and secrets', () => {
  it('sends security headers (helmet) with a CSP that forbids inline scripts', async () => {
    const res = await request(createApp(world.deps)).get('/login').expect(200);
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.text).not.toMatch(/<script>/);
  });

  it('logs sign-ins and refusals without what was typed', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const app = createApp({ ...world.deps, logger });
    const agent = request.agent(app);
    const form = await agent.get('/login');
    await agent
      .post('/login')
      .type('form')
      .send({ token: 'typed-wrong-token', csrf: hiddenInput(form.text, 'csrf') })
      .expect(401);
    await signIn(app);
    const log = lines.join('');
    expect(log).toMatch(/admin sign-in refused/);
    expect(log).toMatch(/admin signed in/);
    expect(log).not.toContain('typed-wrong-token');
    expect(log).not.toContain(TEST_TOKEN);
  });

  it('never renders the admin token, in pages or API answers', async () => {
    const app = createApp(world.deps);
    const { agent } = await signIn(app);
    for (const path of [
      '/',
      '/partners',
      '/match',
      '/runs',
      '/mappings',
      '/api/map',
      '/api/runs',
      '/api/mappings',
      '/api/openapi.json',
    ]) {
      const res = await agent.get(path);
      expect(res.status, path).toBe(200);
      expect(res.text, path).not.toContain(TEST_TOKEN);
    }
    const login = await request(app).get('/login').expect(200);
    expect(login.text).not.toContain(TEST_TOKEN);
  });

  it('serves Chart.js and the page modules without sign-in, and no API without it', async () => {
    const app = createApp(world.deps);
    const chart = await request(app).get('/assets/vendor/chart.umd.js').expect(200);
    expect(chart.text).toMatch(/Chart/);
    await request(app)
      .get('/assets/map-page.js')
      .expect(200)
      .expect('Content-Type', /javascript/);
  });
});
