/** Bulk API 2.0 query jobs: state machine, snapshot of matching rows, CSV result pages behind `Sforce-Locator`. */
import type { EmulatorClock } from '../kit/index.js';
import type { IdFactory } from './ids.js';
import { OTHER_PREFIXES } from './schema.js';
import { type CompiledQuery, executeQuery } from './soql.js';
import type { SalesforceEmulatorState, SObjectRow } from './state.js';
import { formatSalesforceDateTime } from './wire-values.js';

export type BulkJobState = 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Aborted' | 'Failed';

const DELIMITERS: Record<string, string> = {
  COMMA: ',',
  TAB: '\t',
  PIPE: '|',
  SEMICOLON: ';',
  CARET: '^',
  BACKQUOTE: '`',
};

export interface BulkQueryJob {
  id: string;
  operation: 'query' | 'queryAll';
  object: string;
  query: CompiledQuery;
  state: BulkJobState;
  createdDate: number;
  systemModstamp: number;
  checks: number;
  columnDelimiter: string;
  lineEnding: 'LF' | 'CRLF';
  apiVersion: number;
  rows: SObjectRow[] | null;
  deleted: boolean;
}

/** Query jobs of one emulator. A job completes after `checksToComplete` status checks (clients poll). */
export class BulkQueryJobs {
  readonly #jobs = new Map<string, BulkQueryJob>();
  readonly #state: SalesforceEmulatorState;
  readonly #clock: EmulatorClock;
  readonly #ids: IdFactory;
  checksToComplete: number;
  /** Rows per results page when the client gives no `maxRecords`. */
  defaultPageSize: number;

  constructor(options: {
    state: SalesforceEmulatorState;
    ids: IdFactory;
    checksToComplete: number;
    defaultPageSize: number;
  }) {
    this.#state = options.state;
    this.#clock = options.state.clock;
    this.#ids = options.ids;
    this.checksToComplete = options.checksToComplete;
    this.defaultPageSize = options.defaultPageSize;
  }

  create(input: {
    operation: 'query' | 'queryAll';
    query: CompiledQuery;
    columnDelimiter?: string;
    lineEnding?: 'LF' | 'CRLF';
    apiVersion: number;
  }): BulkQueryJob {
    const now = this.#clock.now();
    const job: BulkQueryJob = {
      id: this.#ids.next(OTHER_PREFIXES.bulkJob),
      operation: input.operation,
      object: input.query.object.name,
      query: input.query,
      state: 'UploadComplete',
      createdDate: now,
      systemModstamp: now,
      checks: 0,
      columnDelimiter: input.columnDelimiter ?? 'COMMA',
      lineEnding: input.lineEnding ?? 'LF',
      apiVersion: input.apiVersion,
      rows: null,
      deleted: false,
    };
    this.#jobs.set(job.id, job);
    return job;
  }

  get(id: string): BulkQueryJob | undefined {
    const job = this.#jobs.get(id);
    return job && !job.deleted ? job : undefined;
  }

  /** A status check: advances UploadComplete → InProgress → JobComplete, snapshotting rows on completion. */
  check(job: BulkQueryJob): BulkQueryJob {
    if (job.state === 'UploadComplete' || job.state === 'InProgress') {
      job.checks++;
      if (job.checks >= this.checksToComplete) this.complete(job);
      else job.state = 'InProgress';
      job.systemModstamp = this.#clock.now();
    }
    return job;
  }

  complete(job: BulkQueryJob): void {
    job.rows = executeQuery(this.#state, job.query);
    job.state = 'JobComplete';
  }

  abort(job: BulkQueryJob): void {
    if (job.state !== 'JobComplete') job.state = 'Aborted';
    job.systemModstamp = this.#clock.now();
  }

  delete(job: BulkQueryJob): void {
    job.deleted = true;
  }

  /** Job info as `GET /jobs/query/:id` answers it. */
  info(job: BulkQueryJob, createdById: string, full: boolean): Record<string, unknown> {
    const base = {
      id: job.id,
      operation: job.operation,
      object: job.object,
      createdById,
      createdDate: formatSalesforceDateTime(job.createdDate),
      systemModstamp: formatSalesforceDateTime(job.systemModstamp),
      state: job.state,
      concurrencyMode: 'Parallel',
      contentType: 'CSV',
      apiVersion: job.apiVersion,
      lineEnding: job.lineEnding,
      columnDelimiter: job.columnDelimiter,
    };
    if (!full) return base;
    return {
      ...base,
      jobType: 'V2Query',
      numberRecordsProcessed: job.state === 'JobComplete' ? (job.rows?.length ?? 0) : 0,
      retries: 0,
      totalProcessingTime: 0,
      isPkChunkingSupported: true,
    };
  }

  /** One CSV page from `offset`; `next` is the offset of the following page, or null after the last. */
  page(
    job: BulkQueryJob,
    offset: number,
    maxRecords: number | undefined,
  ): { csv: string; count: number; next: number | null } {
    const rows = job.rows ?? [];
    const size = maxRecords ?? this.defaultPageSize;
    const end = Math.min(rows.length, offset + size);
    const sep = DELIMITERS[job.columnDelimiter] ?? ',';
    const eol = job.lineEnding === 'CRLF' ? '\r\n' : '\n';
    const columns = job.query.columns;
    const lines = [columns.map((c) => quote(c.header)).join(sep)];
    for (let i = offset; i < end; i++) {
      const row = rows[i] as SObjectRow;
      lines.push(columns.map((c) => quote(csvValue(c.get(row), c.field.type))).join(sep));
    }
    return { csv: lines.join(eol) + eol, count: end - offset, next: end < rows.length ? end : null };
  }
}

/** Bulk API CSV writes datetimes with `Z` and nulls as empty values. */
function csvValue(value: unknown, type: string): string {
  if (value === null || value === undefined) return '';
  if (type === 'datetime' && typeof value === 'string') return value.replace(/\+0000$/, 'Z');
  return String(value);
}

function quote(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** Opaque locator for a results offset (Salesforce's are opaque strings too). */
export function encodeLocator(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url');
}

export function decodeLocator(locator: string): number | undefined {
  const m = /^offset:(\d+)$/.exec(Buffer.from(locator, 'base64url').toString('utf8'));
  return m ? Number(m[1]) : undefined;
}
