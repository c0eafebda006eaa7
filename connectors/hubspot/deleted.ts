/**
 * Deletes and reconciliation. Archiving does not move `hs_lastmodifieddate`, so each run lists archived
 * records (`archived=true`) and keeps those archived since the last look; after HubSpot's 90-day
 * retention that list is incomplete and the pipeline reconciles against every live id instead.
 * https://developers.hubspot.com/docs/api-reference/crm-companies-v3/guide (archived records)
 */
import type { DeletedOptions, DeletedPage, ReadPlan } from '../types.js';
import type { HubSpotClient } from './client.js';
import { HS_ARCHIVE_RETENTION_DAYS, HS_LIST_PAGE_MAX, HS_SEARCH_PAGE_MAX } from './limits.js';
import type { ObjectTypes } from './object-types.js';
import { HubSpotListPageSchema, HubSpotSearchPageSchema } from './raw.js';
import { searchFilters } from './search-filters.js';

const DAY_MS = 86_400_000;

/** Archived ids of the plan's object since `since`, page by page; `reconcile` when the window has passed. */
export async function* readArchived(
  client: HubSpotClient,
  types: ObjectTypes,
  plan: ReadPlan,
  options: DeletedOptions,
): AsyncGenerator<DeletedPage> {
  const runStarted = Date.parse(options.runStartedAt);
  const since = options.since === null ? null : Date.parse(options.since);
  if (since !== null && runStarted - since > HS_ARCHIVE_RETENTION_DAYS * DAY_MS) {
    yield { kind: 'reconcile' };
    return;
  }
  const type = await types.resolve(plan.object);
  let after: string | undefined;
  do {
    options.signal?.throwIfAborted();
    // GET /crm/v3/objects/{objectType}?archived=true: each result carries `archivedAt`.
    const answer = await client.request({
      operation: 'list/archived',
      method: 'GET',
      path: `/crm/v3/objects/${type.apiName}`,
      qs: {
        limit: String(HS_LIST_PAGE_MAX),
        archived: 'true',
        properties: 'hs_object_id',
        ...(after ? { after } : {}),
      },
    });
    const page = HubSpotListPageSchema.parse(answer.body);
    const ids = page.results
      .filter((r) => since === null || r.archivedAt === undefined || Date.parse(r.archivedAt) >= since)
      .map((r) => r.id);
    if (ids.length > 0) yield { kind: 'deleted', ids };
    after = page.paging?.next?.after;
  } while (after);
}

/** Every live id matching the plan: the list endpoint, or search by id keyset when the mapping filters. */
export async function* listLiveIds(
  client: HubSpotClient,
  types: ObjectTypes,
  plan: ReadPlan,
  options: { signal?: AbortSignal },
): AsyncGenerator<string[]> {
  const type = await types.resolve(plan.object);
  if (plan.filter.length === 0) {
    let after: string | undefined;
    do {
      options.signal?.throwIfAborted();
      const answer = await client.request({
        operation: 'list/ids',
        method: 'GET',
        path: `/crm/v3/objects/${type.apiName}`,
        qs: { limit: String(HS_LIST_PAGE_MAX), properties: 'hs_object_id', ...(after ? { after } : {}) },
      });
      const page = HubSpotListPageSchema.parse(answer.body);
      yield page.results.map((r) => r.id);
      after = page.paging?.next?.after;
    } while (after);
    return;
  }
  let afterId: string | null = null;
  for (;;) {
    options.signal?.throwIfAborted();
    const answer = await client.request({
      operation: 'search/ids',
      method: 'POST',
      path: `/crm/v3/objects/${type.apiName}/search`,
      search: true,
      body: {
        filterGroups: [{ filters: searchFilters(plan.object, plan.filter, null, afterId) }],
        sorts: [{ propertyName: 'hs_object_id', direction: 'ASCENDING' }],
        properties: ['hs_object_id'],
        limit: HS_SEARCH_PAGE_MAX,
      },
    });
    const page = HubSpotSearchPageSchema.parse(answer.body);
    const ids = page.results.map((r) => r.id);
    yield ids;
    const last = ids[ids.length - 1];
    if (last === undefined || page.total <= ids.length) return;
    afterId = last;
  }
}
