// E2E performance: bulk seeding speed and full paging of 200k records through jsforce (figures printed for the report).
import { describe, expect, it } from 'vitest';
import { useWorlds } from '../../../test/support/salesforce-world.js';

const open = useWorlds();

const MAY_1 = Date.UTC(2024, 4, 1);

describe('Salesforce emulator performance', () => {
  // Speed targets live in `npm run bench -- emulator`; these tests print figures and assert behaviour only.
  it('seeds 200k Opportunities in bulk', async () => {
    const world = await open();
    const [customer] = world.sf.state.insertMany('Account', [{ Name: 'Customer' }]);
    const rows = Array.from({ length: 200_000 }, (_, i) => ({
      Name: `Deal ${i}`,
      AccountId: customer,
      StageName: i % 3 === 0 ? 'Prospecting' : 'Closed Won',
      CloseDate: '2024-03-01',
      Amount: i * 10,
      SystemModstamp: MAY_1 + i * 1000,
    }));
    const started = performance.now();
    world.sf.state.insertMany('Opportunity', rows);
    const ms = performance.now() - started;
    console.info(
      `[perf] seeded 200,000 Opportunities in ${ms.toFixed(0)} ms (${Math.round(200_000 / (ms / 1000))} rows/s)`,
    );
    expect(world.sf.state.count('Opportunity')).toBe(200_000);
  });

  it('pages 200k Accounts through jsforce query + queryMore, one snapshot sorted once', async () => {
    const world = await open();
    world.sf.state.insertMany(
      'Account',
      Array.from({ length: 200_000 }, (_, i) => ({
        Name: `Acc ${i}`,
        Industry: 'Banking',
        SystemModstamp: MAY_1 + (199_999 - i) * 1000,
      })),
    );
    const started = performance.now();
    const all = await world.conn.query<{ Id: string; SystemModstamp: string }>(
      'SELECT Id, Name, Industry, SystemModstamp FROM Account WHERE SystemModstamp >= 2024-05-01T00:00:00Z ORDER BY SystemModstamp, Id',
      { autoFetch: true, maxFetch: 1_000_000 },
    );
    const ms = performance.now() - started;
    console.info(
      `[perf] paged 200,000 Accounts in ${ms.toFixed(0)} ms (${Math.round(200_000 / (ms / 1000))} records/s, ${world.sf.log.count('GET /query/:locator') + 1} pages)`,
    );
    expect(all.records).toHaveLength(200_000);
    expect(world.sf.log.counts()).toEqual({ 'GET /query': 1, 'GET /query/:locator': 99 });
    const stamps = all.records.map((r) => r.SystemModstamp);
    expect(stamps.every((s, i) => i === 0 || (stamps[i - 1] ?? '') <= s)).toBe(true);
    expect(new Set(all.records.map((r) => r.Id)).size).toBe(200_000);
    // The incremental read of the last hour starts from a binary search, not a scan and sort.
    const tail = await world.conn.query(
      'SELECT Id FROM Account WHERE SystemModstamp >= 2024-05-03T06:33:20Z ORDER BY SystemModstamp, Id',
    );
    expect(tail.totalSize).toBe(200_000 - 196_400);
  });
});
