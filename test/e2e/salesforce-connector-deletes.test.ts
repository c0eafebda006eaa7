// E2E: deletions through the Salesforce connector — soft deletes (queryAll), hard deletes (Get Deleted), the 15-day window.
import { describe, expect, it } from 'vitest';
import type { DeletedPage } from '../../connectors/types.js';
import { planOf, useConnectorWorlds } from '../support/salesforce-connector-world.js';

const open = useConnectorWorlds();

const iso = (ms: number) => new Date(ms).toISOString();

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('Salesforce connector deletes', () => {
  it('finds soft-deleted and hard-deleted partners since the last run, and nothing else', async () => {
    const w = await open({ partners: 30 });
    const plan = planOf('partners');
    const lastRun = w.clock.now();
    w.clock.advance(60_000);
    const partners = w.sf.state.all('Account').filter((a) => a.IsPartner === true);
    const [soft, hard] = partners.map((p) => p.Id) as [string, string];
    const res = await fetch(`${w.sf.url}/services/data/v62.0/sobjects/Account/${soft}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${w.sf.issueAccessToken()}` },
    });
    expect(res.status).toBe(204);
    const row = w.sf.state.row(hard);
    if (!row) throw new Error('seeded partner missing');
    w.sf.state.hardDeleteRecord(row);
    w.clock.advance(120_000);

    w.connector.resetUsage();
    const pages = await collect(
      w.connector.readDeleted(plan, { since: iso(lastRun), runStartedAt: iso(w.clock.now()) }),
    );
    const ids = pages.flatMap((p: DeletedPage) => (p.kind === 'deleted' ? p.ids : []));
    expect(ids.sort()).toEqual([soft, hard].sort());
    expect(w.connector.usage().callsByOperation).toEqual({ queryAll: 1, deleted: 1 });
    // The hard-deleted record is gone even from queryAll: only Get Deleted could tell.
    expect(w.sf.state.row(hard)).toBeUndefined();

    const live = (await collect(w.connector.listIds(plan, {}))).flat();
    expect(live).not.toContain(soft);
    expect(live).not.toContain(hard);
    expect(live.length).toBe(partners.length - 2);
  });

  it('asks for reconciliation when the last run is older than the 15-day delete window', async () => {
    const w = await open({ partners: 10 });
    const since = iso(w.clock.now() - 16 * 86_400_000);
    w.connector.resetUsage();
    const pages = await collect(
      w.connector.readDeleted(planOf('partners'), { since, runStartedAt: iso(w.clock.now()) }),
    );
    expect(pages).toEqual([{ kind: 'reconcile' }]);
    expect(w.connector.usage().calls).toBe(0);
  });
});
