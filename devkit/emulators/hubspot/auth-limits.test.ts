// E2E: tokens (private app, OAuth refresh, expiry), account info, and the three rate-limit policies through @hubspot/api-client.
import { Client } from '@hubspot/api-client';
import { describe, expect, it } from 'vitest';
import { useWorlds } from '../../../test/support/hubspot-world.js';

const open = useWorlds();

describe('HubSpot emulator: authentication', () => {
  it('accepts only the configured private app tokens', async () => {
    const w = await open({
      tokens: ['pat-na1-aaaa', { token: 'pat-na1-bbbb', scopes: ['crm.objects.deals.read'] }],
    });
    for (const token of ['pat-na1-aaaa', 'pat-na1-bbbb']) {
      const client = new Client({ accessToken: token, basePath: w.emulator.url });
      await expect(client.crm.deals.basicApi.getPage(1)).resolves.toMatchObject({ results: [] });
    }
    const stranger = new Client({ accessToken: 'pat-na1-cccc', basePath: w.emulator.url });
    await expect(stranger.crm.deals.basicApi.getPage(1)).rejects.toMatchObject({
      code: 401,
      body: { category: 'INVALID_AUTHENTICATION' },
    });
    const none = await fetch(`${w.emulator.url}/crm/v3/objects/deals`);
    expect(none.status).toBe(401);
    expect(none.headers.get('x-hubspot-ratelimit-max')).toBeNull();
  });

  it('refreshes OAuth tokens that expire after 1800 s on the emulator clock', async () => {
    const w = await open();
    const first = await w.refreshOAuth();
    const client = new Client({ accessToken: first.accessToken, basePath: w.emulator.url });
    await expect(client.crm.companies.basicApi.getPage(1)).resolves.toBeDefined();
    const info = await w.client.oauth.accessTokensApi.get(first.accessToken);
    expect(info.scopes).toContain('crm.objects.companies.read');
    w.clock.advance(1_800_000 + 30_000);
    const expired = await client.crm.companies.basicApi.getPage(1).catch((e: unknown) => e);
    expect(expired).toMatchObject({
      code: 401,
      body: {
        category: 'EXPIRED_AUTHENTICATION',
        message: 'The OAuth token used to make this call expired 30 second(s) ago.',
      },
    });
    const second = await w.refreshOAuth();
    expect(second.accessToken).not.toBe(first.accessToken);
    client.setAccessToken(second.accessToken);
    await expect(client.crm.companies.basicApi.getPage(1)).resolves.toBeDefined();
  });

  it('honours a configured token lifetime and refuses bad client credentials or refresh tokens', async () => {
    const w = await open({ oauth: { accessTokenTtlSeconds: 60, refreshTokens: ['rt-1'] } });
    const issued = await w.refreshOAuth('rt-1');
    expect(issued.expiresIn).toBe(60);
    await expect(w.refreshOAuth('rt-unknown')).rejects.toMatchObject({ code: 400 });
    const raw = await w.fetchJson('POST', '/oauth/v1/token', {
      form: {
        grant_type: 'refresh_token',
        client_id: 'x',
        client_secret: 'emulator-client-secret',
        refresh_token: 'rt-1',
      },
    });
    expect(raw.body).toMatchObject({ status: 'BAD_CLIENT_ID' });
  });

  it('expires one token on demand (a token revoked mid-run)', async () => {
    const w = await open();
    const issued = w.emulator.state.tokens.issueAccessToken();
    const client = new Client({ accessToken: issued.token, basePath: w.emulator.url });
    await client.crm.deals.basicApi.getPage(1);
    w.emulator.state.tokens.expire(issued.token);
    await expect(client.crm.deals.basicApi.getPage(1)).rejects.toMatchObject({
      code: 401,
      body: { category: 'EXPIRED_AUTHENTICATION' },
    });
  });
});

describe('HubSpot emulator: account information', () => {
  it('reports the portal and the day’s private-app usage', async () => {
    const w = await open({
      portalId: 7_777,
      rateLimit: { perTenSeconds: 190, searchPerSecond: 5, daily: 500_000 },
    });
    await w.client.crm.companies.basicApi.getPage(1);
    const details = await (
      await w.client.apiRequest({ method: 'GET', path: '/account-info/v3/details' })
    ).json();
    expect(details).toMatchObject({
      portalId: 7_777,
      timeZone: 'US/Eastern',
      utcOffset: '-05:00',
      dataHostingLocation: 'na1',
    });
    const usage = await (
      await w.client.apiRequest({ method: 'GET', path: '/account-info/v3/api-usage/daily/private-apps' })
    ).json();
    expect(usage).toMatchObject({
      results: [
        {
          name: 'private-apps-api-calls-daily',
          usageLimit: 500_000,
          currentUsage: 3,
          resetsAt: '2026-01-16T05:00:00.000Z',
        },
      ],
    });
  });
});

