// E2E: the Salesforce connector choosing REST paging or Bulk API 2.0 per entity by calls, counted in the emulator's request log.
import { describe, expect, it } from 'vitest';
import type { ConnectorWorld } from '../support/salesforce-connector-world.js';
import { planOf, useConnectorWorlds } from '../support/salesforce-connector-world.js';

const open = useConnectorWorlds();

/** Requests the emulator saw on the REST API, by route, leaving out sign-in. */
function dataCalls(w: ConnectorWorld): Record<string, number> {
  return Object.fromEntries(
    Object.entries(w.sf.log.counts()).filter(
      ([route]) => !route.includes('/oauth2/') && !route.includes('/soap/'),
    ),
  );
}

describe('Salesforce read path by cost', () => {
  it('reads a large entity with its first REST page, then one Bulk job for the rest: no count call, no describe', async () => {
    // 10,000 certifications: 4 more REST pages after the first cost more than create + status + 1 results page.
    const w = await open({ partners: 20, certifications: 10_000 });
    const plan = planOf('certifications');
    const total = w.sf.state.count('Partner_Certification__c');
    w.sf.log.clear();
    const pages = await w.readAll(plan);
    expect(pages.map((p) => p.via)).toEqual(['rest', 'bulk2']);
    expect(dataCalls(w)).toEqual({
      'GET /query': 1,
      'POST /jobs/query': 1,
      'GET /jobs/query/:id': 1,
      'GET /jobs/query/:id/results': 1,
    });
    // The first page's records are kept and the job reads only what follows them: each record once.
    const ids = pages.flatMap((p) => p.records.map((r) => r.id));
    expect(ids).toHaveLength(total);
    expect(new Set(ids).size).toBe(total);

    // Values typed from the REST page's JSON match what REST gives for the same records.
    const rest = await w.readAll(plan, { via: await w.connect({ bulkQueryThreshold: 1_000_000 }) });
    expect(rest.every((p) => p.via === 'rest')).toBe(true);
    const byId = new Map(rest.flatMap((p) => p.records).map((r) => [r.id, r.values]));
    for (const record of pages[1]?.records.slice(0, 50) ?? [])
      expect(record.values).toEqual(byId.get(record.id));
  });

  it('a full read told the last count starts one Bulk job at once, typed from the schema check describes', async () => {
    const w = await open({ partners: 20, certifications: 10_000 });
    const plan = planOf('certifications');
    const total = w.sf.state.count('Partner_Certification__c');
    expect(await w.connector.checkSchema([plan])).toEqual([]);
    w.sf.log.clear();
    const pages = await w.readAll(plan, { expectedRecords: total });
    expect(pages.map((p) => p.via)).toEqual(['bulk2']);
    expect(dataCalls(w)).toEqual({
      'POST /jobs/query': 1,
      'GET /jobs/query/:id': 1,
      'GET /jobs/query/:id/results': 1,
    });
    const ids = pages.flatMap((p) => p.records.map((r) => r.id));
    expect(new Set(ids).size).toBe(total);
    const rest = await w.readAll(plan, { via: await w.connect({ bulkQueryThreshold: 1_000_000 }) });
    const byId = new Map(rest.flatMap((p) => p.records).map((r) => [r.id, r.values]));
    for (const record of pages[0]?.records.slice(0, 50) ?? [])
      expect(record.values).toEqual(byId.get(record.id));

    // A small expected count keeps REST: the hint never makes a read dearer.
    w.sf.log.clear();
    await w.readAll(planOf('partners'), { expectedRecords: 20 });
    expect(dataCalls(w)).toEqual({ 'GET /query': 1 });
  });

  it('reads a small entity with REST pages only', async () => {
    const w = await open({ partners: 30 });
    w.sf.log.clear();
    const pages = await w.readAll(planOf('partners'));
    expect(pages.every((p) => p.via === 'rest')).toBe(true);
    expect(dataCalls(w)).toEqual({ 'GET /query': 1 });
  });

  it('an unchanged night learns "nothing changed" in one query per entity, after a Bulk read too', async () => {
    const w = await open({ partners: 20, certifications: 10_000 });
    const cursors = new Map<string, unknown>();
    for (const entity of ['partners', 'certifications'] as const) {
      const pages = await w.readAll(planOf(entity));
      cursors.set(entity, pages.at(-1)?.cursor);
    }
    w.clock.advance(3_600_000); // within the session's lifetime, so no sign-in again
    w.sf.log.clear();
    for (const entity of ['partners', 'certifications'] as const) {
      const pages = await w.readAll(planOf(entity), { cursor: cursors.get(entity) });
      expect(pages.flatMap((p) => p.records)).toEqual([]);
    }
    expect(dataCalls(w)).toEqual({ 'GET /query': 2 });
  });
});
