// E2E: records through jsforce against the Salesforce emulator: CRUD, validation, describe, collections, replication.
import { describe, expect, it } from 'vitest';
import { useWorlds } from '../../../test/support/salesforce-world.js';
import { idSuffix, isSalesforceId, KEY_PREFIXES } from './index.js';

const open = useWorlds();

describe('Salesforce emulator records', () => {
  it('issues 18-character ids with each object key prefix and a valid case suffix', async () => {
    const w = await open();
    const { state } = w.sf;
    for (const [object, prefix] of Object.entries(KEY_PREFIXES)) {
      if (object === 'User') continue;
      const row: Record<string, unknown> =
        object === 'PermissionSetAssignment' ? { AssigneeId: state.userId } : {};
      const [id] = state.insertMany(object, [row]);
      expect(id).toMatch(new RegExp(`^${prefix}[A-Za-z0-9]{15}$`));
      expect(isSalesforceId(id ?? '')).toBe(true);
      expect(id?.slice(15)).toBe(idSuffix(id?.slice(0, 15) ?? ''));
    }
    expect(state.userId.startsWith('005')).toBe(true);
    expect(state.orgId.startsWith('00D')).toBe(true);
  });

  it('creates, retrieves, updates and soft-deletes, stamping dates from the injected clock', async () => {
    const w = await open();
    const so = w.conn.sobject('Account');
    const created = await so.create({
      Name: 'Crud Co',
      Industry: 'Banking',
      Website: 'https://crud.example',
    });
    expect(created).toEqual({ id: expect.stringMatching(/^001/), success: true, errors: [] });
    const id = created.id ?? '';
    expect(w.sf.state.get(id)).toMatchObject({
      CreatedDate: '2024-06-01T00:00:00.000+0000',
      SystemModstamp: '2024-06-01T00:00:00.000+0000',
    });
    w.clock.advance(90_000);
    await so.update({ Id: id, Industry: 'Finance' });
    expect(w.sf.state.get(id)).toMatchObject({
      Industry: 'Finance',
      CreatedDate: '2024-06-01T00:00:00.000+0000',
      LastModifiedDate: '2024-06-01T00:01:30.000+0000',
      SystemModstamp: '2024-06-01T00:01:30.000+0000',
    });
    const fetched = await so.retrieve(id, { fields: ['Name', 'Industry'] });
    expect(fetched).toEqual({
      attributes: { type: 'Account', url: `/services/data/v62.0/sobjects/Account/${id}` },
      Name: 'Crud Co',
      Industry: 'Finance',
    });
    const full = await so.retrieve(id.slice(0, 15));
    expect(full).toMatchObject({ Id: id, Website: 'https://crud.example', IsDeleted: false });
    w.clock.advance(1000);
    await so.destroy(id);
    expect(w.sf.state.get(id)).toMatchObject({
      IsDeleted: true,
      SystemModstamp: '2024-06-01T00:01:31.000+0000',
    });
    expect(w.sf.state.count('Account')).toBe(0);
    expect(w.sf.state.count('Account', { includeDeleted: true })).toBe(1);
    await expect(so.destroy(id)).rejects.toMatchObject({ errorCode: 'ENTITY_IS_DELETED' });
    await expect(so.retrieve(id)).rejects.toMatchObject({ errorCode: 'NOT_FOUND' });
    expect(w.sf.log.counts()).toMatchObject({
      'POST /sobjects/:type': 1,
      'PATCH /sobjects/:type/:id': 1,
      'GET /sobjects/:type/:id': 3,
      'DELETE /sobjects/:type/:id': 2,
    });
  });

  it('validates writes: unknown and read-only fields, restricted picklists, lengths, required fields, ids', async () => {
    const w = await open();
    const [acc] = w.sf.state.insertMany('Account', [{ Name: 'V' }]) as [string];
    const [opp] = w.sf.state.insertMany('Opportunity', [
      { Name: 'O', StageName: 'Prospecting', CloseDate: '2024-07-01' },
    ]) as [string];
    await expect(w.conn.sobject('Account').update({ Id: acc, Nope__c: 1 })).rejects.toMatchObject({
      errorCode: 'INVALID_FIELD',
    });
    await expect(w.conn.sobject('Opportunity').update({ Id: opp, IsWon: true })).rejects.toMatchObject({
      errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
    });
    await expect(
      w.conn.sobject('Opportunity').update({ Id: opp, CurrencyIsoCode: 'XXX' }),
    ).rejects.toMatchObject({ errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST' });
    await expect(
      w.conn.sobject('Account').update({ Id: acc, BillingCountry: 'x'.repeat(81) }),
    ).rejects.toMatchObject({ errorCode: 'STRING_TOO_LONG' });
    await expect(w.conn.sobject('Account').create({ Industry: 'Banking' })).rejects.toMatchObject({
      errorCode: 'REQUIRED_FIELD_MISSING',
      data: { fields: ['Name'] },
    });
    await expect(
      w.conn.sobject('Opportunity').update({ Id: opp, AccountId: 'not-an-id' }),
    ).rejects.toMatchObject({ errorCode: 'MALFORMED_ID' });
    await w.conn
      .sobject('Opportunity')
      .update({ Id: opp, StageName: 'Closed Won', CloseDate: '2024-06-02T10:00:00Z', Amount: '1234.567' });
    expect(w.sf.state.get(opp)).toMatchObject({
      IsWon: true,
      IsClosed: true,
      CloseDate: '2024-06-02',
      Amount: 1234.57,
    });
  });

  it('describes objects (fields, picklists, references, child relationships) and the global list', async () => {
    const w = await open({ picklists: { 'Product2.Family': ['Data', 'Security'] } });
    const opp = await w.conn.sobject('Opportunity').describe();
    expect(opp.childRelationships.map((r) => r.relationshipName)).toEqual(
      expect.arrayContaining(['OpportunityLineItems', 'OpportunityPartnersFrom']),
    );
    expect(opp.fields.find((f) => f.name === 'Delivery_Partner__c')).toMatchObject({
      type: 'reference',
      custom: true,
      referenceTo: ['Account'],
      relationshipName: 'Delivery_Partner__r',
    });
    expect(opp.fields.find((f) => f.name === 'IsWon')).toMatchObject({
      createable: false,
      updateable: false,
    });
    const account = await w.conn.sobject('Account').describe();
    expect(account.childRelationships.map((r) => r.relationshipName)).toEqual(
      expect.arrayContaining(['Contacts', 'Opportunities', 'Partner_Certifications__r']),
    );
    const product = await w.conn.sobject('Product2').describe();
    expect(product.fields.find((f) => f.name === 'Family')?.picklistValues?.map((p) => p.value)).toEqual([
      'Data',
      'Security',
    ]);
    const global = await w.conn.describeGlobal();
    expect(global.sobjects.map((s) => s.name)).toEqual(
      expect.arrayContaining([
        'Account',
        'Contact',
        'Opportunity',
        'OpportunityPartner',
        'OpportunityLineItem',
        'Product2',
        'Partner_Certification__c',
      ]),
    );
    expect(global.sobjects.find((s) => s.name === 'OpportunityPartner')?.keyPrefix).toBe('00I');
    await expect(w.conn.sobject('Nope__c').describe()).rejects.toMatchObject({ errorCode: 'NOT_FOUND' });
  });

  it('sObject Collections update: up to 200 in one PATCH, partial failures answer 200 with statusCode errors', async () => {
    const w = await open();
    const ids = w.sf.state.insertMany(
      'Account',
      Array.from({ length: 201 }, (_, i) => ({ Name: `C${i}` })),
    );
    const two00 = ids.slice(0, 200).map((Id) => ({ Id, Industry: 'Retail' }));
    const results = await w.conn.sobject('Account').update(two00);
    expect(results.every((r) => r.success)).toBe(true);
    expect(w.sf.log.count('PATCH /composite/sobjects')).toBe(1);
    await expect(
      w.conn.sobject('Account').update(ids.map((Id) => ({ Id, Industry: 'Energy' }))),
    ).rejects.toMatchObject({
      errorCode: 'EXCEEDED_ID_LIMIT',
      message: 'record limit reached. cannot submit more than 200 records into this call',
    });
    expect(w.sf.state.all('Account').filter((r) => r.Industry === 'Energy')).toHaveLength(0);
    const mixed = await w.conn.sobject('Account').update([
      { Id: ids[0] ?? '', Name: 'Renamed' },
      { Id: ids[1] ?? '', Partner_Tier__c: 'x'.repeat(300) },
      { Id: '003000000000000AAA', Name: 'Wrong type' },
    ]);
    expect(mixed[0]).toEqual({ id: ids[0], success: true, errors: [] });
    expect(mixed[1]).toEqual({
      success: false,
      errors: [
        {
          statusCode: 'STRING_TOO_LONG',
          message: expect.stringContaining('max length=255'),
          fields: ['Partner_Tier__c'],
        },
      ],
    });
    expect(mixed[2]).toMatchObject({
      success: false,
      errors: [{ statusCode: 'MALFORMED_ID', fields: ['Id'] }],
    });
    expect(mixed[1]).not.toHaveProperty('id');
    expect(w.sf.state.get(ids[0] ?? '')?.Name).toBe('Renamed');
  });

  it('allOrNone rolls everything back: the failing item keeps its error, the others are ALL_OR_NONE_OPERATION_ROLLED_BACK', async () => {
    const w = await open();
    const [a, b] = w.sf.state.insertMany('Account', [
      { Name: 'A', SystemModstamp: '2024-05-01T00:00:00Z' },
      { Name: 'B' },
    ]) as [string, string];
    w.clock.advance(5000);
    const results = await w.conn.sobject('Account').update(
      [
        { Id: a, Name: 'A2' },
        { Id: b, Nope__c: 'x' },
      ],
      { allOrNone: true },
    );
    expect(results).toEqual([
      {
        success: false,
        errors: [
          {
            statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
            message:
              'Record rolled back because not all records were valid and the request was using AllOrNone header',
            fields: [],
          },
        ],
      },
      {
        success: false,
        errors: [
          {
            statusCode: 'INVALID_FIELD',
            message: "No such column 'Nope__c' on sobject of type Account",
            fields: ['Nope__c'],
          },
        ],
      },
    ]);
    expect(w.sf.state.get(a)).toMatchObject({ Name: 'A', SystemModstamp: '2024-05-01T00:00:00.000+0000' });
    const created = await w.conn
      .sobject('Account')
      .create([{ Name: 'New 1' }, { Industry: 'Retail' }], { allOrNone: true });
    expect(created.map((r) => r.success)).toEqual([false, false]);
    expect(w.sf.state.count('Account')).toBe(2);
  });

  it('collections create, delete and retrieve', async () => {
    const w = await open();
    const created = await w.conn
      .sobject('Contact')
      .create([{ LastName: 'One' }, { LastName: 'Two', FirstName: 'T' }]);
    expect(created.map((r) => r.success)).toEqual([true, true]);
    const ids = created.map((r) => r.id ?? '');
    const fetched = await w.conn.sobject('Contact').retrieve(ids, { fields: ['Name'] });
    expect(fetched.map((r) => r?.Name)).toEqual(['One', 'T Two']);
    const deleted = await w.conn.sobject('Contact').destroy(ids);
    expect(deleted).toEqual(ids.map((id) => ({ id, success: true, errors: [] })));
    expect(w.sf.state.count('Contact')).toBe(0);
    expect(w.sf.log.counts()).toMatchObject({
      'POST /composite/sobjects': 1,
      'POST /composite/sobjects/:type': 1,
      'DELETE /composite/sobjects': 1,
    });
  });

  it('updated/deleted honour their windows and refuse starts too far back with INVALID_REPLICATION_DATE', async () => {
    const w = await open();
    const [a, b] = w.sf.state.insertMany('Account', [
      { Name: 'Old', SystemModstamp: '2024-05-10T00:00:00Z' },
      { Name: 'New', SystemModstamp: '2024-05-31T12:00:00Z' },
    ]) as [string, string];
    const so = w.conn.sobject('Account');
    expect((await so.updated('2024-05-30T00:00:00Z', '2024-06-01T00:00:00Z')).ids).toEqual([b]);
    expect((await so.updated('2024-05-05T00:00:00Z', '2024-06-01T00:00:00Z')).ids).toEqual([a, b]);
    await expect(so.updated('2024-04-01T00:00:00Z', '2024-06-01T00:00:00Z')).rejects.toMatchObject({
      errorCode: 'INVALID_REPLICATION_DATE',
    });
    await expect(so.deleted('2024-05-10T00:00:00Z', '2024-06-01T00:00:00Z')).rejects.toMatchObject({
      errorCode: 'INVALID_REPLICATION_DATE',
    });
    await expect(so.updated('2024-05-31T00:00:00Z', '2024-05-30T00:00:00Z')).rejects.toMatchObject({
      errorCode: 'INVALID_REPLICATION_DATE',
    });
    const deleted = await so.deleted('2024-05-20T00:00:00Z', '2024-06-02T00:00:00Z');
    expect(deleted).toEqual({
      deletedRecords: [],
      earliestDateAvailable: '2024-05-17T00:00:00.000+0000',
      latestDateCovered: '2024-06-01T00:00:00.000+0000',
    });
  });
});