describe('HubSpot emulator: rate limits', () => {
  it('rolls a 10-second window per token: 429 TEN_SECONDLY_ROLLING without Retry-After, then recovers', async () => {
    const w = await open({ rateLimit: { perTenSeconds: 3, searchPerSecond: 5, daily: 1_000 } });
    const headers: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await w.fetchJson('GET', '/crm/v3/objects/companies');
      headers.push(r.headers.get('x-hubspot-ratelimit-remaining') ?? '');
      w.clock.advance(2_000);
    }
    expect(headers).toEqual(['2', '1', '0']);
    const limited = await w.client.crm.companies.basicApi.getPage(1).catch((e: unknown) => e);
    expect(limited).toMatchObject({ code: 429 });
    expect((limited as { headers: Record<string, string> }).headers['retry-after']).toBeUndefined();
    const raw = await w.fetchJson('GET', '/crm/v3/objects/companies');
    expect(raw.body).toMatchObject({
      status: 'error',
      errorType: 'RATE_LIMIT',
      policyName: 'TEN_SECONDLY_ROLLING',
    });
    expect(raw.headers.get('x-hubspot-ratelimit-max')).toBe('3');
    expect(raw.headers.get('x-hubspot-ratelimit-interval-milliseconds')).toBe('10000');
    expect(raw.headers.get('x-hubspot-ratelimit-daily')).toBe('1000');
    w.clock.advance(4_000);
    await expect(w.client.crm.companies.basicApi.getPage(1)).resolves.toBeDefined();
    const other = await w.fetchJson('GET', '/crm/v3/objects/companies', {
      headers: { authorization: `Bearer ${w.emulator.state.tokens.issueAccessToken().token}` },
    });
    expect(other.status).toBe(200);
  });

  it('limits search per second with policy SECONDLY while other calls pass', async () => {
    const w = await open({ rateLimit: { perTenSeconds: 190, searchPerSecond: 2, daily: 1_000 } });
    await w.client.crm.deals.searchApi.doSearch({ limit: 1 });
    await w.client.crm.deals.searchApi.doSearch({ limit: 1 });
    const limited = await w.client.crm.deals.searchApi.doSearch({ limit: 1 }).catch((e: unknown) => e);
    expect(limited).toMatchObject({ code: 429 });
    expect((limited as { headers: Record<string, string> }).headers['retry-after']).toBeUndefined();
    const raw = await w.fetchJson('POST', '/crm/v3/objects/deals/search', { body: {} });
    expect(raw.body).toMatchObject({ policyName: 'SECONDLY', errorType: 'RATE_LIMIT' });
    await expect(w.client.crm.deals.basicApi.getPage(1)).resolves.toBeDefined();
    w.clock.advance(1_000);
    await expect(w.client.crm.deals.searchApi.doSearch({ limit: 1 })).resolves.toBeDefined();
  });

  it('stops private apps at the daily quota until the account’s midnight', async () => {
    const w = await open({ rateLimit: { perTenSeconds: 190, searchPerSecond: 5, daily: 2 } });
    await w.client.crm.deals.basicApi.getPage(1);
    await w.client.crm.deals.basicApi.getPage(1);
    const raw = await w.fetchJson('GET', '/crm/v3/objects/deals');
    expect(raw.status).toBe(429);
    expect(raw.body).toMatchObject({ policyName: 'DAILY', message: 'You have reached your daily limit.' });
    // 10:00Z is 05:00 in US/Eastern: 19 hours to midnight there.
    // No Retry-After even for the daily policy: the quota resets at the account's midnight (19 h away here).
    expect(raw.headers.get('retry-after')).toBeNull();
    expect(raw.headers.get('x-hubspot-ratelimit-daily-remaining')).toBe('0');
    const oauth = w.emulator.state.tokens.issueAccessToken();
    const viaOAuth = await w.fetchJson('GET', '/crm/v3/objects/deals', {
      headers: { authorization: `Bearer ${oauth.token}` },
    });
    expect(viaOAuth.status).toBe(200);
    expect(viaOAuth.headers.get('x-hubspot-ratelimit-daily')).toBeNull();
    w.clock.set('2026-01-16T05:00:00Z');
    await expect(w.client.crm.deals.basicApi.getPage(1)).resolves.toBeDefined();
  });
});
