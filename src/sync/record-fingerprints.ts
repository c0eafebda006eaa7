/**
 * What a full reconciliation corrected: the stored model's records as fingerprints, compared with what a full
 * read maps. A record whose values differ (or that the store lacked) was put right by the full read; a
 * changed `lastModified` alone is not a correction.
 */
import type { CrmSystem, SourceRef } from '../model/index.js';
import type { StoredModel } from '../store/index.js';

/** JSON with object keys sorted and arrays of objects sorted, so equal records give equal text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) {
    const items = value.map(canonical);
    if (value.some((v) => v !== null && typeof v === 'object')) items.sort();
    return `[${items.join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      // An empty optional field is the same whether the store left it out or the mapping gave null.
      .filter(([key, v]) => key !== 'lastModified' && v !== undefined && v !== null)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A record's fingerprint (see canonical). */
export function fingerprint(record: { id: string }): string {
  return canonical(record);
}

/**
 * The fingerprints of one CRM's stored records, by CRM object and then id. An object the store holds nothing
 * of has no entry: its first full read corrects nothing, it fills an empty store.
 */
export function storedFingerprints(model: StoredModel, system: CrmSystem): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  const add = (record: { id: string }, source: SourceRef | undefined) => {
    if (source?.system !== system) return;
    let byId = out.get(source.object);
    if (!byId) {
      byId = new Map();
      out.set(source.object, byId);
    }
    byId.set(record.id, fingerprint(record));
  };
  for (const p of model.partners) add(p, p.sourceRefs[0]);
  for (const list of [model.deals, model.certifications, model.people]) {
    for (const record of list) add(record, record.source);
  }
  return out;
}

/** How many of `records` the store did not hold as they are now. */
export function countCorrected(
  records: readonly { id: string }[],
  stored: ReadonlyMap<string, string>,
): number {
  let corrected = 0;
  for (const record of records) if (stored.get(record.id) !== fingerprint(record)) corrected++;
  return corrected;
}
