/**
 * Lists v3: one MANUAL company list per segment / need, found by name or created, memberships kept exact
 * with add-and-remove; lists of ours (name prefix) whose segment disappeared are emptied and renamed with
 * the retired suffix, and revived by renaming when the segment returns.
 * https://developers.hubspot.com/docs/api-reference/crm-lists-v3/guide
 */
import { errorMessage } from '../../src/errors.js';
import { emptyListSyncReport } from '../kit/list-sync-report.js';
import type { DesiredList, ListPlan, ListSyncReport } from '../types.js';
import type { HubSpotClient } from './client.js';
import { HS_LIST_MEMBERSHIP_PAGE_MAX, HS_LIST_SEARCH_PAGE_MAX, HS_MEMBERSHIP_CHANGE_MAX } from './limits.js';
import {
  type HubSpotList,
  HubSpotListEnvelopeSchema,
  HubSpotListMembershipsSchema,
  HubSpotListSearchSchema,
  HubSpotMembershipChangeSchema,
} from './raw.js';

export interface ListContext {
  client: HubSpotClient;
  /** objectTypeId of the lists' records (`0-2` for companies). */
  objectTypeId: string;
  /** Name prefixes of our lists (from the write-back mapping). */
  prefixes: readonly string[];
  retiredSuffix: string;
}

/** MANUAL lists of the object type whose name starts with one of our prefixes. */
async function ourLists(ctx: ListContext): Promise<HubSpotList[]> {
  const found = new Map<string, HubSpotList>();
  for (const prefix of ctx.prefixes) {
    let offset = 0;
    for (;;) {
      // POST /crm/v3/lists/search
      const answer = await ctx.client.request({
        operation: 'lists/search',
        method: 'POST',
        path: '/crm/v3/lists/search',
        body: { query: prefix, processingTypes: ['MANUAL'], offset, count: HS_LIST_SEARCH_PAGE_MAX },
      });
      const page = HubSpotListSearchSchema.parse(answer.body);
      for (const l of page.lists) {
        if (l.objectTypeId === ctx.objectTypeId && l.name.startsWith(prefix)) found.set(l.listId, l);
      }
      if (!page.hasMore || page.lists.length === 0) break;
      offset = page.offset;
    }
  }
  return [...found.values()];
}

/** Every member id of a list. */
async function members(ctx: ListContext, listId: string): Promise<Set<string>> {
  const out = new Set<string>();
  let after: string | undefined;
  do {
    // GET /crm/v3/lists/{listId}/memberships
    const answer = await ctx.client.request({
      operation: 'lists/memberships',
      method: 'GET',
      path: `/crm/v3/lists/${listId}/memberships`,
      qs: { limit: String(HS_LIST_MEMBERSHIP_PAGE_MAX), ...(after ? { after } : {}) },
    });
    const page = HubSpotListMembershipsSchema.parse(answer.body);
    for (const m of page.results) out.add(m.recordId);
    after = page.paging?.next?.after;
  } while (after);
  return out;
}

/** What syncing the lists would change. */
export async function planListSync(ctx: ListContext, desired: readonly DesiredList[]): Promise<ListPlan> {
  const lists = await ourLists(ctx);
  const byName = new Map(lists.map((l) => [l.name, l]));
  const used = new Set<string>();
  const plan: ListPlan = { system: 'hubspot', create: [], update: [], retire: [], unchanged: 0 };
  for (const d of desired) {
    const list = byName.get(d.name) ?? byName.get(`${d.name}${ctx.retiredSuffix}`);
    if (!list) {
      plan.create.push({ key: d.key, name: d.name, members: d.memberIds.length });
      continue;
    }
    used.add(list.listId);
    const current = await members(ctx, list.listId);
    const want = new Set(d.memberIds);
    const add = [...want].filter((id) => !current.has(id));
    const remove = [...current].filter((id) => !want.has(id));
    const rename = list.name === d.name ? undefined : d.name;
    if (add.length === 0 && remove.length === 0 && rename === undefined) {
      plan.unchanged++;
      continue;
    }
    plan.update.push({
      key: d.key,
      name: d.name,
      listId: list.listId,
      add,
      remove,
      ...(rename === undefined ? {} : { rename }),
    });
  }
  for (const list of lists) {
    if (used.has(list.listId)) continue;
    const current = await members(ctx, list.listId);
    const retired = list.name.endsWith(ctx.retiredSuffix);
    if (retired && current.size === 0) {
      plan.unchanged++;
      continue;
    }
    plan.retire.push({
      listId: list.listId,
      name: list.name,
      remove: current.size,
      action: 'empty-and-mark',
    });
  }
  return plan;
}

