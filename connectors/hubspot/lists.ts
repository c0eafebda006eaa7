/**
 * Lists v3: one MANUAL company list per segment / need, found by name or created, memberships kept exact
 * with add-and-remove; lists of ours (name prefix) whose segment disappeared are emptied and renamed with
 * the retired suffix, and revived by renaming when the segment returns. Lists are found by one search page
 * per prefix (never created twice), a list is read only when HubSpot's change signals say it moved since this
 * process last knew it (list-memory.ts), and only changed lists get add-and-remove calls, each filled to the
 * documented maximum.
 * https://developers.hubspot.com/docs/api-reference/crm-lists-v3/guide
 */
import { errorMessage } from '../../src/errors.js';
import { emptyListSyncReport } from '../kit/list-sync-report.js';
import type { DesiredList, ListPlan, ListSyncReport } from '../types.js';
import type { HubSpotClient } from './client.js';
import { HS_LIST_LIMIT_DEFAULT, HS_LIST_SEARCH_PAGE_MAX, HS_MEMBERSHIP_CHANGE_MAX } from './limits.js';
import { changeMembers, readMembers } from './list-memberships.js';
import { type ListMemory, type ListSignals, processListMemory, signalsOf } from './list-memory.js';
import { type HubSpotList, HubSpotListEnvelopeSchema, HubSpotListSearchSchema } from './raw.js';

export interface ListContext {
  client: HubSpotClient;
  /** objectTypeId of the lists' records (`0-2` for companies). */
  objectTypeId: string;
  /** Name prefixes of our lists (from the write-back mapping). */
  prefixes: readonly string[];
  retiredSuffix: string;
  /** Record ids per add-and-remove call: the documented maximum unless a test lowers it. */
  membershipChangeMax?: number;
  /** Members known from earlier runs of this process (default: the process's own). */
  memory?: ListMemory;
  /** Lists the portal may hold in all (mapping `listLimit`); none are created beyond it. */
  listLimit?: number;
}

interface FoundList extends HubSpotList {
  signals: ListSignals;
}

/**
 * Members known while planning, by plan, so applying that plan does not read a list a second time (the
 * write-back plans and applies in one go).
 */
const membersByPlan = new WeakMap<ListPlan, Map<string, readonly string[]>>();

/** MANUAL lists of the object type whose name starts with one of our prefixes: one search page per prefix. */
async function ourLists(ctx: ListContext): Promise<FoundList[]> {
  const found = new Map<string, FoundList>();
  for (const prefix of ctx.prefixes) {
    let offset = 0;
    for (;;) {
      // POST /crm/v3/lists/search
      const answer = await ctx.client.request({
        operation: 'lists/search',
        method: 'POST',
        path: '/crm/v3/lists/search',
        body: {
          query: prefix,
          processingTypes: ['MANUAL'],
          objectTypeId: ctx.objectTypeId,
          offset,
          count: HS_LIST_SEARCH_PAGE_MAX,
        },
      });
      const page = HubSpotListSearchSchema.parse(answer.body);
      for (const l of page.lists) {
        if (l.objectTypeId !== ctx.objectTypeId || !l.name.startsWith(prefix)) continue;
        found.set(l.listId, { ...l, signals: signalsOf(l.additionalProperties) });
      }
      if (!page.hasMore || page.lists.length === 0) break;
      offset = page.offset;
    }
  }
  return [...found.values()];
}

/**
 * How many lists the portal holds, of every object type and processing type (they all count toward its
 * limit): the `total` of one search page with an empty query, which "pages through all lists".
 */
async function portalListCount(ctx: ListContext): Promise<number> {
  let offset = 0;
  let counted = 0;
  for (;;) {
    // POST /crm/v3/lists/search
    const answer = await ctx.client.request({
      operation: 'lists/search',
      method: 'POST',
      path: '/crm/v3/lists/search',
      body: { query: '', offset, count: HS_LIST_SEARCH_PAGE_MAX },
    });
    const page = HubSpotListSearchSchema.parse(answer.body);
    if (page.total !== undefined) return page.total;
    // No `total` in the answer: count page by page.
    counted += page.lists.length;
    if (!page.hasMore || page.lists.length === 0) return counted;
    offset = page.offset;
  }
}

/**
 * Lists the portal's limit leaves no room for, by plan: applying the plan reports them as a warning. The
 * creates are cut in place to the room left, the lists with the most members kept.
 */
const notCreatedByPlan = new WeakMap<ListPlan, string>();

async function fitPortalLimit(ctx: ListContext, plan: ListPlan): Promise<void> {
  if (plan.create.length === 0) return;
  const limit = ctx.listLimit ?? HS_LIST_LIMIT_DEFAULT;
  const held = await portalListCount(ctx);
  const room = Math.max(0, limit - held);
  if (plan.create.length <= room) return;
  // The most valuable list is the one that helps the most reps: the one with the most partners in it.
  const ranked = [...plan.create].sort((a, b) => b.members - a.members || a.name.localeCompare(b.name));
  const left = ranked.slice(room);
  plan.create = ranked.slice(0, room);
  const names = left.slice(0, 5).map((c) => `"${c.name}"`);
  const more = left.length > 5 ? ` and ${left.length - 5} more` : '';
  notCreatedByPlan.set(
    plan,
    `${left.length} ${left.length === 1 ? 'list was' : 'lists were'} not created: the HubSpot portal holds ${held} of the ${limit} lists it may have (\`listLimit\` in the mapping), ${room === 0 ? 'there was no room for any' : `so only the ${room === 1 ? 'list' : `${room} lists`} with the most partners ${room === 1 ? 'was' : 'were'} created`}. Not created: ${names.join(', ')}${more}. Delete unused lists in HubSpot, raise \`listLimit\` if the subscription allows more, or lower the lists' \`max\`.`,
  );
}

