/** Reads: REST query pages, or Bulk API 2.0 where it costs fewer calls, with a (SystemModstamp, Id) cursor, deletes, id sets. */
import type { Logger } from 'pino';
import type { DeletedOptions, DeletedPage, RawRecord, ReadOptions, ReadPage, ReadPlan } from '../types.js';
import { CONNECTOR_ERRORS } from '../types.js';
import { type BulkPollSettings, createQueryJob, fetchResultsPage, waitForQueryJob } from './bulk2-query.js';
import type { SalesforceClient } from './client.js';
import { csvColumnDecoders } from './csv-columns.js';
import { type BulkProgress, cursorAfter, type SalesforceCursor, SalesforceCursorSchema } from './cursor.js';
import { DescribeSession } from './describe.js';
import { SF_DELETED_MIN_SPAN_MS, SF_DELETED_WINDOW_DAYS } from './limits.js';
import { completeChildren, queryFirst, queryMore } from './query-pages.js';
import { SalesforceDeletedSchema } from './raw.js';
import { cheapestRead, chooseAfterFirstPage } from './read-choice.js';
import { setPath, toRawRecord, valueAt } from './records.js';
import { readRelatedChanges } from './related-changes.js';
import { buildSoql, idAfter, type SelectOptions, type SoqlWindow, soqlDateTime } from './soql.js';

const DAY_MS = 86_400_000;

export interface ReadContext {
  client: SalesforceClient;
  logger?: Logger | undefined;
  /** Bulk API 2.0 is never used for fewer matching records than this; above it, the cheaper path in calls. */
  bulkQueryThreshold: number;
  bulkResultsPage: number;
  /** Time limit of one results page download. */
  downloadTimeoutMs: number;
  poll: BulkPollSettings;
  now: () => Date;
  /**
   * Describes of the connector's lifetime (one run), made on first need: an object is described once however
   * many Bulk reads type their CSV by it. A connector may pass the session its schema check filled.
   */
  describes?: DescribeSession;
}

function describesOf(ctx: ReadContext): DescribeSession {
  ctx.describes ??= new DescribeSession(ctx.client);
  return ctx.describes;
}

/** Parses the saved cursor; one that does not parse means a full read (CURSOR_INVALID, logged). */
function parseCursor(ctx: ReadContext, plan: ReadPlan, cursor: unknown): SalesforceCursor | null {
  if (cursor === null || cursor === undefined) return null;
  const parsed = SalesforceCursorSchema.safeParse(cursor);
  if (parsed.success) return parsed.data;
  ctx.logger?.warn(
    { entity: plan.entity, code: CONNECTOR_ERRORS.cursor },
    'saved Salesforce cursor does not parse: reading the entity in full',
  );
  return null;
}

function windowOf(plan: ReadPlan, cursor: SalesforceCursor | null, lookbackMs: number): SoqlWindow | null {
  if (!cursor || !plan.modifiedField) return null;
  const since = Date.parse(cursor.modifiedSince) - Math.max(0, lookbackMs);
  return {
    modifiedField: plan.modifiedField,
    since: new Date(since).toISOString(),
    // A keyset resume is exact only without lookback; with it, re-reading a few records is the point.
    afterId: lookbackMs <= 0 ? cursor.afterId : null,
  };
}

function lastStamp(
  plan: ReadPlan,
  records: readonly RawRecord[],
): { modified: string | null; id: string | null } {
  const last = records[records.length - 1];
  if (!last || !plan.modifiedField) return { modified: null, id: null };
  const v = valueAt(last.values, plan.modifiedField);
  return { modified: typeof v === 'string' ? v : null, id: last.id };
}

/**
 * Where a Bulk job reading on after a REST page starts: strictly after that page's last record in the query's
 * order, so no record is read twice or missed. Null when the page gives no such point (then REST carries on).
 */
function continuationAfter(
  plan: ReadPlan,
  last: RawRecord | undefined,
): Pick<SelectOptions, 'window' | 'where'> | null {
  if (!last) return null;
  if (!plan.modifiedField) return { window: null, where: [idAfter(last.id)] };
  const stamp = valueAt(last.values, plan.modifiedField);
  if (typeof stamp !== 'string') return null;
  return { window: { modifiedField: plan.modifiedField, since: stamp, afterId: last.id }, where: [] };
}

/** A page of this connector's reads: its cursor is a {@link SalesforceCursor}. */
type SalesforceReadPage = Omit<ReadPage, 'cursor'> & { cursor: SalesforceCursor };

