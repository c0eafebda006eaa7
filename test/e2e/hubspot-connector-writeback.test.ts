// E2E: the HubSpot connector's writes against the emulator: provisioning twice, option merging, batch
// updates of 100 with 207 partial failures, lists whose membership changes between runs, the connection
// check and schema drift.
import { describe, expect, it } from 'vitest';
import type { DesiredList, FieldUpdate } from '../../connectors/types.js';
import {
  type ConnectorWorld,
  EMULATOR_OAUTH,
  planOf,
  useConnectorWorlds,
} from '../support/hubspot-connector-world.js';

/** Values the enumeration write-back properties start with (the lead passes levels, needs, segment keys). */
const fieldOptions = [
  { field: 'atlas_segments', values: ['healthcare|data_ai|specialist'] },
  { field: 'atlas_needs', values: ['technical_enablement', 'co_selling'] },
];

const open = useConnectorWorlds({ fieldOptions });

function companies(w: ConnectorWorld, count: number) {
  return w.emulator.state.insertMany(
    'companies',
    Array.from({ length: count }, (_, i) => ({ properties: { name: `Partner ${i}`, type: 'PARTNER' } })),
  );
}

const provisioned = async (w: ConnectorWorld) => {
  await w.connector.applyProvision(await w.connector.planProvision());
};

describe('HubSpot connector: provisioning', () => {
  it('creates the group, the write-back properties and the certifications schema; the second run changes nothing', async () => {
    const w = await open({ emulator: { withCertifications: false } });
    const plan = await w.connector.planProvision();
    expect(plan.steps.filter((s) => s.action === 'create').map((s) => `${s.kind}:${s.name}`)).toEqual([
      'group:partner_atlas',
      'field:atlas_primary_segment',
      'field:atlas_segments',
      'field:atlas_needs',
      'field:atlas_expertise_summary',
      'field:atlas_top_score',
      'field:atlas_scored_at',
      'field:atlas_suggested_teammates',
      'field:atlas_expertise_cells',
      // Benefits: dropdowns holding every value of their benefit (mappings/benefits.yaml).
      'field:atlas_lead_priority',
      'field:atlas_mdf_eligibility',
      // Recommended partners on open deals: the group and the properties on the deal object.
      'group:deals/partner_atlas',
      ...[1, 2, 3].flatMap((n) => [
        `field:deals/atlas_partner_${n}`,
        `field:deals/atlas_partner_${n}_company_id`,
        `field:deals/atlas_partner_${n}_reason`,
      ]),
      'field:deals/atlas_recommended_at',
      'object-schema:certifications',
    ]);
    const report = await w.connector.applyProvision(plan);
    expect(report.applied).toBe(23);
    const s = w.emulator.state;
    const needs = s.schemas.property(s.type('companies'), 'atlas_needs');
    expect(needs).toMatchObject({ type: 'enumeration', fieldType: 'checkbox', groupName: 'partner_atlas' });
    expect(needs.options.map((o) => o.value)).toEqual(['technical_enablement', 'co_selling']);
    expect(s.schemas.property(s.type('companies'), 'atlas_scored_at')).toMatchObject({ type: 'datetime' });
    // The per-cell fallback for portals without custom objects: one textarea, in the Atlas group.
    expect(s.schemas.property(s.type('companies'), 'atlas_expertise_cells')).toMatchObject({
      type: 'string',
      fieldType: 'textarea',
      groupName: 'partner_atlas',
    });
    expect(s.schemas.customTypes().map((t) => t.name)).toEqual(['certifications']);
    expect(s.schemas.property(s.type('deals'), 'atlas_partner_1_company_id')).toMatchObject({
      type: 'string',
      fieldType: 'text',
      groupName: 'partner_atlas',
    });
    expect(s.schemas.property(s.type('deals'), 'atlas_recommended_at')).toMatchObject({ type: 'datetime' });

    const again = await w.connector.planProvision();
    expect(again.steps.every((step) => step.action === 'unchanged')).toBe(true);
    const before = w.emulator.log.total;
    expect((await w.connector.applyProvision(again)).applied).toBe(0);
    expect(w.emulator.log.total).toBe(before);
    // The certifications object is readable once it exists.
    expect(await w.connector.checkSchema([planOf('certifications')])).toEqual([]);
  });

  it('treats a property created meanwhile (409) as done and merges its options', async () => {
    const w = await open();
    const plan = await w.connector.planProvision();
    const s = w.emulator.state;
    s.createGroup('companies', { name: 'partner_atlas', label: 'Partner Atlas' });
    s.schemas.createProperty(s.type('companies'), {
      name: 'atlas_needs',
      label: 'Atlas needs',
      type: 'enumeration',
      fieldType: 'checkbox',
      groupName: 'partner_atlas',
      description: '',
      options: [{ label: 'Marketing', value: 'marketing', displayOrder: 0, hidden: false }],
      displayOrder: -1,
      hasUniqueValue: false,
      hidden: false,
      formField: false,
    });
    await w.connector.applyProvision(plan);
    expect(s.schemas.property(s.type('companies'), 'atlas_needs').options.map((o) => o.value)).toEqual([
      'marketing',
      'technical_enablement',
      'co_selling',
    ]);
    expect(w.emulator.log.entries.some((e) => e.status === 409)).toBe(true);
  });

  it('ensureFieldOptions adds only the missing enumeration options', async () => {
    const w = await open();
    await provisioned(w);
    const first = await w.connector.ensureFieldOptions('companies', [
      { field: 'atlas_segments', values: ['healthcare|data_ai|specialist', 'banking|security|expert'] },
      { field: 'atlas_primary_segment', values: ['anything'] },
    ]);
    expect(first.map((s) => s.action)).toEqual(['update', 'unchanged']);
    expect(
      w.emulator.state.schemas
        .property(w.emulator.state.type('companies'), 'atlas_segments')
        .options.map((o) => o.value),
    ).toEqual(['healthcare|data_ai|specialist', 'banking|security|expert']);
    const second = await w.connector.ensureFieldOptions('companies', [
      { field: 'atlas_segments', values: ['banking|security|expert'] },
    ]);
    expect(second.map((s) => s.action)).toEqual(['unchanged']);
  });
});

