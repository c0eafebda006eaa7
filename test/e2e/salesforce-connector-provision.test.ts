// E2E: provisioning, picklist values, list views, schema drift and the connection check through the Salesforce connector.
import { describe, expect, it } from 'vitest';
import { SF_CELL_FIELDS, SF_CELL_OBJECT } from '../../connectors/salesforce/cell-records.js';
import type { DesiredList, ReadPlan } from '../../connectors/types.js';
import { planOf, runFrom, useConnectorWorlds, writeback } from '../support/salesforce-connector-world.js';

const open = useConnectorWorlds();

const FIELDS = writeback.fields.map((f) => f.field);
/** The recommended partners' Opportunity fields (three lookups, three reasons, the time). */
const RECOMMENDATION_FIELDS = writeback.recommendations
  ? [
      ...writeback.recommendations.fields.partners.flatMap((p, i) => [
        p,
        writeback.recommendations?.fields.reasons[i],
      ]),
      writeback.recommendations.fields.recommendedAt,
    ]
  : [];

function desired(key: string, name: string, value: string): DesiredList {
  return { per: 'segment', key, name, memberIds: [], filterValue: value };
}

describe('Salesforce provisioning', () => {
  it('creates fields, permission set, assignment and layout section; the second run changes nothing', async () => {
    const w = await open({ partners: 10 });
    const before = await w.connector.check([planOf('partners')], FIELDS);
    expect(before.fields.filter((f) => FIELDS.includes(f.field)).every((f) => !f.exists && !f.writable)).toBe(
      true,
    );

    const plan = await w.connector.planProvision();
    expect(plan.steps.map((s) => [s.kind, s.action])).toEqual([
      ...FIELDS.map(() => ['field', 'create']),
      // The per-cell object and its fields (the default mapping keeps per-cell records).
      ['object-schema', 'create'],
      ...SF_CELL_FIELDS.map(() => ['field', 'create']),
      ...RECOMMENDATION_FIELDS.map(() => ['field', 'create']),
      ['permission', 'create'],
      ['permission', 'create'],
      ['permission', 'create'],
      ['layout', 'create'],
    ]);
    expect(plan.steps.filter((s) => s.kind === 'permission').map((s) => s.name)).toEqual([
      'Partner_Atlas',
      'Partner_Atlas_Viewer',
      'Partner_Atlas → integration user',
    ]);
    // A dry run writes nothing.
    expect(w.sf.state.metadata.get('CustomField')?.size ?? 0).toBe(0);

    const report = await w.connector.applyProvision(plan);
    expect(report.applied).toBe(FIELDS.length + 1 + SF_CELL_FIELDS.length + RECOMMENDATION_FIELDS.length + 4);
    // The viewer set reads every Atlas field and edits none.
    const viewer = w.sf.state.metadata.get('PermissionSet')?.get('Partner_Atlas_Viewer')?.value;
    const grants = (viewer?.fieldPermissions ?? []) as { field: string; editable: unknown }[];
    expect(grants.map((g) => g.field)).toEqual([
      ...FIELDS.map((f) => `Account.${f}`),
      ...SF_CELL_FIELDS.map((f) => `${SF_CELL_OBJECT}.${f.field}`),
      ...RECOMMENDATION_FIELDS.map((f) => `Opportunity.${f}`),
    ]);
    expect(grants.every((g) => String(g.editable) === 'false')).toBe(true);
    expect(await w.connector.describeFields(SF_CELL_OBJECT)).toContainEqual(
      expect.objectContaining({ name: 'Atlas_Key__c' }),
    );
    const after = await w.connector.check([planOf('partners')], FIELDS);
    expect(
      after.fields.filter((f) => FIELDS.includes(f.field)).every((f) => f.exists && f.readable && f.writable),
    ).toBe(true);
    // Provisioning creates the viewer set; nobody holds it until an admin assigns it.
    expect(after.notices).toContain(
      "Nobody holds Partner Atlas Viewer (read-only Atlas fields and Atlas Expertise records): assign it, or add it to the reps' permission set group",
    );
    expect(before.notices.join('\n')).toMatch(/Partner Atlas Viewer does not exist/);
    expect(after).toMatchObject({
      system: 'salesforce',
      accountId: w.sf.state.orgId,
      user: w.sf.credentials.username,
    });
    expect(after.limits['DailyApiRequests.Max']).toBe(w.sf.usage.max);
    const layout = w.sf.state.metadata.get('Layout')?.get('Account-Account Layout')?.value;
    expect(JSON.stringify(layout)).toContain('Partner expertise');
    expect(JSON.stringify(layout)).toContain('Atlas_Segments__c');
    expect(JSON.stringify(layout)).toContain('Account Information');

    w.connector.resetUsage();
    const second = await w.connector.planProvision();
    expect(second.steps.every((s) => s.action === 'unchanged')).toBe(true);
    const again = await w.connector.applyProvision(second);
    expect(again.applied).toBe(0);
    expect(
      Object.keys(w.connector.usage().callsByOperation).filter(
        (op) => op !== 'metadata.read' && op !== 'query',
      ),
    ).toEqual([]);
  });

  it('adds picklist values once, then list views per segment: created, kept, renamed, and retired — ours only', async () => {
    const w = await open({ partners: 10 });
    await w.connector.applyProvision(await w.connector.planProvision());
    const values = ['Healthcare × Data & AI — Specialist', 'Banking × Security — Proven'];
    const steps = await w.connector.ensureFieldOptions('Account', [{ field: 'Atlas_Segments__c', values }]);
    expect(steps).toMatchObject([{ kind: 'options', action: 'update' }]);
    expect(
      await w.connector.ensureFieldOptions('Account', [{ field: 'Atlas_Segments__c', values }]),
    ).toMatchObject([{ action: 'unchanged' }]);
    const [account] = w.sf.state.all('Account');
    const outcomes = await w.connector.writeFields('Account', [
      { recordId: account?.Id ?? '', values: { Atlas_Segments__c: values } },
    ]);
    expect(outcomes).toEqual([{ recordId: account?.Id, ok: true }]);

    // Someone else's list view on Account must survive.
    await w.running.salesforce!.emulator.state.putMetadata(
      'ListView',
      'Account.My_Partners',
      { label: 'My partners' },
      '00B',
    );
    const lists = [
      desired(
        'healthcare|data_ai|specialist',
        'Atlas: Healthcare × Data & AI — Specialist',
        values[0] as string,
      ),
      desired('banking|security|proven', 'Atlas: Banking × Security — Proven', values[1] as string),
    ];
    const plan = await w.connector.planLists(lists);
    expect(plan.create.map((c) => c.key)).toEqual(lists.map((l) => l.key));
    const report = await w.connector.applyLists(plan, lists);
    expect(report).toMatchObject({ created: 2, failures: [] });
    const views = w.sf.state.metadata.get('ListView');
    const ours = [...(views?.keys() ?? [])].filter((n) => n.startsWith('Account.Atlas_'));
    expect(ours).toHaveLength(2);
    const view = views?.get(ours[0] as string)?.value;
    expect(String(view?.label).length).toBeLessThanOrEqual(40);
    expect(JSON.stringify(view?.filters)).toContain('includes');

    const same = await w.connector.planLists(lists);
    expect(same).toMatchObject({ create: [], update: [], retire: [], unchanged: 2 });

    const next = [{ ...(lists[0] as DesiredList), name: 'Atlas: Healthcare × AI — Specialist' }];
    const changes = await w.connector.planLists(next);
    expect(changes.update).toHaveLength(1);
    expect(changes.retire).toMatchObject([{ action: 'delete' }]);
    const applied = await w.connector.applyLists(changes, next);
    expect(applied).toMatchObject({ updated: 1, retired: 1, failures: [] });
    expect([...(views?.keys() ?? [])].sort()).toEqual(['Account.My_Partners', ours[0]].sort());
  });
});