/** `iso` moved back by the lookback, as an ISO date-time. */
function lookedBack(iso: string, lookbackMs: number): string {
  return new Date(Date.parse(iso) - Math.max(0, lookbackMs)).toISOString();
}

/**
 * Reads a plan's records changed since the cursor. An incremental read first re-reads, by Id, the records
 * whose child or parent records changed (related-changes.ts), as `via: 'related'` pages that keep the starting
 * cursor, then reads the records changed themselves ({@link readOwnChanges}), whose pages move it. An unchanged
 * night costs 1 query plus one per related object (5 in all for the default deals mapping: 1 + Account,
 * OpportunityLineItems, their Product2, OpportunityPartnersFrom).
 */
export async function* readPlan(
  ctx: ReadContext,
  plan: ReadPlan,
  options: ReadOptions,
): AsyncGenerator<ReadPage> {
  const cursor = parseCursor(ctx, plan, options.cursor);
  // A Bulk job being resumed means the crashed read had looked for related changes already.
  const window = cursor?.bulk ? null : windowOf(plan, cursor, options.lookbackMs);
  // A read resuming within the run that looked already (its cursor says so) has nothing more to look for.
  const lookedAlready =
    cursor?.relatedSince !== undefined && Date.parse(cursor.relatedSince) >= Date.parse(options.runStartedAt);
  const related = cursor !== null && window !== null && options.limit === undefined && !lookedAlready;
  if (related) {
    const since = cursor.relatedSince ? lookedBack(cursor.relatedSince, options.lookbackMs) : window.since;
    yield* readRelatedChanges(
      { ...ctx, describes: describesOf(ctx) },
      plan,
      options,
      { since, window },
      cursor,
    );
  }
  // A full read, or the related pages just read, hold every related change up to the run's start: each page
  // after them says so, and the next read looks for related changes from there.
  const relatedSince =
    (related || cursor === null) && !lookedAlready
      ? new Date(options.runStartedAt).toISOString()
      : cursor?.relatedSince;
  for await (const page of readOwnChanges(ctx, plan, options, cursor)) {
    yield relatedSince === undefined ? page : { ...page, cursor: { ...page.cursor, relatedSince } };
  }
}

/**
 * Reads a plan's records changed themselves since the cursor, ordered by (modified field, Id). A full read
 * told how many records the last one stored (`expectedRecords`) starts one Bulk API 2.0 job at once when that
 * is cheapest. Otherwise the first REST page is both the count (`totalSize`) and data that is kept: the rest
 * is paged by REST or, when strictly fewer calls (read-choice.ts), read by one Bulk job over the records after
 * that page. No call is spent on a count.
 */
async function* readOwnChanges(
  ctx: ReadContext,
  plan: ReadPlan,
  options: ReadOptions,
  saved: SalesforceCursor | null,
): AsyncGenerator<SalesforceReadPage> {
  const where = { entity: plan.entity, object: plan.object };
  let cursor = saved;
  ctx.client.assertBudget(where);
  if (cursor?.bulk) {
    const resumed = yield* resumeBulk(ctx, plan, options, cursor, cursor.bulk);
    if (resumed) return;
    cursor = { v: 1, modifiedSince: cursor.modifiedSince, afterId: cursor.afterId };
  }
  const window = windowOf(plan, cursor, options.lookbackMs);
  const extraFields = options.extraFields ?? [];
  // Bulk API 2.0 has no subqueries; a preview (`limit`) never starts a job.
  const bulkAllowed = (total: number) =>
    plan.children.length === 0 && options.limit === undefined && total > ctx.bulkQueryThreshold;
  const expected = window === null ? options.expectedRecords : undefined;
  if (
    expected !== undefined &&
    bulkAllowed(expected) &&
    cheapestRead(expected, { resultsPage: ctx.bulkResultsPage, bulkAllowed: true }).path === 'bulk2'
  ) {
    // The last read's count says one Bulk job is cheapest: start it at once, without a REST page to count.
    ctx.logger?.info({ ...where, expected }, 'reading with Bulk API 2.0 (count from the last read)');
    const soql = buildSoql(plan, { extraFields, window: null, withoutChildren: true, orderBy: 'none' });
    yield* readBulk(ctx, plan, options, cursor, soql, expected, []);
    return;
  }
  let page = await queryFirst(ctx, buildSoql(plan, { extraFields, window }), 'query', options.signal);
  for (let first = true; ; first = false) {
    await completeChildren(ctx, page.records, options.signal);
    const records = page.records.map(toRawRecord);
    const last = lastStamp(plan, records);
    cursor =
      records.length > 0 || !cursor
        ? cursorAfter(last.modified, last.id, options.runStartedAt, cursor)
        : cursor;
    yield { records, cursor, expectedTotal: page.totalSize, via: 'rest' };
    if (page.done || !page.nextRecordsUrl) return;
    const after = first ? continuationAfter(plan, records.at(-1)) : null;
    if (
      after &&
      chooseAfterFirstPage({
        total: page.totalSize,
        read: records.length,
        resultsPage: ctx.bulkResultsPage,
        bulkAllowed: bulkAllowed(page.totalSize),
      }) === 'bulk2'
    ) {
      ctx.logger?.info(
        { ...where, total: page.totalSize, read: records.length },
        'reading the rest with Bulk API 2.0',
      );
      ctx.client.assertBudget(where);
      const soql = buildSoql(plan, { extraFields, ...after, withoutChildren: true, orderBy: 'none' });
      yield* readBulk(ctx, plan, options, cursor, soql, page.totalSize, page.records);
      return;
    }
    ctx.client.assertBudget(where);
    page = await queryMore(ctx, page.nextRecordsUrl, 'queryMore', options.signal);
  }
}

