/**
 * Reads: a full scan through the list endpoint (or, when the mapping filters, the search API), and
 * incremental reads through search on the modified-date property with a lookback, paged by
 * `hs_object_id` keyset. Pages are grouped to `recordsPerPage` so associations read in big batches; the
 * cursor after each yielded page is a safe resume point. An incremental read first re-reads the records whose
 * associated records changed (related-changes.ts).
 */
import type { Logger } from 'pino';
import { z } from 'zod';
import {
  CONNECTOR_ERRORS,
  type RawRecord,
  type ReadOptions,
  type ReadPage,
  type ReadPlan,
  type ValueType,
} from '../types.js';
import { attachAssociations, type PropertyCache, readProperties } from './associations.js';
import type { HubSpotClient } from './client.js';
import { HS_LIST_PAGE_MAX, HS_SAFE_URL_LENGTH, HS_SEARCH_PAGE_MAX } from './limits.js';
import type { ObjectTypes } from './object-types.js';
import { HubSpotListPageSchema, type HubSpotObject, HubSpotSearchPageSchema } from './raw.js';
import { readRelatedChanges } from './related-changes.js';
import { searchFilters } from './search-filters.js';
import { decodeHubSpotValues } from './values.js';

const IsoSchema = z.iso.datetime({ offset: true });

/** The connector's cursor, validated when the store hands it back. */
export const HubSpotCursorSchema = z.discriminatedUnion('mode', [
  /** A full scan through the list endpoint, resumable at `after`; `until` is when the scan began. */
  z.object({ v: z.literal(1), mode: z.literal('list'), after: z.string().nullable(), until: IsoSchema }),
  /** A search read (full when `since` is null), resumable after record `afterId`. */
  z.object({
    v: z.literal(1),
    mode: z.literal('search'),
    since: IsoSchema.nullable(),
    afterId: z.string().nullable(),
    until: IsoSchema,
  }),
  /** A finished read: the next one asks for what changed since `since` (minus the lookback). */
  z.object({ v: z.literal(1), mode: z.literal('done'), since: IsoSchema }),
]);
export type HubSpotCursor = z.infer<typeof HubSpotCursorSchema>;

export interface ReadContext {
  client: HubSpotClient;
  types: ObjectTypes;
  recordsPerPage: number;
  smallObjectMax: number;
  /** Types of the write-back properties, decoded when a read asks for them as extra fields. */
  writebackTypes: Readonly<Record<string, ValueType>>;
  logger: Logger | undefined;
}

/** Properties to request: the plan's, the extra ones, and the modified-date property. */
function propertiesOf(plan: ReadPlan, extra: readonly string[] = []): string[] {
  return [...new Set([...plan.fields, ...extra, ...(plan.modifiedField ? [plan.modifiedField] : [])])];
}

function toRaw(record: HubSpotObject): RawRecord {
  return { id: record.id, values: { ...record.properties } };
}

/** The entries of `types` named in `names`. */
function pick(
  types: Readonly<Record<string, ValueType>>,
  names: readonly string[],
): Record<string, ValueType> {
  return Object.fromEntries(names.flatMap((name) => (types[name] ? [[name, types[name]]] : [])));
}

/** Where the read starts, from the saved cursor (an unreadable cursor means a full read, with a warning). */
function startCursor(plan: ReadPlan, options: ReadOptions, ctx: ReadContext): HubSpotCursor {
  const full: HubSpotCursor =
    plan.filter.length === 0
      ? { v: 1, mode: 'list', after: null, until: options.runStartedAt }
      : { v: 1, mode: 'search', since: null, afterId: null, until: options.runStartedAt };
  if (options.cursor === null || options.cursor === undefined) return full;
  const parsed = HubSpotCursorSchema.safeParse(options.cursor);
  if (!parsed.success) {
    ctx.logger?.warn(
      { code: CONNECTOR_ERRORS.cursor, entity: plan.entity, object: plan.object },
      'hubspot: saved cursor does not parse; reading the entity in full',
    );
    return full;
  }
  const cursor = parsed.data;
  if (cursor.mode !== 'done') return cursor;
  // No modified-date property: nothing to ask search for, so every read is full.
  if (plan.modifiedField === null) return full;
  const since = new Date(Date.parse(cursor.since) - options.lookbackMs).toISOString();
  return { v: 1, mode: 'search', since, afterId: null, until: options.runStartedAt };
}

interface SourcePage {
  records: RawRecord[];
  next: HubSpotCursor;
  total: number | null;
}

