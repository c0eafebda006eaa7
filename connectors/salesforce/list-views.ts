/**
 * One list view per segment, ours recognised by a developer-name prefix: on Account, filtered on the multi-select
 * picklist; or, for a sector × technology segment when per-cell records are kept, on `Atlas_Expertise__c`
 * filtered on the cell and level, so its Score column is the partner's score in that very cell. Planned from the REST list views (no Metadata API rights needed); the Metadata API is called only to
 * create, update or delete, and only when the user may: otherwise list views are skipped with a warning.
 */
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { z } from 'zod';
import { AtlasError, CrmApiError, errorMessage } from '../../src/errors.js';
import { emptyListSyncReport } from '../kit/list-sync-report.js';
import type { DesiredList, ListPlan, ListSyncReport } from '../types.js';
import { SF_CELL_NAME_MAX, SF_CELL_PARENT_FIELD } from './cell-records.js';
import type { SalesforceClient } from './client.js';
import { SF_DEVELOPER_NAME_MAX, SF_LIST_VIEW_LABEL_MAX } from './limits.js';
import { deleteMetadata, type MetadataRecord, upsertMetadata } from './metadata.js';
import {
  isAccessRefusal,
  missingPermissions,
  permissionRefusal,
  readUserPermissions,
} from './permissions.js';
import type { SalesforceList, SalesforceWriteback } from './writeback-schema.js';

/** Standard columns of an Account list view, then the write-back fields the sales team reads. */
const BASE_COLUMNS = ['ACCOUNT.NAME', 'ACCOUNT.ADDRESS1_COUNTRY', 'ACCOUNT.TYPE'];

/** Columns of a per-cell list view: the cell, the partner, and the partner's figures in that cell. */
const CELL_COLUMNS = [
  'NAME',
  SF_CELL_PARENT_FIELD,
  'Level__c',
  'Score__c',
  'Confidence__c',
  'Won_Customers__c',
];

/** Where a segment's list view lives and what it filters on. */
export interface ListViewPlace {
  object: string;
  filters: MetadataRecord[];
  /** Per-cell views have their own columns; null: the Account columns. */
  columns: readonly string[] | null;
}

/**
 * The place of a list: a sector × technology segment at a level that has per-cell records goes on the per-cell
 * object, filtered on its Name (the cell in words) and Level; anything else on the write-back object, filtered
 * on the multi-select picklist. The cell's words are the segment label without " — <level>" (engine
 * `segmentLabel`); a cell whose words overflow the Name field stays on Account, where nothing is cut.
 */
export function listViewPlace(wb: SalesforceWriteback, list: SalesforceList, d: DesiredList): ListViewPlace {
  const onAccount: ListViewPlace = {
    object: wb.object,
    filters: [{ field: list.field, operation: 'includes', value: d.filterValue }],
    columns: null,
  };
  const [sector, technology, level] = d.key.split('|');
  const cells = wb.cellRecords;
  if (d.per !== 'segment' || !cells || !level || sector === '*' || technology === '*') return onAccount;
  const suffix = ` — ${level}`;
  const cell = d.filterValue.endsWith(suffix) ? d.filterValue.slice(0, -suffix.length) : null;
  if (!cells.levels.includes(level) || !cell || cell.length > SF_CELL_NAME_MAX) return onAccount;
  return {
    object: cells.object,
    filters: [
      { field: 'NAME', operation: 'equals', value: cell },
      { field: 'Level__c', operation: 'equals', value: level },
    ],
    columns: CELL_COLUMNS,
  };
}

/**
 * The developer name of a segment's list view: the prefix, then the key reduced to letters, digits and single
 * underscores, cut to 40 characters with a hash of the key when it does not fit (names must stay unique).
 */
export function listViewDeveloperName(prefix: string, key: string): string {
  const slug = key
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/_+/g, '_');
  const full = `${prefix}${slug}`.replace(/_+/g, '_').replace(/_+$/, '');
  if (full.length <= SF_DEVELOPER_NAME_MAX) return full;
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 8);
  const head = full.slice(0, SF_DEVELOPER_NAME_MAX - hash.length - 1).replace(/_+$/, '');
  return `${head}_${hash}`;
}

/** The label users see, within Salesforce's 40 characters. */
export function listViewLabel(name: string): string {
  return name.length <= SF_LIST_VIEW_LABEL_MAX
    ? name
    : `${name.slice(0, SF_LIST_VIEW_LABEL_MAX - 1).trimEnd()}…`;
}

