// E2E: CRM search through @hubspot/api-client: operators, groups, sorts, limits, the 10,000-result cap, cached paging.
import { describe, expect, it } from 'vitest';
import { Op as FilterOp } from '../../../test/support/hubspot-client-enums.js';
import { type HubSpotWorld, useWorlds } from '../../../test/support/hubspot-world.js';

const open = useWorlds();

/** Sorts as HubSpot documents them (`{ propertyName, direction }`); the client types `sorts` as strings. */
function sortBy(propertyName: string, direction: 'ASCENDING' | 'DESCENDING'): string {
  return { propertyName, direction } as unknown as string;
}

function seedDeals(w: HubSpotWorld) {
  return w.emulator.state.insertMany('deals', [
    {
      properties: { dealname: 'Alpha data platform', amount: '100', dealstage: 'closedwon' },
      updatedAt: '2024-01-01T00:00:00Z',
    },
    {
      properties: { dealname: 'Beta security suite', amount: '250', dealstage: 'closedlost' },
      updatedAt: '2024-02-01T00:00:00Z',
    },
    {
      properties: { dealname: 'Gamma data lake', amount: '900', dealstage: 'contractsent' },
      updatedAt: '2024-03-01T00:00:00Z',
    },
    { properties: { dealname: 'Delta', dealstage: 'closedwon' }, updatedAt: '2024-04-01T00:00:00Z' },
  ]);
}

describe('HubSpot emulator: search filters', () => {
  it('applies every operator', async () => {
    const w = await open();
    const [a, b, c, d] = seedDeals(w);
    const run = async (
      operator: FilterOp,
      extra: { value?: string; highValue?: string; values?: string[] },
      propertyName = 'amount',
    ) => {
      // Search is limited per second: each call happens a second later on the emulator clock.
      w.clock.advance(1_000);
      const res = await w.client.crm.deals.searchApi.doSearch({
        filterGroups: [{ filters: [{ propertyName, operator, ...extra }] }],
        sorts: ['hs_object_id'],
        limit: 100,
      });
      return res.results.map((r) => r.id);
    };
    expect(await run(FilterOp.Eq, { value: '250' })).toEqual([b]);
    expect(await run(FilterOp.Neq, { value: '250' })).toEqual([a, c, d]);
    expect(await run(FilterOp.Gt, { value: '100' })).toEqual([b, c]);
    expect(await run(FilterOp.Gte, { value: '100' })).toEqual([a, b, c]);
    expect(await run(FilterOp.Lt, { value: '250' })).toEqual([a]);
    expect(await run(FilterOp.Lte, { value: '250' })).toEqual([a, b]);
    expect(await run(FilterOp.Between, { value: '200', highValue: '1000' })).toEqual([b, c]);
    expect(await run(FilterOp.In, { values: ['closedwon', 'contractsent'] }, 'dealstage')).toEqual([a, c, d]);
    expect(await run(FilterOp.NotIn, { values: ['closedwon'] }, 'dealstage')).toEqual([b, c]);
    expect(await run(FilterOp.HasProperty, {})).toEqual([a, b, c]);
    expect(await run(FilterOp.NotHasProperty, {})).toEqual([d]);
    expect(await run(FilterOp.ContainsToken, { value: 'data' }, 'dealname')).toEqual([a, c]);
    expect(await run(FilterOp.ContainsToken, { value: 'sec*' }, 'dealname')).toEqual([b]);
    expect(
      await run(FilterOp.Gte, { value: String(Date.parse('2024-02-15T00:00:00Z')) }, 'hs_lastmodifieddate'),
    ).toEqual([c, d]);
  });

  it('ORs filter groups, ANDs filters, sorts descending, and answers total', async () => {
    const w = await open();
    const [a, , c, d] = seedDeals(w);
    const search = {
      filterGroups: [
        { filters: [{ propertyName: 'dealstage', operator: FilterOp.Eq, value: 'closedwon' }] },
        {
          filters: [
            { propertyName: 'amount', operator: FilterOp.Gt, value: '500' },
            { propertyName: 'dealname', operator: FilterOp.ContainsToken, value: 'lake' },
          ],
        },
      ],
      sorts: [sortBy('hs_lastmodifieddate', 'DESCENDING')],
      properties: ['dealname'],
      limit: 2,
    };
    const res = await w.client.crm.deals.searchApi.doSearch(search);
    expect(res.total).toBe(3);
    expect(res.results.map((r) => r.id)).toEqual([d, c]);
    expect(res.paging?.next?.after).toBe('2');
    const next = await w.client.crm.deals.searchApi.doSearch({ ...search, after: '2' });
    expect(next.results.map((r) => r.id)).toEqual([a]);
    expect(next.paging).toBeUndefined();
  });

  it('matches the query string against the default searchable properties', async () => {
    const w = await open();
    w.emulator.state.insertMany('companies', [
      { properties: { name: 'Northwind Traders', domain: 'northwind.example' } },
      { properties: { name: 'Contoso', domain: 'contoso.example' } },
    ]);
    const res = await w.client.crm.companies.searchApi.doSearch({ query: 'north', limit: 10 });
    expect(res.results.map((r) => r.properties.name)).toEqual(['Northwind Traders']);
  });

  it('refuses too many groups, too many filters, a limit above 200 and an unknown property', async () => {
    const w = await open();
    const filter = { propertyName: 'amount', operator: FilterOp.Gt, value: '1' };
    const search = (body: object) => w.client.crm.deals.searchApi.doSearch(body);
    await expect(
      search({ filterGroups: Array.from({ length: 6 }, () => ({ filters: [filter] })) }),
    ).rejects.toMatchObject({ code: 400 });
    await expect(
      search({ filterGroups: [{ filters: Array.from({ length: 7 }, () => filter) }] }),
    ).rejects.toMatchObject({ code: 400 });
    await expect(
      search({
        filterGroups: Array.from({ length: 4 }, () => ({ filters: Array.from({ length: 5 }, () => filter) })),
      }),
    ).rejects.toMatchObject({ code: 400 });
    await expect(search({ limit: 201 })).rejects.toMatchObject({ code: 400 });
    await expect(
      search({ filterGroups: [{ filters: [{ ...filter, propertyName: 'nope' }] }] }),
    ).rejects.toMatchObject({ code: 400 });
  });
});

