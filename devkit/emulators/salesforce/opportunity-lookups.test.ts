// Lookup(Account) fields on Opportunity created through the Metadata API (the recommended partners of issue #17):
// describable, a child relationship of Account, and only Account ids accepted, as Salesforce documents.
import { describe, expect, it } from 'vitest';
import { recommendationFieldsMetadata } from '../../../connectors/salesforce/recommendation-fields.js';
import { SalesforceRecommendationsSchema } from '../../../connectors/salesforce/writeback-schema.js';
import { type SalesforceWorld, useWorlds } from '../../../test/support/salesforce-world.js';

const open = useWorlds();
const FIELDS = recommendationFieldsMetadata(SalesforceRecommendationsSchema.parse({}));

async function provision(w: SalesforceWorld): Promise<void> {
  const saved = await w.conn.metadata.upsert('CustomField', FIELDS as never);
  expect([saved].flat().every((r) => r.success)).toBe(true);
  await w.conn.metadata.upsert('PermissionSet', {
    fullName: 'Partner_Atlas',
    label: 'Partner Atlas',
    fieldPermissions: FIELDS.map((f) => ({ field: String(f.fullName), editable: true, readable: true })),
  } as never);
  const [ps] = w.sf.state.all('PermissionSet').filter((r) => r.Name === 'Partner_Atlas');
  w.sf.state.insertMany('PermissionSetAssignment', [
    { AssigneeId: w.sf.state.userId, PermissionSetId: ps?.Id },
  ]);
  w.sf.state.permissionsChanged();
}

describe('Salesforce emulator: lookups to Account on Opportunity', () => {
  it('describes the lookup, lists it among the Account child relationships, and accepts only Account ids', async () => {
    const w = await open();
    await provision(w);
    const opportunity = await w.conn.sobject('Opportunity').describe();
    expect(opportunity.fields.find((f) => f.name === 'Atlas_Partner_1__c')).toMatchObject({
      type: 'reference',
      referenceTo: ['Account'],
      relationshipName: 'Atlas_Partner_1__r',
    });
    expect(opportunity.fields.find((f) => f.name === 'Atlas_Recommended_At__c')?.type).toBe('datetime');
    const account = await w.conn.sobject('Account').describe();
    expect(account.childRelationships).toContainEqual(
      expect.objectContaining({
        childSObject: 'Opportunity',
        field: 'Atlas_Partner_1__c',
        relationshipName: 'Atlas_Partner_1_Opportunities__r',
      }),
    );

    const create = async (type: string, values: Record<string, unknown>) => {
      const saved = await w.conn.sobject(type).create(values);
      if (!('id' in saved) || !saved.id) throw new Error(`could not create a ${type}`);
      return { Id: saved.id };
    };
    const partner = await create('Account', { Name: 'Partner' });
    const customer = await create('Account', { Name: 'Customer' });
    const contact = await create('Contact', { LastName: 'Rep', AccountId: customer.Id });
    const opp = await create('Opportunity', {
      Name: 'Open deal',
      AccountId: customer.Id,
      StageName: 'Prospecting',
      CloseDate: '2026-09-30',
    });
    const ok = await w.conn.sobject('Opportunity').update({
      Id: String(opp?.Id),
      Atlas_Partner_1__c: String(partner?.Id),
      Atlas_Partner_1_Reason__c:
        'Specialist · score 86 · 72% confidence · 5 won customers in Retail × Security',
    });
    expect(ok).toMatchObject({ success: true });
    expect(w.sf.state.get(String(opp?.Id))?.Atlas_Partner_1__c).toBe(partner?.Id);

    // A reference field takes only ids of the objects it refers to (FIELD_INTEGRITY_EXCEPTION otherwise).
    await expect(
      w.conn.sobject('Opportunity').update({ Id: String(opp?.Id), Atlas_Partner_2__c: String(contact?.Id) }),
    ).rejects.toMatchObject({ errorCode: 'FIELD_INTEGRITY_EXCEPTION' });
    expect(w.sf.state.get(String(opp?.Id))?.Atlas_Partner_2__c ?? null).toBeNull();

    const cleared = await w.conn
      .sobject('Opportunity')
      .update({ Id: String(opp?.Id), Atlas_Partner_1__c: null } as never);
    expect(cleared).toMatchObject({ success: true });
    expect(w.sf.state.get(String(opp?.Id))?.Atlas_Partner_1__c ?? null).toBeNull();
  });
});