describe('Salesforce schema drift and SOQL safety', () => {
  it('checkSchema names missing fields on the object, on parents and on child relationships', async () => {
    const w = await open({ partners: 5 });
    expect(
      await w.connector.checkSchema([
        planOf('partners'),
        planOf('deals'),
        planOf('certifications'),
        planOf('people'),
      ]),
    ).toEqual([]);
    const fields = await w.connector.describeFields('Opportunity');
    expect(fields).toContainEqual({ name: 'StageName', label: expect.any(String), type: 'picklist' });
    await expect(w.connector.describeFields('No_Such_Object__c')).rejects.toMatchObject({
      code: 'UNKNOWN_OBJECT',
    });
    const deals = planOf('deals');
    const drifted: ReadPlan = {
      ...deals,
      fields: [...deals.fields, 'Renamed_Field__c', 'Account.Gone__c'],
      children: [...deals.children, { relationship: 'OpportunityLineItems', fields: ['Product2.Nope__c'] }],
    };
    const problems = await w.connector.checkSchema([drifted, planOf('partners')]);
    expect(problems.map((p) => [p.entity, p.field, p.reason])).toEqual([
      ['deals', 'Renamed_Field__c', 'missing'],
      ['deals', 'Account.Gone__c', 'missing'],
      ['deals', 'OpportunityLineItems.Product2.Nope__c', 'missing'],
    ]);

    // A field that exists but that the integration user may not read is `unreadable`, not `missing`.
    w.sf.state.provisionWriteBackFields({ grant: false });
    const partners = planOf('partners');
    const hidden = await w.connector.checkSchema([
      { ...partners, fields: [...partners.fields, 'Atlas_Top_Score__c'] },
    ]);
    expect(hidden).toMatchObject([
      { entity: 'partners', object: 'Account', field: 'Atlas_Top_Score__c', reason: 'unreadable' },
    ]);
  });

  it('a quote or backslash in a filter value cannot change the query; a bad field name is refused before any call', async () => {
    const w = await open({ partners: 10 });
    const [tricky] = w.sf.state.insertMany('Account', [{ Name: "O'Brien \\ Partners", IsPartner: true }]);
    const base = planOf('partners');
    const read = async (plan: ReadPlan) => {
      const ids: string[] = [];
      for await (const page of w.connector.read(plan, runFrom(w))) {
        ids.push(...page.records.map((r) => r.id));
      }
      return ids;
    };
    const injected = ["x' OR Name != '", "x\\' OR Name != \\'", "x\\\\' OR Name != '"];
    for (const value of injected) {
      expect(await read({ ...base, filter: [...base.filter, { field: 'Name', op: 'eq', value }] })).toEqual(
        [],
      );
      expect(
        await read({ ...base, filter: [{ field: 'Name', op: 'in', value: [value, 'nothing'] }] }),
      ).toEqual([]);
    }
    expect(
      await read({ ...base, filter: [{ field: 'Name', op: 'eq', value: "O'Brien \\ Partners" }] }),
    ).toEqual([tricky]);

    w.connector.resetUsage();
    await expect(
      read({ ...base, filter: [{ field: "Name) OR (Id != ''", op: 'eq', value: 'x' }] }),
    ).rejects.toMatchObject({
      code: 'SOQL_INVALID_FIELD',
    });
    await expect(read({ ...base, fields: [...base.fields, 'Name FROM Account --'] })).rejects.toMatchObject({
      code: 'SOQL_INVALID_FIELD',
    });
    expect(w.connector.usage().calls).toBe(0);
  });
});
