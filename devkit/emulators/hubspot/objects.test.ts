// E2E: CRM objects v3 through @hubspot/api-client against the emulator: pages, reads, writes, archive, batches, values.
import { describe, expect, it } from 'vitest';
import { ObjectAssociationCategory } from '../../../test/support/hubspot-client-enums.js';
import { type HubSpotWorld, useWorlds } from '../../../test/support/hubspot-world.js';

const open = useWorlds();

function companies(w: HubSpotWorld, n: number): string[] {
  return w.emulator.state.insertMany(
    'companies',
    Array.from({ length: n }, (_, i) => ({ properties: { name: `Co ${i}`, domain: `co${i}.example` } })),
  );
}

describe('HubSpot emulator: list pages', () => {
  it('pages through every record by id; the last page has no paging key at all', async () => {
    const w = await open();
    const ids = companies(w, 250);
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await w.client.crm.companies.basicApi.getPage(100, after, ['name']);
      seen.push(...page.results.map((r) => r.id));
      after = page.paging?.next?.after;
      pages++;
    } while (after);
    expect(pages).toBe(3);
    expect(seen).toEqual(ids);
    const last = await w.fetchJson('GET', `/crm/v3/objects/companies?limit=100&after=${ids[200]}`);
    expect(Object.keys(last.body as object)).toEqual(['results']);
    expect(w.emulator.log.count('GET /crm/v3/objects/companies')).toBe(4);
  });

  it('refuses a limit above 100 with a 400 VALIDATION_ERROR', async () => {
    const w = await open();
    await expect(w.client.crm.companies.basicApi.getPage(101)).rejects.toMatchObject({
      code: 400,
      body: { category: 'VALIDATION_ERROR' },
    });
  });

  it('returns default properties when none are asked, and null for asked-for empty ones', async () => {
    const w = await open();
    companies(w, 1);
    const page = await w.client.crm.companies.basicApi.getPage(10);
    expect(Object.keys(page.results[0]?.properties ?? {}).sort()).toEqual([
      'createdate',
      'domain',
      'hs_lastmodifieddate',
      'hs_object_id',
      'name',
    ]);
    const withIndustry = await w.client.crm.companies.basicApi.getPage(10, undefined, ['industry']);
    expect(withIndustry.results[0]?.properties.industry).toBeNull();
  });
});

