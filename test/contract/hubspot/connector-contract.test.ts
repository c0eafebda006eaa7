// Contract: the HubSpot connector against HubSpot's documented payloads replayed by nock to the real
// @hubspot/api-client: 429 policy bodies without Retry-After, the daily limit, 207 multi-status updates,
// v4 association reads, OAuth refresh, expired tokens.
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHubSpotConnector } from '../../../connectors/hubspot/index.js';
import type { ReadPage, ReadPlan } from '../../../connectors/types.js';
import { CrmApiError } from '../../../src/errors.js';
import { loadFixture } from '../../support/hubspot-world.js';

const BASE = 'https://api.hubapi.com';
let n = 0;

beforeAll(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
});

/** A connector on HubSpot's public host whose waits are recorded instead of slept. */
async function connect(auth?: Parameters<typeof createHubSpotConnector>[0]['auth']) {
  const waits: number[] = [];
  let now = Date.parse('2026-01-15T10:00:00Z');
  const connector = await createHubSpotConnector({
    // A distinct placeholder token per test: each gets its own portal limiter.
    auth: auth ?? { kind: 'private-app', accessToken: `pat-na1-contract-${++n}` },
    // Incremental reads go straight to the search for changes (no object count first).
    smallObjectMax: 0,
    now: () => new Date(now),
    sleep: async (ms) => {
      waits.push(ms);
      now += ms;
    },
  });
  return { connector, waits };
}

const dealsPlan: ReadPlan = {
  system: 'hubspot',
  entity: 'deals',
  object: 'deals',
  fields: ['dealname', 'amount'],
  children: [],
  associations: [],
  filter: [],
  modifiedField: 'hs_lastmodifieddate',
};

async function collect(pages: AsyncIterable<ReadPage>): Promise<ReadPage[]> {
  const out: ReadPage[] = [];
  for await (const p of pages) out.push(p);
  return out;
}

const incremental = {
  cursor: { v: 1, mode: 'done', since: '2024-01-01T00:00:00.000Z' },
  runStartedAt: '2026-01-15T10:00:00.000Z',
  lookbackMs: 0,
};

describe('HubSpot connector contract: rate limits', () => {
  for (const [fixture, wait] of [
    ['error-rate-limit-ten-secondly', 10_000],
    ['error-rate-limit-secondly', 1_000],
  ] as const) {
    it(`waits what the ${fixture.replace('error-rate-limit-', '')} policy says when no Retry-After comes, then retries`, async () => {
      const limited = loadFixture(fixture);
      const search = loadFixture('objects-search');
      const scope = nock(BASE)
        .post('/crm/v3/objects/deals/search')
        .reply(429, limited.response as nock.Body)
        .post('/crm/v3/objects/deals/search')
        .reply(200, { ...(search.response as object), paging: undefined, total: 1 });
      const { connector, waits } = await connect();
      const pages = await collect(connector.read(dealsPlan, incremental));
      expect(pages.flatMap((p) => p.records.map((r) => r.id))).toEqual(['30000000001']);
      expect(waits).toContain(wait);
      expect(connector.usage()).toMatchObject({ rateLimited: 1, retries: 1 });
      expect(scope.isDone()).toBe(true);
    });
  }

  it('honours Retry-After over the policy', async () => {
    const limited = loadFixture('error-rate-limit-ten-secondly');
    nock(BASE)
      .post('/crm/v3/objects/deals/search')
      .reply(429, limited.response as nock.Body, { 'Retry-After': '2' })
      .post('/crm/v3/objects/deals/search')
      .reply(200, { total: 0, results: [] });
    const { connector, waits } = await connect();
    await collect(connector.read(dealsPlan, incremental));
    expect(waits).toContain(2_000);
    expect(waits).not.toContain(10_000);
  });

  it('does not retry the daily limit', async () => {
    const daily = loadFixture('error-rate-limit-daily');
    const scope = nock(BASE)
      .post('/crm/v3/objects/deals/search')
      .reply(429, daily.response as nock.Body);
    const { connector } = await connect();
    const error = await collect(connector.read(dealsPlan, incremental)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrmApiError);
    expect((error as CrmApiError).code).toBe('API_BUDGET_REACHED');
    expect(scope.isDone()).toBe(true);
    expect(connector.usage()).toMatchObject({ rateLimited: 1, retries: 0 });
  });

  it('reads the daily quota from X-HubSpot-RateLimit-Daily headers', async () => {
    nock(BASE).post('/crm/v3/objects/deals/search').reply(
      200,
      { total: 0, results: [] },
      {
        'X-HubSpot-RateLimit-Daily': '500000',
        'X-HubSpot-RateLimit-Daily-Remaining': '499000',
        'X-HubSpot-RateLimit-Max': '190',
        'X-HubSpot-RateLimit-Remaining': '189',
        'X-HubSpot-RateLimit-Interval-Milliseconds': '10000',
      },
    );
    const { connector } = await connect();
    await collect(connector.read(dealsPlan, incremental));
    expect(connector.usage().daily).toEqual({ used: 1_000, max: 500_000 });
  });
});

