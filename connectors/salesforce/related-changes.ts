/**
 * Related changes: records of a plan whose child records (subqueries) or parent records (dotted paths) changed
 * since the cursor, found by one query per related object and re-read by Id, because Salesforce moves a
 * record's SystemModstamp only when the record itself changes — a new OpportunityPartner or a corrected
 * Account.Industry leaves the opportunity's stamp where it was.
 */
import type { Logger } from 'pino';
import { AtlasError } from '../../src/errors.js';
import { changedByOwnWriteOnly } from '../kit/own-writes.js';
import type { ReadOptions, ReadPage, ReadPlan } from '../types.js';
import { CONNECTOR_ERRORS } from '../types.js';
import type { SalesforceCursor } from './cursor.js';
import type { DescribeSession } from './describe.js';
import { completeChildren, type QueryContext, queryFirst, queryMore } from './query-pages.js';
import { toRawRecord, valueAt } from './records.js';
import { beforeWindow, buildSoql, changedSince, idChunks, idIn, type SoqlWindow, soqlPath } from './soql.js';

/**
 * The system field every audited object carries, moved on every change of the record (deletion included).
 * https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/system_fields.htm
 */
const SF_SYSTEM_MODSTAMP = 'SystemModstamp';

/** One query for the ids of the plan's records that a related object's changes affect. */
interface RelatedSource {
  /** What changed, for logs and figures: `Account`, `OpportunityLineItems`, `OpportunityLineItems.Product2`. */
  via: string;
  soql: string;
  /** `queryAll` for child records, so a removed child (in the recycle bin) counts as a change too. */
  resource: 'query' | 'queryAll';
  /** The column holding the plan record's id (`Id`, or the child's lookup such as `OpportunityId`). */
  idField: string;
  /** For a parent chain: where its id and stamp are in each row, to tell Atlas's own write-back apart. */
  parent?: { idPath: string; stampPath: string };
}

/** The parent relationship chains a path goes through: `Account.Owner.Name` → `Account`, `Account.Owner`. */
function parentChains(path: string): string[] {
  const parts = path.split('.');
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('.'));
}

/** Distinct parent chains of paths, case-insensitively, in first-seen order. */
function distinctChains(paths: readonly string[]): string[] {
  const byKey = new Map<string, string>();
  for (const chain of paths.flatMap(parentChains)) {
    if (!byKey.has(chain.toLowerCase())) byKey.set(chain.toLowerCase(), chain);
  }
  return [...byKey.values()];
}

/** Whether the record at `chain` from `object` has a SystemModstamp the integration user can filter on. */
async function stamped(describes: DescribeSession, object: string, chain: string): Promise<boolean> {
  const resolved = await describes.resolve(
    object,
    chain ? `${chain}.${SF_SYSTEM_MODSTAMP}` : SF_SYSTEM_MODSTAMP,
  );
  return resolved.ok;
}

/**
 * The related queries of a plan, from the plan alone: one per parent chain its fields or filter read
 * (`Account` for `Account.Industry`: `SELECT Id FROM Opportunity WHERE Account.SystemModstamp >= X`), one
 * per child relationship (`SELECT OpportunityId FROM OpportunityLineItem WHERE SystemModstamp >= X`), and one
 * per parent chain of a child's fields (`… FROM OpportunityLineItem WHERE Product2.SystemModstamp >= X`).
 * A related object without SystemModstamp is left out (logged by the caller). Describes come from the run's
 * session, which the schema check has filled: no extra call.
 */
async function relatedSources(
  describes: DescribeSession,
  plan: ReadPlan,
  since: string,
  window: SoqlWindow,
): Promise<{ sources: RelatedSource[]; unstamped: string[] }> {
  const sources: RelatedSource[] = [];
  const unstamped: string[] = [];
  const parentPaths = [...plan.fields, ...plan.filter.map((c) => c.field)];
  for (const chain of distinctChains(parentPaths)) {
    if (!(await stamped(describes, plan.object, chain))) {
      unstamped.push(chain);
      continue;
    }
    const parent = { idPath: `${chain}.Id`, stampPath: `${chain}.${SF_SYSTEM_MODSTAMP}` };
    sources.push({
      via: chain,
      soql: buildSoql(plan, {
        shape: 'ids',
        idColumns: [parent.idPath, parent.stampPath],
        where: [changedSince(parent.stampPath, since), beforeWindow(window)],
        orderBy: 'none',
      }),
      resource: 'query',
      idField: 'Id',
      parent,
    });
  }
  const described = plan.children.length > 0 ? await describes.describe(plan.object) : null;
  for (const child of plan.children) {
    const rel = described?.childRelationships.find(
      (r) => r.relationshipName?.toLowerCase() === child.relationship.toLowerCase(),
    );
    if (!rel) {
      throw new AtlasError(
        CONNECTOR_ERRORS.schema,
        `${plan.object} has no child relationship ${child.relationship} to look for changed child records in`,
        { context: { object: plan.object, relationship: child.relationship } },
      );
    }
    const childObject = soqlPath(rel.childSObject);
    const lookup = soqlPath(rel.field);
    for (const chain of ['', ...distinctChains(child.fields)]) {
      const via = chain ? `${child.relationship}.${chain}` : child.relationship;
      if (!(await stamped(describes, childObject, chain))) {
        unstamped.push(via);
        continue;
      }
      const stamp = chain ? `${chain}.${SF_SYSTEM_MODSTAMP}` : SF_SYSTEM_MODSTAMP;
      sources.push({
        via,
        soql: `SELECT ${lookup} FROM ${childObject} WHERE ${changedSince(stamp, since)}`,
        resource: chain ? 'query' : 'queryAll',
        idField: lookup,
      });
    }
  }
  return { sources, unstamped };
}