describe('HubSpot emulator: single-record writes', () => {
  it('creates with associations, updates with the clock, and leaves hs_lastmodifieddate alone on a no-op', async () => {
    const w = await open();
    const [company] = companies(w, 1);
    const deal = await w.client.crm.deals.basicApi.create({
      properties: { dealname: 'Rollout', amount: '1200', dealstage: 'closedwon', closedate: '1714608000000' },
      associations: [
        {
          to: { id: company ?? '' },
          types: [{ associationCategory: ObjectAssociationCategory.HubspotDefined, associationTypeId: 5 }],
        },
      ],
    });
    expect(deal.properties.closedate).toBe('2024-05-02T00:00:00.000Z');
    expect(w.emulator.state.get('deals', deal.id)?.properties.hs_is_closed_won).toBe('true');
    expect(w.emulator.state.associationsOf('deals', deal.id, 'companies')).toEqual([
      { id: company, labels: ['Primary', null], typeIds: [5, 341] },
    ]);
    w.clock.advance(5_000);
    const same = await w.client.crm.deals.basicApi.update(deal.id, { properties: { amount: '1200' } });
    expect(same.updatedAt.toISOString()).toBe('2026-01-15T10:00:00.000Z');
    w.clock.advance(5_000);
    const changed = await w.client.crm.deals.basicApi.update(deal.id, { properties: { amount: '1300' } });
    expect(changed.properties.hs_lastmodifieddate).toBe('2026-01-15T10:00:10.000Z');
  });

  it('answers HubSpot validation errors for unknown properties, bad numbers, bad options and read-only values', async () => {
    const w = await open();
    const create = (properties: Record<string, string>) =>
      w.client.crm.deals.basicApi.create({ properties, associations: [] });
    await expect(create({ nope: 'x' })).rejects.toMatchObject({
      code: 400,
      body: { message: expect.stringContaining('PROPERTY_DOESNT_EXIST') },
    });
    await expect(create({ amount: 'lots' })).rejects.toMatchObject({
      code: 400,
      body: { message: expect.stringContaining('INVALID_FLOAT') },
    });
    await expect(create({ dealstage: 'won-ish' })).rejects.toMatchObject({
      code: 400,
      body: { message: expect.stringContaining('INVALID_OPTION') },
    });
    await expect(create({ hs_lastmodifieddate: '0' })).rejects.toMatchObject({
      code: 400,
      body: { message: expect.stringContaining('READ_ONLY_VALUE') },
    });
    expect(w.emulator.state.count('deals')).toBe(0);
  });

  it('normalises dates: a date property takes midnight epoch ms or YYYY-MM-DD and reads back as a date', async () => {
    const w = await open();
    const certType = w.emulator.state.type('p62515_certifications').objectTypeId;
    const created = await w.client.crm.objects.basicApi.create(certType, {
      properties: {
        certification_name: 'Data Pro',
        earned_date: '1714608000000',
        expiry_date: '2027-05-02',
        level: 'expert',
      },
      associations: [],
    });
    const got = await w.client.crm.objects.basicApi.getById(certType, created.id, [
      'earned_date',
      'expiry_date',
    ]);
    expect(got.properties).toMatchObject({ earned_date: '2024-05-02', expiry_date: '2027-05-02' });
    await expect(
      w.client.crm.objects.basicApi.create(certType, {
        properties: { certification_name: 'x', earned_date: '1714608000001' },
        associations: [],
      }),
    ).rejects.toMatchObject({ code: 400 });
  });

  it('reaches the custom object by objectTypeId and by fully qualified name, not by its bare name', async () => {
    const w = await open();
    const def = w.emulator.state.type('p62515_certifications');
    w.emulator.state.insertMany(def.objectTypeId, [{ properties: { certification_name: 'A' } }]);
    const byId = await w.client.crm.objects.basicApi.getPage(def.objectTypeId, 10, undefined, [
      'certification_name',
    ]);
    const byName = await w.client.crm.objects.basicApi.getPage('p62515_certifications', 10, undefined, [
      'certification_name',
    ]);
    expect(byId.results[0]?.properties.certification_name).toBe('A');
    expect(byName.results).toEqual(byId.results);
    expect(byId.results[0]?.properties.hs_createdate).toBe('2026-01-15T10:00:00.000Z');
    await expect(w.client.crm.objects.basicApi.getPage('certifications', 10)).rejects.toMatchObject({
      code: 400,
    });
  });
});

describe('HubSpot emulator: archived records', () => {
  it('archiving hides a record, keeps hs_lastmodifieddate, and archived=true lists it with archivedAt', async () => {
    const w = await open();
    const [a, b, c] = companies(w, 3);
    w.clock.advance(60_000);
    await w.client.crm.companies.basicApi.archive(a ?? '');
    await w.client.crm.companies.batchApi.archive({ inputs: [{ id: b ?? '' }, { id: '123' }] });
    const live = await w.client.crm.companies.basicApi.getPage(10);
    expect(live.results.map((r) => r.id)).toEqual([c]);
    const archived = await w.client.crm.companies.basicApi.getPage(
      10,
      undefined,
      undefined,
      undefined,
      undefined,
      true,
    );
    expect(
      archived.results.map((r) => [r.id, r.archived, r.archivedAt?.toISOString(), r.updatedAt.toISOString()]),
    ).toEqual([
      [a, true, '2026-01-15T10:01:00.000Z', '2026-01-15T10:00:00.000Z'],
      [b, true, '2026-01-15T10:01:00.000Z', '2026-01-15T10:00:00.000Z'],
    ]);
    await expect(w.client.crm.companies.basicApi.getById(a ?? '')).rejects.toMatchObject({ code: 404 });
    const byId = await w.client.crm.companies.basicApi.getById(
      a ?? '',
      undefined,
      undefined,
      undefined,
      true,
    );
    expect(byId.archived).toBe(true);
    expect(w.emulator.state.count('companies', { archived: true })).toBe(2);
    const searched = await w.client.crm.companies.searchApi.doSearch({ limit: 10 });
    expect(searched.total).toBe(1);
  });
});

