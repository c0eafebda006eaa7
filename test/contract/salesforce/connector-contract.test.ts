// Contract: the Salesforce connector against documented payloads replayed by nock (paging, errors, Collections results, deleted, quota).
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSalesforceConnector } from '../../../connectors/salesforce/index.js';
import type { Connector, ReadPage, ReadPlan } from '../../../connectors/types.js';
import { CrmApiError } from '../../../src/errors.js';
import { loadFixture } from '../../support/salesforce-world.js';

const LOGIN = 'https://login.contract.test';
const INSTANCE = 'https://atlas.my.contract.test';
const V = '/services/data/v62.0';

const plan: ReadPlan = {
  system: 'salesforce',
  entity: 'partners',
  object: 'Account',
  fields: ['Id', 'Name'],
  children: [],
  associations: [],
  filter: [],
  modifiedField: 'SystemModstamp',
};

type JsonRecord = Record<string, unknown>;

/** The documented record plus the fields our SELECT names (a query returns every selected field). */
function withStamp(records: unknown, stamp: string, idPrefix: string): JsonRecord[] {
  return (records as JsonRecord[]).map((r, i) => ({
    ...r,
    Id: `${idPrefix}${String(i).padStart(3, '0')}`,
    SystemModstamp: stamp,
  }));
}

async function connect(): Promise<Connector> {
  const token = loadFixture('oauth-token');
  nock(LOGIN)
    .post('/services/oauth2/token')
    .reply(200, { ...(token.response as JsonRecord), instance_url: INSTANCE });
  return createSalesforceConnector({
    auth: {
      mode: 'password',
      username: 'integration@atlas.emulator',
      password: 'placeholder',
      clientId: 'atlas-client',
      clientSecret: 'atlas-secret',
    },
    loginUrl: LOGIN,
    retry: { maxRetries: 2, baseMs: 1, maxMs: 2 },
    sleep: async () => {},
    now: () => new Date('2024-06-01T00:00:00.000Z'),
  });
}