/** ListView metadata for a segment. https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_listview.htm */
export function listViewMetadata(
  place: ListViewPlace,
  developerName: string,
  desired: DesiredList,
  columns: readonly string[],
): MetadataRecord {
  if (desired.filterValue.includes(',')) {
    // List view filter values are comma-separated alternatives: a comma would split the segment in two.
    throw new AtlasError(
      'LIST_VIEW_FILTER_VALUE',
      `Segment value "${desired.filterValue}" holds a comma, which a list view filter would read as two values`,
      {
        context: { list: desired.key },
      },
    );
  }
  return {
    fullName: `${place.object}.${developerName}`,
    label: listViewLabel(desired.name),
    filterScope: 'Everything',
    filters: place.filters,
    columns: [...(place.columns ?? columns)],
  };
}

export interface ListContext {
  client: SalesforceClient;
  writeback: SalesforceWriteback | undefined;
  prefix: string;
  logger?: Logger | undefined;
}

/** A list sync report whose warnings are always present (a skipped sync says why there). */
export type ListViewReport = ListSyncReport & { warnings: string[] };

function listsConfig(ctx: ListContext): { wb: SalesforceWriteback; list: SalesforceList } | null {
  const wb = ctx.writeback;
  const list = wb?.lists.find((l) => l.kind === 'list_views');
  return wb && list ? { wb, list } : null;
}

/** One entry of `GET /sobjects/{sObject}/listviews`. */
const SalesforceListViewSchema = z.object({
  id: z.string(),
  developerName: z.string(),
  label: z.string(),
});
export type SalesforceListView = z.infer<typeof SalesforceListViewSchema>;

const SalesforceListViewsPageSchema = z.object({
  listviews: z.array(SalesforceListViewSchema),
  done: z.boolean().optional(),
  nextRecordsUrl: z.string().nullable().optional(),
});

/**
 * The list views of an object the user can see: id, developer name and label, with no Metadata API rights.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_listviews.htm
 */
async function readListViews(client: SalesforceClient, object: string): Promise<SalesforceListView[]> {
  const views: SalesforceListView[] = [];
  let path: string | null = `/sobjects/${encodeURIComponent(object)}/listviews`;
  while (path) {
    const page = SalesforceListViewsPageSchema.parse(await client.get('listviews', path));
    views.push(...page.listviews);
    path = page.done === false && page.nextRecordsUrl ? page.nextRecordsUrl : null;
  }
  return views;
}

/** A list view with the object it belongs to. */
export type PlacedListView = SalesforceListView & { object: string };

/**
 * What syncing the list views would change, from their developer names and labels: a missing view is created,
 * a relabelled one updated (its filter rewritten with it), one whose segment is gone, or that moved to another
 * object, deleted. `objectOf` says on which object a list's view belongs. Pure.
 */
export function planFromListViews(
  prefix: string,
  list: SalesforceList,
  views: readonly PlacedListView[],
  desired: readonly DesiredList[],
  objectOf: (d: DesiredList) => string,
): ListPlan {
  const plan: ListPlan = { system: 'salesforce', create: [], update: [], retire: [], unchanged: 0 };
  const ours = views.filter((v) => v.developerName.toLowerCase().startsWith(prefix.toLowerCase()));
  const idOf = (object: string, developerName: string) => `${object}.${developerName}`.toLowerCase();
  const wanted = new Set<string>();
  for (const d of desired.filter((x) => x.per === list.per)) {
    const object = objectOf(d);
    const id = idOf(object, listViewDeveloperName(prefix, d.key));
    wanted.add(id);
    const found = ours.find((v) => idOf(v.object, v.developerName) === id);
    const label = listViewLabel(d.name);
    if (!found) plan.create.push({ key: d.key, name: label, members: d.memberIds.length });
    else if (found.label !== label) {
      plan.update.push({
        key: d.key,
        name: label,
        listId: `${found.object}.${found.developerName}`,
        add: [],
        remove: [],
        rename: label,
      });
    } else plan.unchanged++;
  }
  for (const v of ours) {
    if (!wanted.has(idOf(v.object, v.developerName))) {
      plan.retire.push({
        listId: `${v.object}.${v.developerName}`,
        name: v.label,
        remove: 0,
        action: 'delete',
      });
    }
  }
  return plan;
}

/** The objects our list views may sit on: the write-back object, and the per-cell object when kept. */
function viewObjects(wb: SalesforceWriteback): string[] {
  return wb.cellRecords ? [wb.object, wb.cellRecords.object] : [wb.object];
}

/** The list views of every object ours may sit on; a per-cell object not provisioned yet has none. */
async function readPlacedListViews(ctx: ListContext, wb: SalesforceWriteback): Promise<PlacedListView[]> {
  const views: PlacedListView[] = [];
  for (const object of viewObjects(wb)) {
    try {
      for (const v of await readListViews(ctx.client, object)) views.push({ ...v, object });
    } catch (error) {
      if (!(object !== wb.object && error instanceof CrmApiError && error.details.status === 404))
        throw error;
    }
  }
  return views;
}

