// Contract: the emulator's Bulk API 2.0 ingest resources and hard deletes answer in the documented shapes.
import { describe, expect, it } from 'vitest';
import { useWorlds } from '../../support/salesforce-world.js';

const open = useWorlds();

const V = '/services/data/v62.0';

describe('Salesforce emulator: Bulk API 2.0 ingest', () => {
  it('create → upload CSV → UploadComplete → JobComplete, with successful and failed results as CSV', async () => {
    const w = await open();
    const [a, b] = w.sf.state.insertMany('Account', [{ Name: 'One' }, { Name: 'Two' }]) as [string, string];
    // https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/create_job.htm
    const created = await w.fetchJson(`${V}/jobs/ingest`, {
      method: 'POST',
      body: { object: 'Account', operation: 'update', contentType: 'CSV', lineEnding: 'LF' },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      object: 'Account',
      operation: 'update',
      state: 'Open',
      contentType: 'CSV',
      concurrencyMode: 'Parallel',
    });
    const id = (created.body as { id: string }).id;
    expect((created.body as { contentUrl: string }).contentUrl).toBe(
      `services/data/v62.0/jobs/ingest/${id}/batches`,
    );
    const upload = await fetch(`${w.sf.url}${V}/jobs/ingest/${id}/batches`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${w.conn.accessToken}`, 'content-type': 'text/csv' },
      body: `Id,Name,Website\n${a},"One, renamed",#N/A\n${b},${'x'.repeat(300)},\n`,
    });
    expect(upload.status).toBe(201);
    const closed = await w.fetchJson(`${V}/jobs/ingest/${id}`, {
      method: 'PATCH',
      body: { state: 'UploadComplete' },
    });
    expect(closed.body).toMatchObject({ state: 'UploadComplete' });
    const done = await w.fetchJson(`${V}/jobs/ingest/${id}`);
    expect(done.body).toMatchObject({
      state: 'JobComplete',
      jobType: 'V2Ingest',
      numberRecordsProcessed: 2,
      numberRecordsFailed: 1,
    });
    expect(w.sf.state.get(a)).toMatchObject({ Name: 'One, renamed', Website: null });
    const failed = await fetch(`${w.sf.url}${V}/jobs/ingest/${id}/failedResults`, {
      headers: { authorization: `Bearer ${w.conn.accessToken}` },
    });
    const text = await failed.text();
    expect(text.split('\n')[0]).toBe('"sf__Id","sf__Error","Id","Name","Website"');
    expect(text).toContain(`"${b}","STRING_TOO_LONG:`);
    const ok = await fetch(`${w.sf.url}${V}/jobs/ingest/${id}/successfulResults`, {
      headers: { authorization: `Bearer ${w.conn.accessToken}` },
    });
    expect((await ok.text()).split('\n')[1]).toBe(`"${a}","false","${a}","One, renamed","#N/A"`);
  });

  it('a hard-deleted record leaves every query, queryAll included, and stays listed by Get Deleted', async () => {
    const w = await open();
    const [id] = w.sf.state.insertMany('Account', [{ Name: 'Purged' }]) as [string];
    const start = new Date(w.clock.now()).toISOString();
    w.clock.advance(60_000);
    const row = w.sf.state.row(id);
    if (!row) throw new Error('inserted row missing');
    w.sf.state.hardDeleteRecord(row);
    w.clock.advance(120_000);
    const all = await w.conn.query<{ Id: string }>('SELECT Id FROM Account', { scanAll: true });
    expect(all.records.map((r) => r.Id)).not.toContain(id);
    const end = new Date(w.clock.now()).toISOString();
    const deleted = await w.conn.sobject('Account').deleted(start, end);
    expect(deleted.deletedRecords.map((d) => d.id)).toEqual([id]);
  });
});