function csvRecords(
  header: readonly string[],
  converters: ReadonlyArray<(text: string) => unknown>,
  rows: readonly string[][],
): RawRecord[] {
  const idAt = header.findIndex((h) => h.toLowerCase() === 'id');
  return rows.map((row) => {
    const values: Record<string, unknown> = {};
    header.forEach((column, i) => {
      setPath(values, column, (converters[i] as (t: string) => unknown)(row[i] ?? ''));
    });
    return { id: String(row[idAt] ?? ''), values };
  });
}

/** The newest (modified, Id) pair among the records and the one seen so far. */
function maxStamp(
  plan: ReadPlan,
  records: readonly RawRecord[],
  seen: { at: string | null; id: string | null },
): { at: string | null; id: string | null } {
  let max = seen.at === null ? Number.NEGATIVE_INFINITY : Date.parse(seen.at);
  let maxId = seen.id;
  for (const r of records) {
    const v = plan.modifiedField ? valueAt(r.values, plan.modifiedField) : null;
    const t = typeof v === 'string' ? Date.parse(v) : Number.NaN;
    if (t > max || (t === max && (maxId === null || r.id > maxId))) {
      max = t;
      maxId = r.id;
    }
  }
  return Number.isFinite(max) ? { at: new Date(max).toISOString(), id: maxId } : { at: null, id: null };
}

/**
 * Pages a finished job's results. Bulk results are unordered, so the cursor keeps its starting point and the
 * job's locator until the last page, where it moves to the newest stamp seen (capped at the run's start).
 */
async function* pageBulk(
  ctx: ReadContext,
  plan: ReadPlan,
  options: ReadOptions,
  start: SalesforceCursor | null,
  jobId: string,
  firstLocator: string | null,
  seen: { at: string | null; id: string | null },
  expectedTotal: number | null,
  sample: readonly Record<string, unknown>[],
): AsyncGenerator<SalesforceReadPage> {
  const where = { entity: plan.entity, object: plan.object };
  let locator = firstLocator;
  let seenMax = seen;
  let converters: Array<(t: string) => unknown> | null = null;
  for (;;) {
    const page = await fetchResultsPage(
      ctx.client,
      jobId,
      locator,
      ctx.bulkResultsPage,
      ctx.downloadTimeoutMs,
      options.signal,
    );
    converters ??= await csvColumnDecoders(plan.object, page.header, sample, describesOf(ctx));
    const records = csvRecords(page.header, converters, page.rows);
    seenMax = maxStamp(plan, records, seenMax);
    const base = start ?? { v: 1 as const, modifiedSince: new Date(0).toISOString(), afterId: null };
    const bulk: BulkProgress | undefined = page.next
      ? { jobId, locator: page.next, seenMax: seenMax.at, seenMaxId: seenMax.id }
      : undefined;
    const cursor: SalesforceCursor = bulk
      ? { ...base, bulk }
      : cursorAfter(seenMax.at, seenMax.id, options.runStartedAt, start);
    yield { records, cursor, expectedTotal, via: 'bulk2' };
    if (!page.next) return;
    ctx.client.assertBudget(where);
    locator = page.next;
  }
}

