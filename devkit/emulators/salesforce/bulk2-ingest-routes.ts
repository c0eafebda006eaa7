/** Bulk API 2.0 ingest jobs (insert, update, delete, hardDelete): create, upload CSV, close, poll, read results. */
import express, { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { SalesforceApiError } from './api-error.js';
import { apiVersionOf, type EmulatorContext } from './context.js';
import { injectedFailure, targetRow, validateWrite } from './record-writes.js';
import { type ObjectDef, OTHER_PREFIXES } from './schema.js';
import { formatSalesforceDateTime } from './wire-values.js';

// https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/create_job.htm
const CreateIngestSchema = z.object({
  object: z.string().min(1),
  operation: z.enum(['insert', 'update', 'delete', 'hardDelete']),
  contentType: z.literal('CSV').optional(),
  columnDelimiter: z.literal('COMMA').optional(),
  lineEnding: z.enum(['LF', 'CRLF']).optional(),
});
const StateChangeSchema = z.object({ state: z.enum(['UploadComplete', 'Aborted']) });

/** Bulk API CSV sets a field to null with `#N/A`; an empty cell leaves it unchanged. */
const BULK_NULL = '#N/A';

type IngestState = 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Aborted' | 'Failed';

interface IngestJob {
  id: string;
  object: ObjectDef;
  operation: z.infer<typeof CreateIngestSchema>['operation'];
  state: IngestState;
  apiVersion: string;
  lineEnding: 'LF' | 'CRLF';
  createdDate: number;
  systemModstamp: number;
  csv: string[];
  successful: Array<{ id: string; created: boolean; row: string[] }>;
  failed: Array<{ id: string; error: string; row: string[] }>;
  header: string[];
  deleted: boolean;
}

/** RFC 4180 rows (quoted cells, doubled quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

const quote = (text: string) => `"${text.replace(/"/g, '""')}"`;

/** A CSV cell as the JSON value the REST validation expects for the field's type. */
function typedValue(object: ObjectDef, column: string, text: string): unknown {
  if (text === BULK_NULL) return null;
  const name = object.fieldsLower.get(column.toLowerCase());
  const type = name ? object.fields.get(name)?.type : undefined;
  switch (type) {
    case 'boolean':
      return text.toLowerCase() === 'true';
    case 'double':
    case 'currency':
    case 'percent':
    case 'int': {
      const n = Number(text);
      return Number.isFinite(n) ? n : text;
    }
    default:
      return text;
  }
}

function info(ctx: EmulatorContext, job: IngestJob, full: boolean): Record<string, unknown> {
  const base = {
    id: job.id,
    operation: job.operation,
    object: job.object.name,
    createdById: ctx.state.userId,
    createdDate: formatSalesforceDateTime(job.createdDate),
    systemModstamp: formatSalesforceDateTime(job.systemModstamp),
    state: job.state,
    concurrencyMode: 'Parallel',
    contentType: 'CSV',
    apiVersion: Number(job.apiVersion),
    contentUrl: `services/data/v${job.apiVersion}/jobs/ingest/${job.id}/batches`,
    lineEnding: job.lineEnding,
    columnDelimiter: 'COMMA',
  };
  if (!full) return base;
  return {
    ...base,
    jobType: 'V2Ingest',
    numberRecordsProcessed: job.successful.length + job.failed.length,
    numberRecordsFailed: job.failed.length,
    retries: 0,
    totalProcessingTime: 0,
    apiActiveProcessingTime: 0,
    apexProcessingTime: 0,
  };
}

/** Runs the uploaded rows, one record at a time, as the REST writes would (same validation, same faults). */
function processJob(ctx: EmulatorContext, job: IngestJob): void {
  const rows = job.csv.flatMap((text) => parseCsv(text));
  // Each upload repeats the header: keep the first, skip the repeats.
  const [header = [], ...rest] = rows;
  job.header = header;
  const data = rest.filter((r) => !(r.length === header.length && r.every((c, i) => c === header[i])));
  const idAt = header.findIndex((h) => h.toLowerCase() === 'id');
  for (const row of data) {
    const fail = (code: string, message: string, fields: string[] = []) =>
      job.failed.push({ id: row[idAt] ?? '', error: `${code}:${message}:${fields.join(',') || '--'}`, row });
    const values: Record<string, unknown> = {};
    header.forEach((column, i) => {
      const text = row[i] ?? '';
      if (column.toLowerCase() !== 'id' && text !== '') values[column] = typedValue(job.object, column, text);
    });
    if (job.operation === 'insert') {
      const checked = validateWrite(ctx, job.object, values, 'create');
      if (!checked.ok) {
        fail(checked.error.statusCode, checked.error.message, checked.error.fields);
        continue;
      }
      const id = ctx.state.createRecord(job.object.name, checked.value);
      job.successful.push({ id, created: true, row });
      continue;
    }
    const target = targetRow(ctx, job.object, row[idAt]);
    if (!target.ok) {
      fail(target.error.statusCode, target.error.message, target.error.fields);
      continue;
    }
    const injected = injectedFailure(ctx, target.value.id);
    if (injected) {
      fail(injected.statusCode, injected.message, injected.fields);
      continue;
    }
    if (job.operation === 'delete') ctx.state.deleteRecord(target.value);
    else if (job.operation === 'hardDelete') ctx.state.hardDeleteRecord(target.value);
    else {
      const checked = validateWrite(ctx, job.object, values, 'update', target.value.id);
      if (!checked.ok) {
        fail(checked.error.statusCode, checked.error.message, checked.error.fields);
        continue;
      }
      ctx.state.updateRecord(target.value, checked.value);
    }
    job.successful.push({ id: target.value.id, created: false, row });
  }
  job.state = 'JobComplete';
  job.systemModstamp = ctx.state.clock.now();
}

/** Routes under /services/data/:version/jobs/ingest. https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/bulk_api_2_0.htm */
export function createBulk2IngestRouter(ctx: EmulatorContext): Router {
  const router = Router({ mergeParams: true });
  const jobs = new Map<string, IngestJob>();
  const jobOf = (req: Request): IngestJob => {
    const job = jobs.get(String(req.params.id));
    if (!job || job.deleted)
      throw new SalesforceApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
    return job;
  };

  router.post('/jobs/ingest', (req, res) => {
    const parsed = CreateIngestSchema.safeParse(req.body);
    if (!parsed.success) {
      throw new SalesforceApiError(
        400,
        'INVALIDJOB',
        `Invalid ingest job: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`.trim(),
      );
    }
    const object = ctx.state.object(parsed.data.object);
    if (!object)
      throw new SalesforceApiError(400, 'INVALIDJOB', `Unable to find object: ${parsed.data.object}`);
    const now = ctx.state.clock.now();
    const job: IngestJob = {
      id: ctx.state.ids.next(OTHER_PREFIXES.bulkJob),
      object,
      operation: parsed.data.operation,
      state: 'Open',
      apiVersion: apiVersionOf(res, ctx),
      lineEnding: parsed.data.lineEnding ?? 'LF',
      createdDate: now,
      systemModstamp: now,
      csv: [],
      successful: [],
      failed: [],
      header: [],
      deleted: false,
    };
    jobs.set(job.id, job);
    res.json(info(ctx, job, false));
  });

  router.put('/jobs/ingest/:id/batches', express.text({ type: 'text/csv', limit: '150mb' }), (req, res) => {
    const job = jobOf(req);
    if (job.state !== 'Open')
      throw new SalesforceApiError(409, 'INVALIDJOBSTATE', `Job ${job.id} is not open for data upload`);
    if (typeof req.body !== 'string' || req.body === '')
      throw new SalesforceApiError(
        400,
        'INVALIDJOB',
        'The request body must be CSV data (Content-Type: text/csv)',
      );
    job.csv.push(req.body);
    res.status(201).end();
  });

  router.patch('/jobs/ingest/:id', (req, res) => {
    const job = jobOf(req);
    const parsed = StateChangeSchema.safeParse(req.body);
    if (!parsed.success)
      throw new SalesforceApiError(400, 'INVALIDJOBSTATE', 'state must be UploadComplete or Aborted');
    if (job.state !== 'Open')
      throw new SalesforceApiError(409, 'INVALIDJOBSTATE', `Job ${job.id} is already ${job.state}`);
    job.state = parsed.data.state;
    job.systemModstamp = ctx.state.clock.now();
    res.json(info(ctx, job, false));
  });

  router.get('/jobs/ingest/:id', (req, res) => {
    const job = jobOf(req);
    // The job runs when the client first checks on it after closing it.
    if (job.state === 'UploadComplete') processJob(ctx, job);
    res.json(info(ctx, job, true));
  });

  const results =
    (kind: 'successfulResults' | 'failedResults' | 'unprocessedrecords') => (req: Request, res: Response) => {
      const job = jobOf(req);
      const eol = job.lineEnding === 'CRLF' ? '\r\n' : '\n';
      const header = job.header;
      let lines: string[];
      if (kind === 'successfulResults') {
        lines = [
          ['sf__Id', 'sf__Created', ...header].map(quote).join(','),
          ...job.successful.map((s) => [s.id, String(s.created), ...s.row].map(quote).join(',')),
        ];
      } else if (kind === 'failedResults') {
        lines = [
          ['sf__Id', 'sf__Error', ...header].map(quote).join(','),
          ...job.failed.map((f) => [f.id, f.error, ...f.row].map(quote).join(',')),
        ];
      } else {
        const pending = job.state === 'JobComplete' ? [] : job.csv.flatMap((t) => parseCsv(t)).slice(1);
        lines = [header.map(quote).join(','), ...pending.map((r) => r.map(quote).join(','))];
      }
      res.set('Content-Type', 'text/csv').send(lines.join(eol) + eol);
    };
  router.get('/jobs/ingest/:id/successfulResults', results('successfulResults'));
  router.get('/jobs/ingest/:id/failedResults', results('failedResults'));
  router.get('/jobs/ingest/:id/unprocessedrecords', results('unprocessedrecords'));

  router.delete('/jobs/ingest/:id', (req, res) => {
    jobOf(req).deleted = true;
    res.status(204).end();
  });
  return router;
}
