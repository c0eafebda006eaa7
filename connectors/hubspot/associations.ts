/**
 * Associations v4 of a page of records, with labels, and the associated records' properties (batch reads),
 * shaped as the mapping expects: `values.companies = [{ id, labels, ...properties }]`.
 * https://developers.hubspot.com/docs/api-reference/crm-associations-v4/guide
 */
import { chunk } from '../kit/chunk.js';
import type { AssociationRead, RawRecord } from '../types.js';
import type { HubSpotClient } from './client.js';
import { HS_ASSOCIATION_BATCH_MAX, HS_BATCH_MAX } from './limits.js';
import type { ObjectTypes } from './object-types.js';
import { HubSpotAssociationBatchSchema, HubSpotBatchObjectsSchema } from './raw.js';

/** Associated records' properties kept across the pages of one read at most (oldest dropped first). */
const CACHE_MAX = 250_000;
/**
 * After this many lookups on a warm cache, an association whose records never recur (line items) stops
 * being cached.
 */
const CACHE_TRIAL_LOOKUPS = 5_000;
const CACHE_MIN_HIT_RATE = 0.01;

/**
 * Associated records' properties kept across the pages of one read: a customer company recurs across
 * many deals and is read once; line items belong to one deal each, so their cache switches itself off.
 */
export class PropertyCache {
  readonly #values = new Map<string, Record<string, string | null>>();
  #lookups = 0;
  #hits = 0;
  #enabled = true;

  get(id: string): Record<string, string | null> | undefined {
    return this.#values.get(id);
  }

  /** Ids whose properties are not cached (counted for the hit rate once the cache holds something). */
  missing(ids: readonly string[]): string[] {
    const out = ids.filter((id) => !this.#values.has(id));
    // A cold cache cannot hit: counting its first page would judge 5,000 misses on an empty cache as "nothing
    // recurs" and switch caching off before a customer company had the chance to come back.
    if (this.#values.size > 0) {
      this.#lookups += ids.length;
      this.#hits += ids.length - out.length;
    }
    return out;
  }

  /** Keeps a page's values; then, when caching does not pay, forgets them after the page is built. */
  set(id: string, values: Record<string, string | null>): void {
    this.#values.set(id, values);
  }

  /** Called once a page is built: trims the cache, or empties it for good when nothing recurs. */
  settle(): void {
    if (
      this.#enabled &&
      this.#lookups >= CACHE_TRIAL_LOOKUPS &&
      this.#hits / this.#lookups < CACHE_MIN_HIT_RATE
    ) {
      this.#enabled = false;
    }
    if (!this.#enabled) {
      this.#values.clear();
      return;
    }
    for (const key of this.#values.keys()) {
      if (this.#values.size <= CACHE_MAX) break;
      this.#values.delete(key);
    }
  }
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
    const answers = await Promise.all(
      chunk(inputs, HS_ASSOCIATION_BATCH_MAX).map((batch) =>
        // POST /crm/v4/associations/{fromObjectType}/{toObjectType}/batch/read — a record without
        // associations comes back as a 207 error (NO_ASSOCIATIONS_FOUND), not as a failure.
        client.request({
          operation: 'associations/batch/read',
          method: 'POST',
          path: `/crm/v4/associations/${fromType}/${toType}/batch/read`,
          body: { inputs: batch },
        }),
      ),
    );
    for (const answer of answers) {
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
  const answers = await Promise.all(
    chunk(ids, HS_BATCH_MAX).map((batch) =>
      // POST /crm/v3/objects/{objectType}/batch/read: https://developers.hubspot.com/docs/api-reference/crm-companies-v3/guide
      client.request({
        operation,
        method: 'POST',
        path: `/crm/v3/objects/${objectType}/batch/read`,
        body: { inputs: batch.map((id) => ({ id })), properties, propertiesWithHistory: [] },
      }),
    ),
  );
  for (const answer of answers) {
    for (const record of HubSpotBatchObjectsSchema.parse(answer.body).results) {
      out.set(record.id, record.properties);
    }
  }
  return out;
}

/** Adds every association of the plan to the records (in place); associations and batches run concurrently through the limiter. */
export async function attachAssociations(
  client: HubSpotClient,
  types: ObjectTypes,
  fromApiName: string,
  associations: readonly AssociationRead[],
  records: RawRecord[],
  caches: Map<string, PropertyCache>,
): Promise<void> {
  if (records.length === 0) return;
  const ids = records.map((r) => r.id);
  await Promise.all(
    associations.map(async (association) => {
      const to = await types.resolve(association.object);
      const links = await readAssociationLinks(client, fromApiName, to.apiName, ids);
      const cache = caches.get(association.object) ?? new PropertyCache();
      caches.set(association.object, cache);
      if (association.properties.length > 0) {
        const linked = [...new Set([...links.values()].flat().map((l) => l.id))];
        const read = await readProperties(
          client,
          to.apiName,
          cache.missing(linked),
          association.properties,
          'associated/batch/read',
        );
        for (const [id, values] of read) cache.set(id, values);
      }
      for (const record of records) {
        record.values[association.object] = (links.get(record.id) ?? []).map((link) => {
          const values = cache.get(link.id) ?? {};
          const item: Record<string, unknown> = { id: link.id, labels: link.labels };
          for (const p of association.properties) item[p] = values[p] ?? null;
          return item;
        });
      }
      cache.settle();
    }),
  );
}
