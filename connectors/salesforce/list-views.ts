/** One Account list view per segment, filtered on the multi-select picklist; ours recognised by a developer-name prefix. */
import { createHash } from 'node:crypto';
import { AtlasError, errorMessage } from '../../src/errors.js';
import { emptyListSyncReport } from '../kit/list-sync-report.js';
import type { DesiredList, ListPlan, ListSyncReport } from '../types.js';
import type { SalesforceClient } from './client.js';
import { SF_DEVELOPER_NAME_MAX, SF_LIST_VIEW_LABEL_MAX } from './limits.js';
import {
  asArray,
  deleteMetadata,
  listMetadata,
  type MetadataRecord,
  readMetadata,
  upsertMetadata,
} from './metadata.js';
import type { SalesforceList, SalesforceWriteback } from './writeback-schema.js';

/** Standard columns of an Account list view, then the write-back fields the sales team reads. */
const BASE_COLUMNS = ['ACCOUNT.NAME', 'ACCOUNT.ADDRESS1_COUNTRY', 'ACCOUNT.TYPE'];

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
  object: string,
  developerName: string,
  desired: DesiredList,
  list: SalesforceList,
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
    fullName: `${object}.${developerName}`,
    label: listViewLabel(desired.name),
    filterScope: 'Everything',
    filters: [{ field: list.field, operation: 'includes', value: desired.filterValue }],
    columns: [...columns],
  };
}

interface ListContext {
  client: SalesforceClient;
  writeback: SalesforceWriteback | undefined;
  prefix: string;
}

function listsConfig(ctx: ListContext): { wb: SalesforceWriteback; list: SalesforceList } | null {
  const wb = ctx.writeback;
  const list = wb?.lists.find((l) => l.kind === 'list_views');
  return wb && list ? { wb, list } : null;
}

function filterOf(md: MetadataRecord): { field: string; value: string } | null {
  const [f] = asArray<Record<string, unknown>>(md.filters);
  return f ? { field: String(f.field ?? ''), value: String(f.value ?? '') } : null;
}

/** What syncing the list views would change: reads our list views (by prefix) and compares labels and filters. */
export async function planListViews(ctx: ListContext, desired: readonly DesiredList[]): Promise<ListPlan> {
  const config = listsConfig(ctx);
  const plan: ListPlan = { system: 'salesforce', create: [], update: [], retire: [], unchanged: 0 };
  if (!config) return plan;
  const { wb, list } = config;
  const ours = `${wb.object}.${ctx.prefix}`.toLowerCase();
  const existingNames = (await listMetadata(ctx.client, 'ListView')).filter((n) =>
    n.toLowerCase().startsWith(ours),
  );
  const existing = await readMetadata(ctx.client, 'ListView', existingNames);
  const wanted = new Set<string>();
  for (const d of desired.filter((x) => x.per === list.per)) {
    const fullName = `${wb.object}.${listViewDeveloperName(ctx.prefix, d.key)}`;
    wanted.add(fullName.toLowerCase());
    const found = [...existing.entries()].find(([n]) => n.toLowerCase() === fullName.toLowerCase());
    if (!found) {
      plan.create.push({ key: d.key, name: listViewLabel(d.name), members: d.memberIds.length });
      continue;
    }
    const [name, md] = found;
    const filter = filterOf(md);
    const label = listViewLabel(d.name);
    const relabel = String(md.label ?? '') !== label;
    const refilter =
      !filter || filter.field.toLowerCase() !== list.field.toLowerCase() || filter.value !== d.filterValue;
    if (relabel || refilter) {
      plan.update.push({
        key: d.key,
        name: label,
        listId: name,
        add: [],
        remove: [],
        ...(relabel ? { rename: label } : {}),
      });
    } else plan.unchanged++;
  }
  for (const name of existingNames) {
    if (!wanted.has(name.toLowerCase())) {
      plan.retire.push({
        listId: name,
        name: String(existing.get(name)?.label ?? name),
        remove: 0,
        action: 'delete',
      });
    }
  }
  return plan;
}

/** Creates, updates and deletes list views as planned; memberships follow the picklist field, nothing to move. */
export async function applyListViews(
  ctx: ListContext,
  plan: ListPlan,
  desired: readonly DesiredList[],
): Promise<ListSyncReport> {
  const report = emptyListSyncReport();
  const config = listsConfig(ctx);
  if (!config) return report;
  const { wb, list } = config;
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
        md: listViewMetadata(wb.object, listViewDeveloperName(ctx.prefix, d.key), d, list, columns),
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
      for (const p of part) report.failures.push({ list: String(p.md.label), message: errorMessage(error) });
    }
  }
  const retire = plan.retire.filter((r) =>
    r.listId.toLowerCase().startsWith(`${wb.object}.${ctx.prefix}`.toLowerCase()),
  );
  if (retire.length === 0) return report;
  // A failed call is reported per list view like a refused one: list upkeep never throws away the run's work.
  const outcome = await deleteMetadata(
    ctx.client,
    'ListView',
    retire.map((r) => r.listId),
  ).catch((error: unknown) => new Map(retire.map((r) => [r.listId, errorMessage(error)])));
  for (const r of retire) {
    const failure = outcome.get(r.listId);
    if (failure === null) report.retired++;
    else report.failures.push({ list: r.name, message: failure ?? 'no answer for this list view' });
  }
  return report;
}
