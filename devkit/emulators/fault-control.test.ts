// E2E: both emulators in-process with a faults file, faults changed through /__emulator/faults, and real clients meeting the 429 / 503 / stall.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@hubspot/api-client';
import jsforce from 'jsforce';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { applyFaultsFile } from '../seeder/start-emulators.js';
import { startHubSpotEmulator } from './hubspot/index.js';
import { readFaultsFile } from './kit/index.js';
import { startSalesforceEmulator } from './salesforce/index.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const FAULTS_YAML = `
salesforce:
  tokenEndpoint: { failures: 1, status: 503 }
  rateLimit: { count: 1, retryAfterSeconds: 3 }
hubspot:
  stalls: { count: 1 }
`;

/** Both emulators with the faults file above in force, as `npm run emulators -- start --faults` leaves them. */
async function startWithFaultsFile() {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-faults-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'faults.yaml');
  writeFileSync(file, FAULTS_YAML);
  const salesforce = await startSalesforceEmulator({ seed: 1 });
  cleanups.push(() => salesforce.close());
  const hubspot = await startHubSpotEmulator({ seed: 1 });
  cleanups.push(() => hubspot.close());
  salesforce.state.insertMany('Account', [{ Name: 'Acme' }]);
  applyFaultsFile({ salesforce, hubspot }, readFaultsFile(file));
  return { salesforce, hubspot };
}

const RequestsSchema = z.object({ entries: z.array(z.object({ route: z.string(), status: z.number() })) });

async function control(url: string, method: string, body?: unknown) {
  const res = await fetch(`${url}/__emulator/faults`, {
    method,
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  return { status: res.status, body: z.record(z.string(), z.unknown()).parse(await res.json()) };
}

describe('rehearsing failures from outside', () => {
  it('Salesforce: the file takes the token endpoint down once and queues a 429; the control endpoint adds a 503', async () => {
    const { salesforce: sf } = await startWithFaultsFile();
    const c = sf.credentials;
    const login = () =>
      fetch(`${sf.url}/services/oauth2/token`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'password',
          client_id: c.clientId,
          client_secret: c.clientSecret,
          username: c.username,
          password: c.password,
        }),
      });
    const down = await login();
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ error: 'unknown_error', error_description: 'retry your request' });

    // The outage is spent: jsforce logs in with the password flow.
    const conn = new jsforce.Connection({
      loginUrl: sf.url,
      oauth2: { loginUrl: sf.url, clientId: c.clientId, clientSecret: c.clientSecret },
      version: '62.0',
    });
    await conn.login(c.username, c.password);
    const query = () =>
      fetch(`${sf.url}/services/data/v62.0/query?q=${encodeURIComponent('SELECT Name FROM Account')}`, {
        headers: { authorization: `Bearer ${conn.accessToken}` },
      });
    const limited = await query();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect(await limited.json()).toEqual([
      { message: expect.any(String), errorCode: 'REQUEST_LIMIT_EXCEEDED' },
    ]);

    const replaced = await control(sf.url, 'POST', { serverErrors: { count: 1, status: 503 } });
    expect(replaced.status).toBe(200);
    expect(replaced.body.pending).toMatchObject({ serverErrors: 1, tooManyRequests: 0 });
    // jsforce meets the 503 and retries the GET by itself.
    expect((await conn.query<{ Name: string }>('SELECT Name FROM Account')).records[0]?.Name).toBe('Acme');

    // The log saw the faults; the control calls themselves are neither faulted nor logged.
    const log = RequestsSchema.parse(
      await fetch(`${sf.url}/__emulator/requests?limit=10`).then((r) => r.json()),
    );
    expect(log.entries.map((e) => [e.route, e.status])).toEqual([
      ['POST /oauth2/token', 503],
      ['POST /oauth2/token', 200],
      ['GET /query', 429],
      ['GET /query', 503],
      ['GET /query', 200],
    ]);
  });

  it('HubSpot: the file stalls the next request; the control endpoint swaps in a 429 burst, then clears it', async () => {
    const { hubspot: hs } = await startWithFaultsFile();
    const token = hs.tokens[0] ?? '';
    const client = new Client({ accessToken: token, basePath: hs.url, numberOfApiCallRetries: 0 });

    // The stalled request is accepted and never answered: the caller's own timeout ends it.
    const stalled = fetch(`${hs.url}/crm/v3/objects/companies`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(300),
    });
    await expect(stalled).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(await hs.log.waitFor((e) => e.fault === 'stall')).toMatchObject({ status: 0 });

    const replaced = await control(hs.url, 'POST', { rateLimit: { count: 1, retryAfterSeconds: 1 } });
    expect(replaced.body.pending).toMatchObject({ tooManyRequests: 1, stalls: 0 });
    const limited = await client.crm.companies.basicApi.getPage(1).catch((e: unknown) => e);
    expect(limited).toMatchObject({
      code: 429,
      body: { errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING' },
      headers: { 'retry-after': '1', 'x-hubspot-ratelimit-max': expect.any(String) },
    });
    await expect(client.crm.companies.basicApi.getPage(1)).resolves.toBeDefined();

    const bad = await control(hs.url, 'POST', { rateLimit: { cuont: 2 } });
    expect(bad).toMatchObject({
      status: 400,
      body: { problems: expect.arrayContaining(['rateLimit.cuont: unknown key "cuont"']) },
    });

    await control(hs.url, 'POST', { serverErrors: { rate: 1 } });
    const cleared = await control(hs.url, 'DELETE');
    expect(cleared.body.config).toMatchObject({ errorRate: 0 });
    expect((await control(hs.url, 'GET')).body.pending).toEqual({
      tooManyRequests: 0,
      serverErrors: 0,
      drops: 0,
      stalls: 0,
      tokenEndpointErrors: 0,
    });
    await expect(client.crm.companies.basicApi.getPage(1)).resolves.toBeDefined();
  });

  it('answers 404 for unknown control routes, never colliding with the CRM paths', async () => {
    const { salesforce: sf } = await startWithFaultsFile();
    const res = await fetch(`${sf.url}/__emulator/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({
      routes: expect.arrayContaining(['GET /__emulator/requests?limit=N']),
    });
  });
});