describe('HubSpot connector: enumerations without known values', () => {
  const bare = useConnectorWorlds({ fieldOptions: [] });

  it('leaves them to the first write-back, which creates them with its values', async () => {
    const w = await bare();
    const plan = await w.connector.planProvision();
    const segments = plan.steps.find((s) => s.name === 'atlas_segments');
    expect(segments).toMatchObject({ action: 'create' });
    expect(segments?.detail).toContain('first write-back');
    await w.connector.applyProvision(plan);
    const s = w.emulator.state;
    expect(s.schemas.properties(s.type('companies')).some((p) => p.name === 'atlas_segments')).toBe(false);
    const steps = await w.connector.ensureFieldOptions('companies', [
      { field: 'atlas_segments', values: ['x|y|z'] },
    ]);
    expect(steps).toEqual([expect.objectContaining({ kind: 'field', action: 'create' })]);
    expect(s.schemas.property(s.type('companies'), 'atlas_segments')).toMatchObject({
      type: 'enumeration',
      fieldType: 'checkbox',
      groupName: 'partner_atlas',
    });
    // Only atlas_needs still waits for its first values.
    const pending = (await w.connector.planProvision()).steps.filter((step) => step.action !== 'unchanged');
    expect(pending.map((step) => `${step.kind}:${step.name}`)).toEqual(['field:atlas_needs']);
  });
});

describe('HubSpot connector: property write-back', () => {
  it('writes N companies in ⌈N/100⌉ calls, joining multi-value fields with ;', async () => {
    const w = await open();
    await provisioned(w);
    const ids = companies(w, 250);
    await w.connector.ensureFieldOptions('companies', [
      { field: 'atlas_segments', values: ['a|b|c', 'd|e|f'] },
    ]);
    const updates: FieldUpdate[] = ids.map((id, i) => ({
      recordId: id,
      values: { atlas_segments: ['a|b|c', 'd|e|f'], atlas_top_score: i / 10, atlas_primary_segment: 'a|b|c' },
    }));
    w.connector.resetUsage();
    const outcomes = await w.connector.writeFields('companies', updates);
    expect(outcomes.filter((o) => o.ok).length).toBe(250);
    expect(w.connector.usage().callsByOperation['batch/update']).toBe(3);
    expect(w.emulator.state.get('companies', ids[7] ?? '')?.properties.atlas_segments).toBe('a|b|c;d|e|f');
    expect(w.emulator.state.get('companies', ids[7] ?? '')?.properties.atlas_top_score).toBe('0.7');
  });

  it('turns every failed record of a 207 into an outcome with its error, and isolates a refused value', async () => {
    const w = await open();
    await provisioned(w);
    const ids = companies(w, 120);
    const locked = ids[5] ?? '';
    const gone = ids[6] ?? '';
    const badValue = ids[110] ?? '';
    w.emulator.faults.set({ recordFailures: { ids: { [locked]: 'VALIDATION_ERROR' } } });
    const s = w.emulator.state;
    s.archiveRecord(s.type('companies'), s.table('companies').rowOfString(gone) ?? -1);
    const updates: FieldUpdate[] = ids.map((id) => ({
      recordId: id,
      values: { atlas_top_score: id === badValue ? 'not a number' : 42 },
    }));
    const outcomes = await w.connector.writeFields('companies', updates);
    expect(outcomes.length).toBe(120);
    const failed = outcomes.filter((o) => !o.ok);
    expect(failed.map((o) => o.recordId).sort()).toEqual([locked, gone, badValue].sort());
    expect(failed.find((o) => o.recordId === gone)).toMatchObject({
      code: 'OBJECT_NOT_FOUND',
      transient: false,
    });
    expect(failed.find((o) => o.recordId === locked)).toMatchObject({ code: 'VALIDATION_ERROR' });
    expect(failed.find((o) => o.recordId === badValue)).toMatchObject({
      code: 'VALIDATION_ERROR',
      fields: ['atlas_top_score'],
    });
    expect(s.get('companies', ids[0] ?? '')?.properties.atlas_top_score).toBe('42');
    expect(s.get('companies', ids[115] ?? '')?.properties.atlas_top_score).toBe('42');
  });
});

