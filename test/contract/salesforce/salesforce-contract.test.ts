// Contract tests: each documented example vs the emulator's raw answer (same shape), and the real jsforce call succeeding.
import { describe, expect, it } from 'vitest';
import { loadFixture, useWorlds } from '../../support/salesforce-world.js';
import { shapeDiff } from '../../support/shape.js';

const open = useWorlds();

function requestPath(name: string): string {
  const path = loadFixture(name).request.path;
  if (typeof path !== 'string') throw new Error(`fixture ${name} has no request.path`);
  return path;
}

describe('Salesforce REST contract', () => {
  it('query: documented response shape, and jsforce conn.query', async () => {
    const w = await open();
    w.sf.state.insertMany('Account', [{ Name: 'Test 1' }, { Name: 'Test 2' }]);
    const fixture = loadFixture('query');
    const raw = await w.fetchJson(requestPath('query'));
    expect(raw.status).toBe(200);
    expect(shapeDiff(fixture.response, raw.body, { exact: true })).toEqual([]);
    const viaJsforce = await w.conn.query<{ Name: string }>('SELECT Name FROM Account');
    expect(viaJsforce.records.map((r) => r.Name)).toEqual(['Test 1', 'Test 2']);
  });

  it('query more: first page carries nextRecordsUrl, the last page has no such key', async () => {
    const w = await open();
    w.sf.state.insertMany(
      'Account',
      Array.from({ length: 2500 }, (_, i) => ({ Name: `Test ${i + 1}` })),
    );
    const fixture = loadFixture('query-more');
    const pages = fixture.response as { firstPage: unknown; lastPage: unknown };
    const first = await w.fetchJson('/services/data/v62.0/query?q=SELECT+Name+FROM+Account');
    expect(shapeDiff(pages.firstPage, first.body, { exact: true })).toEqual([]);
    const next = (first.body as { nextRecordsUrl: string }).nextRecordsUrl;
    expect(next).toMatch(/^\/services\/data\/v62\.0\/query\/01g[A-Za-z0-9]{15}-2000$/);
    const last = await w.fetchJson(next);
    expect(shapeDiff(pages.lastPage, last.body, { exact: true })).toEqual([]);
    const viaJsforce = await w.conn.query('SELECT Name FROM Account');
    expect(viaJsforce.done).toBe(false);
    const more = await w.conn.queryMore(viaJsforce.nextRecordsUrl ?? '');
    expect(more.done).toBe(true);
    expect(viaJsforce.records.length + more.records.length).toBe(2500);
  });

  it('query error: INVALID_FIELD with the documented message style', async () => {
    const w = await open();
    const fixture = loadFixture('query-error');
    const raw = await w.fetchJson(requestPath('query-error'));
    expect(raw.status).toBe(400);
    expect(raw.body).toEqual(fixture.response);
    await expect(w.conn.query('SELECT Id, Nope FROM Account')).rejects.toMatchObject({
      errorCode: 'INVALID_FIELD',
    });
  });

  it('sObject updated and deleted: documented shapes, and jsforce updated()/deleted()', async () => {
    const w = await open();
    const [a, b] = w.sf.state.insertMany('Account', [
      { Name: 'A', SystemModstamp: '2024-05-29T10:00:00Z' },
      { Name: 'B', SystemModstamp: '2024-05-29T11:00:00Z' },
    ]);
    const row = w.sf.state.row(b ?? '');
    if (row) w.sf.state.deleteRecord(row);
    w.clock.advance(60_000);
    const updated = await w.fetchJson(requestPath('sobjects-updated'));
    expect(shapeDiff(loadFixture('sobjects-updated').response, updated.body, { exact: true })).toEqual([]);
    expect((updated.body as { ids: string[] }).ids).toEqual([a]);
    const deleted = await w.fetchJson(requestPath('sobjects-deleted'));
    expect(shapeDiff(loadFixture('sobjects-deleted').response, deleted.body, { exact: true })).toEqual([]);
    const viaJsforce = await w.conn
      .sobject('Account')
      .deleted('2024-05-28T00:00:00Z', '2024-06-01T00:01:00Z');
    expect(viaJsforce.deletedRecords.map((d) => d.id)).toEqual([b]);
    const upd = await w.conn.sobject('Account').updated('2024-05-28T00:00:00Z', '2024-06-01T00:01:00Z');
    expect(upd.ids).toEqual([a]);
  });

  it('sObject Collections update: one success, one MALFORMED_ID item without id, status 200', async () => {
    const w = await open();
    const [accountId] = w.sf.state.insertMany('Account', [{ Name: 'Acme' }]);
    const fixture = loadFixture('composite-sobjects-update');
    const body = JSON.parse(JSON.stringify(fixture.request.body).replace('{accountId}', accountId ?? ''));
    const raw = await w.fetchJson(requestPath('composite-sobjects-update'), { method: 'PATCH', body });
    expect(raw.status).toBe(200);
    expect(shapeDiff(fixture.response, raw.body, { exact: true })).toEqual([]);
    expect((raw.body as Array<{ errors: Array<{ statusCode: string }> }>)[1]?.errors[0]?.statusCode).toBe(
      'MALFORMED_ID',
    );
    const viaJsforce = await w.conn.sobject('Account').update([{ Id: accountId ?? '', Name: 'Acme 2' }]);
    expect(viaJsforce).toEqual([{ id: accountId, success: true, errors: [] }]);
  });

  it('sObject create: documented SaveResult, and jsforce create()', async () => {
    const w = await open();
    const fixture = loadFixture('sobject-create');
    const raw = await w.fetchJson(requestPath('sobject-create'), {
      method: 'POST',
      body: fixture.request.body,
    });
    expect(raw.status).toBe(201);
    expect(shapeDiff(fixture.response, raw.body, { exact: true })).toEqual([]);
    const viaJsforce = await w.conn.sobject('Account').create({ Name: 'Via jsforce' });
    expect(viaJsforce.success).toBe(true);
    expect(w.sf.state.get(viaJsforce.id ?? '')?.Name).toBe('Via jsforce');
  });

  it('OAuth token (password grant): documented response, and jsforce oauth2.authenticate()', async () => {
    const w = await open();
    const fixture = loadFixture('oauth-token');
    const form = new URLSearchParams(fixture.request.form as Record<string, string>);
    const res = await fetch(`${w.sf.url}/services/oauth2/token`, { method: 'POST', body: form });
    expect(res.status).toBe(200);
    expect(shapeDiff(fixture.response, await res.json(), { exact: true })).toEqual([]);
    const token = await w.conn.oauth2.authenticate(w.sf.credentials.username, w.sf.credentials.password);
    expect(token.instance_url).toBe(w.sf.url);
    expect(token.id).toBe(`${w.sf.url}/id/${w.sf.state.orgId}/${w.sf.state.userId}`);
  });

  it('limits and versions: documented shapes, and jsforce limits()', async () => {
    const w = await open({ dailyQuota: 15000 });
    const limits = await w.fetchJson(requestPath('limits'));
    expect(shapeDiff(loadFixture('limits').response, limits.body)).toEqual([]);
    const versions = await w.fetchJson(requestPath('versions'));
    expect(shapeDiff(loadFixture('versions').response, versions.body, { exact: true })).toEqual([]);
    expect(versions.body).toContainEqual({
      label: "Winter '25",
      url: '/services/data/v62.0',
      version: '62.0',
    });
    expect(await w.fetchJson('/services/data/v99.0/limits')).toMatchObject({
      status: 404,
      body: [{ errorCode: 'NOT_FOUND' }],
    });
    const viaJsforce = await w.conn.limits();
    expect(viaJsforce.DailyApiRequests?.Max).toBe(15000);
  });

  it('describe: documented keys present, and jsforce describe()', async () => {
    const w = await open();
    const raw = await w.fetchJson(requestPath('sobject-describe'));
    expect(shapeDiff(loadFixture('sobject-describe').response, raw.body)).toEqual([]);
    const viaJsforce = await w.conn.sobject('Account').describe();
    const industry = viaJsforce.fields.find((f) => f.name === 'Industry');
    expect(industry?.picklistValues?.length).toBe(32);
  });

  it('Bulk API 2.0 query job: documented job info, and jsforce bulk2.query()', async () => {
    const w = await open();
    w.sf.state.insertMany('Account', [{ Name: 'A' }, { Name: 'B, "quoted"' }]);
    const fixture = loadFixture('bulk2-query-job');
    const raw = await w.fetchJson(requestPath('bulk2-query-job'), {
      method: 'POST',
      body: fixture.request.body,
    });
    expect(shapeDiff(fixture.response, raw.body, { exact: true })).toEqual([]);
    const records = await (await w.conn.bulk2.query('SELECT Id, Name FROM Account')).toArray();
    expect(records.map((r) => r.Name)).toEqual(['A', 'B, "quoted"']);
  });

  it('Metadata upsertMetadata: jsforce metadata.upsert() returns the documented UpsertResult', async () => {
    const w = await open();
    const fixture = loadFixture('metadata-upsert');
    const { type, ...metadata } = fixture.request.metadata as { type: string; fullName: string };
    const result = await w.conn.metadata.upsert(type, { ...metadata, type: 'Text' });
    expect(shapeDiff(fixture.response, result, { exact: true })).toEqual([]);
    expect(result).toEqual(fixture.response);
  });
});
