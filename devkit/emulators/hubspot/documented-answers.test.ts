// Emulator answers checked against HubSpot's documentation (issue #16 item 10): rate-limit headers and 429s, the
// duplicate-property 409, list sizes, batch envelopes, the search cap and the associations batch cap.
import { describe, expect, it } from 'vitest';
import { useWorlds } from '../../../test/support/hubspot-world.js';

const open = useWorlds();

const RATE_HEADERS = [
  'x-hubspot-ratelimit-max',
  'x-hubspot-ratelimit-remaining',
  'x-hubspot-ratelimit-interval-milliseconds',
  'x-hubspot-ratelimit-secondly',
  'x-hubspot-ratelimit-secondly-remaining',
  'x-hubspot-ratelimit-daily',
  'x-hubspot-ratelimit-daily-remaining',
];

// https://developers.hubspot.com/docs/developer-tooling/platform/usage-guidelines (rate limit headers, error responses)
describe('HubSpot emulator: rate-limit headers and 429s as the usage guidelines document them', () => {
  it('sends the deprecated Secondly pair besides the ten-second and daily headers; OAuth gets no daily pair', async () => {
    const w = await open({ rateLimit: { perTenSeconds: 100, searchPerSecond: 5, daily: 1_000 } });
    await w.fetchJson('GET', '/crm/v3/objects/companies');
    const second = await w.fetchJson('GET', '/crm/v3/objects/companies');
    expect(second.headers.get('x-hubspot-ratelimit-secondly')).toBe('10');
    expect(second.headers.get('x-hubspot-ratelimit-secondly-remaining')).toBe('8');
    expect(second.headers.get('x-hubspot-ratelimit-daily-remaining')).toBe('998');
    w.clock.advance(1_000);
    const later = await w.fetchJson('GET', '/crm/v3/objects/companies');
    expect(later.headers.get('x-hubspot-ratelimit-secondly-remaining')).toBe('9');
    expect(later.headers.get('x-hubspot-ratelimit-remaining')).toBe('97');

    const oauth = w.emulator.state.tokens.issueAccessToken();
    const viaOAuth = await w.fetchJson('GET', '/crm/v3/objects/companies', {
      headers: { authorization: `Bearer ${oauth.token}` },
    });
    expect(viaOAuth.headers.get('x-hubspot-ratelimit-secondly')).toBe('10');
    expect(viaOAuth.headers.get('x-hubspot-ratelimit-daily')).toBeNull();
    expect(viaOAuth.headers.get('x-hubspot-ratelimit-daily-remaining')).toBeNull();
  });

  it('answers search without any rate-limit header, refused (SECONDLY) or not', async () => {
    const w = await open({ rateLimit: { perTenSeconds: 100, searchPerSecond: 1, daily: 1_000 } });
    const ok = await w.fetchJson('POST', '/crm/v3/objects/deals/search', { body: {} });
    const refused = await w.fetchJson('POST', '/crm/v3/objects/deals/search', { body: {} });
    expect(ok.status).toBe(200);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ errorType: 'RATE_LIMIT', policyName: 'SECONDLY' });
    for (const answer of [ok, refused]) {
      for (const header of RATE_HEADERS) expect(answer.headers.get(header), header).toBeNull();
      expect(answer.headers.get('retry-after')).toBeNull();
    }
    // The searches still count in the ten-second window that other answers report.
    const list = await w.fetchJson('GET', '/crm/v3/objects/deals');
    expect(list.headers.get('x-hubspot-ratelimit-remaining')).toBe('98');
  });

  it('answers the ten-second and daily policies with the documented body and no Retry-After', async () => {
    const w = await open({ rateLimit: { perTenSeconds: 1, searchPerSecond: 5, daily: 1_000 } });
    await w.fetchJson('GET', '/crm/v3/objects/companies');
    const burst = await w.fetchJson('GET', '/crm/v3/objects/companies');
    expect(burst.status).toBe(429);
    expect(burst.body).toEqual({
      status: 'error',
      message: 'You have reached your ten_secondly_rolling limit.',
      errorType: 'RATE_LIMIT',
      policyName: 'TEN_SECONDLY_ROLLING',
      correlationId: expect.any(String),
    });
    expect(burst.headers.get('retry-after')).toBeNull();
    expect(burst.headers.get('x-hubspot-ratelimit-remaining')).toBe('0');

    const daily = await open({ rateLimit: { perTenSeconds: 100, searchPerSecond: 5, daily: 1 } });
    await daily.fetchJson('GET', '/crm/v3/objects/companies');
    const spent = await daily.fetchJson('GET', '/crm/v3/objects/companies');
    expect(spent.body).toMatchObject({ policyName: 'DAILY', errorType: 'RATE_LIMIT' });
    expect(spent.headers.get('retry-after')).toBeNull();
  });
});

