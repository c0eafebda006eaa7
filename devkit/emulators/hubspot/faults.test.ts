// E2E: injected faults through @hubspot/api-client: 5xx, 429 bursts, dropped sockets, latency, tokens dying mid-run, 207 record failures, request log.
import { Client } from '@hubspot/api-client';
import { describe, expect, it } from 'vitest';
import { useWorlds } from '../../../test/support/hubspot-world.js';

const open = useWorlds();

describe('HubSpot emulator: request faults', () => {
  it('answers queued 5xx with HubSpot’s error body and logs them', async () => {
    const w = await open();
    w.emulator.faults.failNext(1, 502);
    const failed = await w.client.crm.companies.basicApi.getPage(1).catch((e: unknown) => e);
    expect(failed).toMatchObject({ code: 502, body: { category: 'INTERNAL_ERROR' } });
    await expect(w.client.crm.companies.basicApi.getPage(1)).resolves.toBeDefined();
    const entry = await w.emulator.log.waitFor((e) => e.fault === 'server-error');
    expect(entry).toMatchObject({ status: 502, route: 'GET /crm/v3/objects/companies' });
  });

  it('injects a 5xx rate deterministically: the same seed fails the same requests', async () => {
    const statuses = async (seed: number) => {
      const w = await open({ seed, faults: { errorRate: 0.3 } });
      const out: number[] = [];
      for (let i = 0; i < 20; i++) out.push((await w.fetchJson('GET', '/crm/v3/objects/deals')).status);
      return out;
    };
    const a = await statuses(7);
    const b = await statuses(7);
    const c = await statuses(8);
    expect(a).toEqual(b);
    expect(a.filter((s) => s === 503).length).toBeGreaterThan(0);
    expect(a).not.toEqual(c);
  });

  it('answers a 429 burst with the ten-secondly body and Retry-After, then serves again', async () => {
    const w = await open({ faults: { retryAfterSeconds: 2 } });
    w.emulator.faults.burst429(2);
    for (let i = 0; i < 2; i++) {
      const raw = await w.fetchJson('GET', '/crm/v3/objects/deals');
      expect(raw.status).toBe(429);
      expect(raw.headers.get('retry-after')).toBe('2');
      expect(raw.headers.get('x-hubspot-ratelimit-max')).toBe('190');
      expect(raw.body).toMatchObject({ errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING' });
    }
    await expect(w.client.crm.deals.basicApi.getPage(1)).resolves.toBeDefined();
    expect(w.emulator.faults.stats.tooManyRequests).toBe(2);
  });

  it('drops a connection: the client call rejects without an HTTP answer, and the log records status 0', async () => {
    const w = await open();
    w.emulator.faults.dropNext();
    const dropped = await w.client.crm.deals.basicApi.getPage(1).catch((e: unknown) => e);
    expect(dropped).toBeInstanceOf(Error);
    expect(dropped).not.toHaveProperty('code', 200);
    const entry = await w.emulator.log.waitFor((e) => e.fault === 'drop');
    expect(entry.status).toBe(0);
    await expect(w.client.crm.deals.basicApi.getPage(1)).resolves.toBeDefined();
  });

  it('never faults the token endpoint, so a client can always re-authenticate', async () => {
    const w = await open({ faults: { dropRate: 1 } });
    const issued = await w.refreshOAuth();
    expect(issued.accessToken).toMatch(/^emulator-oauth-/);
    await expect(w.client.crm.deals.basicApi.getPage(1)).rejects.toBeInstanceOf(Error);
    expect(w.emulator.faults.stats.dropped).toBe(1);
  });

  it('adds latency to answers', async () => {
    const w = await open({ faults: { latencyMs: 40 } });
    await w.client.crm.deals.basicApi.getPage(1);
    const entry = await w.emulator.log.waitFor((e) => e.route === 'GET /crm/v3/objects/deals');
    expect(entry.durationMs).toBeGreaterThanOrEqual(35);
    expect(w.emulator.faults.stats.delayed).toBe(1);
  });

  it('kills OAuth tokens mid-run every N requests; the token endpoint stays reachable', async () => {
    // The token endpoint is exempt: it neither fails nor counts toward the expiry period.
    const w = await open({ faults: { expireTokensEveryRequests: 2 } });
    const refresh = async () => (await w.refreshOAuth()).accessToken;
    const client = new Client({ accessToken: await refresh(), basePath: w.emulator.url });
    await client.crm.deals.basicApi.getPage(1);
    const died = await client.crm.deals.basicApi.getPage(1).catch((e: unknown) => e);
    expect(died).toMatchObject({ code: 401, body: { category: 'EXPIRED_AUTHENTICATION' } });
    client.setAccessToken(await refresh());
    await expect(client.crm.deals.basicApi.getPage(1)).resolves.toBeDefined();
    // The private app token is not an OAuth token: it survives.
    await expect(w.client.crm.deals.basicApi.getPage(1)).resolves.toBeDefined();
    expect(w.emulator.faults.stats.tokenExpiries).toBeGreaterThanOrEqual(1);
  });
});

describe('HubSpot emulator: per-record write failures', () => {
  it('fails a deterministic share of records with 207; a retry of the failed ones can pass', async () => {
    const run = async () => {
      const w = await open({ seed: 11, faults: { recordFailures: { rate: 0.3 } } });
      const ids = w.emulator.state.insertMany(
        'companies',
        Array.from({ length: 50 }, (_, i) => ({ properties: { name: `C${i}` } })),
      );
      const res = await w.client.crm.companies.batchApi.update({
        inputs: ids.map((id) => ({ id, properties: { partner_tier: 'gold' } })),
      });
      const failed = 'errors' in res ? (res.errors ?? []).flatMap((e) => e.context?.ids ?? []) : [];
      return { w, ids, res, failed };
    };
    const first = await run();
    const second = await run();
    expect(first.failed.length).toBeGreaterThan(0);
    expect(first.failed).toEqual(second.failed);
    expect(first.res.results).toHaveLength(50 - first.failed.length);
    expect('numErrors' in first.res && first.res.numErrors).toBe(first.failed.length);
    for (const id of first.failed)
      expect(first.w.emulator.state.get('companies', id)?.properties.partner_tier).toBeUndefined();
    const retry = await first.w.client.crm.companies.batchApi.update({
      inputs: first.failed.map((id) => ({ id, properties: { partner_tier: 'gold' } })),
    });
    expect(retry.results.length).toBeGreaterThan(0);
  });

  it('fails named records every time, in create (by objectWriteTraceId) and upsert too', async () => {
    const w = await open({
      faults: { recordFailures: { ids: { 'trace-2': 'VALIDATION_ERROR', 'x@example.com': 'CONFLICT' } } },
    });
    const created = await w.client.crm.companies.batchApi.create({
      inputs: [
        { properties: { name: 'A' }, associations: [], objectWriteTraceId: 'trace-1' },
        { properties: { name: 'B' }, associations: [], objectWriteTraceId: 'trace-2' },
      ],
    });
    expect(created.results.map((r) => r.properties.name)).toEqual(['A']);
    expect('errors' in created && created.errors?.[0]).toMatchObject({
      category: 'VALIDATION_ERROR',
      context: { objectWriteTraceId: ['trace-2'] },
    });
    const upserted = await w.client.crm.contacts.batchApi.upsert({
      inputs: [{ id: 'x@example.com', idProperty: 'email', properties: { firstname: 'X' } }],
    });
    expect(upserted.results).toEqual([]);
    expect('errors' in upserted && upserted.errors?.[0]?.context).toEqual({ ids: ['x@example.com'] });
  });
});

describe('HubSpot emulator: request log', () => {
  it('counts requests per normalised route and method', async () => {
    const w = await open();
    const [deal] = w.emulator.state.insertMany('deals', [{ properties: { dealname: 'D' } }]);
    await w.client.crm.deals.basicApi.getById(deal ?? '');
    await w.client.crm.deals.basicApi.getById(deal ?? '');
    await w.client.crm.deals.searchApi.doSearch({ limit: 1 });
    await w.client.crm.deals.batchApi.read({
      inputs: [{ id: deal ?? '' }],
      properties: [],
      propertiesWithHistory: [],
    });
    await w.client.crm.associations.v4.basicApi.getPage('deals', deal ?? '', 'companies');
    await w.client.crm.lists.listsApi.create({ name: 'L', objectTypeId: '0-2', processingType: 'MANUAL' });
    expect(w.emulator.log.counts()).toEqual({
      'GET /crm/v3/objects/deals/:objectId': 2,
      'GET /crm/v4/objects/deals/:objectId/associations/companies': 1,
      'POST /crm/v3/lists': 1,
      'POST /crm/v3/objects/deals/batch/read': 1,
      'POST /crm/v3/objects/deals/search': 1,
    });
    expect(w.emulator.log.total).toBe(6);
  });
});
