/** Large write-backs through a Bulk API 2.0 ingest job (update), with the failed-results list read back per record. */
import { AtlasError, errorMessage } from '../../src/errors.js';
import type { FieldUpdate, WriteOutcome } from '../types.js';
import { CONNECTOR_ERRORS } from '../types.js';
import { type BulkPollSettings, pollDelay } from './bulk2-query.js';
import { parseCsv, toCsv } from './csv.js';
import { SalesforceBulkJobSchema } from './raw.js';
import { soqlPath } from './soql.js';
import { toSalesforceValue, type WriteContext } from './write.js';

/** Bulk API 2.0 sets a field to null with `#N/A`; an empty cell leaves it as is. https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/datafiles_prepare_csv.htm */
const BULK_NULL = '#N/A';
const TRANSIENT = new Set(['UNABLE_TO_LOCK_ROW', 'SERVER_UNAVAILABLE']);

/** The CSV of the updates: `Id` and the union of their fields. */
export function ingestCsv(updates: readonly FieldUpdate[]): string {
  const fields = [...new Set(updates.flatMap((u) => Object.keys(u.values)))].map(soqlPath);
  const rows = [['Id', ...fields]];
  for (const u of updates) {
    const cells = [u.recordId];
    for (const f of fields) {
      if (!(f in u.values)) cells.push('');
      else {
        const v = toSalesforceValue(u.values[f] ?? null);
        cells.push(v === null ? BULK_NULL : String(v));
      }
    }
    rows.push(cells);
  }
  return toCsv(rows);
}

/** `sf__Error` is `CODE:message:fields`. */
function parseBulkError(text: string): { code: string; message: string; fields: string[] } {
  const [code = 'UNKNOWN_EXCEPTION', ...rest] = text.split(':');
  const fieldsText = rest.length > 1 ? (rest[rest.length - 1] ?? '') : '';
  const message = (rest.length > 1 ? rest.slice(0, -1) : rest).join(':').trim();
  const fields = fieldsText
    .split(',')
    .map((f) => f.trim())
    .filter((f) => f !== '' && f !== '--');
  return { code, message: message || code, fields };
}

async function waitForIngest(ctx: WriteContext & { poll: BulkPollSettings }, jobId: string) {
  const deadline = ctx.poll.now() + ctx.poll.timeoutMs;
  let checks = 0;
  for (;;) {
    const job = SalesforceBulkJobSchema.parse(
      (await ctx.client.rest('bulk2.ingest', { method: 'GET', path: `/jobs/ingest/${jobId}` })).body,
    );
    if (job.state === 'JobComplete' || job.state === 'Failed' || job.state === 'Aborted') return job;
    if (ctx.poll.now() >= deadline) {
      throw new AtlasError(
        'BULK_JOB_TIMEOUT',
        `Bulk API 2.0 ingest job ${jobId} still ${job.state} after ${Math.round(ctx.poll.timeoutMs / 1000)} s`,
        {
          context: { system: 'salesforce', jobId },
        },
      );
    }
    await ctx.poll.sleep(pollDelay(ctx.poll.intervalMs, checks++));
  }
}

/**
 * Updates records with one ingest job: create, upload the CSV, close, poll, then read the failed results
 * (https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/get_job_failed_results.htm).
 * Records not in the failed list succeeded; a job that failed or was aborted leaves every record transient.
 */
export async function writeBulkIngest(
  ctx: WriteContext & { poll: BulkPollSettings; transferTimeoutMs: number },
  object: string,
  updates: readonly FieldUpdate[],
): Promise<WriteOutcome[]> {
  soqlPath(object);
  const allFailed = (code: string, message: string, transient: boolean): WriteOutcome[] =>
    updates.map((u) => ({ recordId: u.recordId, ok: false, code, message, transient, fields: [] }));
  let jobId: string;
  try {
    ctx.client.assertBudget({ object, operation: 'bulk2.ingest' });
    // https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/create_job.htm
    const created = await ctx.client.rest('bulk2.ingest', {
      method: 'POST',
      path: '/jobs/ingest',
      body: { object, operation: 'update', contentType: 'CSV', columnDelimiter: 'COMMA', lineEnding: 'LF' },
    });
    jobId = SalesforceBulkJobSchema.parse(created.body).id;
  } catch (error) {
    if (error instanceof AtlasError && error.code === CONNECTOR_ERRORS.auth) throw error;
    return allFailed(error instanceof AtlasError ? error.code : 'CRM_API_ERROR', errorMessage(error), true);
  }
  let job: Awaited<ReturnType<typeof waitForIngest>>;
  try {
    // https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/upload_job_data.htm
    await ctx.client.rest(
      'bulk2.ingest',
      {
        method: 'PUT',
        path: `/jobs/ingest/${jobId}/batches`,
        text: ingestCsv(updates),
        headers: { 'Content-Type': 'text/csv' },
      },
      { timeoutMs: ctx.transferTimeoutMs },
    );
    // https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/close_job.htm
    await ctx.client.rest('bulk2.ingest', {
      method: 'PATCH',
      path: `/jobs/ingest/${jobId}`,
      body: { state: 'UploadComplete' },
    });
    job = await waitForIngest(ctx, jobId);
  } catch (error) {
    if (error instanceof AtlasError && error.code === CONNECTOR_ERRORS.auth) throw error;
    // Whether the job ran is unknown: every record is reported transient, and field sets are safe to resend.
    return allFailed(error instanceof AtlasError ? error.code : 'CRM_API_ERROR', errorMessage(error), true);
  }
  if (job.state !== 'JobComplete') {
    return allFailed(
      'BULK_JOB_FAILED',
      `Bulk API 2.0 ingest job ${jobId} ended ${job.state}: ${job.errorMessage ?? ''}`,
      true,
    );
  }
  const failed = new Map<string, { code: string; message: string; fields: string[] }>();
  if ((job.numberRecordsFailed ?? 1) > 0) {
    const res = await ctx.client.rest(
      'bulk2.ingest',
      { method: 'GET', path: `/jobs/ingest/${jobId}/failedResults`, headers: { Accept: 'text/csv' } },
      { responseType: 'text/plain', timeoutMs: ctx.transferTimeoutMs },
    );
    const [header = [], ...rows] = parseCsv(typeof res.body === 'string' ? res.body : '');
    const errorAt = header.indexOf('sf__Error');
    const idAt = header.findIndex((h) => h.toLowerCase() === 'id');
    const sfIdAt = header.indexOf('sf__Id');
    for (const row of rows) {
      const id = row[idAt] || row[sfIdAt] || '';
      failed.set(id, parseBulkError(row[errorAt] ?? ''));
    }
  }
  return updates.map((u): WriteOutcome => {
    const f = failed.get(u.recordId);
    if (!f) return { recordId: u.recordId, ok: true };
    return {
      recordId: u.recordId,
      ok: false,
      code: f.code,
      message: f.message,
      transient: TRANSIENT.has(f.code),
      fields: f.fields,
    };
  });
}
