// E2E: bulk seeding with state.insertMany and reading the seeded world back through @hubspot/api-client.
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { useWorlds } from '../../../test/support/hubspot-world.js';

const open = useWorlds();

describe('HubSpot emulator: insertMany', () => {
  it('keeps given ids and times, allocates the rest, and derives the closed flags of deals', async () => {
    const w = await open();
    const ids = w.emulator.state.insertMany('deals', [
      {
        id: 300_000_500,
        properties: {
          dealname: 'Won',
          dealstage: 'closedwon',
          createdate: '2024-01-02T03:04:05.000Z',
          hs_lastmodifieddate: '1715000000000',
        },
      },
      { properties: { dealname: 'Lost', dealstage: 'closedlost' }, createdAt: Date.UTC(2024, 0, 1) },
      { properties: { dealname: 'Open', dealstage: 'contractsent', hs_is_closed: 'false' } },
    ]);
    expect(ids).toEqual(['300000500', '300000501', '300000502']);
    const page = await w.client.crm.deals.basicApi.getPage(10, undefined, [
      'dealstage',
      'hs_is_closed_won',
      'hs_is_closed',
    ]);
    expect(
      page.results.map((r) => [
        r.properties.dealstage,
        r.properties.hs_is_closed_won,
        r.properties.hs_is_closed,
      ]),
    ).toEqual([
      ['closedwon', 'true', 'true'],
      ['closedlost', 'false', 'true'],
      ['contractsent', 'false', 'false'],
    ]);
    expect(page.results[0]?.createdAt.toISOString()).toBe('2024-01-02T03:04:05.000Z');
    expect(page.results[0]?.properties.hs_lastmodifieddate).toBe('2024-05-06T12:53:20.000Z');
    expect(page.results[1]?.updatedAt.toISOString()).toBe('2024-01-01T00:00:00.000Z');
  });

  it('refuses unknown properties always, and bad values when asked to validate', async () => {
    const w = await open();
    expect(() => w.emulator.state.insertMany('companies', [{ properties: { nme: 'typo' } }])).toThrow(/nme/);
    expect(() =>
      w.emulator.state.insertMany('companies', [{ properties: { partner_tier: 'diamond' } }], [], {
        validate: true,
      }),
    ).toThrow(/INVALID_OPTION/);
    expect(w.emulator.state.count('companies')).toBe(0);
  });

  it('seeds archived records that only archived=true lists', async () => {
    const w = await open();
    w.emulator.state.insertMany('companies', [
      { properties: { name: 'Live' } },
      { properties: { name: 'Gone' }, archivedAt: '2025-12-01T00:00:00Z' },
    ]);
    const archived = await w.client.crm.companies.basicApi.getPage(
      10,
      undefined,
      ['name'],
      undefined,
      undefined,
      true,
    );
    expect(archived.results.map((r) => [r.properties.name, r.archivedAt?.toISOString()])).toEqual([
      ['Gone', '2025-12-01T00:00:00.000Z'],
    ]);
    expect(w.emulator.state.count('companies')).toBe(1);
  });

  it('seeds 100k deals with 200k labelled associations quickly and serves them to the client', async () => {
    const w = await open();
    const companyIds = w.emulator.state.insertMany(
      'companies',
      Array.from({ length: 1_000 }, (_, i) => ({
        properties: { name: `Co ${i}`, type: i % 2 ? 'PARTNER' : 'PROSPECT' },
      })),
    );
    const started = performance.now();
    const deals = Array.from({ length: 100_000 }, (_, i) => ({
      id: 300_000_001 + i,
      properties: {
        dealname: `Deal ${i}`,
        amount: String(i),
        dealstage: i % 3 ? 'closedwon' : 'closedlost',
        pipeline: 'default',
      },
      updatedAt: Date.UTC(2025, 0, 1) + i * 1000,
    }));
    const associations = deals.flatMap((d, i) => [
      { from: d.id, toObjectType: 'companies', to: companyIds[i % 1_000] ?? '', labels: ['Primary'] },
      {
        from: d.id,
        toObjectType: 'companies',
        to: companyIds[(i * 7 + 1) % 1_000] ?? '',
        labels: ['Partner'],
      },
    ]);
    w.emulator.state.insertMany('deals', deals, associations);
    console.info(
      `[perf] seeded 100,000 deals with 200,000 associations in ${(performance.now() - started).toFixed(0)} ms`,
    );
    expect(w.emulator.state.count('deals')).toBe(100_000);
    const read = await w.client.crm.associations.v4.batchApi.getPage('deals', 'companies', {
      inputs: [{ id: '300050000' }],
    });
    expect(read.results[0]?.to.map((t) => t.associationTypes[0]?.label).sort()).toEqual([
      'Partner',
      'Primary',
    ]);
    const partnersDeals = await w.client.crm.associations.v4.basicApi.getPage(
      'companies',
      companyIds[1] ?? '',
      'deals',
    );
    expect(partnersDeals.results.length).toBe(200);
  });
});
