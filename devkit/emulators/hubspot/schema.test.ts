// E2E: properties, property groups and custom object schemas through @hubspot/api-client, as provisioning uses them.
import { describe, expect, it } from 'vitest';
import { createCompanyProperty } from '../../../test/support/hubspot-client-calls.js';
import { FieldType, PropertyType, SchemaPropertyType } from '../../../test/support/hubspot-client-enums.js';
import { useWorlds } from '../../../test/support/hubspot-world.js';

const open = useWorlds();

describe('HubSpot emulator: default schema', () => {
  it('carries the brief’s company properties with their options', async () => {
    const w = await open();
    const props = await w.client.crm.properties.coreApi.getAll('companies');
    const byName = new Map(props.results.map((p) => [p.name, p]));
    for (const name of [
      'name',
      'domain',
      'country',
      'industry',
      'type',
      'partner_tier',
      'partner_region',
      'salesforceaccountid',
      'hs_object_id',
      'createdate',
      'hs_lastmodifieddate',
    ]) {
      expect(byName.has(name), name).toBe(true);
    }
    expect(byName.get('type')?.options.map((o) => o.value)).toEqual([
      'PROSPECT',
      'PARTNER',
      'RESELLER',
      'VENDOR',
      'OTHER',
    ]);
    expect(byName.get('partner_tier')?.options.map((o) => o.value)).toEqual([
      'bronze',
      'silver',
      'gold',
      'platinum',
    ]);
    expect(byName.get('partner_region')?.options.map((o) => o.value)).toEqual([
      'emea',
      'north_america',
      'apac',
      'latam',
    ]);
    expect(byName.get('industry')?.options).toHaveLength(148);
    const deals = await w.client.crm.properties.coreApi.getAll('deals');
    expect(deals.results.map((p) => p.name)).toEqual(
      expect.arrayContaining([
        'dealname',
        'amount',
        'deal_currency_code',
        'dealstage',
        'pipeline',
        'closedate',
        'hs_is_closed_won',
        'hs_is_closed',
        'dealtype',
        'csat_score',
      ]),
    );
    const items = await w.client.crm.properties.coreApi.getByName('line_items', 'product_family');
    expect(items.options.map((o) => o.value)).toContain('data_ai');
  });

  it('provisions the write-back properties in the partner_atlas group, and answers 409 on a second run', async () => {
    const w = await open();
    await w.client.crm.properties.groupsApi.create('companies', {
      name: 'partner_atlas',
      label: 'Partner Atlas',
    });
    await expect(
      w.client.crm.properties.groupsApi.create('companies', {
        name: 'partner_atlas',
        label: 'Partner Atlas',
      }),
    ).rejects.toMatchObject({
      code: 409,
    });
    const specs = [
      { name: 'atlas_primary_segment', type: PropertyType.String, fieldType: FieldType.Text },
      {
        name: 'atlas_segments',
        type: PropertyType.Enumeration,
        fieldType: FieldType.Checkbox,
        options: [
          { label: 'Healthcare × Data & AI', value: 'healthcare__data_ai', hidden: false, displayOrder: 0 },
        ],
      },
      {
        name: 'atlas_needs',
        type: PropertyType.Enumeration,
        fieldType: FieldType.Checkbox,
        options: [{ label: 'Certification', value: 'certification', hidden: false, displayOrder: 0 }],
      },
      { name: 'atlas_expertise_summary', type: PropertyType.String, fieldType: FieldType.Textarea },
      { name: 'atlas_top_score', type: PropertyType.Number, fieldType: FieldType.Number },
      { name: 'atlas_scored_at', type: PropertyType.Datetime, fieldType: FieldType.Date },
    ];
    for (const s of specs) {
      await w.client.crm.properties.coreApi.create('companies', {
        ...s,
        label: s.name,
        groupName: 'partner_atlas',
      });
    }
    const again = await createCompanyProperty(w.client, {
      name: 'atlas_top_score',
      type: PropertyType.Number,
      fieldType: FieldType.Number,
      groupName: 'partner_atlas',
    }).catch((e: unknown) => e);
    expect(again).toMatchObject({
      code: 409,
      body: {
        category: 'OBJECT_ALREADY_EXISTS',
        message: "Property named 'atlas_top_score' already exists.",
      },
    });
    const patched = await w.client.crm.properties.coreApi.update('companies', 'atlas_segments', {
      options: [
        { label: 'Healthcare × Data & AI', value: 'healthcare__data_ai', hidden: false, displayOrder: 0 },
        { label: 'Banking × Security', value: 'banking__security', hidden: false, displayOrder: 1 },
      ],
    });
    expect(patched.options.map((o) => o.value)).toEqual(['healthcare__data_ai', 'banking__security']);
    const [company] = w.emulator.state.insertMany('companies', [{ properties: { name: 'P' } }]);
    const written = await w.client.crm.companies.basicApi.update(company ?? '', {
      properties: {
        atlas_segments: 'healthcare__data_ai;banking__security',
        atlas_top_score: '81.5',
        atlas_scored_at: '2026-01-15T10:00:00Z',
      },
    });
    expect(written.properties).toMatchObject({
      atlas_segments: 'healthcare__data_ai;banking__security',
      atlas_scored_at: '2026-01-15T10:00:00.000Z',
    });
    await expect(
      w.client.crm.companies.basicApi.update(company ?? '', {
        properties: { atlas_segments: 'unknown_segment' },
      }),
    ).rejects.toMatchObject({ code: 400 });
  });

  it('refuses a property in a group that does not exist, and a fieldType that does not fit the type', async () => {
    const w = await open();
    await expect(createCompanyProperty(w.client, { name: 'x_one', groupName: 'nope' })).rejects.toMatchObject(
      {
        code: 400,
      },
    );
    await expect(
      createCompanyProperty(w.client, {
        name: 'x_two',
        type: PropertyType.Number,
        fieldType: FieldType.Checkbox,
      }),
    ).rejects.toMatchObject({ code: 400 });
  });

  it('archives a custom property and lists it only with archived=true', async () => {
    const w = await open();
    await w.client.crm.properties.coreApi.archive('deals', 'csat_score');
    const live = await w.client.crm.properties.coreApi.getAll('deals');
    expect(live.results.map((p) => p.name)).not.toContain('csat_score');
    const archived = await w.client.crm.properties.coreApi.getAll('deals', true);
    expect(archived.results.map((p) => [p.name, p.archived])).toEqual([['csat_score', true]]);
    await expect(w.client.crm.properties.coreApi.archive('deals', 'dealname')).rejects.toMatchObject({
      code: 400,
    });
  });
});

