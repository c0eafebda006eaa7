// E2E: injected faults (5xx, 429, dropped sockets, token expiry, record failures, latency) as jsforce meets them.
import { describe, expect, it } from 'vitest';
import { useWorlds } from '../../../test/support/salesforce-world.js';

const open = useWorlds();

/** jsforce's own retry, with short waits so the test does not idle. */
const QUICK_RETRY = { retry: { minTimeout: 1, timeoutFactor: 1, maxRetries: 10 } };

describe('Salesforce emulator fault injection', () => {
  it('a 5xx rate is answered in Salesforce error format, deterministically for a seed, and jsforce retries GETs', async () => {
    const statuses = async (seed: number) => {
      const w = await open({ seed, faults: { errorRate: 0.3 } });
      for (let i = 0; i < 20; i++) {
        const limits = await w.conn.request<{ DailyApiRequests: { Max: number } }>('/limits', QUICK_RETRY);
        expect(limits.DailyApiRequests.Max).toBe(100_000);
      }
      expect(w.sf.faults.stats.serverErrors).toBeGreaterThan(0);
      return w.sf.log.entries.map((e) => e.status);
    };
    const first = await statuses(11);
    expect(first).toContain(503);
    expect(await statuses(11)).toEqual(first);
    expect(await statuses(12)).not.toEqual(first);
    const w = await open({ faults: { errorRate: 1 } });
    const raw = await w.fetchJson('/services/data/v62.0/limits');
    expect(raw).toMatchObject({ status: 503, body: [{ errorCode: 'SERVER_UNAVAILABLE' }] });
  });

  it('a 429 burst makes jsforce back off and retry the query', async () => {
    const w = await open();
    w.sf.state.insertMany('Account', [{ Name: 'Throttled' }]);
    w.sf.faults.burst429(2);
    const result = await w.conn.query<{ Name: string }>('SELECT Name FROM Account');
    expect(result.records[0]?.Name).toBe('Throttled');
    expect(w.sf.log.entries.map((e) => [e.route, e.status])).toEqual([
      ['GET /query', 429],
      ['GET /query', 429],
      ['GET /query', 200],
    ]);
    w.sf.faults.burst429(1);
    const raw = await w.fetchJson('/services/data/v62.0/limits');
    expect(raw.status).toBe(429);
    expect(raw.headers.get('retry-after')).toBe('1');
    expect(raw.body).toMatchObject([{ errorCode: 'REQUEST_LIMIT_EXCEEDED' }]);
  });

  it('a dropped connection is retried by jsforce for GET, fails a PATCH, and never applies the write', async () => {
    const w = await open();
    const [id] = w.sf.state.insertMany('Account', [{ Name: 'Before' }]) as [string];
    w.sf.faults.dropNext(1);
    const result = await w.conn.request<{ totalSize: number }>(
      `/query?q=${encodeURIComponent('SELECT Id FROM Account')}`,
      QUICK_RETRY,
    );
    expect(result.totalSize).toBe(1);
    const dropped = await w.sf.log.waitFor((e) => e.fault === 'drop');
    expect(dropped).toMatchObject({ route: 'GET /query', status: 0 });
    w.sf.faults.dropNext(1);
    await expect(w.conn.sobject('Account').update([{ Id: id, Name: 'After' }])).rejects.toThrow();
    expect(w.sf.state.get(id)?.Name).toBe('Before');
    expect(w.sf.faults.stats.dropped).toBe(2);
  });

  it('tokens expiring mid-run are refreshed by jsforce and the run completes', async () => {
    const w = await open({ faults: { expireTokensEveryRequests: 2 } });
    w.sf.state.insertMany(
      'Account',
      Array.from({ length: 450 }, (_, i) => ({ Name: `T${i}` })),
    );
    const all = await w.conn.query('SELECT Id FROM Account', {
      headers: { 'Sforce-Query-Options': 'batchSize=200' },
      autoFetch: true,
      maxFetch: 1000,
    });
    expect(all.records).toHaveLength(450);
    expect(w.sf.log.entries.filter((e) => e.status === 401).length).toBeGreaterThan(0);
    expect(w.sf.log.count('POST /oauth2/token')).toBe(w.sf.faults.stats.tokenExpiries);
    w.sf.faults.set({ expireTokensEveryRequests: 0 });
    w.sf.faults.expireTokens();
    await expect(w.conn.limits()).resolves.toMatchObject({ DailyApiRequests: { Max: 100_000 } });
  });

  it('per-record failures by id: UNABLE_TO_LOCK_ROW for that record only, the others are written', async () => {
    const w = await open();
    const ids = w.sf.state.insertMany('Account', [{ Name: 'a' }, { Name: 'b' }, { Name: 'c' }]) as [
      string,
      string,
      string,
    ];
    w.sf.faults.set({
      recordFailures: {
        ids: { [ids[1]]: 'UNABLE_TO_LOCK_ROW', [ids[2]]: 'FIELD_CUSTOM_VALIDATION_EXCEPTION' },
      },
    });
    const results = await w.conn.sobject('Account').update(ids.map((Id) => ({ Id, Industry: 'Energy' })));
    expect(results).toEqual([
      { id: ids[0], success: true, errors: [] },
      {
        success: false,
        errors: [
          {
            statusCode: 'UNABLE_TO_LOCK_ROW',
            message: `unable to obtain exclusive access to this record or 1 records: ${ids[1]}`,
            fields: [],
          },
        ],
      },
      {
        success: false,
        errors: [
          { statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: expect.any(String), fields: [] },
        ],
      },
    ]);
    expect(w.sf.state.all('Account').map((r) => r.Industry ?? null)).toEqual(['Energy', null, null]);
    await expect(w.conn.sobject('Account').update({ Id: ids[1], Name: 'single' })).rejects.toMatchObject({
      errorCode: 'UNABLE_TO_LOCK_ROW',
    });
  });

  it('per-record failures by rate are deterministic for a seed and pass on retry', async () => {
    const failedIds = async () => {
      const w = await open({ seed: 5, faults: { recordFailures: { rate: 0.3 } } });
      const ids = w.sf.state.insertMany(
        'Account',
        Array.from({ length: 100 }, (_, i) => ({ Name: `r${i}` })),
      );
      const results = await w.conn.sobject('Account').update(ids.map((Id) => ({ Id, Industry: 'Media' })));
      const failed = ids.filter((_, i) => !results[i]?.success);
      const codes = new Set(
        results.flatMap((r) =>
          r.success ? [] : (r.errors as unknown as Array<{ statusCode: string }>).map((e) => e.statusCode),
        ),
      );
      expect([...codes].sort()).toEqual(['FIELD_CUSTOM_VALIDATION_EXCEPTION', 'UNABLE_TO_LOCK_ROW']);
      let pending = failed;
      for (let attempt = 0; attempt < 10 && pending.length > 0; attempt++) {
        const retry = await w.conn
          .sobject('Account')
          .update(pending.map((Id) => ({ Id, Industry: 'Media' })));
        pending = pending.filter((_, i) => !retry[i]?.success);
      }
      expect(pending).toEqual([]);
      expect(w.sf.state.all('Account').every((r) => r.Industry === 'Media')).toBe(true);
      return failed;
    };
    const first = await failedIds();
    expect(first.length).toBeGreaterThan(15);
    expect(first.length).toBeLessThan(45);
    expect(await failedIds()).toEqual(first);
  });

  it('adds latency, targets routes, and changes at runtime', async () => {
    const w = await open({ faults: { latencyMs: 40, onlyRoutes: ['GET /limits'] } });
    await w.conn.limits();
    const slow = await w.sf.log.waitFor((e) => e.route === 'GET /limits');
    expect(slow.durationMs).toBeGreaterThanOrEqual(35);
    w.sf.faults.set({ latencyMs: 0, errorRate: 1, errorStatus: 500 });
    await expect(w.conn.query('SELECT Id FROM Account')).resolves.toMatchObject({ totalSize: 0 });
    expect((await w.fetchJson('/services/data/v62.0/limits')).body).toMatchObject([
      { errorCode: 'UNKNOWN_EXCEPTION' },
    ]);
    w.sf.faults.reset();
    expect((await w.fetchJson('/services/data/v62.0/limits')).status).toBe(200);
    expect(w.sf.log.counts()).toEqual({ 'GET /limits': 3, 'GET /query': 1 });
  });
});
