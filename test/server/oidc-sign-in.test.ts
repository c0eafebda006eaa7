/**
 * Single sign-on end to end, in-process: Atlas's server and a local OpenID Connect provider (test/support),
 * the browser's part played with fetch and its cookies by hand. No network beyond 127.0.0.1.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_LINE_ACTOR } from '../../src/server/audit.js';
import { type ServerDeps, startServer } from '../../src/server/index.js';
import { PendingFlows } from '../../src/server/oidc.js';
import { addUser } from '../../src/server/users.js';
import { openStore, type Store } from '../../src/store/index.js';
import { mappingDir } from '../support/mapping-dir.js';
import { type OidcTestUser, startTestOidcProvider, type TestOidcProvider } from '../support/oidc-provider.js';
import { TEST_TOKEN } from '../support/server-world.js';

let provider: TestOidcProvider;
let store: Store;
let server: { url: string; close: () => Promise<void> };
const cleanups: (() => void)[] = [];

beforeAll(async () => {
  provider = await startTestOidcProvider();
  const dbDir = mkdtempSync(join(tmpdir(), 'atlas-oidc-'));
  const mappings = mappingDir();
  cleanups.push(() => rmSync(dbDir, { recursive: true, force: true }), mappings.cleanup);
  store = await openStore({ dbPath: join(dbDir, 'atlas.db') });
  const deps: ServerDeps = {
    store,
    mappingsDir: mappings.dir,
    adminToken: TEST_TOKEN,
    oidc: {
      issuer: provider.issuer,
      clientId: provider.clientId,
      clientSecret: provider.clientSecret,
      providerName: 'Test Identity',
    },
    runs: { start: async () => ({ runId: 'never' }) },
    crm: {
      describeFields: async () => [],
      previewRecords: async () => ({ records: [], issues: [] }),
      previewWriteback: async () => null,
    },
  };
  server = await startServer(deps, { port: 0 });
});
afterAll(async () => {
  await server?.close();
  await store?.close();
  await provider?.close();
  for (const cleanup of cleanups) cleanup();
});

/** The `name=value` of a cookie a response sets. */
function cookieOf(res: Response, name: string): string | undefined {
  return res.headers
    .getSetCookie()
    .find((c) => c.startsWith(`${name}=`))
    ?.split(';')[0];
}

/** Goes through the whole flow as `user` and returns Atlas's answer to the provider's redirect back. */
async function signInThroughProvider(user: OidcTestUser, next = '/runs') {
  provider.signInAs(user);
  const start = await fetch(`${server.url}/login/oidc?next=${encodeURIComponent(next)}`, {
    redirect: 'manual',
  });
  expect(start.status).toBe(303);
  const flowCookie = cookieOf(start, 'atlas_oidc') ?? '';
  const authorize = new URL(start.headers.get('location') ?? '');
  expect(authorize.origin).toBe(provider.issuer);
  expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorize.searchParams.get('state')).toBeTruthy();
  expect(authorize.searchParams.get('nonce')).toBeTruthy();
  const back = await fetch(authorize, { redirect: 'manual' });
  const callback = back.headers.get('location') ?? '';
  expect(callback.startsWith(`${server.url}/login/oidc/callback?`)).toBe(true);
  return { answer: await fetch(callback, { headers: { cookie: flowCookie }, redirect: 'manual' }), callback };
}

