// E2E: SOQL through jsforce against the Salesforce emulator: relationships, filters, dates, ordering, paging, errors.
import { describe, expect, it } from 'vitest';
import { type SalesforceWorld, useWorlds } from '../../../test/support/salesforce-world.js';

const open = useWorlds();

/** A small partner world: a customer, two partners, one won deal with line items and partner roles. */
function seedDeal(w: SalesforceWorld) {
  const { state } = w.sf;
  const [customer, partner, delivery] = state.insertMany('Account', [
    { Name: 'Mercy Hospital', Industry: 'Healthcare', Type: 'Customer - Direct' },
    {
      Name: 'Data Partners Ltd',
      Industry: 'Technology',
      IsPartner: true,
      Partner_Tier__c: 'Gold',
      Partner_Region__c: 'EMEA',
    },
    { Name: 'Delivery Co', Industry: 'Consulting', IsPartner: true, Partner_Tier__c: 'Silver' },
  ]) as [string, string, string];
  const [p1, p2] = state.insertMany('Product2', [
    { Name: 'Lakehouse', Family: 'Data & AI', IsActive: true },
    { Name: 'Firewall', Family: 'Security', IsActive: true },
  ]) as [string, string];
  const [won, prospect] = state.insertMany('Opportunity', [
    {
      Name: 'Mercy Lakehouse',
      AccountId: customer,
      PartnerAccountId: partner,
      Delivery_Partner__c: delivery,
      StageName: 'Closed Won',
      CloseDate: '2024-05-20',
      Amount: 250000,
      CurrencyIsoCode: 'EUR',
      CSAT__c: 9.5,
    },
    {
      Name: 'Mercy Firewall',
      AccountId: customer,
      StageName: 'Prospecting',
      CloseDate: '2024-09-30',
      Amount: null,
    },
  ]) as [string, string];
  state.insertMany('OpportunityLineItem', [
    { OpportunityId: won, Product2Id: p1, Quantity: 2, TotalPrice: 200000 },
    { OpportunityId: won, Product2Id: p2, Quantity: 1, TotalPrice: 50000 },
  ]);
  state.insertMany('OpportunityPartner', [
    { OpportunityId: won, AccountToId: partner, Role: 'System Integrator', IsPrimary: true },
    { OpportunityId: won, AccountToId: delivery, Role: 'Consultant', IsPrimary: false },
  ]);
  return { customer, partner, delivery, won, prospect };
}

