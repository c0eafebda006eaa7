// E2E: the HubSpot connector's reads against the emulator through @hubspot/api-client: full and incremental
// sync, more than 10,000 records sharing one hs_lastmodifieddate, archived records and reconciliation.
import { describe, expect, it } from 'vitest';
import type { ReadPage } from '../../connectors/types.js';
import { compileMapping } from '../../src/mapping/index.js';
import {
  type ConnectorWorld,
  mappings,
  planOf,
  useConnectorWorlds,
} from '../support/hubspot-connector-world.js';
import { WORLD_START } from '../support/hubspot-world.js';

// Incremental reads search for changes here; the small-object full scan has its own test.
const open = useConnectorWorlds({ smallObjectMax: 0 });
const HOUR = 3_600_000;

/** A small ecosystem: partners, customers, deals labelled with roles, line items. */
function seed(w: ConnectorWorld, deals = 30) {
  const s = w.emulator.state;
  const at = Date.parse(WORLD_START) - 48 * HOUR;
  const partners = s.insertMany(
    'companies',
    Array.from({ length: 5 }, (_, i) => ({
      properties: {
        name: `Partner ${i}`,
        type: 'PARTNER',
        domain: `partner${i}.example`,
        partner_region: 'emea',
      },
      updatedAt: at,
    })),
  );
  const customers = s.insertMany(
    'companies',
    Array.from({ length: 4 }, (_, i) => ({
      properties: { name: `Customer ${i}`, industry: i % 2 ? 'BANKING' : 'HOSPITAL_HEALTH_CARE' },
      updatedAt: at,
    })),
  );
  const dealIds = s.insertMany(
    'deals',
    Array.from({ length: deals }, (_, i) => ({
      properties: {
        dealname: `Deal ${i}`,
        dealstage: i % 3 ? 'closedwon' : 'closedlost',
        amount: String(1000 + i),
      },
      updatedAt: at,
    })),
  );
  const items = s.insertMany(
    'line_items',
    dealIds.map((_, i) => ({ properties: { name: `Item ${i}`, product_family: 'security' }, updatedAt: at })),
  );
  s.insertMany(
    'deals',
    [],
    dealIds.flatMap((deal, i) => [
      {
        from: deal,
        toObjectType: 'companies',
        to: customers[i % customers.length] ?? '',
        labels: ['Primary'],
      },
      { from: deal, toObjectType: 'companies', to: partners[i % partners.length] ?? '', labels: ['Partner'] },
      { from: deal, toObjectType: 'line_items', to: items[i] ?? '' },
    ]),
  );
  return { partners, customers, dealIds, items };
}

async function collect<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) all.push(page);
  return all;
}

const runStartedAt = () => new Date(Date.parse(WORLD_START)).toISOString();

