// Tests that the emulator answers as the Salesforce documentation says: paging URLs, error bodies, limit headers, Collections, Bulk 2.0, Get Deleted.
import { describe, expect, it } from 'vitest';
import { useWorlds } from '../../../test/support/salesforce-world.js';

const open = useWorlds();
const V = '/services/data/v62.0';

describe('Salesforce emulator answers as documented', () => {
  // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_queryall_more_results.htm:
  // "The URI specified in the nextRecordsUrl field of a QueryAll response body contains query instead of queryAll",
  // and the locator can be read through either resource.
  it('queryAll pages point at /query/ and the locator reads the same through /queryAll/', async () => {
    const w = await open({ queryPageSize: 200 });
    const ids = w.sf.state.insertMany(
      'Account',
      Array.from({ length: 450 }, (_, i) => ({ Name: `A${String(i).padStart(3, '0')}` })),
    );
    await w.conn.sobject('Account').destroy(ids[449] as string);
    const first = await w.fetchJson(`${V}/queryAll?q=SELECT+Id,IsDeleted+FROM+Account+ORDER+BY+Name`);
    const body = first.body as {
      totalSize: number;
      done: boolean;
      nextRecordsUrl: string;
      records: unknown[];
    };
    expect(body).toMatchObject({ totalSize: 450, done: false });
    expect(body.records).toHaveLength(200);
    expect(body.nextRecordsUrl).toMatch(/^\/services\/data\/v62\.0\/query\/01g[a-zA-Z0-9]{12,15}-200$/);
    const second = await w.fetchJson(body.nextRecordsUrl);
    const secondBody = second.body as { done: boolean; nextRecordsUrl: string; records: unknown[] };
    expect(secondBody).toMatchObject({ totalSize: 450, done: false });
    expect(secondBody.nextRecordsUrl).toMatch(/\/query\/01g[a-zA-Z0-9]+-400$/);
    const viaQueryAll = await w.fetchJson(secondBody.nextRecordsUrl.replace('/query/', '/queryAll/'));
    const last = viaQueryAll.body as {
      totalSize: number;
      done: boolean;
      records: Array<{ IsDeleted: boolean }>;
    };
    expect(last).toMatchObject({ totalSize: 450, done: true });
    expect(last).not.toHaveProperty('nextRecordsUrl');
    expect(last.records).toHaveLength(50);
    expect(last.records.at(-1)?.IsDeleted).toBe(true);
  });

  // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm and
  // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/headers_api_usage.htm
  it('answers REST errors as [{ message, errorCode }] with the documented statuses and Sforce-Limit-Info', async () => {
    const w = await open();
    const malformed = await w.fetchJson(`${V}/query?q=SELECT+Id+FRM+Account`);
    expect(malformed.status).toBe(400);
    expect(malformed.body).toEqual([{ message: expect.any(String), errorCode: 'MALFORMED_QUERY' }]);
    expect(malformed.headers.get('sforce-limit-info')).toMatch(/^api-usage=\d+\/100000$/);
    const field = await w.fetchJson(`${V}/query?q=SELECT+Nope__c+FROM+Account`);
    expect(field.status).toBe(400);
    expect(field.body).toEqual([{ message: expect.any(String), errorCode: 'INVALID_FIELD' }]);
    const missing = await w.fetchJson(`${V}/sobjects/Account/001000000000000AAA`);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual([{ message: expect.any(String), errorCode: 'NOT_FOUND' }]);
    const session = await w.fetchJson(`${V}/limits`, { headers: { authorization: 'Bearer not-a-token' } });
    expect(session.status).toBe(401);
    expect(session.body).toEqual([
      { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' },
    ]);
    const ok = await w.fetchJson(`${V}/query?q=SELECT+Id+FROM+Account`);
    expect(ok.headers.get('sforce-limit-info')).toMatch(/^api-usage=\d+\/100000$/);
    w.sf.usage.setUsed(w.sf.usage.max);
    const spent = await w.fetchJson(`${V}/query?q=SELECT+Id+FROM+Account`);
    expect(spent.status).toBe(403);
    expect(spent.body).toEqual([{ message: expect.any(String), errorCode: 'REQUEST_LIMIT_EXCEEDED' }]);
    expect(spent.headers.get('sforce-limit-info')).toBe('api-usage=100000/100000');
  });

  // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections_update.htm
  it('Collections PATCH answers 200 with per-record SaveResults and refuses more than 200 records', async () => {
    const w = await open();
    const [a] = w.sf.state.insertMany('Account', [{ Name: 'A' }]) as [string];
    const mixed = await w.fetchJson(`${V}/composite/sobjects`, {
      method: 'PATCH',
      body: {
        allOrNone: false,
        records: [
          { attributes: { type: 'Account' }, id: a, Name: 'A2' },
          { attributes: { type: 'Account' }, id: '001xx000003DGb2999', Name: 'B' },
        ],
      },
    });
    expect(mixed.status).toBe(200);
    expect(mixed.body).toEqual([
      { id: a, success: true, errors: [] },
      {
        success: false,
        errors: [{ statusCode: expect.any(String), message: expect.any(String), fields: expect.any(Array) }],
      },
    ]);
    const tooMany = await w.fetchJson(`${V}/composite/sobjects`, {
      method: 'PATCH',
      body: {
        records: Array.from({ length: 201 }, () => ({ attributes: { type: 'Account' }, id: a, Name: 'x' })),
      },
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toEqual([{ message: expect.any(String), errorCode: 'EXCEEDED_ID_LIMIT' }]);
  });

  // https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/query_get_job_results.htm
  it('Bulk 2.0 query: UploadComplete, JobComplete, then CSV pages with Sforce-Locator ending in "null"', async () => {
    const w = await open();
    w.sf.state.insertMany(
      'Account',
      Array.from({ length: 3 }, (_, i) => ({ Name: `B${i}` })),
    );
    const created = await w.fetchJson(`${V}/jobs/query`, {
      method: 'POST',
      body: { operation: 'query', query: 'SELECT Name FROM Account ORDER BY Name' },
    });
    expect(created.status).toBe(200);
    const job = created.body as { id: string; state: string };
    expect(job.state).toBe('UploadComplete');
    const status = await w.fetchJson(`${V}/jobs/query/${job.id}`);
    expect(status.body).toMatchObject({ state: 'JobComplete', numberRecordsProcessed: 3 });
    const page1 = await fetch(`${w.sf.url}${V}/jobs/query/${job.id}/results?maxRecords=2`, {
      headers: { authorization: `Bearer ${w.sf.issueAccessToken()}` },
    });
    expect(page1.headers.get('sforce-numberofrecords')).toBe('2');
    const locator = page1.headers.get('sforce-locator') ?? '';
    expect(locator).not.toBe('null');
    const page2 = await fetch(
      `${w.sf.url}${V}/jobs/query/${job.id}/results?maxRecords=2&locator=${encodeURIComponent(locator)}`,
      { headers: { authorization: `Bearer ${w.sf.issueAccessToken()}` } },
    );
    expect(page2.headers.get('sforce-numberofrecords')).toBe('1');
    expect(page2.headers.get('sforce-locator')).toBe('null');
    expect(await page2.text()).toBe('"Name"\n"B2"\n');
  });

  // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_getdeleted.htm
  it('Get Deleted answers the documented shape and refuses a start over 15 days back or a span of a minute or less', async () => {
    const w = await open();
    const [gone] = w.sf.state.insertMany('Account', [{ Name: 'Gone' }]) as [string];
    await w.conn.sobject('Account').destroy(gone);
    w.clock.advance(5 * 60_000);
    const now = w.sf.state.clock.now();
    const iso = (ms: number) => encodeURIComponent(new Date(ms).toISOString().replace('Z', '+00:00'));
    const ok = await w.fetchJson(
      `${V}/sobjects/Account/deleted/?start=${iso(now - 86_400_000)}&end=${iso(now + 60_000)}`,
    );
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({
      deletedRecords: [{ id: gone, deletedDate: expect.stringMatching(/\+0000$/) }],
      earliestDateAvailable: expect.stringMatching(/\+0000$/),
      latestDateCovered: expect.stringMatching(/\+0000$/),
    });
    const old = await w.fetchJson(
      `${V}/sobjects/Account/deleted/?start=${iso(now - 16 * 86_400_000)}&end=${iso(now)}`,
    );
    expect(old.status).toBe(400);
    expect(old.body).toEqual([{ message: expect.any(String), errorCode: 'INVALID_REPLICATION_DATE' }]);
    const short = await w.fetchJson(
      `${V}/sobjects/Account/deleted/?start=${iso(now - 60_000)}&end=${iso(now)}`,
    );
    expect(short.status).toBe(400);
    expect(short.body).toEqual([{ message: expect.any(String), errorCode: 'INVALID_REPLICATION_DATE' }]);
    // getUpdated has no such minimum (sforce_api_calls_getupdated.htm): only start before end.
    const updated = await w.fetchJson(
      `${V}/sobjects/Account/updated/?start=${iso(now - 60_000)}&end=${iso(now)}`,
    );
    expect(updated.status).toBe(200);
  });

  // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_listviews.htm
  it('list views answer the documented page, and an unknown API version is 404 NOT_FOUND', async () => {
    const w = await open();
    w.sf.state.putMetadata('ListView', 'Account.NewThisWeek', { label: 'New This Week' }, '00B');
    const page = await w.fetchJson(`${V}/sobjects/Account/listviews`);
    expect(page.status).toBe(200);
    expect(page.headers.get('sforce-limit-info')).toMatch(/^api-usage=\d+\/100000$/);
    const id = (page.body as { listviews: Array<{ id: string }> }).listviews[0]?.id ?? '';
    const base = `${V}/sobjects/Account/listviews`;
    expect(page.body).toEqual({
      done: true,
      listviews: [
        {
          describeUrl: `${base}/${id}/describe`,
          developerName: 'NewThisWeek',
          id,
          label: 'New This Week',
          resultsUrl: `${base}/${id}/results`,
          soqlCompatible: true,
          url: `${base}/${id}`,
        },
      ],
      nextRecordsUrl: null,
      size: 1,
      sobjectType: 'Account',
    });
    const unknown = await w.fetchJson('/services/data/v12.0/sobjects/Account/listviews');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual([{ message: expect.any(String), errorCode: 'NOT_FOUND' }]);
  });
});