describe('HubSpot emulator: search paging limits and cost', () => {
  it('hands out the cursor at 10,000 and answers 400 when it is followed', async () => {
    const w = await open({ rateLimit: { perTenSeconds: 1_000, searchPerSecond: 1_000, daily: 1_000_000 } });
    w.emulator.state.insertMany(
      'deals',
      Array.from({ length: 10_050 }, (_, i) => ({
        properties: { dealname: `D${i}` },
        updatedAt: Date.UTC(2024, 0, 1) + i,
      })),
    );
    const body = {
      filterGroups: [
        { filters: [{ propertyName: 'hs_lastmodifieddate', operator: FilterOp.Gte, value: '0' }] },
      ],
      sorts: ['hs_lastmodifieddate'],
      properties: ['dealname'],
      limit: 200,
    };
    let after: string | undefined = '0';
    let count = 0;
    let total = 0;
    while (after !== undefined && Number(after) < 10_000) {
      const page = await w.client.crm.deals.searchApi.doSearch({ ...body, after });
      count += page.results.length;
      total = page.total;
      after = page.paging?.next?.after;
    }
    expect(total).toBe(10_050);
    expect(count).toBe(10_000);
    expect(after).toBe('10000');
    const beyond = await w.client.crm.deals.searchApi.doSearch({ ...body, after }).catch((e: unknown) => e);
    expect(beyond).toMatchObject({ code: 400, body: { category: 'VALIDATION_ERROR' } });
    expect(w.emulator.state.search.computations).toBe(1);
  });

  it('sorts a 200k-record query once and serves later pages from the cached order', async () => {
    const w = await open();
    const base = Date.UTC(2024, 0, 1);
    w.emulator.state.insertMany(
      'deals',
      Array.from({ length: 200_000 }, (_, i) => ({
        properties: { dealname: `D${i}`, amount: String(i % 1000) },
        // Modified times out of id order, so the sort does real work.
        updatedAt: base + ((i * 7919) % 200_000) * 1000,
      })),
    );
    const body = {
      filterGroups: [
        {
          filters: [
            {
              propertyName: 'hs_lastmodifieddate',
              operator: FilterOp.Gte,
              value: String(base + 100_000_000),
            },
          ],
        },
      ],
      sorts: [sortBy('hs_lastmodifieddate', 'ASCENDING')],
      properties: ['hs_lastmodifieddate'],
      limit: 200,
    };
    const first = await w.client.crm.deals.searchApi.doSearch(body);
    const second = await w.client.crm.deals.searchApi.doSearch({ ...body, after: first.paging?.next?.after });
    const stamps = [...first.results, ...second.results].map((r) => r.updatedAt.getTime());
    expect(first.total).toBe(100_000);
    expect(stamps).toEqual([...stamps].sort((x, y) => x - y));
    expect(stamps[0]).toBe(base + 100_000_000);
    expect(w.emulator.state.search.computations).toBe(1);
    // A write changes the table: the next page is computed afresh, as HubSpot's live index would.
    w.emulator.state.updateRecord(w.emulator.state.type('deals'), 0, { amount: '5' });
    await w.client.crm.deals.searchApi.doSearch({ ...body, after: '400' });
    expect(w.emulator.state.search.computations).toBe(2);
  });
});
