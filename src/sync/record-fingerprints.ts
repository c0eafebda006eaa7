/**
 * What a full reconciliation corrected: the stored model's records as fingerprints, compared with what a full
 * read maps. A record whose values differ (or that the store lacked) was put right by the full read; a
 * changed `lastModified` alone is not a correction.
 */
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
      .filter(([key, v]) => key !== 'lastModified' && v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A record's fingerprint (see canonical). */
export function fingerprint(record: { id: string }): string {
  return canonical(record);
}

/** Every stored record's fingerprint by id; empty when the store holds nothing yet (a first run corrects nothing). */
export function storedFingerprints(model: StoredModel): Map<string, string> {
  const out = new Map<string, string>();
  for (const list of [model.partners, model.deals, model.certifications, model.people]) {
    for (const record of list) out.set(record.id, fingerprint(record));
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
