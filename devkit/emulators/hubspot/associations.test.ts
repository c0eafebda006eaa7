// E2E: associations v4 through @hubspot/api-client: labelled deal↔company roles, certifications, line items, contacts.
import { describe, expect, it } from 'vitest';
import { V4Category } from '../../../test/support/hubspot-client-enums.js';
import { type HubSpotWorld, useWorlds } from '../../../test/support/hubspot-world.js';

const open = useWorlds();

function seed(w: HubSpotWorld) {
  const s = w.emulator.state;
  const [customer, sourcing, delivering] = s.insertMany('companies', [
    { properties: { name: 'Customer Co', industry: 'HOSPITAL_HEALTH_CARE' } },
    { properties: { name: 'Sourcing Partner', type: 'PARTNER' } },
    { properties: { name: 'Delivery Partner', type: 'PARTNER' } },
  ]);
  const [deal] = s.insertMany(
    'deals',
    [{ properties: { dealname: 'Hospital analytics', dealstage: 'closedwon', amount: '50000' } }],
    [],
  );
  s.insertMany(
    'deals',
    [],
    [
      { from: deal ?? '', toObjectType: 'companies', to: customer ?? '', labels: ['Primary'] },
      { from: deal ?? '', toObjectType: 'companies', to: sourcing ?? '', labels: ['Partner'] },
      {
        from: deal ?? '',
        toObjectType: 'companies',
        to: delivering ?? '',
        labels: ['Delivery partner', 'Influencer'],
      },
    ],
  );
  return {
    customer: customer ?? '',
    sourcing: sourcing ?? '',
    delivering: delivering ?? '',
    deal: deal ?? '',
  };
}

describe('HubSpot emulator: deal ↔ company roles', () => {
  it('reads the customer (Primary, typeId 5) and the partner labels through v4 batch read', async () => {
    const w = await open();
    const { customer, sourcing, delivering, deal } = seed(w);
    const read = await w.client.crm.associations.v4.batchApi.getPage('deals', 'companies', {
      inputs: [{ id: deal }],
    });
    const roles = Object.fromEntries(
      (read.results[0]?.to ?? []).map((t) => [
        String(t.toObjectId),
        t.associationTypes.map((a) => `${a.category}:${a.label ?? ''}`),
      ]),
    );
    expect(roles).toEqual({
      [customer]: ['HUBSPOT_DEFINED:Primary', 'HUBSPOT_DEFINED:'],
      [sourcing]: ['USER_DEFINED:Partner', 'HUBSPOT_DEFINED:'],
      [delivering]: ['USER_DEFINED:Delivery partner', 'USER_DEFINED:Influencer', 'HUBSPOT_DEFINED:'],
    });
  });

  it('reads the other direction (company → deals) with the inverse type ids', async () => {
    const w = await open();
    const { customer, deal } = seed(w);
    const page = await w.client.crm.associations.v4.basicApi.getPage('companies', customer, 'deals');
    expect(page.results.map((r) => [String(r.toObjectId), r.associationTypes.map((t) => t.typeId)])).toEqual([
      [deal, [6, 342]],
    ]);
  });

  it('reports a deal without associations as a per-input error (207) next to the found ones', async () => {
    const w = await open();
    const { deal } = seed(w);
    const [lonely] = w.emulator.state.insertMany('deals', [{ properties: { dealname: 'Lonely' } }]);
    const read = await w.client.crm.associations.v4.batchApi.getPage('deals', 'companies', {
      inputs: [{ id: deal }, { id: lonely ?? '' }],
    });
    expect(read.results.map((r) => r._from.id)).toEqual([deal]);
    expect('errors' in read && read.errors?.[0]?.context).toEqual({ fromObjectId: [lonely] });
  });

  it('adds and removes labels: PUT adds a label, labels/archive removes it but keeps the association', async () => {
    const w = await open();
    const { sourcing, deal } = seed(w);
    const influencer = w.emulator.state.associations.typeByLabel('0-3', '0-2', 'Influencer')?.typeId ?? 0;
    const pair = await w.client.crm.associations.v4.basicApi.create('deals', deal, 'companies', sourcing, [
      { associationCategory: V4Category.UserDefined, associationTypeId: influencer },
    ]);
    expect(pair.labels.sort()).toEqual(['Influencer', 'Partner']);
    await w.client.crm.associations.v4.batchApi.archiveLabels('deals', 'companies', {
      inputs: [
        {
          _from: { id: deal },
          to: { id: sourcing },
          types: [{ associationCategory: V4Category.UserDefined, associationTypeId: influencer }],
        },
      ],
    });
    expect(
      w.emulator.state.associationsOf('deals', deal, 'companies').find((a) => a.id === sourcing)?.labels,
    ).toEqual(['Partner', null]);
    await w.client.crm.associations.v4.basicApi.archive('deals', deal, 'companies', sourcing);
    expect(w.emulator.state.associationsOf('deals', deal, 'companies').map((a) => a.id)).not.toContain(
      sourcing,
    );
    expect(w.emulator.state.associationsOf('companies', sourcing, 'deals')).toEqual([]);
  });

  it('creates unlabeled default associations one by one and in batch', async () => {
    const w = await open();
    const [company] = w.emulator.state.insertMany('companies', [{ properties: { name: 'Acme' } }]);
    const [c1, c2] = w.emulator.state.insertMany('contacts', [
      { properties: { email: 'a@x.example' } },
      { properties: { email: 'b@x.example' } },
    ]);
    await w.client.crm.associations.v4.basicApi.createDefault(
      'contacts',
      c1 ?? '',
      'companies',
      company ?? '',
    );
    await w.client.crm.associations.v4.batchApi.createDefault('contacts', 'companies', {
      inputs: [{ _from: { id: c2 ?? '' }, to: { id: company ?? '' } }],
    });
    expect(w.emulator.state.associationsOf('companies', company ?? '', 'contacts')).toEqual([
      { id: c1, labels: [null], typeIds: [280] },
      { id: c2, labels: [null], typeIds: [280] },
    ]);
  });

  it('refuses a label that does not exist for the pair, and a second label with the same name (409)', async () => {
    const w = await open();
    const { sourcing, deal } = seed(w);
    await expect(
      w.client.crm.associations.v4.basicApi.create('deals', deal, 'companies', sourcing, [
        { associationCategory: V4Category.UserDefined, associationTypeId: 9_999 },
      ]),
    ).rejects.toMatchObject({ code: 400 });
    await expect(
      w.client.crm.associations.v4.schema.definitionsApi.create('deals', 'companies', {
        label: 'Partner',
        name: 'partner',
      }),
    ).rejects.toMatchObject({ code: 409 });
  });
});