/**
 * Whether a row's parent changed only through Atlas's own write-back (the partner account's Atlas fields): its
 * stamp is no later than when Atlas wrote it, so no field the mapping reads can have changed since.
 */
function ownWriteOnly(
  row: Record<string, unknown>,
  parent: RelatedSource['parent'],
  ownWrites: ReadonlyMap<string, string> | undefined,
): boolean {
  if (!parent || !ownWrites) return false;
  const id = valueAt(row, parent.idPath);
  const stamp = valueAt(row, parent.stampPath);
  if (typeof id !== 'string' || typeof stamp !== 'string') return false;
  return changedByOwnWriteOnly(id, Date.parse(stamp), ownWrites);
}

/** Every id a related query returns, page by page, each call under the run's budget. */
async function affectedIds(
  ctx: QueryContext,
  plan: ReadPlan,
  source: RelatedSource,
  signal: AbortSignal | undefined,
  ownWrites: ReadonlyMap<string, string> | undefined,
): Promise<Set<string>> {
  const where = { entity: plan.entity, object: plan.object, related: source.via };
  const ids = new Set<string>();
  ctx.client.assertBudget(where);
  let page = await queryFirst(ctx, source.soql, source.resource, signal);
  for (;;) {
    for (const r of page.records) {
      if (ownWriteOnly(r, source.parent, ownWrites)) continue;
      const id = r[source.idField];
      if (typeof id === 'string' && id.length > 0) ids.add(id);
    }
    if (page.done || !page.nextRecordsUrl) return ids;
    ctx.client.assertBudget(where);
    page = await queryMore(ctx, page.nextRecordsUrl, source.resource, signal);
  }
}

export interface RelatedReadContext extends QueryContext {
  describes: DescribeSession;
  logger?: Logger | undefined;
}

/**
 * Re-reads, by Id, the plan's records whose related records changed since `since` and that the window's own
 * read does not fetch (their own stamp is older). Costs one query per related source (see
 * {@link relatedSources}), plus one per chunk of {@link idChunks} ids when any changed. Pages come as
 * `via: 'related'` and keep `cursor` (the read's starting cursor): they are read before the window's records,
 * so a crash among them resumes from the same point and nothing between is skipped.
 */
export async function* readRelatedChanges(
  ctx: RelatedReadContext,
  plan: ReadPlan,
  options: Pick<ReadOptions, 'extraFields' | 'signal' | 'ownWrites'>,
  { since, window }: { since: string; window: SoqlWindow },
  cursor: SalesforceCursor,
): AsyncGenerator<ReadPage> {
  const where = { entity: plan.entity, object: plan.object };
  const { sources, unstamped } = await relatedSources(ctx.describes, plan, since, window);
  if (unstamped.length > 0) {
    ctx.logger?.warn(
      { ...where, unstamped },
      'related records without SystemModstamp: their changes are only seen by the full reconciliation',
    );
  }
  const ids = new Set<string>();
  const bySource: Record<string, number> = {};
  for (const source of sources) {
    const found = await affectedIds(ctx, plan, source, options.signal, options.ownWrites);
    bySource[source.via] = found.size;
    for (const id of found) ids.add(id);
  }
  if (ids.size === 0) return;
  ctx.logger?.info(
    { ...where, since, bySource, records: ids.size },
    're-reading records whose related records changed',
  );
  const extraFields = options.extraFields ?? [];
  const soqlOf = (chunk: readonly string[]) =>
    buildSoql(plan, { extraFields, where: [idIn(chunk), beforeWindow(window)], orderBy: 'id' });
  for (const chunk of idChunks([...ids].sort(), soqlOf)) {
    ctx.client.assertBudget(where);
    let page = await queryFirst(ctx, soqlOf(chunk), 'query', options.signal);
    for (;;) {
      await completeChildren(ctx, page.records, options.signal);
      yield { records: page.records.map(toRawRecord), cursor, expectedTotal: null, via: 'related' };
      if (page.done || !page.nextRecordsUrl) break;
      ctx.client.assertBudget(where);
      page = await queryMore(ctx, page.nextRecordsUrl, 'queryMore', options.signal);
    }
  }
}