beforeEach(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

async function pages(connector: Connector): Promise<ReadPage[]> {
  const out: ReadPage[] = [];
  for await (const page of connector.read(plan, {
    cursor: null,
    runStartedAt: '2024-06-01T00:00:00.000Z',
    lookbackMs: 0,
  }))
    out.push(page);
  return out;
}

describe('Salesforce connector contract', () => {
  it('follows nextRecordsUrl, strips attributes, turns +0000 datetimes into ISO, reads Sforce-Limit-Info', async () => {
    const connector = await connect();
    const { firstPage, lastPage } = loadFixture('query-more').response as {
      firstPage: JsonRecord;
      lastPage: JsonRecord;
    };
    nock(INSTANCE)
      .get(`${V}/query`)
      .query((q) => q.q === 'SELECT Id, Name, SystemModstamp FROM Account ORDER BY SystemModstamp, Id')
      .reply(
        200,
        { ...firstPage, records: withStamp(firstPage.records, '2024-05-02T14:21:07.000+0000', '001A00000') },
        { 'Sforce-Limit-Info': 'api-usage=18/15000' },
      )
      .get(String(firstPage.nextRecordsUrl))
      .reply(
        200,
        { ...lastPage, records: withStamp(lastPage.records, '2024-05-03T10:00:00.000+0000', '001B00000') },
        { 'Sforce-Limit-Info': 'api-usage=19/15000' },
      );
    const result = await pages(connector);
    expect(result).toHaveLength(2);
    expect(result[0]?.records[0]).toEqual({
      id: '001A00000000',
      values: { Id: '001A00000000', Name: 'Test 1', SystemModstamp: '2024-05-02T14:21:07.000Z' },
    });
    expect(result[0]?.expectedTotal).toBe(3214);
    // A full read also records when it started: the next read looks for related changes from there.
    expect(result[1]?.cursor).toEqual({
      v: 1,
      modifiedSince: '2024-05-03T10:00:00.000Z',
      afterId: '001B00000000',
      relatedSince: '2024-06-01T00:00:00.000Z',
    });
    expect(connector.usage()).toMatchObject({
      calls: 2,
      callsByOperation: { query: 1, queryMore: 1 },
      daily: { used: 19, max: 15000 },
    });
    expect(nock.isDone()).toBe(true);
  });

  it('a documented INVALID_FIELD error is wrapped once as CrmApiError and not retried', async () => {
    const connector = await connect();
    const fixture = loadFixture('query-error');
    nock(INSTANCE)
      .get(`${V}/query`)
      .query(true)
      .once()
      .reply(400, fixture.response as JsonRecord[]);
    const error = await pages(connector).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrmApiError);
    expect((error as CrmApiError).details).toMatchObject({
      status: 400,
      vendorCode: 'INVALID_FIELD',
      retryable: false,
      operation: 'query',
    });
    expect(connector.usage().retries).toBe(0);
  });

  it('the documented quota error (403 REQUEST_LIMIT_EXCEEDED) ends the read with API_BUDGET_REACHED after one call', async () => {
    const connector = await connect();
    nock(INSTANCE)
      .get(`${V}/query`)
      .query(true)
      .once()
      .reply(403, [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }], {
        'Sforce-Limit-Info': 'api-usage=15000/15000',
      });
    await expect(pages(connector)).rejects.toMatchObject({ code: 'API_BUDGET_REACHED' });
    expect(connector.usage()).toMatchObject({ calls: 1, retries: 0, daily: { used: 15000, max: 15000 } });
  });

  it('sends Collections updates with allOrNone false and maps the documented mixed result per record', async () => {
    const connector = await connect();
    const fixture = loadFixture('composite-sobjects-update');
    let sent: JsonRecord | undefined;
    nock(INSTANCE)
      .patch(`${V}/composite/sobjects`, (body: JsonRecord) => {
        sent = body;
        return true;
      })
      .reply(200, fixture.response as JsonRecord[]);
    const outcomes = await connector.writeFields('Account', [
      { recordId: '001RM000003oCprYAE', values: { Atlas_Segments__c: ['A', 'B'], Atlas_Top_Score__c: 12.5 } },
      { recordId: '001xx000003DGb2999', values: { Atlas_Scored_At__c: '2024-06-01T00:00:00.000Z' } },
    ]);
    expect(sent).toEqual({
      allOrNone: false,
      records: [
        {
          attributes: { type: 'Account' },
          id: '001RM000003oCprYAE',
          Atlas_Segments__c: 'A;B',
          Atlas_Top_Score__c: 12.5,
        },
        {
          attributes: { type: 'Account' },
          id: '001xx000003DGb2999',
          Atlas_Scored_At__c: '2024-06-01T00:00:00.000Z',
        },
      ],
    });
    expect(outcomes).toEqual([
      { recordId: '001RM000003oCprYAE', ok: true },
      {
        recordId: '001xx000003DGb2999',
        ok: false,
        code: 'MALFORMED_ID',
        message: 'Contact ID: id value of incorrect type: 001xx000003DGb2999',
        transient: false,
        fields: ['Id'],
      },
    ]);
  });

  it('reads soft deletes with queryAll and hard deletes from the documented Get Deleted answer', async () => {
    const connector = await connect();
    const deleted = loadFixture('sobjects-deleted');
    nock(INSTANCE)
      .get(`${V}/queryAll`)
      .query((q) => String(q.q).includes('IsDeleted = true'))
      .reply(200, {
        totalSize: 1,
        done: true,
        records: [{ attributes: { type: 'Account' }, Id: '001D000000IRFmaIAH' }],
      })
      .get(`${V}/sobjects/Account/deleted/`)
      .query({ start: '2024-05-28T00:00:00.000Z', end: '2024-06-01T00:00:00.000Z' })
      .reply(200, deleted.response as JsonRecord);
    const out: unknown[] = [];
    for await (const page of connector.readDeleted(plan, {
      since: '2024-05-28T00:00:00.000Z',
      runStartedAt: '2024-06-01T00:00:00.000Z',
    }))
      out.push(page);
    expect(out).toEqual([{ kind: 'deleted', ids: ['001D000000IRFmaIAH', 'a00D0000008pQRAIA2'] }]);
    expect(nock.isDone()).toBe(true);
  });
});
