/** Decoders of Bulk API 2.0 CSV columns: typed by REST records already read where they hold a value, else by the describe. */
import type { DescribeSession } from './describe.js';
import { valueAt } from './records.js';
import { csvDecoder } from './values.js';

/** REST JSON date-times end in `+0000`; date and text fields never do. */
const SF_DATETIME_JSON = /T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?\+0000$/;

/**
 * The describe type a REST JSON value proves, or null when it proves none (null, absent, compound). REST JSON
 * carries numbers and booleans typed by the field's describe, so one value is as good as the describe itself.
 */
export function typeOfJsonValue(value: unknown): string | null {
  if (typeof value === 'number') return 'double';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string') return SF_DATETIME_JSON.test(value) ? 'datetime' : 'string';
  return null;
}

function sampledType(sample: readonly Record<string, unknown>[], column: string): string | null {
  for (const record of sample) {
    const type = typeOfJsonValue(valueAt(record, column));
    if (type) return type;
  }
  return null;
}

/**
 * One decoder per CSV column. A column the REST sample types costs no call; the others are resolved through
 * the connector's describe session, so an object is described at most once per connector.
 */
export function csvColumnDecoders(
  object: string,
  header: readonly string[],
  sample: readonly Record<string, unknown>[],
  describes: Pick<DescribeSession, 'resolve'>,
): Promise<Array<(text: string) => unknown>> {
  return Promise.all(
    header.map(async (column) => {
      const sampled = sampledType(sample, column);
      if (sampled) return csvDecoder(sampled);
      const r = await describes.resolve(object, column);
      return csvDecoder(r.ok ? r.field.type : 'string');
    }),
  );
}