describe('HubSpot emulator: custom object schemas', () => {
  it('starts without certifications when asked, lets provisioning create it, and then holds records', async () => {
    const w = await open({ withCertifications: false });
    expect((await w.client.crm.schemas.coreApi.getAll()).results).toEqual([]);
    const schema = await w.client.crm.schemas.coreApi.create({
      name: 'certifications',
      labels: { singular: 'Certification', plural: 'Certifications' },
      primaryDisplayProperty: 'certification_name',
      requiredProperties: ['certification_name'],
      associatedObjects: ['COMPANY', 'CONTACT'],
      properties: [
        { name: 'certification_name', label: 'Name', type: SchemaPropertyType.String, fieldType: 'text' },
        {
          name: 'level',
          label: 'Level',
          type: SchemaPropertyType.Enumeration,
          fieldType: 'select',
          options: [{ label: 'Expert', value: 'expert', hidden: false, displayOrder: 0 }],
        },
      ],
    });
    expect(schema.objectTypeId).toMatch(/^2-\d+$/);
    expect(schema.fullyQualifiedName).toBe('p62515_certifications');
    expect(schema.associations.map((a) => a.toObjectTypeId).sort()).toEqual(['0-1', '0-2']);
    const byFqn = await w.client.crm.schemas.coreApi.getById('p62515_certifications');
    expect(byFqn.objectTypeId).toBe(schema.objectTypeId);
    await expect(
      w.client.crm.schemas.coreApi.create({
        name: 'certifications',
        labels: { singular: 'C', plural: 'Cs' },
        requiredProperties: [],
        associatedObjects: [],
        properties: [],
      }),
    ).rejects.toMatchObject({ code: 409 });
    const created = await w.client.crm.objects.basicApi.create(schema.objectTypeId ?? '', {
      properties: { certification_name: 'Expert', level: 'expert' },
      associations: [],
    });
    expect(w.emulator.state.get(schema.objectTypeId ?? '', created.id)?.properties.level).toBe('expert');
  });
});
