// E2E: rate limits and failures the HubSpot connector owns: 429 storms (ten-secondly and secondly policies,
// Retry-After), headers that shrink our window before a 429, 5xx and dropped connections, the daily limit,
// expired and refused tokens, OAuth refresh ahead of the 30-minute expiry.
import { describe, expect, it } from 'vitest';
import type { ReadPage } from '../../connectors/types.js';
import { CrmApiError } from '../../src/errors.js';
import {
  type ConnectorWorld,
  EMULATOR_OAUTH,
  planOf,
  seedCompanies,
  useConnectorWorlds,
} from '../support/hubspot-connector-world.js';
import { WORLD_START } from '../support/hubspot-world.js';

const open = useConnectorWorlds();
const runStartedAt = WORLD_START;

async function readAll(pages: AsyncIterable<ReadPage>): Promise<string[]> {
  const ids: string[] = [];
  for await (const page of pages) ids.push(...page.records.map((r) => r.id));
  return ids;
}

/** Most requests the emulator saw in any rolling window of `windowMs` (by its clock). */
function busiestWindow(w: ConnectorWorld, windowMs: number, route?: string): number {
  const at = w.emulator.log.entries.filter((e) => route === undefined || e.route === route).map((e) => e.at);
  let best = 0;
  let start = 0;
  for (let end = 0; end < at.length; end++) {
    while ((at[end] ?? 0) - (at[start] ?? 0) >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

describe('HubSpot connector: rate limits', () => {
  it('uses most of the default 190 per 10 s and never gets a 429', async () => {
    const w = await open();
    seedCompanies(w, 25_000);
    const companies: string[] = [];
    const plan = { ...planOf('partners'), filter: [] };
    for await (const page of w.connector.listIds(plan, {})) companies.push(...page);
    expect(companies.length).toBe(25_000);
    expect(w.connector.usage().rateLimited).toBe(0);
    expect(w.emulator.log.entries.every((e) => e.status !== 429)).toBe(true);
    const busiest = busiestWindow(w, 10_000);
    expect(busiest).toBeLessThanOrEqual(190);
    expect(busiest).toBeGreaterThanOrEqual(180);
  });

  it('keeps search within 4 per second', async () => {
    const w = await open();
    seedCompanies(w, 3_000);
    const ids = await readAll(
      w.connector.read(planOf('partners'), { cursor: null, runStartedAt, lookbackMs: 0 }),
    );
    expect(ids.length).toBe(3_000);
    expect(busiestWindow(w, 1_000, 'POST /crm/v3/objects/companies/search')).toBeLessThanOrEqual(4);
    expect(w.connector.usage().rateLimited).toBe(0);
  });

  it('rides out a 429 storm, waiting what Retry-After says, and counts it', async () => {
    const w = await open({ emulator: { faults: { retryAfterSeconds: 3 } } });
    seedCompanies(w, 450);
    w.emulator.faults.burst429(4);
    const started = w.clock.now();
    const ids = await readAll(
      w.connector.read(planOf('partners'), { cursor: null, runStartedAt, lookbackMs: 0 }),
    );
    expect(ids.length).toBe(450);
    const usage = w.connector.usage();
    expect(usage.rateLimited).toBe(4);
    expect(usage.retries).toBeGreaterThanOrEqual(4);
    // Every retry waited the advertised 3 s on the emulator clock.
    expect(w.clock.now() - started).toBeGreaterThanOrEqual(4 * 3_000);
  });

  it('slows to a smaller portal limit from the headers, and retries the secondly policy', async () => {
    const w = await open({
      emulator: { rateLimit: { perTenSeconds: 40, searchPerSecond: 2 } },
      connector: { limits: { searchPerSecond: 5 } },
    });
    seedCompanies(w, 2_000);
    const ids = await readAll(
      w.connector.read(planOf('partners'), { cursor: null, runStartedAt, lookbackMs: 0 }),
    );
    expect(ids.length).toBe(2_000);
    const refused = w.emulator.log.entries.filter((e) => e.status === 429);
    // Only the search limit was overrun (we asked for 5/s, the portal allows 2/s): answered with SECONDLY.
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((e) => e.route === 'POST /crm/v3/objects/companies/search')).toBe(true);
    expect(busiestWindow(w, 10_000)).toBeLessThanOrEqual(40);
    expect(w.connector.usage().rateLimited).toBe(refused.length);
  });

  it('stops on the daily limit instead of retrying it', async () => {
    const w = await open({ emulator: { rateLimit: { daily: 3 } } });
    seedCompanies(w, 1_000);
    const error = await readAll(
      w.connector.read({ ...planOf('partners'), filter: [] }, { cursor: null, runStartedAt, lookbackMs: 0 }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrmApiError);
    expect((error as CrmApiError).code).toBe('API_BUDGET_REACHED');
    expect(w.emulator.log.entries.filter((e) => e.status === 429).length).toBe(1);
  });

  it('stops between pages when the run budget is spent, after handing out the page cursor', async () => {
    const w = await open({ connector: { limits: { runBudget: 12 }, recordsPerPage: 100 } });
    seedCompanies(w, 3_000);
    const pages: ReadPage[] = [];
    const error = await (async () => {
      for await (const page of w.connector.read(
        { ...planOf('partners'), filter: [] },
        { cursor: null, runStartedAt, lookbackMs: 0 },
      ))
        pages.push(page);
    })().catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe('API_BUDGET_REACHED');
    expect(pages.length).toBeGreaterThan(0);
    expect(pages[pages.length - 1]?.cursor).toMatchObject({ mode: 'list' });
  });
});

describe('HubSpot connector: server errors and tokens', () => {
  it('retries 5xx and dropped connections with backoff', async () => {
    const w = await open();
    seedCompanies(w, 300);
    w.emulator.faults.failNext(3, 502);
    const ids = await readAll(
      w.connector.read(planOf('partners'), { cursor: null, runStartedAt, lookbackMs: 0 }),
    );
    expect(ids.length).toBe(300);
    expect(w.connector.usage().retries).toBe(3);
    expect(w.emulator.log.entries.filter((e) => e.status === 502).length).toBe(3);
  });

  it('gives up on a server that keeps failing, with an error that names the call', async () => {
    const w = await open({ connector: { limits: { maxRetries: 2 } } });
    seedCompanies(w, 10);
    w.emulator.faults.failNext(10, 503);
    const error = await readAll(
      w.connector.read(planOf('partners'), { cursor: null, runStartedAt, lookbackMs: 0 }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrmApiError);
    expect((error as CrmApiError).details).toMatchObject({
      status: 503,
      retryable: true,
      operation: 'search',
    });
  });

  it('does not retry a refused private app token', async () => {
    const w = await open();
    seedCompanies(w, 10);
    w.emulator.state.tokens.expire(w.token);
    const error = await readAll(
      w.connector.read(planOf('partners'), { cursor: null, runStartedAt, lookbackMs: 0 }),
    ).catch((e: unknown) => e);
    expect((error as CrmApiError).code).toBe('AUTH_FAILED');
    expect(w.emulator.log.entries.filter((e) => e.status === 401).length).toBe(1);
    expect(String((error as Error).message)).not.toContain(w.token);
  });

  it('OAuth: refreshes ahead of the 30-minute expiry, and once after a token dies mid-run', async () => {
    const w = await open();
    seedCompanies(w, 500);
    const oauth = await w.connect({
      auth: EMULATOR_OAUTH,
    });
    const plan = { ...planOf('partners'), filter: [] };
    expect((await readAll(oauth.read(plan, { cursor: null, runStartedAt, lookbackMs: 0 }))).length).toBe(500);
    const refreshes = () => w.emulator.log.entries.filter((e) => e.route === 'POST /oauth/v1/token').length;
    expect(refreshes()).toBe(1);
    // 26 minutes later the token has 4 minutes left: refreshed before use, no 401.
    w.clock.advance(26 * 60_000);
    expect((await readAll(oauth.read(plan, { cursor: null, runStartedAt, lookbackMs: 0 }))).length).toBe(500);
    expect(refreshes()).toBe(2);
    expect(w.emulator.log.entries.filter((e) => e.status === 401).length).toBe(0);
    // Every issued token dies: one 401, one refresh, the read goes on.
    w.emulator.faults.expireTokens();
    expect((await readAll(oauth.read(plan, { cursor: null, runStartedAt, lookbackMs: 0 }))).length).toBe(500);
    expect(refreshes()).toBe(3);
    expect(w.emulator.log.entries.filter((e) => e.status === 401).length).toBe(1);
  });

  it('OAuth: a refresh token HubSpot refuses is AUTH_FAILED without leaking it', async () => {
    const w = await open();
    const oauth = await w.connect({
      auth: { ...EMULATOR_OAUTH, refreshToken: 'revoked-refresh-token' },
    });
    const error = await readAll(
      oauth.read(planOf('partners'), { cursor: null, runStartedAt, lookbackMs: 0 }),
    ).catch((e: unknown) => e);
    expect((error as CrmApiError).code).toBe('AUTH_FAILED');
    expect(String((error as Error).message)).not.toContain('revoked-refresh-token');
    expect(String((error as Error).message)).not.toContain('emulator-client-secret');
  });
});