/** What syncing the list views would change: one REST call per object, no Metadata API. */
export async function planListViews(ctx: ListContext, desired: readonly DesiredList[]): Promise<ListPlan> {
  const config = listsConfig(ctx);
  if (!config) return { system: 'salesforce', create: [], update: [], retire: [], unchanged: 0 };
  const { wb, list } = config;
  const views = await readPlacedListViews(ctx, wb);
  return planFromListViews(ctx.prefix, list, views, desired, (d) => listViewPlace(wb, list, d).object);
}

/** Leaves the list views as they are, with a warning naming the permissions to grant. */
function skipped(ctx: ListContext, report: ListViewReport, message: string): ListViewReport {
  const warning = `list views left as they are: ${message}`;
  ctx.logger?.warn({ system: 'salesforce' }, warning);
  report.warnings.push(warning);
  return report;
}

/**
 * Creates, updates and deletes list views as planned; memberships follow the picklist field, nothing to move.
 * A plan with nothing to change costs no call. Otherwise the user's permissions are read first (one query):
 * without Modify Metadata / Customize Application the list views are skipped with a warning, never a failure.
 */
export async function applyListViews(
  ctx: ListContext,
  plan: ListPlan,
  desired: readonly DesiredList[],
): Promise<ListViewReport> {
  const report: ListViewReport = { ...emptyListSyncReport(), warnings: [] };
  const config = listsConfig(ctx);
  if (!config) return report;
  const { wb, list } = config;
  const retire = plan.retire.filter((r) =>
    viewObjects(wb).some((object) =>
      r.listId.toLowerCase().startsWith(`${object}.${ctx.prefix}`.toLowerCase()),
    ),
  );
  if (plan.create.length + plan.update.length + retire.length === 0) return report;
  const permissions = await readUserPermissions(ctx.client);
  const missing = permissions ? missingPermissions(permissions, 'list views') : [];
  if (missing.length > 0)
    return skipped(ctx, report, permissionRefusal('list views', missing, ctx.client).message);
  const columns = [
    ...BASE_COLUMNS,
    ...wb.fields.filter((f) => f.type !== 'LongTextArea').map((f) => f.field),
  ];
  const byKey = new Map(desired.map((d) => [d.key, d]));
  const upserts: Array<{ kind: 'created' | 'updated'; key: string; md: MetadataRecord }> = [];
  for (const item of [
    ...plan.create.map((c) => ({ kind: 'created' as const, key: c.key })),
    ...plan.update.map((u) => ({ kind: 'updated' as const, key: u.key })),
  ]) {
    const d = byKey.get(item.key);
    if (!d) {
      report.failures.push({ list: item.key, message: 'not among the desired lists' });
      continue;
    }
    try {
      upserts.push({
        ...item,
        md: listViewMetadata(
          listViewPlace(wb, list, d),
          listViewDeveloperName(ctx.prefix, d.key),
          d,
          columns,
        ),
      });
    } catch (error) {
      report.failures.push({ list: d.name, message: errorMessage(error) });
    }
  }
  for (let i = 0; i < upserts.length; i += 10) {
    const part = upserts.slice(i, i + 10);
    try {
      await upsertMetadata(
        ctx.client,
        'ListView',
        part.map((p) => p.md),
      );
      for (const p of part) report[p.kind]++;
    } catch (error) {
      // The org said no though UserPermissionAccess did not (or could not) say: the same for every list view.
      if (isAccessRefusal(error))
        return skipped(ctx, report, permissionRefusal('list views', [], ctx.client, error).message);
      for (const p of part) report.failures.push({ list: String(p.md.label), message: errorMessage(error) });
    }
  }
  if (retire.length === 0) return report;
  // A failed call is reported per list view like a refused one: list upkeep never throws away the run's work.
  let refused: unknown = null;
  const outcome = await deleteMetadata(
    ctx.client,
    'ListView',
    retire.map((r) => r.listId),
  ).catch((error: unknown) => {
    if (isAccessRefusal(error)) refused = error;
    return new Map(retire.map((r) => [r.listId, errorMessage(error)]));
  });
  if (refused) return skipped(ctx, report, permissionRefusal('list views', [], ctx.client, refused).message);
  for (const r of retire) {
    const failure = outcome.get(r.listId);
    if (failure === null) report.retired++;
    else report.failures.push({ list: r.name, message: failure ?? 'no answer for this list view' });
  }
  return report;
}
