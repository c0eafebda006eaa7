// E2E: an incremental HubSpot read re-reads the deals whose customer company or line items changed, and an
// unchanged night costs one search per related object and nothing more.
import { describe, expect, it } from 'vitest';
import type { RawRecord, ReadPage } from '../../connectors/types.js';
import { compileMapping } from '../../src/mapping/index.js';
import {
  type ConnectorWorld,
  mappings,
  planOf,
  useConnectorWorlds,
} from '../support/hubspot-connector-world.js';
import { WORLD_START } from '../support/hubspot-world.js';

// Incremental reads search for changes here (the small-object full scan would read everything anyway).
const open = useConnectorWorlds({ smallObjectMax: 0 });
const HOUR = 3_600_000;
const deals = planOf('deals');
const compiled = compileMapping(mappings.hubspot!, mappings.taxonomy);

/** Partners, customers (one with five deals), deals labelled with a customer and a partner, one line item each. */
function seed(w: ConnectorWorld) {
  const s = w.emulator.state;
  const at = Date.parse(WORLD_START) - 48 * HOUR;
  const partners = s.insertMany(
    'companies',
    Array.from({ length: 3 }, (_, i) => ({
      properties: { name: `Partner ${i}`, type: 'PARTNER', domain: `partner${i}.example` },
      updatedAt: at,
    })),
  );
  const customers = s.insertMany(
    'companies',
    Array.from({ length: 3 }, (_, i) => ({
      properties: { name: `Customer ${i}`, industry: i % 2 ? 'BANKING' : 'HOSPITAL_HEALTH_CARE' },
      updatedAt: at,
    })),
  );
  const dealIds = s.insertMany(
    'deals',
    Array.from({ length: 12 }, (_, i) => ({
      properties: { dealname: `Deal ${i}`, dealstage: 'closedwon', amount: String(1000 + i) },
      updatedAt: at,
    })),
  );
  const items = s.insertMany(
    'line_items',
    dealIds.map((_, i) => ({ properties: { name: `Item ${i}`, product_family: 'security' }, updatedAt: at })),
  );
  // Customer 0 has deals 0..4; the others share the rest.
  const customerOf = (i: number) => (i < 5 ? customers[0] : customers[1 + (i % 2)]) ?? '';
  s.insertMany(
    'deals',
    [],
    dealIds.flatMap((deal, i) => [
      { from: deal, toObjectType: 'companies', to: customerOf(i), labels: ['Primary'] },
      { from: deal, toObjectType: 'companies', to: partners[i % partners.length] ?? '', labels: ['Partner'] },
      { from: deal, toObjectType: 'line_items', to: items[i] ?? '' },
    ]),
  );
  return { partners, customers, dealIds, items, customerDeals: dealIds.slice(0, 5) };
}

async function collect(pages: AsyncIterable<ReadPage>): Promise<ReadPage[]> {
  const all: ReadPage[] = [];
  for await (const page of pages) all.push(page);
  return all;
}

const nowIso = (w: ConnectorWorld) => new Date(w.clock.now()).toISOString();

/** A full read of the deals, then an hour on: the cursor the next night starts from. */
async function afterFullRead(w: ConnectorWorld): Promise<unknown> {
  const full = await collect(
    w.connector.read(deals, { cursor: null, runStartedAt: nowIso(w), lookbackMs: 0 }),
  );
  w.clock.advance(HOUR);
  return full.at(-1)?.cursor;
}

/** The next night's incremental read, its usage counted from zero and the emulator log cleared. */
async function nextNight(w: ConnectorWorld, cursor: unknown): Promise<ReadPage[]> {
  w.clock.advance(HOUR);
  w.connector.resetUsage();
  w.emulator.log.clear();
  return collect(w.connector.read(deals, { cursor, runStartedAt: nowIso(w), lookbackMs: 60_000 }));
}

const records = (pages: readonly ReadPage[], via?: string): RawRecord[] =>
  pages.filter((p) => via === undefined || p.via === via).flatMap((p) => p.records);

function update(w: ConnectorWorld, object: string, id: string, properties: Record<string, string>) {
  const s = w.emulator.state;
  s.updateRecord(s.type(object), s.table(object).rowOfString(id) ?? -1, properties);
}

