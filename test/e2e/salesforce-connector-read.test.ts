// E2E: the Salesforce connector reading the seeded emulator through jsforce — full, incremental, crash resume, deletes.
import { describe, expect, it } from 'vitest';
import { compiled, planOf, runFrom, useConnectorWorlds } from '../support/salesforce-connector-world.js';

const open = useConnectorWorlds();

describe('Salesforce connector reads', () => {
  it('a full sync reads every partner and deal, mappable, with one call per 2,000 records', async () => {
    const w = await open({ partners: 60 });
    const partnersPlan = planOf('partners');
    const pages = await w.readAll(partnersPlan);
    const ids = pages.flatMap((p) => p.records.map((r) => r.id));
    const expected = w.sf.state
      .all('Account')
      .filter((a) => a.IsPartner === true)
      .map((a) => a.Id);
    expect(new Set(ids)).toEqual(new Set(expected));
    expect(pages.every((p) => p.via === 'rest')).toBe(true);
    const mapped = compiled.mapPage(
      'partners',
      pages.flatMap((p) => p.records),
    );
    expect(mapped.records.length).toBe(expected.length);
    expect(mapped.records[0]?.lastModified).toMatch(/Z$/);

    w.connector.resetUsage();
    const deals = await w.readAll(planOf('deals'));
    const dealRecords = deals.flatMap((p) => p.records);
    expect(dealRecords.length).toBe(w.sf.state.count('Opportunity'));
    expect(w.connector.usage().calls).toBe(Math.ceil(dealRecords.length / 2000));
    const withItems = dealRecords.find(
      (r) =>
        Array.isArray(r.values.OpportunityLineItems) &&
        (r.values.OpportunityLineItems as unknown[]).length > 0,
    );
    expect(withItems).toBeDefined();
    const mappedDeals = compiled.mapPage('deals', dealRecords);
    expect(mappedDeals.records.length).toBeGreaterThan(0);
    expect(mappedDeals.records.some((d) => d.technologies.length > 0)).toBe(true);
  });

  it('an incremental sync after changes reads only the changed records; the cursor never passes the run start', async () => {
    const w = await open({ partners: 60 });
    const plan = planOf('partners');
    const full = await w.readAll(plan);
    const cursor = full.at(-1)?.cursor;
    expect(cursor).toMatchObject({ v: 1 });
    expect(Date.parse((cursor as { modifiedSince: string }).modifiedSince)).toBeLessThanOrEqual(
      w.clock.now(),
    );

    w.clock.advance(60_000);
    const partners = w.sf.state.all('Account').filter((a) => a.IsPartner === true);
    const changed = partners.slice(0, 3).map((p) => p.Id);
    const token = w.sf.issueAccessToken();
    for (const id of changed) {
      const res = await fetch(`${w.sf.url}/services/data/v62.0/sobjects/Account/${id}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ Partner_Region__c: 'EMEA' }),
      });
      expect(res.status).toBe(204);
    }
    const runStartedAt = new Date(w.clock.now() - 30_000).toISOString();
    w.connector.resetUsage();
    const inc = await w.readAll(plan, { cursor, runStartedAt });
    expect(inc.flatMap((p) => p.records.map((r) => r.id)).sort()).toEqual([...changed].sort());
    expect(w.connector.usage().calls).toBe(1);
    // The changed records are newer than the run start: the cursor stays at the run start.
    expect(inc.at(-1)?.cursor).toMatchObject({ modifiedSince: runStartedAt, afterId: null });

    // Nothing changed since: the next read finds only what is at or after the capped cursor.
    const again = await w.readAll(plan, { cursor: inc.at(-1)?.cursor });
    expect(again.flatMap((p) => p.records.map((r) => r.id)).sort()).toEqual([...changed].sort());
    const third = await w.readAll(plan, { cursor: again.at(-1)?.cursor });
    expect(third.flatMap((p) => p.records)).toEqual([]);
  });

  it('a read that crashes mid-way resumes from the last saved cursor, not from the start', async () => {
    const w = await open({ partners: 320 });
    const plan = planOf('deals');
    const total = w.sf.state.count('Opportunity');
    expect(total).toBeGreaterThan(2000);
    let saved: unknown = null;
    const seen = new Set<string>();
    let pagesRead = 0;
    for await (const page of w.connector.read(plan, runFrom(w))) {
      for (const r of page.records) seen.add(r.id);
      saved = page.cursor;
      pagesRead++;
      if (pagesRead === 1) break; // the process dies after storing the first page
    }
    w.connector.resetUsage();
    const rest = await w.readAll(plan, { cursor: saved });
    const restIds = rest.flatMap((p) => p.records.map((r) => r.id));
    for (const id of restIds) seen.add(id);
    expect(seen.size).toBe(total);
    expect(restIds.length).toBe(total - 2000);
    expect(w.connector.usage().calls).toBe(Math.ceil((total - 2000) / 2000));
  });

  it('reads extra fields (the write-back fields) on the same records', async () => {
    const w = await open({ partners: 20 });
    w.sf.state.provisionWriteBackFields();
    const pages = await w.readAll(planOf('partners'), {
      extraFields: ['Atlas_Segments__c', 'Atlas_Top_Score__c'],
    });
    const first = pages[0]?.records[0];
    expect(first?.values).toHaveProperty('Atlas_Segments__c', null);
    expect(first?.values).toHaveProperty('Atlas_Top_Score__c', null);
  });

  it('an unreadable cursor means a full read, not a failure', async () => {
    const w = await open({ partners: 20 });
    const pages = await w.readAll(planOf('partners'), { cursor: { nonsense: true } });
    expect(pages.flatMap((p) => p.records).length).toBe(
      w.sf.state.all('Account').filter((a) => a.IsPartner === true).length,
    );
  });
});