describe('HubSpot emulator: certifications, line items and contacts', () => {
  it('associates a certification with its partner company and its holder', async () => {
    const w = await open();
    const cert = w.emulator.state.type('p62515_certifications');
    const [company] = w.emulator.state.insertMany('companies', [{ properties: { name: 'Partner' } }]);
    const [person] = w.emulator.state.insertMany('contacts', [
      { properties: { email: 'holder@partner.example' } },
    ]);
    const created = await w.client.crm.objects.basicApi.create(cert.objectTypeId, {
      properties: {
        certification_name: 'Data & AI Expert',
        technology: 'data_ai',
        level: 'expert',
        earned_date: '2025-03-01',
      },
      associations: [],
    });
    const labels = await w.client.crm.associations.v4.schema.definitionsApi.getAll(
      cert.objectTypeId,
      'companies',
    );
    const toCompany = labels.results[0]?.typeId ?? 0;
    await w.client.crm.associations.v4.batchApi.create(cert.objectTypeId, 'companies', {
      inputs: [
        {
          _from: { id: created.id },
          to: { id: company ?? '' },
          types: [{ associationCategory: V4Category.UserDefined, associationTypeId: toCompany }],
        },
      ],
    });
    await w.client.crm.associations.v4.basicApi.createDefault(
      cert.objectTypeId,
      created.id,
      'contacts',
      person ?? '',
    );
    expect(
      w.emulator.state.associationsOf('companies', company ?? '', cert.objectTypeId).map((a) => a.id),
    ).toEqual([created.id]);
    const read = await w.client.crm.associations.v4.batchApi.getPage(cert.objectTypeId, 'contacts', {
      inputs: [{ id: created.id }],
    });
    expect(read.results[0]?.to.map((t) => String(t.toObjectId))).toEqual([person]);
  });

  it('reads line items of deals (typeId 19) and lists associations on GET with associations=', async () => {
    const w = await open();
    const [deal] = w.emulator.state.insertMany('deals', [{ properties: { dealname: 'D' } }]);
    w.emulator.state.insertMany(
      'line_items',
      [
        {
          id: 400_000_010,
          properties: { name: 'Data platform', quantity: '2', amount: '2000', product_family: 'data_ai' },
        },
        {
          id: 400_000_011,
          properties: { name: 'Firewall', quantity: '1', amount: '500', product_family: 'security' },
        },
      ],
      [
        { from: 400_000_010, toObjectType: 'deals', to: deal ?? '' },
        { from: 400_000_011, toObjectType: 'deals', to: deal ?? '' },
      ],
    );
    const read = await w.client.crm.associations.v4.batchApi.getPage('deals', 'line_items', {
      inputs: [{ id: deal ?? '' }],
    });
    expect(read.results[0]?.to.map((t) => [t.toObjectId, t.associationTypes[0]?.typeId])).toEqual([
      [400_000_010, 19],
      [400_000_011, 19],
    ]);
    const got = await w.client.crm.deals.basicApi.getById(deal ?? '', ['dealname'], undefined, [
      'line_items',
    ]);
    expect(got.associations?.line_items?.results.map((r) => [r.id, r.type])).toEqual([
      ['400000010', 'deal_to_line_item'],
      ['400000011', 'deal_to_line_item'],
    ]);
  });

  it('hides associations to archived records', async () => {
    const w = await open();
    const { customer, deal } = seed(w);
    await w.client.crm.companies.basicApi.archive(customer);
    const page = await w.client.crm.associations.v4.basicApi.getPage('deals', deal, 'companies');
    expect(page.results.map((r) => String(r.toObjectId))).not.toContain(customer);
    expect(page.results).toHaveLength(2);
  });
});