async function* readBulk(
  ctx: ReadContext,
  plan: ReadPlan,
  options: ReadOptions,
  start: SalesforceCursor | null,
  soql: string,
  expectedTotal: number,
  sample: readonly Record<string, unknown>[],
): AsyncGenerator<SalesforceReadPage> {
  const jobId = await createQueryJob(ctx.client, soql, 'query');
  await waitForQueryJob(ctx.client, jobId, ctx.poll, options.signal);
  yield* pageBulk(ctx, plan, options, start, jobId, null, { at: null, id: null }, expectedTotal, sample);
}

/** Continues a job a crashed run was paging; false when the job is gone (results expire), so the caller re-queries. */
async function* resumeBulk(
  ctx: ReadContext,
  plan: ReadPlan,
  options: ReadOptions,
  cursor: SalesforceCursor,
  bulk: BulkProgress,
): AsyncGenerator<SalesforceReadPage, boolean> {
  const start: SalesforceCursor = { v: 1, modifiedSince: cursor.modifiedSince, afterId: cursor.afterId };
  try {
    yield* pageBulk(
      ctx,
      plan,
      options,
      start,
      bulk.jobId,
      bulk.locator,
      { at: bulk.seenMax, id: bulk.seenMaxId },
      null,
      [],
    );
    return true;
  } catch (error) {
    ctx.logger?.warn(
      { entity: plan.entity, jobId: bulk.jobId },
      'cannot resume the Bulk API 2.0 job: querying again',
    );
    if (error instanceof Error && 'code' in error && error.code === CONNECTOR_ERRORS.budget) throw error;
    return false;
  }
}

/**
 * Deleted ids since `since`: soft deletes from `queryAll … IsDeleted = true`, hard deletes (emptied recycle bin,
 * hardDelete) from sObject Get Deleted. Beyond its 15-day window the CRM cannot tell: `reconcile`.
 */
export async function* readDeletedIds(
  ctx: ReadContext,
  plan: ReadPlan,
  options: DeletedOptions,
): AsyncGenerator<DeletedPage> {
  if (options.since === null) {
    yield { kind: 'deleted', ids: [] };
    return;
  }
  const since = Date.parse(options.since);
  const end = Math.min(Date.parse(options.runStartedAt), ctx.now().getTime());
  // A minute of margin: the window is measured by Salesforce's clock, at the time of the call.
  if (ctx.now().getTime() - since > SF_DELETED_WINDOW_DAYS * DAY_MS - 60_000) {
    yield { kind: 'reconcile' };
    return;
  }
  ctx.client.assertBudget({ entity: plan.entity, object: plan.object });
  const ids = new Set<string>();
  const soql = `${buildSoql({ ...plan, filter: [] }, { shape: 'ids', where: ['IsDeleted = true'], window: plan.modifiedField ? { modifiedField: plan.modifiedField, since: soqlDateTime(since), afterId: null } : null, orderBy: 'none' })}`;
  let page = await queryFirst(ctx, soql, 'queryAll', options.signal);
  for (;;) {
    for (const r of page.records) if (typeof r.Id === 'string') ids.add(r.Id);
    if (page.done || !page.nextRecordsUrl) break;
    page = await queryMore(ctx, page.nextRecordsUrl, 'queryAll', options.signal);
  }
  if (end > since) {
    // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_getdeleted.htm
    // A span of a minute or less is refused: start earlier instead; ids seen again are deleted already.
    const query = new URLSearchParams({
      start: new Date(Math.min(since, end - SF_DELETED_MIN_SPAN_MS)).toISOString(),
      end: new Date(end).toISOString(),
    });
    const body = await ctx.client.get(
      'deleted',
      `/sobjects/${encodeURIComponent(plan.object)}/deleted/?${query.toString()}`,
      { signal: options.signal },
    );
    for (const d of SalesforceDeletedSchema.parse(body).deletedRecords) ids.add(d.id);
  }
  yield { kind: 'deleted', ids: [...ids] };
}

/** Every live id matching the plan's filter, a page at a time (for reconciliation). */
export async function* listPlanIds(
  ctx: ReadContext,
  plan: ReadPlan,
  options: { signal?: AbortSignal },
): AsyncGenerator<string[]> {
  const where = { entity: plan.entity, object: plan.object };
  ctx.client.assertBudget(where);
  let page = await queryFirst(ctx, buildSoql(plan, { shape: 'ids', orderBy: 'id' }), 'query', options.signal);
  for (;;) {
    yield page.records.map((r) => String(r.Id ?? ''));
    if (page.done || !page.nextRecordsUrl) return;
    ctx.client.assertBudget(where);
    page = await queryMore(ctx, page.nextRecordsUrl, 'queryMore', options.signal);
  }
}
