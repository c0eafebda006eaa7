/** Salesforce record JSON → RawRecord values: `attributes` dropped, subquery results flattened, values decoded. */
import type { RawRecord } from '../types.js';
import { toIsoDateTime } from './values.js';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A nested child result (`{ totalSize, done, records }`)? */
export function isChildResult(
  v: unknown,
): v is { records: unknown[]; done: boolean; nextRecordsUrl?: string } {
  return isObject(v) && Array.isArray(v.records) && typeof v.done === 'boolean' && 'totalSize' in v;
}

/** Normalises one record's values (recursively for parents and children). */
export function toRawValues(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (key === 'attributes') continue;
    if (isChildResult(value)) {
      out[key] = value.records.map((r) => (isObject(r) ? toRawValues(r) : r));
    } else if (isObject(value)) {
      out[key] = toRawValues(value);
    } else if (typeof value === 'string') {
      out[key] = toIsoDateTime(value);
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** A REST record as a RawRecord (`Id` is the record id). */
export function toRawRecord(record: Record<string, unknown>): RawRecord {
  return { id: String(record.Id ?? ''), values: toRawValues(record) };
}

/** Reads a dotted path (`Account.Industry`) in nested values. */
export function valueAt(values: Record<string, unknown>, path: string): unknown {
  let current: unknown = values;
  for (const part of path.split('.')) {
    if (!isObject(current)) return undefined;
    const key = Object.keys(current).find((k) => k.toLowerCase() === part.toLowerCase());
    current = key === undefined ? undefined : current[key];
  }
  return current;
}

/** Sets a dotted path, creating parent objects (Bulk CSV columns `Account.Industry` → nested). */
export function setPath(values: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let current = values;
  for (const part of parts.slice(0, -1)) {
    const next = current[part];
    if (isObject(next)) current = next;
    else {
      const created: Record<string, unknown> = {};
      current[part] = created;
      current = created;
    }
  }
  current[parts[parts.length - 1] as string] = value;
}
