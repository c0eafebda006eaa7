// E2E: Bulk API 2.0 through the Salesforce connector — query jobs paged by Sforce-Locator (and resumed after a crash), ingest jobs with failed results.
import { describe, expect, it } from 'vitest';
import type { FieldUpdate } from '../../connectors/types.js';
import { compiled, planOf, runFrom, useConnectorWorlds } from '../support/salesforce-connector-world.js';

const open = useConnectorWorlds();

/** Enough certifications that, after the first REST page, a job read in result pages of 5,000 costs fewer calls than paging on. */
const BULK_QUERY_WORLD = {
  partners: 80,
  certifications: 14_000,
  connector: { bulkResultsPage: 5000 },
};

describe('Salesforce connector Bulk API 2.0', () => {
  it('reads on after the first REST page with a query job, paging results by locator, values typed like REST', async () => {
    const w = await open(BULK_QUERY_WORLD);
    const plan = planOf('certifications');
    const total = w.sf.state.count('Partner_Certification__c');
    w.sf.bulkJobs.checksToComplete = 3; // the job is InProgress for two status checks
    w.connector.resetUsage();
    const pages = await w.readAll(plan);
    const [first, ...bulk] = pages;
    expect(first?.via).toBe('rest');
    expect(bulk.every((p) => p.via === 'bulk2')).toBe(true);
    // The first REST page tells the total and is kept; then create, three status checks, the result pages.
    // The CSV is typed by that page's JSON: no describe.
    expect(w.connector.usage().callsByOperation).toEqual({ query: 1, bulk2: 4 + bulk.length });
    const records = pages.flatMap((p) => p.records);
    expect(records).toHaveLength(total);
    expect(new Set(records.map((r) => r.id)).size).toBe(total);
    expect(bulk.length).toBe(Math.ceil((total - 2000) / 5000));
    expect(w.sf.log.count('GET /jobs/query/:id/results')).toBe(bulk.length);
    const rest = await w.readAll(plan, { via: await w.connect({ bulkQueryThreshold: 1_000_000 }) });
    const byId = new Map(rest.flatMap((p) => p.records).map((r) => [r.id, r.values]));
    for (const sample of bulk[0]?.records.slice(0, 50) ?? [])
      expect(sample.values).toEqual(byId.get(sample.id));
    expect(compiled.mapPage('certifications', records).records.length).toBe(
      compiled.mapPage(
        'certifications',
        rest.flatMap((p) => p.records),
      ).records.length,
    );
    // Intermediate cursors keep the job and locator; the last one moves to the newest stamp, capped at the run start.
    expect(bulk[0]?.cursor).toMatchObject({ bulk: { locator: expect.any(String) } });
    expect(pages.at(-1)?.cursor).not.toHaveProperty('bulk');
    // …and from there, with nothing changed, the next read finds nothing (many records share the newest stamp).
    const next = await w.readAll(plan, { cursor: pages.at(-1)?.cursor });
    expect(next.flatMap((p) => p.records)).toEqual([]);
  });

  it('a crash while paging a query job resumes at the saved locator of the same job', async () => {
    const w = await open(BULK_QUERY_WORLD);
    const plan = planOf('certifications');
    const total = w.sf.state.count('Partner_Certification__c');
    const seen = new Set<string>();
    let saved: unknown = null;
    // The first REST page, then the first results page of the job: the run stops there.
    for await (const page of w.connector.read(plan, runFrom(w))) {
      for (const r of page.records) seen.add(r.id);
      saved = page.cursor;
      if (page.via === 'bulk2') break;
    }
    const jobsBefore = w.sf.log.count('POST /jobs/query');
    const rest = await w.readAll(plan, { cursor: saved });
    for (const r of rest.flatMap((p) => p.records)) seen.add(r.id);
    expect(seen.size).toBe(total);
    expect(w.sf.log.count('POST /jobs/query')).toBe(jobsBefore);
    expect(rest.flatMap((p) => p.records).length).toBe(total - 2000 - 5000);
  });

  it('writes above the ingest threshold with one job and reads its failed results back per record', async () => {
    const w = await open({ partners: 40, connector: { bulkIngestThreshold: 10 } });
    w.sf.state.provisionWriteBackFields({ values: ['Banking × Security — Proven'] });
    const accounts = w.sf.state.all('Account').slice(0, 30);
    const updates: FieldUpdate[] = accounts.map((a, i) => ({
      recordId: a.Id,
      values: {
        Atlas_Segments__c: ['Banking × Security — Proven'],
        Atlas_Top_Score__c: i,
        Atlas_Primary_Segment__c: i === 5 ? 'x'.repeat(300) : null,
      },
    }));
    const locked = accounts[3]?.Id ?? '';
    w.sf.faults.set({ recordFailures: { ids: { [locked]: 'UNABLE_TO_LOCK_ROW' } } });
    w.connector.resetUsage();
    const outcomes = await w.connector.writeFields('Account', updates);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(28);
    expect(outcomes.find((o) => o.recordId === locked)).toMatchObject({
      ok: false,
      code: 'UNABLE_TO_LOCK_ROW',
      transient: true,
    });
    expect(outcomes.find((o) => o.recordId === accounts[5]?.Id)).toMatchObject({
      ok: false,
      code: 'STRING_TOO_LONG',
      transient: false,
      fields: ['Atlas_Primary_Segment__c'],
    });
    expect(w.sf.state.get(accounts[7]?.Id ?? '')).toMatchObject({
      Atlas_Top_Score__c: 7,
      Atlas_Segments__c: 'Banking × Security — Proven',
      Atlas_Primary_Segment__c: null,
    });
    expect(w.connector.usage().callsByOperation).toEqual({ 'bulk2.ingest': 5 });
  });
});