async function changeMembers(
  ctx: ListContext,
  listId: string,
  add: readonly string[],
  remove: readonly string[],
): Promise<{ added: number; removed: number; missing: string[] }> {
  let added = 0;
  let removed = 0;
  const missing: string[] = [];
  for (let i = 0; i < Math.max(add.length, remove.length); i += HS_MEMBERSHIP_CHANGE_MAX) {
    // PUT /crm/v3/lists/{listId}/memberships/add-and-remove
    const answer = await ctx.client.request({
      operation: 'lists/memberships/add-and-remove',
      method: 'PUT',
      path: `/crm/v3/lists/${listId}/memberships/add-and-remove`,
      body: {
        recordIdsToAdd: add.slice(i, i + HS_MEMBERSHIP_CHANGE_MAX),
        recordIdsToRemove: remove.slice(i, i + HS_MEMBERSHIP_CHANGE_MAX),
      },
    });
    const change = HubSpotMembershipChangeSchema.parse(answer.body);
    added += change.recordsIdsAdded.length;
    removed += change.recordIdsRemoved.length;
    missing.push(...change.recordIdsMissing);
  }
  return { added, removed, missing };
}

async function rename(ctx: ListContext, listId: string, name: string): Promise<void> {
  // PUT /crm/v3/lists/{listId}/update-list-name?listName=
  await ctx.client.request({
    operation: 'lists/rename',
    method: 'PUT',
    path: `/crm/v3/lists/${listId}/update-list-name`,
    qs: { listName: name },
  });
}

/**
 * Creates a MANUAL list; when HubSpot refuses because the name is taken (created meanwhile, or a retried
 * create whose first answer was lost), the list of that name is used.
 */
async function createList(ctx: ListContext, name: string): Promise<HubSpotList> {
  try {
    // POST /crm/v3/lists
    const answer = await ctx.client.request({
      operation: 'lists/create',
      method: 'POST',
      path: '/crm/v3/lists',
      body: { name, objectTypeId: ctx.objectTypeId, processingType: 'MANUAL' },
    });
    return HubSpotListEnvelopeSchema.parse(answer.body).list;
  } catch (error) {
    // GET /crm/v3/lists/object-type-id/{objectTypeId}/name/{listName}
    const found = await ctx.client.request({
      operation: 'lists/by-name',
      method: 'GET',
      path: `/crm/v3/lists/object-type-id/${ctx.objectTypeId}/name/${encodeURIComponent(name)}`,
      accept: [404],
    });
    if (found.status === 404) throw error;
    return HubSpotListEnvelopeSchema.parse(found.body).list;
  }
}

/** Carries out a plan; a failing list is reported and the others still go through. */
export async function applyListSync(
  ctx: ListContext,
  plan: ListPlan,
  desired: readonly DesiredList[],
): Promise<ListSyncReport> {
  const report = emptyListSyncReport();
  const byKey = new Map(desired.map((d) => [d.key, d]));
  const noteMissing = (list: string, missing: string[]) => {
    if (missing.length > 0) {
      report.failures.push({
        list,
        message: `${missing.length} record(s) do not exist in HubSpot and were not added (e.g. ${missing.slice(0, 3).join(', ')})`,
      });
    }
  };
  for (const c of plan.create) {
    try {
      const list = await createList(ctx, c.name);
      report.created++;
      const change = await changeMembers(ctx, list.listId, byKey.get(c.key)?.memberIds ?? [], []);
      report.membersAdded += change.added;
      noteMissing(c.name, change.missing);
    } catch (error) {
      report.failures.push({ list: c.name, message: errorMessage(error) });
    }
  }
  for (const u of plan.update) {
    try {
      if (u.rename !== undefined) await rename(ctx, u.listId, u.rename);
      if (u.add.length > 0 || u.remove.length > 0) {
        const change = await changeMembers(ctx, u.listId, u.add, u.remove);
        report.membersAdded += change.added;
        report.membersRemoved += change.removed;
        noteMissing(u.name, change.missing);
      }
      report.updated++;
    } catch (error) {
      report.failures.push({ list: u.name, message: errorMessage(error) });
    }
  }
  for (const r of plan.retire) {
    try {
      const current = await members(ctx, r.listId);
      const change = await changeMembers(ctx, r.listId, [], [...current]);
      report.membersRemoved += change.removed;
      if (!r.name.endsWith(ctx.retiredSuffix)) await rename(ctx, r.listId, `${r.name}${ctx.retiredSuffix}`);
      report.retired++;
    } catch (error) {
      report.failures.push({ list: r.name, message: errorMessage(error) });
    }
  }
  return report;
}
