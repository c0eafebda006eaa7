/** Bulk API 2.0 query jobs paged by hand with `Sforce-Locator` (jsforce 3.10.16's result() mis-parses multi-page results). */
import { AtlasError } from '../../src/errors.js';
import type { SalesforceClient } from './client.js';
import { parseCsv } from './csv.js';
import { SalesforceBulkJobSchema } from './raw.js';

/** Polls start at the interval and slow down to 30 s: long jobs need few status checks (each is a call). */
export function pollDelay(intervalMs: number, checks: number): number {
  return Math.min(30_000, intervalMs * 1.5 ** checks);
}

export interface BulkPollSettings {
  intervalMs: number;
  timeoutMs: number;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
}

/** Creates a query job. https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/query_create_job.htm */
export async function createQueryJob(
  client: SalesforceClient,
  soql: string,
  operation: 'query' | 'queryAll',
): Promise<string> {
  const res = await client.rest('bulk2', {
    method: 'POST',
    path: '/jobs/query',
    body: { operation, query: soql, contentType: 'CSV', columnDelimiter: 'COMMA', lineEnding: 'LF' },
  });
  return SalesforceBulkJobSchema.parse(res.body).id;
}

/** Polls until JobComplete; Failed / Aborted / timeout throw. https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/query_get_one_job.htm */
export async function waitForQueryJob(
  client: SalesforceClient,
  jobId: string,
  poll: BulkPollSettings,
  signal?: AbortSignal,
): Promise<void> {
  const deadline = poll.now() + poll.timeoutMs;
  let checks = 0;
  for (;;) {
    // Waits before the first check too: a job is never complete the instant it is created, and each check is a call.
    await poll.sleep(pollDelay(poll.intervalMs, checks++));
    const job = SalesforceBulkJobSchema.parse(
      (
        await client.rest(
          'bulk2',
          { method: 'GET', path: `/jobs/query/${encodeURIComponent(jobId)}` },
          { signal },
        )
      ).body,
    );
    if (job.state === 'JobComplete') return;
    if (job.state === 'Failed' || job.state === 'Aborted') {
      throw new AtlasError(
        'BULK_JOB_FAILED',
        `Bulk API 2.0 query job ${jobId} ended ${job.state}: ${job.errorMessage ?? 'no message'}`,
        {
          context: { system: 'salesforce', jobId },
        },
      );
    }
    if (poll.now() >= deadline) {
      throw new AtlasError(
        'BULK_JOB_TIMEOUT',
        `Bulk API 2.0 query job ${jobId} still ${job.state} after ${Math.round(poll.timeoutMs / 1000)} s`,
        {
          context: { system: 'salesforce', jobId },
        },
      );
    }
  }
}

export interface BulkResultsPage {
  header: string[];
  rows: string[][];
  /** Locator of the next page, null after the last. */
  next: string | null;
}

/** One results page, with the download's own time limit. https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/query_get_job_results.htm */
export async function fetchResultsPage(
  client: SalesforceClient,
  jobId: string,
  locator: string | null,
  maxRecords: number,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<BulkResultsPage> {
  const query = new URLSearchParams({ maxRecords: String(maxRecords) });
  if (locator) query.set('locator', locator);
  const res = await client.rest(
    'bulk2',
    {
      method: 'GET',
      path: `/jobs/query/${encodeURIComponent(jobId)}/results?${query.toString()}`,
      headers: { Accept: 'text/csv' },
    },
    { responseType: 'text/plain', signal, timeoutMs },
  );
  const text = typeof res.body === 'string' ? res.body : '';
  const [header = [], ...rows] = parseCsv(text);
  const nextLocator = res.headers['sforce-locator'];
  return { header, rows, next: nextLocator && nextLocator !== 'null' ? nextLocator : null };
}