describe('single sign-on (OpenID Connect)', () => {
  it('offers "Sign in with <provider>" on the sign-in page', async () => {
    const page = await (await fetch(`${server.url}/login`)).text();
    expect(page).toContain('Sign in with Test Identity');
  });

  it('links an invited user by verified e-mail at the first sign-in, then knows them by subject', async () => {
    const { user } = await addUser(
      store,
      { name: 'Ana Souza', email: 'ana@example.com', role: 'editor' },
      COMMAND_LINE_ACTOR,
    );
    const { answer } = await signInThroughProvider({
      sub: 'ana-123',
      email: 'ANA@example.com',
      emailVerified: true,
    });
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain('url=/runs');
    const session = cookieOf(answer, 'atlas_session');
    expect(session).toBeDefined();
    const runs = await fetch(`${server.url}/runs`, { headers: { cookie: session ?? '' } });
    expect(runs.status).toBe(200);
    expect(await runs.text()).toContain('Ana Souza');
    expect(await store.getUser(user.id)).toMatchObject({
      oidcIssuer: provider.issuer,
      oidcSubject: 'ana-123',
    });

    // Known by issuer + subject now: a changed e-mail at the provider does not matter.
    const again = await signInThroughProvider({ sub: 'ana-123', email: 'ana.souza@elsewhere.example' });
    expect(cookieOf(again.answer, 'atlas_session')).toBeDefined();
    const [signIn] = await store.listAuditEvents({ action: 'sign-in', limit: 1 });
    expect(signIn).toMatchObject({ actor: { userId: user.id, name: 'Ana Souza' }, details: { via: 'oidc' } });
  });

  it('refuses someone who was not invited, and an unverified e-mail, with a page that says why', async () => {
    const stranger = await signInThroughProvider({
      sub: 'eve-1',
      email: 'eve@example.com',
      emailVerified: true,
    });
    expect(stranger.answer.status).toBe(403);
    expect(await stranger.answer.text()).toContain('eve@example.com is not a user of Partner Atlas');
    expect(cookieOf(stranger.answer, 'atlas_session')).toBeUndefined();

    await addUser(store, { name: 'Bo Lind', email: 'bo@example.com', role: 'viewer' }, COMMAND_LINE_ACTOR);
    const unverified = await signInThroughProvider({
      sub: 'bo-1',
      email: 'bo@example.com',
      emailVerified: false,
    });
    expect(unverified.answer.status).toBe(403);
    expect(await unverified.answer.text()).toMatch(/no verified e-mail/);
    const [refused] = await store.listAuditEvents({ action: 'sign-in-refused', limit: 1 });
    expect(refused).toMatchObject({ details: { email: 'bo@example.com', subject: 'bo-1' } });
  });

  it('accepts email_verified sent as the string "true", as some providers do', async () => {
    const { user } = await addUser(
      store,
      { name: 'Cy Ng', email: 'cy@example.com', role: 'viewer' },
      COMMAND_LINE_ACTOR,
    );
    const { answer } = await signInThroughProvider({
      sub: 'cy-1',
      email: 'cy@example.com',
      emailVerified: 'true',
    });
    expect(answer.status).toBe(200);
    expect(cookieOf(answer, 'atlas_session')).toBeDefined();
    expect(await store.getUser(user.id)).toMatchObject({ oidcSubject: 'cy-1' });
    const refused = await signInThroughProvider({
      sub: 'cy-2',
      email: 'cy@example.com',
      emailVerified: 'false',
    });
    expect(refused.answer.status).toBe(403);
  });

  it('never takes the callback URL from a Host header other than loopback', async () => {
    const res = await request(server.url).get('/login/oidc').set('Host', 'atlas.evil.example').expect(400);
    expect(res.headers.location).toBeUndefined();
    expect(res.text).toContain('ATLAS_OIDC_REDIRECT_URL');
    expect(res.text).not.toContain('atlas.evil.example');
  });

  it('refuses a callback without the browser’s flow cookie (a forged or replayed redirect)', async () => {
    provider.signInAs({ sub: 'ana-123' });
    const start = await fetch(`${server.url}/login/oidc`, { redirect: 'manual' });
    const back = await fetch(new URL(start.headers.get('location') ?? ''), { redirect: 'manual' });
    const answer = await fetch(back.headers.get('location') ?? '', { redirect: 'manual' });
    expect(answer.status).toBe(400);
    expect(cookieOf(answer, 'atlas_session')).toBeUndefined();
  });
});

describe('sign-ins waiting for the provider', () => {
  it('keep at most their cap, dropping the oldest first, and sweep expired ones', () => {
    const flows = new PendingFlows<{ expiresAt: number; n: number }>(3);
    for (let n = 1; n <= 4; n++) flows.add(`k${n}`, { expiresAt: 1000, n }, 0);
    expect(flows.size).toBe(3);
    expect(flows.take('k1', 0)).toBeUndefined();
    expect(flows.take('k2', 0)).toMatchObject({ n: 2 });
    expect(flows.take('k2', 0)).toBeUndefined();
    flows.add('k5', { expiresAt: 3000, n: 5 }, 1000);
    expect(flows.size).toBe(1);
    expect(flows.take('k5', 3000)).toBeUndefined();
  });
});
