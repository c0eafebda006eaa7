/**
 * Associations v4 of a page of records, with labels, and the associated records' properties (batch reads),
 * shaped as the mapping expects: `values.companies = [{ id, labels, ...properties }]`.
 * https://developers.hubspot.com/docs/api-reference/crm-associations-v4/guide
 */
import type { AssociationRead } from '../../src/mapping/index.js';
import type { RawRecord } from '../types.js';
import type { HubSpotClient } from './client.js';
import { HS_ASSOCIATION_BATCH_MAX, HS_BATCH_MAX } from './limits.js';
import type { ObjectTypes } from './object-types.js';
import { HubSpotAssociationBatchSchema, HubSpotBatchObjectsSchema } from './raw.js';

/** Associated records' properties kept across the pages of one read (customers recur across deals). */
const CACHE_MAX = 50_000;

export type PropertyCache = Map<string, Record<string, string | null>>;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

interface Link {
  id: string;
  labels: string[];
}

/** Reads `from → to` associations of the given ids; records without any are simply absent. */
export async function readAssociationLinks(
  client: HubSpotClient,
  fromType: string,
  toType: string,
  ids: readonly string[],
): Promise<Map<string, Link[]>> {
  const links = new Map<string, Link[]>();
  let inputs: Array<{ id: string; after?: string }> = ids.map((id) => ({ id }));
  while (inputs.length > 0) {
    const more: Array<{ id: string; after: string }> = [];
    for (const batch of chunks(inputs, HS_ASSOCIATION_BATCH_MAX)) {
      // POST /crm/v4/associations/{fromObjectType}/{toObjectType}/batch/read — a record without
      // associations comes back as a 207 error (NO_ASSOCIATIONS_FOUND), not as a failure.
      const answer = await client.request({
        operation: 'associations/batch/read',
        method: 'POST',
        path: `/crm/v4/associations/${fromType}/${toType}/batch/read`,
        body: { inputs: batch },
      });
      const page = HubSpotAssociationBatchSchema.parse(answer.body);
      for (const result of page.results) {
        const list = links.get(result.from.id) ?? [];
        for (const to of result.to) {
          const labels = to.associationTypes.flatMap((t) => (t.label ? [t.label] : []));
          const existing = list.find((l) => l.id === to.toObjectId);
          if (existing) existing.labels.push(...labels.filter((l) => !existing.labels.includes(l)));
          else list.push({ id: to.toObjectId, labels: [...new Set(labels)] });
        }
        links.set(result.from.id, list);
        const after = result.paging?.next?.after;
        if (after) more.push({ id: result.from.id, after });
      }
    }
    inputs = more;
  }
  return links;
}

/** Properties of records by id (batch read, 100 per call); missing or archived ids are left out. */
export async function readProperties(
  client: HubSpotClient,
  objectType: string,
  ids: readonly string[],
  properties: readonly string[],
  operation = 'batch/read',
): Promise<Map<string, Record<string, string | null>>> {
  const out = new Map<string, Record<string, string | null>>();
  for (const batch of chunks(ids, HS_BATCH_MAX)) {
    // POST /crm/v3/objects/{objectType}/batch/read: https://developers.hubspot.com/docs/api-reference/crm-companies-v3/guide
    const answer = await client.request({
      operation,
      method: 'POST',
      path: `/crm/v3/objects/${objectType}/batch/read`,
      body: { inputs: batch.map((id) => ({ id })), properties, propertiesWithHistory: [] },
    });
    for (const record of HubSpotBatchObjectsSchema.parse(answer.body).results) {
      out.set(record.id, record.properties);
    }
  }
  return out;
}

/** Adds every association of the plan to the records (in place). */
export async function attachAssociations(
  client: HubSpotClient,
  types: ObjectTypes,
  fromApiName: string,
  associations: readonly AssociationRead[],
  records: RawRecord[],
  cache: Map<string, PropertyCache>,
): Promise<void> {
  if (records.length === 0) return;
  const ids = records.map((r) => r.id);
  for (const association of associations) {
    const to = await types.resolve(association.object);
    const links = await readAssociationLinks(client, fromApiName, to.apiName, ids);
    let props: PropertyCache = cache.get(association.object) ?? new Map();
    if (props.size > CACHE_MAX) props = new Map();
    cache.set(association.object, props);
    if (association.properties.length > 0) {
      const wanted = [...new Set([...links.values()].flat().map((l) => l.id))].filter((id) => !props.has(id));
      const read = await readProperties(
        client,
        to.apiName,
        wanted,
        association.properties,
        'associated/batch/read',
      );
      for (const [id, values] of read) props.set(id, values);
    }
    for (const record of records) {
      record.values[association.object] = (links.get(record.id) ?? []).map((link) => {
        const values = props.get(link.id) ?? {};
        const item: Record<string, unknown> = { id: link.id, labels: link.labels };
        for (const p of association.properties) item[p] = values[p] ?? null;
        return item;
      });
    }
  }
}
