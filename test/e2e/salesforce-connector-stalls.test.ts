// E2E: the Salesforce connector against stalls and brief errors — request time limits, rate limits told apart from the quota, list upkeep apart from field write-back, login retries.
import { createServer, type Server, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { DesiredList, FieldUpdate } from '../../connectors/types.js';
import { CrmApiError } from '../../src/errors.js';
import { closedAfterEach } from '../support/closed-after-each.js';
import { type ConnectorWorld, planOf, useConnectorWorlds } from '../support/salesforce-connector-world.js';

const open = useConnectorWorlds();

/** Short enough for a test; the default is 60 s (ATLAS_CRM_TIMEOUT_MS). */
const TIMEOUT_MS = 500;
const SEGMENT = 'Banking × Security — Proven';

/** A TCP server that accepts connections and never answers. */
async function startSilentServer() {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
const openSilent = closedAfterEach(startSilentServer);

function segmentUpdates(w: ConnectorWorld, n: number): FieldUpdate[] {
  return w.sf.state
    .all('Account')
    .slice(0, n)
    .map((a) => ({ recordId: a.Id, values: { Atlas_Segments__c: [SEGMENT], Atlas_Top_Score__c: 50 } }));
}

const lists: DesiredList[] = [
  {
    per: 'segment',
    key: 'banking|security|proven',
    name: `Atlas: ${SEGMENT}`,
    memberIds: [],
    filterValue: SEGMENT,
  },
];

describe('Salesforce connector time limits', () => {
  it('a stalled query times out and is retried; the read completes', async () => {
    const w = await open({ partners: 10, connector: { timeoutMs: TIMEOUT_MS } });
    const expected = (await w.readAll(planOf('partners'))).flatMap((p) => p.records).length;
    w.connector.resetUsage();
    w.sf.faults.stallNext(1);
    const pages = await w.readAll(planOf('partners'));
    expect(pages.flatMap((p) => p.records)).toHaveLength(expected);
    // At least the stalled one (a loaded machine may push another past the short limit).
    expect(w.connector.usage().retries).toBeGreaterThanOrEqual(1);
  });

  it('a call that keeps stalling fails naming the call and the time limit, as retryable', async () => {
    const w = await open({ partners: 10 });
    const connector = await w.connect({
      timeoutMs: TIMEOUT_MS,
      retry: { maxRetries: 1, baseMs: 1, maxMs: 5 },
    });
    w.sf.faults.stallNext(5);
    const error = await w.readAll(planOf('partners'), { via: connector }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrmApiError);
    expect((error as CrmApiError).message).toMatch(/query \(GET .*\/query\).*no answer within 0\.5 s/);
    expect((error as CrmApiError).details).toMatchObject({ operation: 'query', retryable: true });
  });
});

describe('Salesforce connector rate limits and quota', () => {
  it('five 429s in a row, then an answer: the pull completes', async () => {
    const w = await open({ partners: 10 });
    w.sf.faults.burst429(5);
    const pages = await w.readAll(planOf('partners'));
    expect(pages.flatMap((p) => p.records).length).toBeGreaterThan(0);
    expect(w.connector.usage()).toMatchObject({ rateLimited: 5, retries: 5 });
  });

  it('a 429 that outlasts the retries is a rate limit, never the daily quota', async () => {
    const w = await open({ partners: 10 });
    const connector = await w.connect({ retry: { maxRetries: 1, rateLimitRetries: 2, baseMs: 1, maxMs: 5 } });
    w.sf.faults.burst429(10);
    const error = await w.readAll(planOf('partners'), { via: connector }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrmApiError);
    expect((error as CrmApiError).details).toMatchObject({ status: 429, retryable: true });
    expect((error as CrmApiError).message).not.toMatch(/quota/);
  });

  it('a 429 on the Metadata API is retried; the spent daily quota there is API_BUDGET_REACHED', async () => {
    const w = await open({ partners: 10 });
    w.sf.faults.set({ onlyRoutes: ['POST /soap/m'] });
    w.sf.faults.burst429(1);
    await expect(w.connector.planProvision()).resolves.toMatchObject({ system: 'salesforce' });
    expect(w.connector.usage().rateLimited).toBe(1);

    w.sf.usage.setUsed(w.sf.usage.max);
    await expect(w.connector.planProvision()).rejects.toMatchObject({ code: 'API_BUDGET_REACHED' });
  });
});

describe('Salesforce list upkeep apart from field write-back', () => {
  it('a 500 on the list views is retried; a Metadata API that stays down leaves the fields written', async () => {
    const w = await open({ partners: 40 });
    await w.connector.applyProvision(await w.connector.planProvision());
    await w.connector.ensureFieldOptions('Account', [{ field: 'Atlas_Segments__c', values: [SEGMENT] }]);
    w.sf.faults.set({ onlyRoutes: ['POST /soap/m'] });

    w.sf.faults.failNext(1, 500);
    const plan = await w.connector.planLists(lists);
    expect(await w.connector.applyLists(plan, lists)).toMatchObject({ created: 1, failures: [] });

    w.sf.faults.set({ errorRate: 1, errorStatus: 500 });
    const updates = segmentUpdates(w, 37);
    const outcomes = await w.connector.writeFields('Account', updates);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(37);
    expect(w.sf.state.get(updates[0]?.recordId ?? '')?.Atlas_Segments__c).toBe(SEGMENT);
    const report = await w.connector.applyLists(
      {
        ...plan,
        create: [],
        retire: [{ listId: 'Account.Atlas_Old', name: 'Old', remove: 0, action: 'delete' }],
      },
      lists,
    );
    expect(report.failures).toEqual([
      { list: 'Old', message: expect.stringMatching(/metadata\.delete.*500/) },
    ]);
  });
});

describe('Salesforce login', () => {
  it('a 503 from the token endpoint is retried and the login succeeds', async () => {
    const w = await open({ partners: 10 });
    const before = w.sf.log.count('POST /oauth2/token');
    w.sf.faults.failTokenEndpoint(1, 503);
    const connector = await w.connect();
    expect((await connector.check([], [])).accountId).toBe(w.sf.state.orgId);
    expect(w.sf.log.count('POST /oauth2/token') - before).toBe(2);
  });

  it('an unreachable login URL fails quickly with a retryable error naming it', async () => {
    const w = await open({ partners: 10 });
    const error = await w.connect({ loginUrl: 'http://127.0.0.1:1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrmApiError);
    expect((error as CrmApiError).message).toMatch(
      /Salesforce login at http:\/\/127\.0\.0\.1:1 failed after 5 tries: no answer \(connection failed: ECONNREFUSED\)/,
    );
    expect((error as CrmApiError).details).toMatchObject({ operation: 'login', retryable: true });
  });

  it('a login URL that accepts and never answers times out instead of hanging', async () => {
    const w = await open({ partners: 10 });
    const silent = await openSilent();
    const error = await w
      .connect({ loginUrl: silent.url, timeoutMs: TIMEOUT_MS, retry: { maxRetries: 1, baseMs: 1, maxMs: 5 } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrmApiError);
    expect((error as CrmApiError).message).toContain(
      `Salesforce login at ${silent.url} failed after 2 tries`,
    );
    expect((error as CrmApiError).message).toContain('no answer within 0.5 s');
  });
});
