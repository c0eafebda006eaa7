/**
 * HubSpot values as the model reads them: HubSpot sends every property as text (`"12.5"`, `"true"`), and
 * dates and date-times as ISO text or epoch milliseconds. The read plan says which paths the mapping reads
 * as a number, boolean, date or date-time; the write-back section says it for the properties we write.
 */
import type { ValueType } from '../types.js';
import type { HubSpotWriteback } from './writeback-schema.js';

const NUMBER_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const EPOCH_MS_TEXT = /^-?\d{1,16}$/;
const DATE_TEXT = /^\d{4}-\d{2}-\d{2}$/;

/** The instant of a date-time given as epoch milliseconds or ISO 8601 text, or undefined. */
export function instantOf(text: string): Date | undefined {
  const date = new Date(EPOCH_MS_TEXT.test(text) ? Number(text) : Date.parse(text));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * One property value as a value of the type: `"12.5"` → 12.5, `"true"` → true, epoch milliseconds or ISO
 * → ISO UTC (a date: `YYYY-MM-DD`), `""` → null. Text that is not HubSpot's encoding of the type is kept
 * as it is, for the mapping to report.
 */
export function decodeHubSpotValue(type: ValueType, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (text === '') return null;
  switch (type) {
    case 'number':
      return NUMBER_TEXT.test(text) && Number.isFinite(Number(text)) ? Number(text) : value;
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : value;
    case 'date':
      if (DATE_TEXT.test(text)) return text;
      return instantOf(text)?.toISOString().slice(0, 10) ?? value;
    case 'datetime':
      return instantOf(text)?.toISOString() ?? value;
  }
}

/** The value types of the write-back properties (read back to compare with what Atlas wants there). */
export function writebackValueTypes(writeback: HubSpotWriteback | null): Record<string, ValueType> {
  const types: Record<string, ValueType> = {};
  for (const f of writeback?.fields ?? []) {
    if (f.type === 'number' || f.type === 'date' || f.type === 'datetime') types[f.property] = f.type;
    if (f.type === 'bool') types[f.property] = 'boolean';
  }
  return types;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Decodes a raw record's values in place: `amount` on the record, `line_items.quantity` on each associated
 * record under `line_items`.
 */
export function decodeHubSpotValues(
  values: Record<string, unknown>,
  types: Readonly<Record<string, ValueType>>,
): void {
  for (const [path, type] of Object.entries(types)) {
    const dot = path.indexOf('.');
    if (dot < 0) {
      if (path in values) values[path] = decodeHubSpotValue(type, values[path]);
      continue;
    }
    const items = values[path.slice(0, dot)];
    const property = path.slice(dot + 1);
    if (!Array.isArray(items)) continue;
    for (const item of items) {
      if (isRecord(item) && property in item) item[property] = decodeHubSpotValue(type, item[property]);
    }
  }
}