describe('HubSpot connector: full and incremental reads', () => {
  it('reads every deal with its labelled companies and line items, shaped as the mapping expects', async () => {
    const w = await open();
    const { dealIds, partners, customers } = seed(w);
    const plan = planOf('deals');
    const pages = await collect(
      w.connector.read(plan, { cursor: null, runStartedAt: runStartedAt(), lookbackMs: 0 }),
    );
    const records = pages.flatMap((p) => p.records);
    expect(records.map((r) => r.id).sort()).toEqual([...dealIds].sort());
    const first = records.find((r) => r.id === dealIds[0]);
    expect(first?.values.dealname).toBe('Deal 0');
    expect(first?.values.companies).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: customers[0], labels: ['Primary'], industry: 'HOSPITAL_HEALTH_CARE' }),
        expect.objectContaining({ id: partners[0], labels: ['Partner'] }),
      ]),
    );
    expect(first?.values.line_items).toEqual([
      expect.objectContaining({ product_family: 'security', labels: [] }),
    ]);
    // The mapping turns them into deals with a sourcing partner and the customer's sector.
    const mapped = compileMapping(mappings.hubspot!, mappings.taxonomy).mapPage('deals', records);
    const deal = mapped.records.find((d) => d.source.id === dealIds[0]);
    expect(deal?.partners).toEqual([expect.objectContaining({ role: 'sourced' })]);
    expect(deal?.sector).not.toBeNull();
    const last = pages[pages.length - 1];
    expect(last?.cursor).toEqual({ v: 1, mode: 'done', since: runStartedAt() });
    // Only the mapped properties were asked for.
    const list = w.emulator.log.entries.find((e) => e.route === 'GET /crm/v3/objects/deals');
    expect(list?.path).toContain('properties=');
    expect(decodeURIComponent(list?.path ?? '')).not.toContain('hubspot_owner_id');
  });

  it('reads only what changed since the cursor, through search', async () => {
    const w = await open();
    const { dealIds } = seed(w);
    const plan = planOf('deals');
    const full = await collect(
      w.connector.read(plan, { cursor: null, runStartedAt: runStartedAt(), lookbackMs: 0 }),
    );
    const cursor = full[full.length - 1]?.cursor;
    w.clock.advance(HOUR);
    const changed = [dealIds[3] ?? '', dealIds[17] ?? ''];
    const s = w.emulator.state;
    for (const id of changed)
      s.updateRecord(s.type('deals'), s.table('deals').rowOfString(id) ?? -1, { amount: '5' });
    w.clock.advance(HOUR);
    const second = await collect(
      w.connector.read(plan, {
        cursor,
        runStartedAt: new Date(w.clock.now()).toISOString(),
        lookbackMs: 60_000,
      }),
    );
    expect(second.flatMap((p) => p.records.map((r) => r.id)).sort()).toEqual([...changed].sort());
    expect(second[0]?.via).toBe('search');
    expect(second.flatMap((p) => p.records).every((r) => Array.isArray(r.values.companies))).toBe(true);
  });

  it('scans a small object in full instead of searching it for changes', async () => {
    const w = await open({ connector: { smallObjectMax: 1_000 } });
    const { dealIds } = seed(w);
    const plan = planOf('deals');
    const cursor = { v: 1, mode: 'done', since: runStartedAt() };
    const pages = await collect(
      w.connector.read(plan, { cursor, runStartedAt: runStartedAt(), lookbackMs: 0 }),
    );
    expect(pages.flatMap((p) => p.records).length).toBe(dealIds.length);
    expect(pages[0]?.via).toBe('list');
    // One search answered how many deals there are; no search for changes followed.
    expect(w.emulator.log.count('POST /crm/v3/objects/deals/search')).toBe(1);
  });

  it('reads more than 10,000 records that share one hs_lastmodifieddate, each once, without paging past 10,000', async () => {
    const w = await open();
    const at = Date.parse(WORLD_START) - HOUR;
    const ids = w.emulator.state.insertMany(
      'companies',
      Array.from({ length: 10_450 }, (_, i) => ({
        properties: { name: `Bulk ${i}`, type: 'PARTNER' },
        updatedAt: at,
      })),
    );
    const plan = planOf('partners');
    const cursor = { v: 1, mode: 'done', since: new Date(at - HOUR).toISOString() };
    const pages = await collect(
      w.connector.read(plan, { cursor, runStartedAt: runStartedAt(), lookbackMs: 0 }),
    );
    const read = pages.flatMap((p) => p.records.map((r) => r.id));
    expect(read.length).toBe(ids.length);
    expect(new Set(read).size).toBe(ids.length);
    const searches = w.emulator.log.entries.filter(
      (e) => e.route === 'POST /crm/v3/objects/companies/search',
    );
    expect(searches.every((e) => e.status === 200)).toBe(true);
    expect(w.connector.usage().rateLimited).toBe(0);
  });

  it('batch-reads the properties in POST bodies when the property list would overflow the URL', async () => {
    const w = await open();
    const { dealIds } = seed(w, 120);
    const base = planOf('deals');
    const long = Array.from({ length: 150 }, (_, i) => `atlas_unused_property_with_a_long_name_${i}`);
    const plan = { ...base, fields: [...base.fields, ...long] };
    const pages = await collect(
      w.connector.read(plan, { cursor: null, runStartedAt: runStartedAt(), lookbackMs: 0 }),
    );
    const records = pages.flatMap((p) => p.records);
    expect(records.map((r) => r.id).sort()).toEqual([...dealIds].sort());
    expect(records.find((r) => r.id === dealIds[4])?.values.dealname).toBe('Deal 4');
    const lists = w.emulator.log.entries.filter((e) => e.route === 'GET /crm/v3/objects/deals');
    expect(lists.every((e) => e.path.length < 1_000)).toBe(true);
    expect(w.emulator.log.count('POST /crm/v3/objects/deals/batch/read')).toBe(2);
  });

  it('resumes from a page cursor and starts over on a cursor that does not parse', async () => {
    const w = await open({ connector: { recordsPerPage: 100 } });
    const { dealIds } = seed(w, 250);
    const plan = planOf('deals');
    const first: ReadPage[] = [];
    for await (const page of w.connector.read(plan, {
      cursor: null,
      runStartedAt: runStartedAt(),
      lookbackMs: 0,
    })) {
      first.push(page);
      if (first.length === 1) break;
    }
    const resumed = await collect(
      w.connector.read(plan, { cursor: first[0]?.cursor, runStartedAt: runStartedAt(), lookbackMs: 0 }),
    );
    const ids = [...(first[0]?.records ?? []), ...resumed.flatMap((p) => p.records)].map((r) => r.id);
    expect(ids.sort()).toEqual([...dealIds].sort());
    const fresh = await collect(
      w.connector.read(plan, { cursor: { mode: 'bogus' }, runStartedAt: runStartedAt(), lookbackMs: 0 }),
    );
    expect(fresh.flatMap((p) => p.records).length).toBe(dealIds.length);
  });
});

