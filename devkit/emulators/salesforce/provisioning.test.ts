// E2E: Metadata API provisioning (fields, permission sets, list views, layouts) and Bulk API 2.0 queries through jsforce.
import { describe, expect, it } from 'vitest';
import { useWorlds } from '../../../test/support/salesforce-world.js';

const open = useWorlds();

const SEGMENTS_FIELD = {
  fullName: 'Account.Atlas_Segments__c',
  label: 'Atlas Segments',
  type: 'MultiselectPicklist',
  visibleLines: 4,
  valueSet: {
    restricted: true,
    valueSetDefinition: {
      sorted: false,
      value: [
        { fullName: 'Healthcare x Data & AI', default: false, label: 'Healthcare x Data & AI' },
        { fullName: 'Banking x Security', default: false, label: 'Banking x Security' },
      ],
    },
  },
};

describe('Salesforce emulator provisioning (Metadata API)', () => {
  it('a field created by API stays invisible until a permission set granting edit is assigned', async () => {
    const w = await open();
    const [acc] = w.sf.state.insertMany('Account', [{ Name: 'Provisioned' }]) as [string];
    const upserted = await w.conn.metadata.upsert('CustomField', [
      SEGMENTS_FIELD,
      {
        fullName: 'Account.Atlas_Top_Score__c',
        label: 'Atlas Top Score',
        type: 'Number',
        precision: 5,
        scale: 1,
      },
    ]);
    expect(upserted.map((r) => [r.fullName, r.created, r.success])).toEqual([
      ['Account.Atlas_Segments__c', true, true],
      ['Account.Atlas_Top_Score__c', true, true],
    ]);
    const names = async () => (await w.conn.sobject('Account').describe()).fields.map((f) => f.name);
    expect(await names()).not.toContain('Atlas_Segments__c');
    await expect(w.conn.query('SELECT Atlas_Segments__c FROM Account')).rejects.toMatchObject({
      errorCode: 'INVALID_FIELD',
    });
    await expect(w.conn.sobject('Account').update({ Id: acc, Atlas_Top_Score__c: 3 })).rejects.toMatchObject({
      errorCode: 'INVALID_FIELD',
    });

    const ps = await w.conn.metadata.upsert('PermissionSet', {
      fullName: 'Partner_Atlas_Integration',
      label: 'Partner Atlas Integration',
      fieldPermissions: [
        { field: 'Account.Atlas_Segments__c', editable: true, readable: true },
        { field: 'Account.Atlas_Top_Score__c', editable: true, readable: true },
      ],
    });
    expect(ps).toMatchObject({ success: true, created: true });
    expect(await names()).not.toContain('Atlas_Segments__c');

    const found = await w.conn.query<{ Id: string }>(
      "SELECT Id FROM PermissionSet WHERE Name = 'Partner_Atlas_Integration'",
    );
    const psId = found.records[0]?.Id ?? '';
    const assignment = await w.conn
      .sobject('PermissionSetAssignment')
      .create({ AssigneeId: w.sf.state.userId, PermissionSetId: psId });
    expect(assignment.success).toBe(true);
    await expect(
      w.conn
        .sobject('PermissionSetAssignment')
        .create({ AssigneeId: w.sf.state.userId, PermissionSetId: psId }),
    ).rejects.toMatchObject({ errorCode: 'DUPLICATE_VALUE' });
    await expect(
      w.conn
        .sobject('PermissionSetAssignment')
        .create({ AssigneeId: w.sf.state.userId, PermissionSetId: acc }),
    ).rejects.toMatchObject({ errorCode: 'FIELD_INTEGRITY_EXCEPTION' });

    const describe = await w.conn.sobject('Account').describe();
    expect(describe.fields.find((f) => f.name === 'Atlas_Segments__c')).toMatchObject({
      type: 'multipicklist',
      custom: true,
      updateable: true,
      picklistValues: [
        { value: 'Healthcare x Data & AI', active: true },
        { value: 'Banking x Security', active: true },
      ],
    });
    expect(describe.fields.find((f) => f.name === 'Atlas_Top_Score__c')).toMatchObject({
      type: 'double',
      precision: 5,
      scale: 1,
    });
    const results = await w.conn
      .sobject('Account')
      .update([{ Id: acc, Atlas_Segments__c: 'Banking x Security', Atlas_Top_Score__c: 87.25 }]);
    expect(results[0]?.success).toBe(true);
    const read = await w.conn.query<Record<string, unknown>>(
      'SELECT Atlas_Segments__c, Atlas_Top_Score__c FROM Account',
    );
    expect(read.records[0]).toMatchObject({
      Atlas_Segments__c: 'Banking x Security',
      Atlas_Top_Score__c: 87.3,
    });
    const bad = await w.conn.sobject('Account').update([{ Id: acc, Atlas_Segments__c: 'Unknown segment' }]);
    expect(bad[0]).toMatchObject({
      success: false,
      errors: [{ statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST' }],
    });
  });

  it('reads, lists and deletes metadata; refuses permissions on fields that do not exist', async () => {
    const w = await open();
    await w.conn.metadata.upsert('CustomField', SEGMENTS_FIELD);
    const field = await w.conn.metadata.read('CustomField', 'Account.Atlas_Segments__c');
    expect(field).toMatchObject({
      fullName: 'Account.Atlas_Segments__c',
      type: 'MultiselectPicklist',
      label: 'Atlas Segments',
    });
    expect(field.valueSet?.valueSetDefinition?.value.map((v) => v.fullName)).toEqual([
      'Healthcare x Data & AI',
      'Banking x Security',
    ]);
    // An expired session on SOAP answers sf:INVALID_SESSION_ID and jsforce refreshes, as on REST.
    w.clock.advance(3 * 3_600_000);
    const again = await w.conn.metadata.upsert('CustomField', { ...SEGMENTS_FIELD, label: 'Segments' });
    expect(w.sf.log.count('POST /oauth2/token')).toBe(1);
    expect(again).toMatchObject({ created: false, success: true });
    const listed = await w.conn.metadata.list([{ type: 'CustomField' }, { type: 'Layout' }]);
    expect(listed.map((p) => p.fullName).sort()).toEqual([
      'Account-Account Layout',
      'Account.Atlas_Segments__c',
    ]);
    const refused = await w.conn.metadata.upsert('PermissionSet', {
      fullName: 'Broken',
      label: 'Broken',
      fieldPermissions: [{ field: 'Account.Missing__c', editable: true, readable: true }],
    });
    expect(refused).toMatchObject({
      success: false,
      errors: [{ statusCode: 'INVALID_CROSS_REFERENCE_KEY' }],
    });
    const missing = await w.conn.metadata.read('CustomField', 'Account.Missing__c');
    expect(missing.fullName).toBeUndefined();
    const deleted = await w.conn.metadata.delete('CustomField', 'Account.Atlas_Segments__c');
    expect(deleted).toMatchObject({ success: true, fullName: 'Account.Atlas_Segments__c' });
    expect(w.sf.state.object('Account')?.fields.has('Atlas_Segments__c')).toBe(false);
    expect(w.sf.log.count('POST /soap/m')).toBe(8);
  });

  it('list views and layouts round-trip through upsert and read', async () => {
    const w = await open();
    w.sf.state.provisionWriteBackFields();
    const view = await w.conn.metadata.upsert('ListView', {
      fullName: 'Account.Atlas_Healthcare_Data_Specialists',
      label: 'Healthcare x Data & AI - Specialist',
      filterScope: 'Everything',
      filters: [{ field: 'Atlas_Primary_Segment__c', operation: 'equals', value: 'Healthcare x Data & AI' }],
      columns: ['ACCOUNT.NAME', 'Atlas_Primary_Segment__c'],
    });
    expect(view).toMatchObject({ success: true, created: true });
    const readView = await w.conn.metadata.read('ListView', 'Account.Atlas_Healthcare_Data_Specialists');
    expect(readView).toMatchObject({
      filterScope: 'Everything',
      columns: ['ACCOUNT.NAME', 'Atlas_Primary_Segment__c'],
      filters: [{ field: 'Atlas_Primary_Segment__c', operation: 'equals' }],
    });
    const layout = await w.conn.metadata.read('Layout', 'Account-Account Layout');
    expect(layout.layoutSections[0]?.label).toBe('Account Information');
    const sections = [
      ...layout.layoutSections,
      {
        label: 'Partner Atlas',
        style: 'OneColumn',
        customLabel: true,
        detailHeading: true,
        editHeading: true,
        layoutColumns: [{ layoutItems: [{ field: 'Atlas_Primary_Segment__c', behavior: 'Readonly' }] }],
      },
    ];
    const saved = await w.conn.metadata.upsert('Layout', {
      fullName: 'Account-Account Layout',
      layoutSections: sections,
    });
    expect(saved).toMatchObject({ success: true, created: false });
    const reread = await w.conn.metadata.read('Layout', 'Account-Account Layout');
    expect(reread.layoutSections.map((s) => s.label)).toEqual(['Account Information', 'Partner Atlas']);
    expect(reread.layoutSections[1]?.layoutColumns[0]?.layoutItems[0]?.field).toBe(
      'Atlas_Primary_Segment__c',
    );
  });
});

describe('Salesforce emulator Bulk API 2.0 query', () => {
  it('walks UploadComplete → InProgress → JobComplete, then jsforce reads the CSV result', async () => {
    // One results page: jsforce 3.10.16 pipes every page into one CSV stream, so a second page's header
    // row would come back as a record (pages are exercised with raw requests below).
    const w = await open({ bulkJobChecksToComplete: 3 });
    w.sf.state.insertMany(
      'Opportunity',
      Array.from({ length: 2500 }, (_, i) => ({
        Name: `Deal ${i}`,
        StageName: 'Closed Won',
        CloseDate: '2024-01-01',
        Amount: i,
      })),
    );
    w.conn.bulk2.pollInterval = 5;
    const states: string[] = [];
    const stream = await w.conn.bulk2.query(
      'SELECT Id, Name, Amount, SystemModstamp FROM Opportunity WHERE Amount >= 100',
    );
    const rows = await stream.toArray();
    expect(rows).toHaveLength(2400);
    expect(rows[0]).toMatchObject({
      Name: 'Deal 100',
      Amount: '100',
      SystemModstamp: '2024-06-01T00:00:00.000Z',
    });
    for (const e of w.sf.log.entries) if (e.route === 'GET /jobs/query/:id') states.push(String(e.status));
    expect(states).toEqual(['200', '200', '200']);
    expect(w.sf.log.count('GET /jobs/query/:id/results')).toBe(1);
  });

  it('answers job states, maxRecords pages, queryAll rows and refuses subqueries', async () => {
    const w = await open({ bulkJobChecksToComplete: 2 });
    const [, gone] = w.sf.state.insertMany('Account', [
      { Name: 'Live' },
      { Name: 'Gone', IsDeleted: true },
      { Name: 'Third' },
    ]);
    const job = await w.fetchJson('/services/data/v62.0/jobs/query', {
      method: 'POST',
      body: { operation: 'queryAll', query: 'SELECT Id, Name, Industry FROM Account' },
    });
    const id = (job.body as { id: string; state: string }).id;
    expect(job.body).toMatchObject({ state: 'UploadComplete', operation: 'queryAll', object: 'Account' });
    expect((await w.fetchJson(`/services/data/v62.0/jobs/query/${id}`)).body).toMatchObject({
      state: 'InProgress',
      jobType: 'V2Query',
    });
    expect((await w.fetchJson(`/services/data/v62.0/jobs/query/${id}`)).body).toMatchObject({
      state: 'JobComplete',
      numberRecordsProcessed: 3,
    });
    const page1 = await fetch(`${w.sf.url}/services/data/v62.0/jobs/query/${id}/results?maxRecords=2`, {
      headers: { authorization: `Bearer ${w.conn.accessToken}` },
    });
    expect(page1.headers.get('sforce-numberofrecords')).toBe('2');
    const locator = page1.headers.get('sforce-locator') ?? '';
    expect(locator).not.toBe('null');
    expect(await page1.text()).toBe(
      `"Id","Name","Industry"\n"${w.sf.state.all('Account')[0]?.Id}","Live",""\n"${gone}","Gone",""\n`,
    );
    const page2 = await fetch(
      `${w.sf.url}/services/data/v62.0/jobs/query/${id}/results?locator=${locator}&maxRecords=2`,
      { headers: { authorization: `Bearer ${w.conn.accessToken}` } },
    );
    expect(page2.headers.get('sforce-locator')).toBe('null');
    expect((await page2.text()).split('\n')[1]).toContain('"Third"');
    const refused = await w.fetchJson('/services/data/v62.0/jobs/query', {
      method: 'POST',
      body: { operation: 'query', query: 'SELECT Id, (SELECT Id FROM Contacts) FROM Account' },
    });
    expect(refused).toMatchObject({ status: 400, body: [{ errorCode: 'API_ERROR' }] });
    const aborted = await w.fetchJson('/services/data/v62.0/jobs/query', {
      method: 'POST',
      body: { operation: 'query', query: 'SELECT Id FROM Account' },
    });
    const abortedId = (aborted.body as { id: string }).id;
    await w.fetchJson(`/services/data/v62.0/jobs/query/${abortedId}`, {
      method: 'PATCH',
      body: { state: 'Aborted' },
    });
    expect((await w.fetchJson(`/services/data/v62.0/jobs/query/${abortedId}`)).body).toMatchObject({
      state: 'Aborted',
    });
    expect(
      (await w.fetchJson(`/services/data/v62.0/jobs/query/${abortedId}`, { method: 'DELETE' })).status,
    ).toBe(204);
    expect((await w.fetchJson(`/services/data/v62.0/jobs/query/${abortedId}`)).status).toBe(404);
  });
});