describe('Salesforce emulator SOQL', () => {
  it('resolves parent paths and child subqueries into nested records', async () => {
    const w = await open();
    const ids = seedDeal(w);
    const result = await w.conn.query<Record<string, unknown>>(
      'SELECT Id, Name, Amount, Account.Industry, PartnerAccount.Name, Delivery_Partner__r.Partner_Tier__c, ' +
        '(SELECT Quantity, Product2.Family FROM OpportunityLineItems ORDER BY TotalPrice DESC), ' +
        '(SELECT Role, AccountTo.Name FROM OpportunityPartnersFrom WHERE IsPrimary = true) ' +
        'FROM Opportunity ORDER BY CloseDate',
    );
    expect(result.totalSize).toBe(2);
    const [won, pending] = result.records;
    expect(won).toMatchObject({
      Id: ids.won,
      Amount: 250000,
      Account: { attributes: { type: 'Account' }, Industry: 'Healthcare' },
      PartnerAccount: { Name: 'Data Partners Ltd' },
      Delivery_Partner__r: { Partner_Tier__c: 'Silver' },
      OpportunityLineItems: {
        totalSize: 2,
        done: true,
        records: [
          {
            attributes: { type: 'OpportunityLineItem' },
            Quantity: 2,
            Product2: { attributes: { type: 'Product2' }, Family: 'Data & AI' },
          },
          { Quantity: 1, Product2: { Family: 'Security' } },
        ],
      },
      OpportunityPartnersFrom: {
        totalSize: 1,
        records: [{ Role: 'System Integrator', AccountTo: { Name: 'Data Partners Ltd' } }],
      },
    });
    expect(pending).toMatchObject({
      Amount: null,
      PartnerAccount: null,
      Delivery_Partner__r: null,
      OpportunityLineItems: null,
    });
  });

  it('climbs several parent levels and resolves Contacts as a child relationship', async () => {
    const w = await open();
    const { state } = w.sf;
    const [partner] = state.insertMany('Account', [{ Name: 'Cert Partner', Industry: 'Banking' }]) as [
      string,
    ];
    const [contact] = state.insertMany('Contact', [
      { FirstName: 'Ada', LastName: 'Lovelace', Email: 'ada@example.com', AccountId: partner },
    ]) as [string];
    state.insertMany('Partner_Certification__c', [
      {
        Name: 'DA-1',
        Partner_Account__c: partner,
        Contact__c: contact,
        Technology__c: 'Data & AI',
        Level__c: 'Expert',
        Earned_Date__c: '2023-01-10',
        Expiry_Date__c: '2026-01-10',
      },
    ]);
    const certs = await w.conn.query<Record<string, unknown>>(
      'SELECT Name, Contact__r.Name, Contact__r.Account.Industry, Partner_Account__r.Name FROM Partner_Certification__c',
    );
    expect(certs.records[0]).toMatchObject({
      Name: 'DA-1',
      Contact__r: { Name: 'Ada Lovelace', Account: { Industry: 'Banking' } },
      Partner_Account__r: { Name: 'Cert Partner' },
    });
    const accounts = await w.conn.query<Record<string, unknown>>(
      'SELECT Name, (SELECT Email FROM Contacts), (SELECT Level__c FROM Partner_Certifications__r) FROM Account',
    );
    expect(accounts.records[0]).toMatchObject({
      Contacts: { records: [{ Email: 'ada@example.com' }] },
      Partner_Certifications__r: { records: [{ Level__c: 'Expert' }] },
    });
  });

  it('filters with comparison, IN, LIKE, boolean, null and nested AND/OR/NOT (case-insensitive text)', async () => {
    const w = await open();
    w.sf.state.insertMany('Account', [
      { Name: 'Alpha', Industry: 'Banking', IsPartner: true, Partner_Tier__c: 'Gold' },
      { Name: 'Beta', Industry: 'Retail', IsPartner: false },
      { Name: 'Gamma', Industry: 'Banking', IsPartner: true, Partner_Tier__c: 'Bronze' },
      { Name: 'Delta', Industry: null, IsPartner: true, Partner_Tier__c: 'Silver' },
    ]);
    const names = async (where: string) =>
      (
        await w.conn.query<{ Name: string }>(`SELECT Name FROM Account WHERE ${where} ORDER BY Name`)
      ).records.map((r) => r.Name);
    expect(await names("Industry = 'banking'")).toEqual(['Alpha', 'Gamma']);
    expect(await names("Industry != 'Banking'")).toEqual(['Beta', 'Delta']);
    expect(await names('Industry = null')).toEqual(['Delta']);
    expect(await names("Partner_Tier__c IN ('Gold', 'Silver')")).toEqual(['Alpha', 'Delta']);
    expect(await names("Partner_Tier__c NOT IN ('Gold', 'Silver')")).toEqual(['Beta', 'Gamma']);
    expect(await names("Name LIKE '%ta'")).toEqual(['Beta', 'Delta']);
    expect(await names("Name < 'c' AND Name >= 'b'")).toEqual(['Beta']);
    expect(await names("(Industry = 'Banking' OR Industry = 'Retail') AND NOT Name = 'Gamma'")).toEqual([
      'Alpha',
      'Beta',
    ]);
    expect(
      await names("IsPartner = true AND NOT (Partner_Tier__c = 'Gold' OR Partner_Tier__c = 'Bronze')"),
    ).toEqual(['Delta']);
    expect(await names('Id IN (SELECT AccountId FROM Opportunity)')).toEqual([]);
  });

  it('INCLUDES and EXCLUDES on a multi-select picklist', async () => {
    const w = await open();
    w.sf.state.provisionWriteBackFields({
      values: ['Healthcare x Data', 'Banking x Security', 'Retail x Cloud'],
    });
    w.sf.state.insertMany('Account', [
      { Name: 'One', Atlas_Segments__c: 'Healthcare x Data;Banking x Security' },
      { Name: 'Two', Atlas_Segments__c: ['Retail x Cloud'] },
      { Name: 'Three' },
    ]);
    const names = async (where: string) =>
      (
        await w.conn.query<{ Name: string }>(`SELECT Name FROM Account WHERE ${where} ORDER BY Name`)
      ).records.map((r) => r.Name);
    expect(await names("Atlas_Segments__c INCLUDES ('Banking x Security')")).toEqual(['One']);
    expect(
      await names("Atlas_Segments__c INCLUDES ('Healthcare x Data;Banking x Security', 'Retail x Cloud')"),
    ).toEqual(['One', 'Two']);
    expect(await names("Atlas_Segments__c EXCLUDES ('Retail x Cloud')")).toEqual(['One', 'Three']);
  });

  it('date and datetime literals, date literals relative to the emulator clock, %2B and raw + offsets', async () => {
    const w = await open();
    w.sf.state.insertMany('Opportunity', [
      {
        Name: 'Today',
        StageName: 'Closed Won',
        CloseDate: '2024-06-01',
        SystemModstamp: '2024-05-31T23:30:00Z',
      },
      {
        Name: 'Last month',
        StageName: 'Closed Won',
        CloseDate: '2024-05-15',
        SystemModstamp: '2024-05-15T08:00:00Z',
      },
      {
        Name: 'Last year',
        StageName: 'Closed Lost',
        CloseDate: '2023-03-01',
        SystemModstamp: '2023-03-01T08:00:00Z',
      },
    ]);
    const names = async (where: string) =>
      (
        await w.conn.query<{ Name: string }>(`SELECT Name FROM Opportunity WHERE ${where} ORDER BY CloseDate`)
      ).records.map((r) => r.Name);
    expect(await names('CloseDate = TODAY')).toEqual(['Today']);
    expect(await names('CloseDate = LAST_N_DAYS:30')).toEqual(['Last month', 'Today']);
    expect(await names('CloseDate = LAST_MONTH')).toEqual(['Last month']);
    expect(await names('CloseDate < THIS_YEAR')).toEqual(['Last year']);
    expect(await names('CloseDate >= 2024-01-01 AND IsWon = true')).toEqual(['Last month', 'Today']);
    expect(await names('SystemModstamp > 2024-05-31T23:00:00+00:00')).toEqual(['Today']);
    expect(await names('SystemModstamp > 2024-06-01T01:00:00+02:00')).toEqual(['Today']);
    expect(await names('SystemModstamp >= 2024-05-15T08:00:00.000Z')).toEqual(['Last month', 'Today']);
    // A hand-written URL with form-encoded spaces and a raw '+' in the offset still means +00:00.
    const raw = await w.fetchJson(
      '/services/data/v62.0/query?q=SELECT+Name+FROM+Opportunity+WHERE+SystemModstamp+>+2024-05-31T23:00:00+00:00',
    );
    expect(raw.body).toMatchObject({ totalSize: 1, records: [{ Name: 'Today' }] });
    await expect(
      w.conn.query("SELECT Name FROM Opportunity WHERE CloseDate = '2024-06-01'"),
    ).rejects.toMatchObject({ errorCode: 'INVALID_FIELD' });
    await expect(
      w.conn.query('SELECT Name FROM Opportunity WHERE SystemModstamp > 2024-05-01'),
    ).rejects.toMatchObject({ errorCode: 'INVALID_FIELD' });
  });

  it('ORDER BY several fields with ASC/DESC and NULLS FIRST/LAST, LIMIT and OFFSET', async () => {
    const w = await open();
    w.sf.state.insertMany('Account', [
      { Name: 'b', Industry: 'Retail' },
      { Name: 'a', Industry: 'Retail' },
      { Name: 'c', Industry: null },
      { Name: 'd', Industry: 'Banking' },
    ]);
    const names = async (tail: string) =>
      (await w.conn.query<{ Name: string }>(`SELECT Name FROM Account ${tail}`)).records.map((r) => r.Name);
    expect(await names('ORDER BY Industry, Name')).toEqual(['c', 'd', 'a', 'b']);
    expect(await names('ORDER BY Industry DESC, Name DESC')).toEqual(['b', 'a', 'd', 'c']);
    expect(await names('ORDER BY Industry ASC NULLS LAST, Name')).toEqual(['d', 'a', 'b', 'c']);
    expect(await names('ORDER BY Industry DESC NULLS FIRST, Name')).toEqual(['c', 'a', 'b', 'd']);
    expect(await names('ORDER BY Name LIMIT 2 OFFSET 1')).toEqual(['b', 'c']);
  });

  it('COUNT() answers totalSize with no records; COUNT(Id) answers an AggregateResult', async () => {
    const w = await open();
    w.sf.state.insertMany('Account', [
      { Name: 'x', IsPartner: true },
      { Name: 'y', IsPartner: true },
      { Name: 'z' },
    ]);
    const count = await w.fetchJson(
      '/services/data/v62.0/query?q=' +
        encodeURIComponent('SELECT COUNT() FROM Account WHERE IsPartner = true'),
    );
    expect(count.body).toEqual({ totalSize: 2, done: true, records: [] });
    const viaJsforce = await w.conn.query('SELECT COUNT() FROM Account');
    expect(viaJsforce.totalSize).toBe(3);
    const agg = await w.conn.query('SELECT COUNT(Id) total FROM Account');
    expect(agg.records).toEqual([{ attributes: { type: 'AggregateResult' }, total: 3 }]);
  });

  it('query excludes soft-deleted rows; queryAll includes them with IsDeleted = true', async () => {
    const w = await open();
    const [keep, gone] = w.sf.state.insertMany('Account', [{ Name: 'Keep' }, { Name: 'Gone' }]) as [
      string,
      string,
    ];
    await w.conn.sobject('Account').destroy(gone);
    const live = await w.conn.query<{ Id: string }>('SELECT Id FROM Account');
    expect(live.records.map((r) => r.Id)).toEqual([keep]);
    const all = await w.conn.query<{ Id: string; IsDeleted: boolean }>(
      'SELECT Id, IsDeleted FROM Account ORDER BY Name',
      { scanAll: true },
    );
    expect(all.records.map((r) => [r.Id, r.IsDeleted])).toEqual([
      [gone, true],
      [keep, false],
    ]);
    expect(w.sf.log.count('GET /queryAll')).toBe(1);
  });

  it('pages with nextRecordsUrl, honours Sforce-Query-Options batchSize and serves a locator again after a retry', async () => {
    const w = await open();
    w.sf.state.insertMany(
      'Account',
      Array.from({ length: 1250 }, (_, i) => ({ Name: `A${String(i).padStart(4, '0')}` })),
    );
    const all = await w.conn.query<{ Name: string }>('SELECT Name FROM Account ORDER BY Name', {
      headers: { 'Sforce-Query-Options': 'batchSize=500' },
      autoFetch: true,
      maxFetch: 10_000,
    });
    expect(all.records).toHaveLength(1250);
    expect(all.records[1249]?.Name).toBe('A1249');
    expect(w.sf.log.counts()).toMatchObject({ 'GET /query': 1, 'GET /query/:locator': 2 });
    const first = await w.fetchJson('/services/data/v62.0/query?q=SELECT+Name+FROM+Account', {
      headers: { 'Sforce-Query-Options': 'batchSize=50' },
    });
    expect((first.body as { records: unknown[] }).records).toHaveLength(200);
    const next = (first.body as { nextRecordsUrl: string }).nextRecordsUrl;
    const again1 = await w.fetchJson(next);
    const again2 = await w.fetchJson(next);
    expect(again2.body).toEqual(again1.body);
    const bad = await w.fetchJson('/services/data/v62.0/query/01gXXXXXXXXXXXXXXX-200');
    expect(bad).toMatchObject({ status: 400, body: [{ errorCode: 'INVALID_QUERY_LOCATOR' }] });
  });

  it('answers MALFORMED_QUERY, INVALID_TYPE and INVALID_FIELD the way Salesforce words them', async () => {
    const w = await open();
    await expect(w.conn.query('SELECT Id FRM Account')).rejects.toMatchObject({
      errorCode: 'MALFORMED_QUERY',
    });
    await expect(w.conn.query('SELECT Id FROM Acount')).rejects.toMatchObject({
      errorCode: 'INVALID_TYPE',
      message: expect.stringContaining("sObject type 'Acount' is not supported."),
    });
    await expect(w.conn.query('SELECT Acount.Name FROM Opportunity')).rejects.toMatchObject({
      errorCode: 'INVALID_FIELD',
      message: expect.stringContaining("Didn't understand relationship 'Acount' in field path."),
    });
    await expect(
      w.conn.query('SELECT Id, (SELECT Id FROM LineItems) FROM Opportunity'),
    ).rejects.toMatchObject({
      errorCode: 'INVALID_TYPE',
      message: expect.stringContaining(
        "Didn't understand relationship 'LineItems' in FROM part of query call.",
      ),
    });
    const raw = await w.fetchJson('/services/data/v62.0/query?q=SELECT+Id+FROM+Account+WHERE+Nope__c+=+1');
    expect(raw.status).toBe(400);
    expect(raw.body).toEqual([
      {
        message:
          "\nSELECT Id FROM Account WHERE Nope__c = 1\n                             ^\nERROR at Row:1:Column:30\nNo such column 'Nope__c' on entity 'Account'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.",
        errorCode: 'INVALID_FIELD',
      },
    ]);
  });
});