/** One page of the underlying endpoint after `cursor`. */
async function fetchPage(
  plan: ReadPlan,
  apiName: string,
  properties: string[],
  cursor: Exclude<HubSpotCursor, { mode: 'done' }>,
  ctx: ReadContext,
): Promise<SourcePage> {
  if (cursor.mode === 'list') {
    const joined = properties.join(',');
    // A long property list would overflow the URL: list ids only, then batch-read the properties in POST bodies.
    const viaBatch = joined.length > HS_SAFE_URL_LENGTH;
    // GET /crm/v3/objects/{objectType}: https://developers.hubspot.com/docs/api-reference/crm-companies-v3/guide
    const answer = await ctx.client.request({
      operation: 'list',
      method: 'GET',
      path: `/crm/v3/objects/${apiName}`,
      qs: {
        limit: String(HS_LIST_PAGE_MAX),
        properties: viaBatch ? 'hs_object_id' : joined,
        archived: 'false',
        ...(cursor.after ? { after: cursor.after } : {}),
      },
    });
    const page = HubSpotListPageSchema.parse(answer.body);
    let records = page.results.map(toRaw);
    if (viaBatch) {
      const values = await readProperties(
        ctx.client,
        apiName,
        records.map((r) => r.id),
        properties,
      );
      records = records.flatMap((r) => {
        const v = values.get(r.id);
        return v ? [{ id: r.id, values: { ...v } }] : [];
      });
    }
    const after = page.paging?.next?.after;
    return {
      records,
      next: after
        ? { v: 1, mode: 'list', after, until: cursor.until }
        : { v: 1, mode: 'done', since: cursor.until },
      total: null,
    };
  }
  const modified =
    cursor.since !== null && plan.modifiedField !== null
      ? { field: plan.modifiedField, sinceMs: Date.parse(cursor.since) }
      : null;
  // POST /crm/v3/objects/{objectType}/search: https://developers.hubspot.com/docs/api-reference/search/guide
  const answer = await ctx.client.request({
    operation: 'search',
    method: 'POST',
    path: `/crm/v3/objects/${apiName}/search`,
    search: true,
    body: {
      filterGroups: [{ filters: searchFilters(plan.object, plan.filter, modified, cursor.afterId) }],
      sorts: [{ propertyName: 'hs_object_id', direction: 'ASCENDING' }],
      properties,
      limit: HS_SEARCH_PAGE_MAX,
    },
  });
  const page = HubSpotSearchPageSchema.parse(answer.body);
  const records = page.results.map(toRaw);
  const last = records[records.length - 1];
  const more = page.total > records.length && last !== undefined;
  return {
    records,
    next: more ? { ...cursor, afterId: last.id } : { v: 1, mode: 'done', since: cursor.until },
    total: page.total,
  };
}

/** How many records match the plan's filter (one search call answering `total`). */
async function countRecords(plan: ReadPlan, apiName: string, ctx: ReadContext): Promise<number> {
  const answer = await ctx.client.request({
    operation: 'search/count',
    method: 'POST',
    path: `/crm/v3/objects/${apiName}/search`,
    search: true,
    body: {
      filterGroups:
        plan.filter.length > 0 ? [{ filters: searchFilters(plan.object, plan.filter, null, null) }] : [],
      properties: ['hs_object_id'],
      limit: 1,
    },
  });
  return HubSpotSearchPageSchema.parse(answer.body).total;
}

/** The pages of a read; see the port's `read`. */
export async function* readRecords(
  plan: ReadPlan,
  options: ReadOptions,
  ctx: ReadContext,
): AsyncGenerator<ReadPage> {
  const type = await ctx.types.resolve(plan.object);
  const properties = propertiesOf(plan, options.extraFields);
  // HubSpot sends numbers, booleans and dates as text: decoded here, before the records leave the connector.
  const valueTypes = { ...pick(ctx.writebackTypes, options.extraFields ?? []), ...plan.valueTypes };
  let cursor = startCursor(plan, options, ctx);
  // A small object is scanned in full rather than searched for changes (see `smallObjectMax`).
  if (
    cursor.mode === 'search' &&
    cursor.since !== null &&
    cursor.afterId === null &&
    ctx.smallObjectMax > 0
  ) {
    const total = await countRecords(plan, type.apiName, ctx);
    if (total <= ctx.smallObjectMax) {
      cursor =
        plan.filter.length === 0
          ? { v: 1, mode: 'list', after: null, until: cursor.until }
          : { ...cursor, since: null };
    }
  }
  let yielded = 0;
  // Incremental from a finished read: first the records whose associated records changed, as `related` pages
  // that keep the saved cursor (a crash among them starts over from it). A read resuming after a search page
  // (`afterId`) had looked already; a full read reads everything anyway. The `done` cursor's `since` is the
  // start of the run that finished, so the next night looks from there whether or not records changed.
  if (
    cursor.mode === 'search' &&
    cursor.since !== null &&
    cursor.afterId === null &&
    options.limit === undefined
  ) {
    for await (const page of readRelatedChanges(
      plan,
      {
        since: cursor.since,
        properties,
        valueTypes,
        cursor: options.cursor,
        signal: options.signal,
        ownWrites: options.ownWrites,
      },
      ctx,
    )) {
      yielded += page.records.length;
      yield page;
    }
  }
  const cache = new Map<string, PropertyCache>();
  let expectedTotal: number | null = null;
  while (cursor.mode !== 'done') {
    options.signal?.throwIfAborted();
    const via = cursor.mode;
    const records: RawRecord[] = [];
    // Several endpoint pages make one yielded page, so associations are read for up to 1,000 records at once.
    while (cursor.mode !== 'done' && records.length < ctx.recordsPerPage) {
      const page = await fetchPage(plan, type.apiName, properties, cursor, ctx);
      records.push(...page.records);
      if (page.total !== null && expectedTotal === null) expectedTotal = yielded + page.total;
      cursor = page.next;
    }
    await attachAssociations(ctx.client, ctx.types, type.apiName, plan.associations, records, cache);
    for (const record of records) decodeHubSpotValues(record.values, valueTypes);
    yielded += records.length;
    yield { records, cursor, expectedTotal, via };
    if (cursor.mode !== 'done') ctx.client.assertBudget(`${plan.entity} read`);
  }
}