describe('HubSpot connector: lists', () => {
  const segment = (key: string, memberIds: string[]): DesiredList => ({
    per: 'segment',
    key,
    name: `Atlas segment: ${key}`,
    memberIds,
    filterValue: key,
  });

  it('keeps one MANUAL list per segment exact between runs, retires and revives lists', async () => {
    const w = await open();
    const ids = companies(w, 10);
    const [a, b, c, d, e] = ids as [string, string, string, string, string];
    const first = [segment('Healthcare', [a, b, c]), segment('Banking', [d])];
    const plan = await w.connector.planLists(first);
    expect(plan.create.map((x) => [x.name, x.members])).toEqual([
      ['Atlas segment: Healthcare', 3],
      ['Atlas segment: Banking', 1],
    ]);
    const report = await w.connector.applyLists(plan, first);
    expect(report).toMatchObject({ created: 2, membersAdded: 4, failures: [] });
    const lists = () =>
      w.emulator.state.lists.live().map((l) => ({
        name: l.name,
        type: l.processingType,
        members: [...l.members.keys()].map(String).sort(),
      }));
    expect(lists()).toEqual([
      { name: 'Atlas segment: Healthcare', type: 'MANUAL', members: [a, b, c].sort() },
      { name: 'Atlas segment: Banking', type: 'MANUAL', members: [d] },
    ]);
    expect(await w.connector.planLists(first)).toMatchObject({
      create: [],
      update: [],
      retire: [],
      unchanged: 2,
    });

    // Next run: c left Healthcare, e joined it; the Banking segment disappeared.
    const second = [segment('Healthcare', [a, b, e])];
    const plan2 = await w.connector.planLists(second);
    expect(plan2.update).toEqual([expect.objectContaining({ add: [e], remove: [c] })]);
    expect(plan2.retire).toEqual([expect.objectContaining({ name: 'Atlas segment: Banking', remove: 1 })]);
    const report2 = await w.connector.applyLists(plan2, second);
    expect(report2).toMatchObject({ updated: 1, retired: 1, membersAdded: 1, membersRemoved: 2 });
    expect(lists()).toEqual([
      { name: 'Atlas segment: Healthcare', type: 'MANUAL', members: [a, b, e].sort() },
      { name: 'Atlas segment: Banking (retired)', type: 'MANUAL', members: [] },
    ]);
    expect(await w.connector.planLists(second)).toMatchObject({ update: [], retire: [], unchanged: 2 });

    // Banking comes back: the retired list is renamed and refilled, not duplicated.
    const third = [...second, segment('Banking', [d, e])];
    const plan3 = await w.connector.planLists(third);
    expect(plan3.create).toEqual([]);
    expect(plan3.update).toEqual([
      expect.objectContaining({ rename: 'Atlas segment: Banking', add: [d, e] }),
    ]);
    await w.connector.applyLists(plan3, third);
    expect(lists().map((l) => l.name)).toEqual(['Atlas segment: Healthcare', 'Atlas segment: Banking']);
  });

  it('uses the list of that name when a create finds the name taken', async () => {
    const w = await open();
    const [a] = companies(w, 1) as [string];
    const desired = [segment('Retail', [a])];
    const plan = await w.connector.planLists(desired);
    // Someone (or a lost answer to our own create) made the list between plan and apply.
    w.emulator.state.lists.create({
      name: 'Atlas segment: Retail',
      objectTypeId: '0-2',
      processingType: 'MANUAL',
    });
    const report = await w.connector.applyLists(plan, desired);
    expect(report).toMatchObject({ created: 1, membersAdded: 1, failures: [] });
    expect(w.emulator.state.lists.live().map((l) => [l.name, l.members.size])).toEqual([
      ['Atlas segment: Retail', 1],
    ]);
  });

  it('leaves lists that are not ours alone', async () => {
    const w = await open();
    const [a] = companies(w, 1) as [string];
    w.emulator.state.lists.create({
      name: 'Marketing: Q3 targets',
      objectTypeId: '0-2',
      processingType: 'MANUAL',
    });
    const plan = await w.connector.planLists([segment('Retail', [a])]);
    expect(plan.retire).toEqual([]);
  });
});