const memoryOf = (ctx: ListContext) => ctx.memory ?? processListMemory;
/** One portal per deployment; a list of another portal would also need the same size and times to be mistaken. */
const keyOf = (ctx: ListContext, listId: string) => `${ctx.client.baseUrl}|${ctx.objectTypeId}|${listId}`;

/**
 * A list's members: none when HubSpot says it is empty, the remembered ones when its signals have not moved,
 * otherwise read (and remembered with the signals the search gave).
 */
async function membersOf(
  ctx: ListContext,
  list: FoundList,
  known: Map<string, readonly string[]>,
): Promise<readonly string[]> {
  const key = keyOf(ctx, list.listId);
  let ids = list.signals.size === 0 ? [] : memoryOf(ctx).recall(key, list.signals);
  if (ids === undefined) {
    ids = await readMembers(ctx.client, list.listId);
    memoryOf(ctx).remember(key, list.signals, ids);
  }
  known.set(list.listId, ids);
  return ids;
}

/** What syncing the lists would change. */
export async function planListSync(ctx: ListContext, desired: readonly DesiredList[]): Promise<ListPlan> {
  const lists = await ourLists(ctx);
  const byName = new Map(lists.map((l) => [l.name, l]));
  const used = new Set<string>();
  const known = new Map<string, readonly string[]>();
  const plan: ListPlan = { system: 'hubspot', create: [], update: [], retire: [], unchanged: 0 };
  for (const d of desired) {
    const list = byName.get(d.name) ?? byName.get(`${d.name}${ctx.retiredSuffix}`);
    if (!list) {
      plan.create.push({ key: d.key, name: d.name, members: d.memberIds.length });
      continue;
    }
    used.add(list.listId);
    const current = new Set(await membersOf(ctx, list, known));
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
    const current = await membersOf(ctx, list, known);
    if (list.name.endsWith(ctx.retiredSuffix) && current.length === 0) {
      plan.unchanged++;
      continue;
    }
    plan.retire.push({
      listId: list.listId,
      name: list.name,
      remove: current.length,
      action: 'empty-and-mark',
    });
  }
  membersByPlan.set(plan, known);
  await fitPortalLimit(ctx, plan);
  return plan;
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
  const notCreated = notCreatedByPlan.get(plan);
  if (notCreated) report.warnings = [notCreated];
  const max = ctx.membershipChangeMax ?? HS_MEMBERSHIP_CHANGE_MAX;
  const known = membersByPlan.get(plan);
  /** Members of each list this apply changed, as they now are; null when its change failed. */
  const changed = new Map<string, readonly string[] | null>();
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
      const add = byKey.get(c.key)?.memberIds ?? [];
      changed.set(list.listId, null);
      const change = await changeMembers(ctx.client, list.listId, { add, remove: [] }, max);
      report.membersAdded += change.added;
      noteMissing(c.name, change.missing);
      changed.set(list.listId, without(add, change.missing));
    } catch (error) {
      report.failures.push({ list: c.name, message: errorMessage(error) });
    }
  }
  for (const u of plan.update) {
    try {
      changed.set(u.listId, null);
      if (u.rename !== undefined) await rename(ctx, u.listId, u.rename);
      const change = await changeMembers(ctx.client, u.listId, u, max);
      report.membersAdded += change.added;
      report.membersRemoved += change.removed;
      noteMissing(u.name, change.missing);
      report.updated++;
      changed.set(u.listId, without(byKey.get(u.key)?.memberIds ?? [], change.missing));
    } catch (error) {
      report.failures.push({ list: u.name, message: errorMessage(error) });
    }
  }
  for (const r of plan.retire) {
    try {
      changed.set(r.listId, null);
      const remove = known?.get(r.listId) ?? (await readMembers(ctx.client, r.listId));
      const change = await changeMembers(ctx.client, r.listId, { add: [], remove }, max);
      report.membersRemoved += change.removed;
      if (!r.name.endsWith(ctx.retiredSuffix)) await rename(ctx, r.listId, `${r.name}${ctx.retiredSuffix}`);
      report.retired++;
      changed.set(r.listId, []);
    } catch (error) {
      report.failures.push({ list: r.name, message: errorMessage(error) });
    }
  }
  await rememberChanged(ctx, changed);
  return report;
}

const without = (ids: readonly string[], missing: readonly string[]) => {
  const gone = new Set(missing);
  return ids.filter((id) => !gone.has(id));
};

/**
 * After changing lists, one more search page per prefix gives their new signals, so the next run need not
 * read them. A list whose change failed, or whose size is not the one we left (someone changed it meanwhile),
 * is forgotten and read next time.
 */
async function rememberChanged(
  ctx: ListContext,
  changed: Map<string, readonly string[] | null>,
): Promise<void> {
  if (changed.size === 0) return;
  const memory = memoryOf(ctx);
  for (const listId of changed.keys()) memory.forget(keyOf(ctx, listId));
  let lists: FoundList[];
  try {
    lists = await ourLists(ctx);
  } catch {
    // The memory only saves reads: without the new signals the changed lists are read next run.
    return;
  }
  for (const list of lists) {
    const members = changed.get(list.listId);
    if (members && list.signals.size === members.length) {
      memory.remember(keyOf(ctx, list.listId), list.signals, members);
    }
  }
}
