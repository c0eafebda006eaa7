/**
 * Related changes: records of a plan whose associated records (the customer company's `industry`, a line
 * item's `product_family`) changed since the cursor, found by one search per associated object and re-read by
 * id, because HubSpot moves a record's `hs_lastmodifieddate` only when one of its own properties changes: a
 * corrected company industry leaves the deals of that company where they were.
 * https://developers.hubspot.com/docs/api-reference/search/guide
 */

import type { Logger } from 'pino';
import { chunk } from '../kit/chunk.js';
import { changedByOwnWriteOnly } from '../kit/own-writes.js';
import type { ReadPage, ReadPlan, ValueType } from '../types.js';
import {
  attachAssociations,
  type PropertyCache,
  readAssociationLinks,
  readProperties,
} from './associations.js';
import type { HubSpotClient } from './client.js';
import { HS_SEARCH_PAGE_MAX } from './limits.js';
import type { ObjectTypes } from './object-types.js';
import { HubSpotSearchPageSchema } from './raw.js';
import { searchFilters } from './search-filters.js';
import { decodeHubSpotValues, instantOf } from './values.js';

/**
 * The last-modified property every CRM object carries (contacts also keep the older `lastmodifieddate`), moved
 * when one of the record's own properties changes.
 * https://developers.hubspot.com/docs/api-reference/search/guide
 */
const HS_MODIFIED_DATE_PROPERTY = 'hs_lastmodifieddate';

/** Epoch ms of a HubSpot date-time value (ISO, or epoch ms as text); null when absent or unreadable. */
const stampMs = (text: string | null | undefined): number | null =>
  text ? (instantOf(text)?.getTime() ?? null) : null;

export interface RelatedReadContext {
  client: HubSpotClient;
  types: ObjectTypes;
  recordsPerPage: number;
  logger: Logger | undefined;
}