describe('HubSpot emulator: documented bodies', () => {
  it('answers a taken property or group name with 409 OBJECT_ALREADY_EXISTS and a correlationId', async () => {
    const w = await open();
    const property = {
      groupName: 'companyinformation',
      name: 'atlas_referral_source',
      label: 'Referral source',
      type: 'string',
      fieldType: 'text',
    };
    expect((await w.fetchJson('POST', '/crm/v3/properties/companies', { body: property })).status).toBe(201);
    const again = await w.fetchJson('POST', '/crm/v3/properties/companies', { body: property });
    expect(again.status).toBe(409);
    expect(again.body).toEqual({
      status: 'error',
      message: "Property named 'atlas_referral_source' already exists.",
      category: 'OBJECT_ALREADY_EXISTS',
      correlationId: expect.any(String),
    });
    const group = { name: 'atlas_referrals', label: 'Referrals' };
    await w.fetchJson('POST', '/crm/v3/properties/companies/groups', { body: group });
    const groupAgain = await w.fetchJson('POST', '/crm/v3/properties/companies/groups', { body: group });
    expect(groupAgain).toMatchObject({ status: 409, body: { category: 'OBJECT_ALREADY_EXISTS' } });
  });

  it('gives a fetched list its size, and a searched one hs_list_size only', async () => {
    const w = await open();
    const [a, b] = w.emulator.state.insertMany('companies', [
      { properties: { name: 'A' } },
      { properties: { name: 'B' } },
    ]);
    const created = await w.fetchJson('POST', '/crm/v3/lists', {
      body: { name: 'Atlas: partners', objectTypeId: '0-2', processingType: 'MANUAL' },
    });
    expect(created.body).toMatchObject({ list: { size: 0 } });
    const listId = (created.body as { list: { listId: string } }).list.listId;
    await w.fetchJson('PUT', `/crm/v3/lists/${listId}/memberships/add`, { body: [a, b] });
    const fetched = await w.fetchJson('GET', `/crm/v3/lists/${listId}`);
    expect(fetched.body).toMatchObject({ list: { listId, size: 2 } });
    const searched = await w.fetchJson('POST', '/crm/v3/lists/search', { body: { query: 'Atlas' } });
    const hit = (searched.body as { lists: Array<Record<string, unknown>> }).lists[0];
    expect(hit).toMatchObject({ listId, additionalProperties: { hs_list_size: '2' } });
    expect(hit).not.toHaveProperty('size');
  });

  it('answers batch reads COMPLETE with startedAt and completedAt, and 207 errors with status, category, message, context', async () => {
    const w = await open();
    const [id] = w.emulator.state.insertMany('companies', [{ properties: { name: 'A' } }]);
    const all = await w.fetchJson('POST', '/crm/v3/objects/companies/batch/read', {
      body: { inputs: [{ id }], properties: ['name'] },
    });
    expect(all.status).toBe(200);
    expect(all.body).toEqual({
      status: 'COMPLETE',
      results: [expect.objectContaining({ id })],
      startedAt: expect.any(String),
      completedAt: expect.any(String),
    });
    const partial = await w.fetchJson('POST', '/crm/v3/objects/companies/batch/read', {
      body: { inputs: [{ id }, { id: '999999' }], properties: ['name'] },
    });
    expect(partial.status).toBe(207);
    expect(partial.body).toMatchObject({
      status: 'COMPLETE',
      numErrors: 1,
      errors: [
        {
          status: 'error',
          category: 'OBJECT_NOT_FOUND',
          message: expect.any(String),
          context: { ids: ['999999'] },
        },
      ],
    });
  });

  it('pages search with total and paging.next.after, and refuses after=10000 with a 400 carrying a correlationId', async () => {
    const w = await open();
    w.emulator.state.insertMany('deals', [
      { properties: { dealname: 'A' } },
      { properties: { dealname: 'B' } },
      { properties: { dealname: 'C' } },
    ]);
    const first = await w.fetchJson('POST', '/crm/v3/objects/deals/search', { body: { limit: 2 } });
    expect(first.body).toMatchObject({ total: 3, paging: { next: { after: '2' } } });
    const capped = await w.fetchJson('POST', '/crm/v3/objects/deals/search', { body: { after: '10000' } });
    expect(capped.status).toBe(400);
    expect(capped.body).toMatchObject({
      status: 'error',
      category: 'VALIDATION_ERROR',
      correlationId: expect.any(String),
    });
  });

  it('refuses an associations v4 batch read of more than 1,000 ids', async () => {
    const w = await open();
    const inputs = Array.from({ length: 1_001 }, (_, i) => ({ id: String(i + 1) }));
    const refused = await w.fetchJson('POST', '/crm/v4/associations/companies/deals/batch/read', {
      body: { inputs },
    });
    expect(refused).toMatchObject({ status: 400, body: { category: 'VALIDATION_ERROR' } });
  });
});
