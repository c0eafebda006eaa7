// E2E: a custom object created through the Metadata API, then records upserted by external id and deleted in collections.
import { describe, expect, it } from 'vitest';
import {
  cellFieldsMetadata,
  cellObjectMetadata,
  SF_CELL_OBJECT,
} from '../../../connectors/salesforce/cell-records.js';
import { type SalesforceWorld, useWorlds } from '../../../test/support/salesforce-world.js';

const open = useWorlds();
const UPSERT = `/services/data/v62.0/composite/sobjects/${SF_CELL_OBJECT}/Atlas_Key__c`;

/** Creates the object and its fields, and grants them to the integration user. */
async function provisionCells(w: SalesforceWorld): Promise<void> {
  const object = await w.conn.metadata.upsert('CustomObject', cellObjectMetadata(SF_CELL_OBJECT) as never);
  expect(object).toMatchObject({ success: true, created: true });
  const fields = cellFieldsMetadata(SF_CELL_OBJECT);
  for (let at = 0; at < fields.length; at += 10) {
    const saved = await w.conn.metadata.upsert('CustomField', fields.slice(at, at + 10) as never);
    expect([saved].flat().every((r) => r.success)).toBe(true);
  }
  await w.conn.metadata.upsert('PermissionSet', {
    fullName: 'Partner_Atlas',
    label: 'Partner Atlas',
    fieldPermissions: fields.map((f) => ({ field: String(f.fullName), editable: true, readable: true })),
  } as never);
  const [ps] = w.sf.state.all('PermissionSet').filter((r) => r.Name === 'Partner_Atlas');
  w.sf.state.insertMany('PermissionSetAssignment', [
    { AssigneeId: w.sf.state.userId, PermissionSetId: ps?.Id },
  ]);
  w.sf.state.permissionsChanged();
}

function cell(key: string, account: string, level: string) {
  return {
    attributes: { type: SF_CELL_OBJECT },
    Atlas_Key__c: key,
    Account__c: account,
    Name: 'Healthcare × Data & AI',
    Level__c: level,
    Score__c: 61,
    Confidence__c: 72,
  };
}

describe('Salesforce emulator: per-cell custom object', () => {
  it('a CustomObject deployed through the Metadata API is describable, queryable and a child of Account', async () => {
    const w = await open();
    await provisionCells(w);
    const describe = await w.conn.sobject(SF_CELL_OBJECT).describe();
    expect(describe.label).toBe('Atlas Expertise');
    const key = describe.fields.find((f) => f.name === 'Atlas_Key__c');
    expect(key).toMatchObject({ externalId: true, idLookup: true, unique: true, type: 'string', length: 80 });
    expect(describe.fields.find((f) => f.name === 'Account__c')).toMatchObject({
      type: 'reference',
      referenceTo: ['Account'],
      relationshipName: 'Account__r',
    });
    const account = await w.conn.sobject('Account').describe();
    expect(account.childRelationships).toContainEqual(
      expect.objectContaining({
        childSObject: SF_CELL_OBJECT,
        field: 'Account__c',
        relationshipName: 'Atlas_Expertise__r',
      }),
    );
    const result = await w.conn.query(`SELECT Id, Atlas_Key__c FROM ${SF_CELL_OBJECT}`);
    expect(result.totalSize).toBe(0);
  });

  it('upserts by external id: created, then updated, per record, with documented errors', async () => {
    const w = await open();
    await provisionCells(w);
    const [acc] = w.sf.state.insertMany('Account', [{ Name: 'Northwind' }]) as [string];
    const first = await w.fetchJson(UPSERT, {
      method: 'PATCH',
      body: { allOrNone: false, records: [cell('k1', acc, 'Proven'), cell('k2', acc, 'Emerging')] },
    });
    expect(first.status).toBe(200);
    expect(first.body).toEqual([
      { id: expect.any(String), success: true, errors: [], created: true },
      { id: expect.any(String), success: true, errors: [], created: true },
    ]);
    const second = await w.fetchJson(UPSERT, {
      method: 'PATCH',
      body: {
        allOrNone: false,
        records: [cell('K1', acc, 'Specialist'), { ...cell('k3', acc, 'Proven'), Account__c: 'bad' }],
      },
    });
    const [updated, bad] = second.body as [Record<string, unknown>, Record<string, unknown>];
    // External id text matches case-insensitively: K1 is k1 (and the record now holds the key as sent).
    expect(updated).toEqual({
      id: (first.body as { id: string }[])[0]?.id,
      success: true,
      errors: [],
      created: false,
    });
    expect(bad).toEqual({
      success: false,
      errors: [{ statusCode: 'MALFORMED_ID', message: expect.any(String), fields: ['Account__c'] }],
    });
    const rows = await w.conn.query<{ Atlas_Key__c: string; Level__c: string }>(
      `SELECT Atlas_Key__c, Level__c FROM ${SF_CELL_OBJECT} ORDER BY Atlas_Key__c`,
    );
    expect(rows.records.map((r) => [r.Atlas_Key__c, r.Level__c])).toEqual([
      ['K1', 'Specialist'],
      ['k2', 'Emerging'],
    ]);

    // Two records holding one key (loaded around the unique rule) cannot be told apart.
    w.sf.state.insertMany(SF_CELL_OBJECT, [{ Name: 'copy', Atlas_Key__c: 'k2', Account__c: acc }]);
    const duplicate = await w.fetchJson(UPSERT, {
      method: 'PATCH',
      body: { records: [cell('k2', acc, 'Proven')] },
    });
    expect(duplicate.body).toEqual([
      {
        success: false,
        errors: [
          { statusCode: 'DUPLICATE_EXTERNAL_ID', message: expect.any(String), fields: ['Atlas_Key__c'] },
        ],
      },
    ]);
  });

  it('refuses an upsert by a field that is not an external id, and more than 200 records', async () => {
    const w = await open();
    await provisionCells(w);
    const notExternal = await w.fetchJson(
      `/services/data/v62.0/composite/sobjects/${SF_CELL_OBJECT}/Level__c`,
      {
        method: 'PATCH',
        body: { records: [] },
      },
    );
    expect(notExternal.status).toBe(404);
    expect(notExternal.body).toEqual([
      {
        errorCode: 'NOT_FOUND',
        message: 'Provided external ID field does not exist or is not accessible: Level__c',
      },
    ]);
    const many = Array.from({ length: 201 }, (_, i) => cell(`k${i}`, 'x', 'Proven'));
    const tooMany = await w.fetchJson(UPSERT, { method: 'PATCH', body: { records: many } });
    expect(tooMany.status).toBe(400);
  });

  it('rolls every record back with allOrNone when one fails', async () => {
    const w = await open();
    await provisionCells(w);
    const [acc] = w.sf.state.insertMany('Account', [{ Name: 'Northwind' }]) as [string];
    const answer = await w.fetchJson(UPSERT, {
      method: 'PATCH',
      body: { allOrNone: true, records: [cell('k1', acc, 'Proven'), cell('', acc, 'Proven')] },
    });
    expect(
      (answer.body as { errors: { statusCode: string }[] }[]).map((r) => r.errors[0]?.statusCode),
    ).toEqual(['ALL_OR_NONE_OPERATION_ROLLED_BACK', 'REQUIRED_FIELD_MISSING']);
    expect(w.sf.state.count(SF_CELL_OBJECT)).toBe(0);
  });
});