describe('HubSpot emulator: batch endpoints', () => {
  it('refuses more than 100 inputs with a 400', async () => {
    const w = await open();
    const inputs = Array.from({ length: 101 }, (_, i) => ({ id: String(i + 1), properties: { name: 'x' } }));
    await expect(w.client.crm.companies.batchApi.update({ inputs })).rejects.toMatchObject({
      code: 400,
      body: { category: 'VALIDATION_ERROR' },
    });
  });

  it('refuses a whole batch when one input has an invalid value', async () => {
    const w = await open();
    const [a, b] = companies(w, 2);
    await expect(
      w.client.crm.companies.batchApi.update({
        inputs: [
          { id: a ?? '', properties: { partner_tier: 'gold' } },
          { id: b ?? '', properties: { partner_tier: 'diamond' } },
        ],
      }),
    ).rejects.toMatchObject({ code: 400 });
    expect(w.emulator.state.get('companies', a ?? '')?.properties.partner_tier).toBeUndefined();
  });

  it('answers 207 for ids that do not exist, with the ids in the error context', async () => {
    const w = await open();
    const [a] = companies(w, 1);
    const result = await w.client.crm.companies.batchApi.update({
      inputs: [
        { id: a ?? '', properties: { partner_tier: 'gold' } },
        { id: '42', properties: { partner_tier: 'gold' } },
      ],
    });
    expect(result.results.map((r) => r.properties.partner_tier)).toEqual(['gold']);
    expect('numErrors' in result && result.numErrors).toBe(1);
    expect('errors' in result && result.errors?.[0]).toMatchObject({
      category: 'OBJECT_NOT_FOUND',
      context: { ids: ['42'] },
    });
  });

  it('upserts by a unique property and refuses a non-unique idProperty', async () => {
    const w = await open();
    const first = await w.client.crm.contacts.batchApi.upsert({
      inputs: [{ id: 'grace@example.com', idProperty: 'email', properties: { firstname: 'Grace' } }],
    });
    expect(first.results[0]?._new).toBe(true);
    const second = await w.client.crm.contacts.batchApi.upsert({
      inputs: [{ id: 'GRACE@example.com', idProperty: 'email', properties: { lastname: 'Hopper' } }],
    });
    expect(second.results[0]?._new).toBe(false);
    expect(w.emulator.state.get('contacts', first.results[0]?.id ?? '')?.properties).toMatchObject({
      firstname: 'Grace',
      lastname: 'Hopper',
    });
    await expect(
      w.client.crm.contacts.batchApi.upsert({
        inputs: [{ id: 'Grace', idProperty: 'firstname', properties: {} }],
      }),
    ).rejects.toMatchObject({ code: 400 });
  });

  it('batch-reads by id with the asked properties and skips archived ones', async () => {
    const w = await open();
    const [a, b] = companies(w, 2);
    await w.client.crm.companies.basicApi.archive(b ?? '');
    const read = await w.client.crm.companies.batchApi.read({
      inputs: [{ id: a ?? '' }, { id: b ?? '' }],
      properties: ['domain'],
      propertiesWithHistory: [],
    });
    expect(read.results.map((r) => [r.id, r.properties.domain])).toEqual([[a, 'co0.example']]);
    expect('errors' in read && read.errors?.[0]?.context).toEqual({ ids: [b] });
  });
});