describe('HubSpot connector: check and schema drift', () => {
  it('reports the portal, the scopes missing for the mapped objects, the limits and field access', async () => {
    const w = await open({
      emulator: {
        tokens: [
          { token: 'pat-na1-limited', scopes: ['crm.objects.companies.read', 'crm.objects.deals.read'] },
        ],
      },
      connector: { auth: { kind: 'private-app', accessToken: 'pat-na1-limited' }, fieldOptions },
    });
    const check = await w.connector.check([planOf('partners'), planOf('deals')], ['atlas_segments']);
    expect(check).toMatchObject({ system: 'hubspot', accountId: '62515', baseUrl: w.emulator.url });
    expect(check.missingScopes).toEqual([
      'crm.lists.read',
      'crm.lists.write',
      'crm.objects.companies.write',
      'crm.objects.deals.write',
      'crm.objects.line_items.read',
      'crm.schemas.companies.write',
      'crm.schemas.deals.write',
    ]);
    expect(check.limits).toMatchObject({ requestsPerWindow: 190, windowMs: 10_000, daily: 1_000_000 });
    expect(check.fields.find((f) => f.field === 'hs_lastmodifieddate')).toMatchObject({
      exists: true,
      readable: true,
    });
    expect(check.fields.find((f) => f.field === 'atlas_segments')).toMatchObject({
      exists: false,
      writable: false,
    });
    expect(JSON.stringify(check)).not.toContain('pat-na1-limited');
    // The portal's deal → company labels, and the mapped ones it lacks (the mapping accepts both spellings
    // of the primary label; this portal still has the old one).
    expect(check.associationLabels).toEqual([
      {
        from: 'deals',
        to: 'companies',
        defined: ['Delivery partner', 'Influencer', 'Partner', 'Primary'],
        unknown: ['Deal with Primary Company'],
      },
    ]);
  });

  it('OAuth: reports the installing user and nothing missing when the app has every scope', async () => {
    const w = await open();
    const oauth = await w.connect({
      auth: EMULATOR_OAUTH,
    });
    const check = await oauth.check(
      [planOf('partners'), planOf('deals'), planOf('certifications')],
      ['atlas_needs'],
    );
    expect(check).toMatchObject({ accountId: '62515', user: 'admin@example.com', missingScopes: [] });
    expect(check.usage.callsByOperation['oauth/token']).toBe(1);
  });

  it('describes every property of an object for the mapping editor, custom objects by name', async () => {
    const w = await open();
    const fields = await w.connector.describeFields('companies');
    expect(fields).toEqual(
      expect.arrayContaining([
        { name: 'industry', label: expect.any(String), type: 'enumeration' },
        { name: 'hs_lastmodifieddate', label: expect.any(String), type: 'datetime' },
      ]),
    );
    const certifications = await w.connector.describeFields('certifications');
    expect(certifications.map((f) => f.name)).toEqual(
      expect.arrayContaining(['certification_name', 'level']),
    );
  });

  it('names every mapped property the portal lacks, fresh on each call', async () => {
    const w = await open();
    const plans = [planOf('partners'), planOf('deals')];
    expect(await w.connector.checkSchema(plans)).toEqual([]);
    const s = w.emulator.state;
    s.schemas.archiveProperty(s.type('companies'), 'partner_region');
    s.schemas.archiveProperty(s.type('line_items'), 'product_family');
    const problems = await w.connector.checkSchema(plans);
    expect(problems.map((p) => `${p.entity}:${p.object}.${p.field}:${p.reason}`)).toEqual([
      'partners:companies.partner_region:missing',
      'deals:line_items.product_family:missing',
    ]);
  });
});