describe('HubSpot connector: archived records', () => {
  it('lists records archived since the last look, reconciles after 90 days, and lists live ids', async () => {
    const w = await open();
    const { dealIds } = seed(w);
    const since = new Date(w.clock.now()).toISOString();
    w.clock.advance(HOUR);
    const s = w.emulator.state;
    const gone = [dealIds[1] ?? '', dealIds[2] ?? ''];
    for (const id of gone) s.archiveRecord(s.type('deals'), s.table('deals').rowOfString(id) ?? -1);
    const plan = planOf('deals');
    const now = new Date(w.clock.now()).toISOString();
    const deleted = await collect(w.connector.readDeleted(plan, { since, runStartedAt: now }));
    expect(deleted.flatMap((p) => (p.kind === 'deleted' ? p.ids : [])).sort()).toEqual([...gone].sort());
    // The next run looks only at what was archived since this one.
    w.clock.advance(HOUR);
    const next = new Date(w.clock.now()).toISOString();
    const later = await collect(w.connector.readDeleted(plan, { since: next, runStartedAt: next }));
    expect(later.flatMap((p) => (p.kind === 'deleted' ? p.ids : []))).toEqual([]);
    // Archiving does not move hs_lastmodifieddate: an incremental read does not see them.
    const reread = await collect(
      w.connector.read(plan, { cursor: { v: 1, mode: 'done', since }, runStartedAt: next, lookbackMs: 0 }),
    );
    expect(reread.flatMap((p) => p.records)).toEqual([]);
    const old = new Date(w.clock.now() - 91 * 24 * HOUR).toISOString();
    expect(await collect(w.connector.readDeleted(plan, { since: old, runStartedAt: now }))).toEqual([
      { kind: 'reconcile' },
    ]);
    const live = (await collect(w.connector.listIds(plan, {}))).flat();
    expect(live.sort()).toEqual(dealIds.filter((id) => !gone.includes(id)).sort());
    const partners = (await collect(w.connector.listIds(planOf('partners'), {}))).flat();
    expect(partners.length).toBe(5);
  });
});
