/** Security of the admin server: every route but /health behind sign-in, cookies, CSRF, rate limit, headers, no secret shown. */
import pino from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, startServer } from '../../src/server/index.js';
import { createTestWorld, TEST_TOKEN, type TestWorld } from '../support/server-world.js';
import { hiddenInput, sessionCookie, signIn, signInOverHttps } from '../support/sign-in.js';

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
      expect(await health.json()).toEqual({ status: 'ok', schedule: { armed: false } });
      expect((await fetch(`${server.url}/api/map`)).status).toBe(401);
    } finally {
      await server.close();
    }
  });

  it('answers /health without credentials', async () => {
    const res = await request(createApp(world.deps)).get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', schedule: { armed: false } });
  });

  it('answers 401 JSON on every API route without credentials, and with a wrong bearer token', async () => {
    // One wrong token per route: more than the throttle's default allows before answering 429.
    const app = createApp({ ...world.deps, authFailureLimit: { windowMs: 60_000, limit: 1000 } });
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
    for (const path of [
      '/',
      '/partners',
      '/partners/abc',
      '/match',
      '/runs',
      '/mappings',
      '/audit',
      '/users',
    ]) {
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

  it('shows no text a link chose on the sign-in page (no ?error= message)', async () => {
    const lure = 'Session expired: call the helpdesk at +1 555 0100';
    const res = await request(createApp(world.deps))
      .get(`/login?error=${encodeURIComponent(lure)}`)
      .expect(200);
    expect(res.text).not.toContain('helpdesk');
  });

  it('marks the session cookie Secure and sends HSTS behind a TLS-terminating proxy', async () => {
    const { loginCookie, signedIn } = await signInOverHttps(createApp({ ...world.deps, trustProxy: 1 }));
    expect(loginCookie).toMatch(/Secure/);
    expect(sessionCookie(signedIn)).toMatch(/Secure/);
    expect(signedIn.headers['strict-transport-security']).toMatch(/max-age=/);
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
    expect(wrong.text).toContain('Wrong token');
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

  it('signs out: the session no longer works', async () => {
    const app = createApp(world.deps);
    const { agent, csrf } = await signIn(app);
    await agent.get('/api/runs').expect(200);
    await agent.post('/logout').type('form').send({ csrf }).expect(303);
    await agent.get('/api/runs').expect(401);
  });

  it('sends neither Secure cookies nor HSTS without trust proxy, whatever X-Forwarded-Proto says', async () => {
    const form = await request(createApp(world.deps)).get('/login').set('X-Forwarded-Proto', 'https');
    expect(form.headers['set-cookie']?.toString()).not.toMatch(/Secure/);
    expect(form.headers['strict-transport-security']).toBeUndefined();
  });

  it('sends neither Secure cookies nor HSTS behind a trusted proxy when the request came over plain HTTP', async () => {
    const app = createApp({ ...world.deps, trustProxy: 1 });
    const form = await request(app).get('/login').set('X-Forwarded-Proto', 'http');
    expect(form.headers['set-cookie']?.toString()).not.toMatch(/Secure/);
    expect(form.headers['strict-transport-security']).toBeUndefined();
  });

  it('refuses an admin token too short to be a secret', () => {
    expect(() => createApp({ ...world.deps, adminToken: 'admin' })).toThrow(/at least 16 characters/);
  });
});

/** Posts the sign-in form with `token` from a fresh form; the response. */
async function postSignIn(app: ReturnType<typeof createApp>, token: string) {
  const agent = request.agent(app);
  const form = await agent.get('/login').expect(200);
  return agent
    .post('/login')
    .type('form')
    .send({ token, csrf: hiddenInput(form.text, 'csrf') });
}

describe('throttle on wrong admin tokens', () => {
  it('refuses bearer guesses with 429 and Retry-After after the limit, and still accepts the valid token', async () => {
    const server = await startServer(world.deps, { port: 0 });
    try {
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 300; i++) {
        const res = await fetch(`${server.url}/api/runs`, {
          headers: { Authorization: `Bearer guess-${i}` },
        });
        statuses.push(res.status);
        retryAfter = res.headers.get('retry-after');
        await res.arrayBuffer();
      }
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
      expect(new Set(statuses.slice(10))).toEqual(new Set([429]));
      expect(Number(retryAfter)).toBeGreaterThan(0);
      const valid = await fetch(`${server.url}/api/runs`, { headers: bearer });
      expect(valid.status).toBe(200);
      const refused = await fetch(`${server.url}/api/runs`, {
        headers: { Authorization: 'Bearer one-more' },
      });
      expect(refused.status).toBe(429);
      expect(await refused.text()).toMatch(/Too many wrong tokens/);
    } finally {
      await server.close();
    }
  });

  it('lets the real admin sign in after 10 failed sign-ins from the same address', async () => {
    const app = createApp(world.deps);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await postSignIn(app, `wrong-${i}`)).status);
    expect(statuses).toEqual([...Array(10).fill(401), 429]);
    const locked = await postSignIn(app, 'wrong-again');
    expect(locked.status).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(locked.text).toContain('Too many wrong tokens');
    const ok = await postSignIn(app, TEST_TOKEN);
    expect(ok.status).toBe(303);
    expect(ok.headers['set-cookie']?.toString()).toMatch(/atlas_session=/);
  });

  it('counts bearer and sign-in failures together, and forgets them when the window ends', async () => {
    let now = new Date('2026-01-01T00:00:00Z');
    const app = createApp({
      ...world.deps,
      now: () => now,
      authFailureLimit: { windowMs: 60_000, limit: 3 },
    });
    for (let i = 0; i < 2; i++)
      await request(app).get('/api/runs').set('Authorization', 'Bearer x').expect(401);
    expect((await postSignIn(app, 'wrong')).status).toBe(401);
    expect((await postSignIn(app, 'wrong')).status).toBe(429);
    await request(app)
      .get('/api/runs')
      .set('Authorization', 'Bearer x')
      .expect(429)
      .expect('Retry-After', '60');
    now = new Date(now.getTime() + 60_000);
    expect((await postSignIn(app, 'wrong')).status).toBe(401);
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
    expect(log).toMatch(/sign-in refused/);
    expect(log).toMatch(/signed in/);
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

  it('answers 404 with a plain message for missing assets', async () => {
    const app = createApp(world.deps);
    for (const path of ['/assets/nope.js', '/assets/vendor/nope.js', '/assets/vendor/cytoscape/nope.js']) {
      const res = await request(app).get(path);
      expect(res.status, path).toBe(404);
      expect(res.text, path).toBe(`No such file: ${path}`);
    }
  });
});
