/** Salesforce wire formats: datetimes as `2024-05-02T14:21:07.000+0000`, dates as `2024-05-02`, and their parsing. */
import type { FieldDef } from './schema.js';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Formats epoch ms as Salesforce's REST datetime (`...000+0000`). */
export function formatSalesforceDateTime(ms: number): string {
  const d = new Date(ms);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}+0000`
  );
}

/** Formats epoch ms as a date (`2024-05-02`, UTC). */
export function formatSalesforceDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

const DATETIME_RE =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Parses a datetime as Salesforce accepts it (`Z`, `+0000`, `+00:00`, optional seconds and millis);
 * NaN when it is not one.
 */
export function parseSalesforceDateTime(text: string): number {
  const m = DATETIME_RE.exec(text);
  if (!m) return Number.NaN;
  const [, y, mo, d, h, mi, s, ms, zone] = m;
  let t = Date.UTC(
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h),
    Number(mi),
    Number(s ?? 0),
    Number((ms ?? '0').padEnd(3, '0')),
  );
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    t -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
  }
  return t;
}

/** Parses `YYYY-MM-DD` as UTC midnight ms; NaN otherwise. */
export function parseSalesforceDate(text: string): number {
  const m = DATE_RE.exec(text);
  if (!m) return Number.NaN;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

/** Epoch ms of a datetime given as ms, Date or string; NaN when unparseable. */
export function toEpochMs(value: unknown): number {
  if (typeof value === 'number') return value;
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'string') {
    const t = parseSalesforceDateTime(value);
    return Number.isNaN(t) ? parseSalesforceDate(value) : t;
  }
  return Number.NaN;
}

/**
 * Normalises a value for storage as the REST API would return it: datetimes to `+0000` strings,
 * dates to `YYYY-MM-DD`, multi-select arrays to `a;b`. Used by bulk seeding, which trusts its caller.
 */
export function toWireValue(field: FieldDef, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  switch (field.type) {
    case 'datetime': {
      const t = toEpochMs(value);
      return Number.isNaN(t) ? value : formatSalesforceDateTime(t);
    }
    case 'date': {
      if (typeof value === 'string' && DATE_RE.test(value)) return value;
      const t = toEpochMs(value);
      return Number.isNaN(t) ? value : formatSalesforceDate(t);
    }
    case 'multipicklist':
      return Array.isArray(value) ? value.join(';') : value;
    default:
      return value;
  }
}