describe('HubSpot connector contract: reads', () => {
  it('sends the documented search request: mapped properties, modified-since, id keyset, 200 per page', async () => {
    let body: unknown;
    nock(BASE)
      .post('/crm/v3/objects/deals/search', (b) => {
        body = b;
        return true;
      })
      .reply(200, { total: 0, results: [] });
    const { connector } = await connect();
    await collect(connector.read(dealsPlan, incremental));
    expect(body).toEqual({
      filterGroups: [
        {
          filters: [
            {
              propertyName: 'hs_lastmodifieddate',
              operator: 'GTE',
              value: String(Date.parse('2024-01-01T00:00:00Z')),
            },
          ],
        },
      ],
      sorts: [{ propertyName: 'hs_object_id', direction: 'ASCENDING' }],
      properties: ['dealname', 'amount', 'hs_lastmodifieddate'],
      limit: 200,
    });
  });

  it('turns a v4 batch read into labelled associated records with their properties', async () => {
    const assoc = loadFixture('associations-batch-read');
    const response = structuredClone(assoc.response) as { results: Array<{ paging?: unknown }> };
    for (const r of response.results) delete r.paging;
    nock(BASE)
      .get('/crm/v3/objects/deals')
      .query(true)
      .reply(200, { results: [{ id: '30000000001', properties: { dealname: 'Data platform rollout' } }] })
      .post('/crm/v4/associations/deals/companies/batch/read', { inputs: [{ id: '30000000001' }] })
      .reply(200, response)
      .post('/crm/v3/objects/companies/batch/read')
      .reply(200, {
        status: 'COMPLETE',
        results: [{ id: '20000000001', properties: { industry: 'BANKING' } }],
      });
    const { connector } = await connect();
    const plan: ReadPlan = {
      ...dealsPlan,
      associations: [{ object: 'companies', properties: ['industry'], labels: ['Primary'] }],
    };
    const pages = await collect(
      connector.read(plan, { cursor: null, runStartedAt: incremental.runStartedAt, lookbackMs: 0 }),
    );
    expect(pages[0]?.records[0]?.values.companies).toEqual([
      { id: '20000000001', labels: ['Primary'], industry: 'BANKING' },
    ]);
  });
});

describe('HubSpot connector contract: writes', () => {
  it('parses a 207 multi-status batch update into one outcome per record', async () => {
    const update = loadFixture('objects-batch-update');
    nock(BASE)
      .post('/crm/v3/objects/companies/batch/update')
      .reply(207, update.response as nock.Body);
    const { connector } = await connect();
    const outcomes = await connector.writeFields('companies', [
      { recordId: '512', values: { partner_tier: 'gold' } },
      { recordId: '513', values: { partner_tier: 'gold' } },
    ]);
    expect(outcomes).toEqual([
      { recordId: '512', ok: true },
      {
        recordId: '513',
        ok: false,
        code: 'VALIDATION_ERROR',
        message: 'Record 513 could not be updated.',
        transient: false,
        fields: [],
      },
    ]);
  });

  it('never counts a record the answer does not mention as written', async () => {
    nock(BASE).post('/crm/v3/objects/companies/batch/update').reply(200, { status: 'COMPLETE', results: [] });
    const { connector } = await connect();
    const [outcome] = await connector.writeFields('companies', [{ recordId: '9', values: { name: 'x' } }]);
    expect(outcome).toMatchObject({ ok: false, code: 'NO_OUTCOME', transient: true });
  });
});

describe('HubSpot connector contract: auth', () => {
  it('refreshes the OAuth token with the documented form body and uses it as a bearer token', async () => {
    const token = loadFixture('oauth-token');
    let form = '';
    nock(BASE)
      .post('/oauth/v1/token', (b) => {
        form = typeof b === 'string' ? b : new URLSearchParams(b as Record<string, string>).toString();
        return true;
      })
      .reply(200, token.response as nock.Body);
    nock(BASE, { reqheaders: { authorization: 'Bearer AAA1234-TOKEN' } })
      .post('/crm/v3/objects/deals/search')
      .reply(200, { total: 0, results: [] });
    const { connector } = await connect({
      kind: 'oauth',
      clientId: 'emulator-client-id',
      clientSecret: 'emulator-client-secret',
      refreshToken: `emulator-refresh-token-${++n}`,
    });
    await collect(connector.read(dealsPlan, incremental));
    const sent = new URLSearchParams(form);
    expect(sent.get('grant_type')).toBe('refresh_token');
    expect(sent.get('client_id')).toBe('emulator-client-id');
  });

  it('answers AUTH_FAILED on an expired token for a private app, without retrying', async () => {
    const expired = loadFixture('error-expired-authentication');
    const scope = nock(BASE)
      .post('/crm/v3/objects/deals/search')
      .reply(401, expired.response as nock.Body);
    const { connector } = await connect();
    const error = await collect(connector.read(dealsPlan, incremental)).catch((e: unknown) => e);
    expect((error as CrmApiError).code).toBe('AUTH_FAILED');
    expect((error as CrmApiError).details.status).toBe(401);
    expect(scope.isDone()).toBe(true);
  });
});