/** What one related read needs from the entity's read. */
export interface RelatedReadInput {
  /** Look for associated records changed at or after this (ISO; the main read's own since, lookback applied). */
  since: string;
  /** Properties of the plan's records to read (the plan's, the extra ones, the modified-date property). */
  properties: string[];
  valueTypes: Readonly<Record<string, ValueType>>;
  /** The cursor the read started from: related pages keep it, so a crash among them resumes from it. */
  cursor: unknown;
  /** Records Atlas wrote back, by id, with when (ReadOptions.ownWrites): their own changes are not related ones. */
  ownWrites?: ReadonlyMap<string, string> | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * The associations of a plan whose changes can change what the mapping reads: those it reads properties of.
 * An association read for its ids and labels only (a certification's company) changes only when an association
 * is added or removed, which HubSpot signals to no search (see {@link readRelatedChanges}).
 */
export function relatedAssociations(plan: ReadPlan): ReadPlan['associations'] {
  return plan.associations.filter((a) => a.properties.length > 0);
}

/** Ids of `apiName` records changed at or after `sinceMs`: one search page per 200 records, keyset on id. */
async function changedIds(
  ctx: RelatedReadContext,
  plan: ReadPlan,
  apiName: string,
  sinceMs: number,
  signal: AbortSignal | undefined,
  ownWrites: ReadonlyMap<string, string> | undefined,
): Promise<string[]> {
  const ids: string[] = [];
  let afterId: string | null = null;
  for (;;) {
    signal?.throwIfAborted();
    ctx.client.assertBudget(`${plan.entity} related ${apiName}`);
    // POST /crm/v3/objects/{objectType}/search: https://developers.hubspot.com/docs/api-reference/search/guide
    const answer = await ctx.client.request({
      operation: 'related/search',
      method: 'POST',
      path: `/crm/v3/objects/${apiName}/search`,
      search: true,
      body: {
        filterGroups: [
          { filters: searchFilters(apiName, [], { field: HS_MODIFIED_DATE_PROPERTY, sinceMs }, afterId) },
        ],
        sorts: [{ propertyName: 'hs_object_id', direction: 'ASCENDING' }],
        properties: ['hs_object_id', HS_MODIFIED_DATE_PROPERTY],
        limit: HS_SEARCH_PAGE_MAX,
      },
    });
    const page = HubSpotSearchPageSchema.parse(answer.body);
    for (const r of page.results) {
      const modified = stampMs(r.properties[HS_MODIFIED_DATE_PROPERTY] ?? r.updatedAt);
      if (!changedByOwnWriteOnly(r.id, modified, ownWrites)) ids.push(r.id);
    }
    const last = page.results[page.results.length - 1];
    if (last === undefined || page.total <= page.results.length) return ids;
    afterId = last.id;
  }
}

/**
 * Re-reads, by id, the plan's records associated with records of {@link relatedAssociations} changed since
 * `since`, leaving out those changed themselves since then (the main search reads them). Costs one search per
 * related object (plus one per further 200 changed records); when something changed, one associations v4
 * batch read per 1,000 changed records, one batch read per 100 affected records, and their associations.
 * Pages come as `via: 'related'` and keep the starting cursor.
 *
 * Associations added or removed are not seen here: HubSpot moves no record's `hs_lastmodifieddate` for them
 * (its only signal is the `*.associationChange` webhook, which needs a public HTTPS endpoint), so the weekly
 * full reconciliation (`ATLAS_FULL_SCHEDULE`) picks them up.
 */
export async function* readRelatedChanges(
  plan: ReadPlan,
  input: RelatedReadInput,
  ctx: RelatedReadContext,
): AsyncGenerator<ReadPage> {
  const sources = relatedAssociations(plan);
  if (sources.length === 0) return;
  const where = { entity: plan.entity, object: plan.object };
  if (plan.filter.length > 0) {
    // A batch read by id cannot apply the mapping's filter; re-reading would bring in records it excludes.
    ctx.logger?.warn(
      { ...where, related: sources.map((s) => s.object) },
      'hubspot: related changes of a filtered entity are only seen by the full reconciliation',
    );
    return;
  }
  const type = await ctx.types.resolve(plan.object);
  const sinceMs = Date.parse(input.since);
  const affected = new Set<string>();
  const bySource: Record<string, number> = {};
  for (const source of sources) {
    const to = await ctx.types.resolve(source.object);
    const changed = await changedIds(ctx, plan, to.apiName, sinceMs, input.signal, input.ownWrites);
    bySource[source.object] = changed.length;
    if (changed.length === 0) continue;
    const links = await readAssociationLinks(ctx.client, to.apiName, type.apiName, changed);
    for (const list of links.values()) for (const link of list) affected.add(link.id);
  }
  if (affected.size === 0) return;
  ctx.logger?.info(
    { ...where, since: input.since, bySource, records: affected.size },
    'hubspot: re-reading records whose associated records changed',
  );
  const ids = [...affected].sort((a, b) => Number(a) - Number(b) || a.localeCompare(b));
  const caches = new Map<string, PropertyCache>();
  for (const batch of chunk(ids, ctx.recordsPerPage)) {
    input.signal?.throwIfAborted();
    ctx.client.assertBudget(`${plan.entity} related read`);
    const values = await readProperties(
      ctx.client,
      type.apiName,
      batch,
      input.properties,
      'related/batch/read',
    );
    const records = batch.flatMap((id) => {
      const v = values.get(id);
      if (!v) return [];
      // Changed itself since `since`: the main search reads it, with the same associations.
      const own = plan.modifiedField ? stampMs(v[plan.modifiedField]) : null;
      if (own !== null && own >= sinceMs) return [];
      return [{ id, values: { ...v } as Record<string, unknown> }];
    });
    if (records.length === 0) continue;
    await attachAssociations(ctx.client, ctx.types, type.apiName, plan.associations, records, caches);
    for (const record of records) decodeHubSpotValues(record.values, input.valueTypes);
    yield { records, cursor: input.cursor, expectedTotal: null, via: 'related' };
  }
}