describe('HubSpot incremental reads follow related changes', () => {
  it("a customer company's corrected industry re-reads every one of its deals with the new sector", async () => {
    const w = await open();
    const { customers, customerDeals } = seed(w);
    const cursor = await afterFullRead(w);
    update(w, 'companies', customers[0] ?? '', { industry: 'COMPUTER_SOFTWARE' });

    const pages = await nextNight(w, cursor);
    const reread = records(pages, 'related');
    expect(reread.map((r) => r.id).sort()).toEqual([...customerDeals].sort());
    for (const deal of reread) {
      const customer = (deal.values.companies as Array<Record<string, unknown>>).find(
        (c) => c.id === customers[0],
      );
      expect(customer?.industry).toBe('COMPUTER_SOFTWARE');
    }
    const sectors = new Set(compiled.mapPage('deals', reread).records.map((d) => d.sector));
    expect(sectors.size).toBe(1);
    // The deals' own search found nothing; related pages kept the saved cursor, the last page moved it.
    expect(records(pages, 'search')).toEqual([]);
    expect(pages.filter((p) => p.via === 'related').every((p) => p.cursor === cursor)).toBe(true);
    expect(pages.at(-1)?.cursor).toEqual({ v: 1, mode: 'done', since: nowIso(w) });
    // The deals' own stamps did not move: only the related search could find them.
    expect(w.emulator.log.count('POST /crm/v3/objects/companies/search')).toBe(1);
  });

  it("a line item's changed product family re-reads its deal", async () => {
    const w = await open();
    const { dealIds, items } = seed(w);
    const cursor = await afterFullRead(w);
    update(w, 'line_items', items[7] ?? '', { product_family: 'data_ai' });

    const pages = await nextNight(w, cursor);
    expect(records(pages).map((r) => r.id)).toEqual([dealIds[7]]);
    expect(pages.map((p) => p.via)).toEqual(['related', 'search']);
    const [deal] = records(pages);
    expect(deal?.values.line_items).toEqual([expect.objectContaining({ product_family: 'data_ai' })]);
  });

  it('an unchanged night costs one search for the deals plus one per related object, and reads nothing', async () => {
    const w = await open();
    seed(w);
    const cursor = await afterFullRead(w);

    const pages = await nextNight(w, cursor);
    expect(records(pages)).toEqual([]);
    // Deals' own changes, then companies (industry) and line items (product_family): no association or
    // batch reads, since nothing changed.
    expect(w.connector.usage().callsByOperation).toEqual({ search: 1, 'related/search': 2 });
    expect(w.emulator.log.counts()).toEqual({
      'POST /crm/v3/objects/companies/search': 1,
      'POST /crm/v3/objects/deals/search': 1,
      'POST /crm/v3/objects/line_items/search': 1,
    });
  });

  it('a deal changed itself and through its customer is read once, by its own search', async () => {
    const w = await open();
    const { customers, customerDeals } = seed(w);
    const cursor = await afterFullRead(w);
    update(w, 'deals', customerDeals[2] ?? '', { amount: '9' });
    update(w, 'companies', customers[0] ?? '', { industry: 'BANKING' });

    const pages = await nextNight(w, cursor);
    const ids = records(pages).map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...customerDeals].sort());
    expect(records(pages, 'search').map((r) => r.id)).toEqual([customerDeals[2]]);
  });

  it('a partner associated with an old deal moves no hs_lastmodifieddate: only a full read sees it', async () => {
    const w = await open();
    const { dealIds, partners } = seed(w);
    const cursor = await afterFullRead(w);
    const deal = dealIds[1] ?? '';
    const stampBefore = records(
      await collect(w.connector.read(deals, { cursor: null, runStartedAt: nowIso(w), lookbackMs: 0 })),
    ).find((r) => r.id === deal)?.values.hs_lastmodifieddate;
    // PUT the default association through the API, as a user labelling a partner on the deal would.
    const put = await w.fetchJson(
      'PUT',
      `/crm/v4/objects/deals/${deal}/associations/default/companies/${partners[0]}`,
    );
    expect(put.status).toBeLessThan(300);

    const pages = await nextNight(w, cursor);
    expect(records(pages)).toEqual([]);
    const full = records(
      await collect(w.connector.read(deals, { cursor: null, runStartedAt: nowIso(w), lookbackMs: 0 })),
    ).find((r) => r.id === deal);
    expect(full?.values.hs_lastmodifieddate).toEqual(stampBefore);
    const companies = (full?.values.companies ?? []) as Array<{ id: string }>;
    expect(companies.map((c) => c.id)).toContain(partners[0]);
  });
});
