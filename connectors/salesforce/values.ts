/**
 * Salesforce values as the model reads them. REST JSON carries numbers and booleans as such, but date-times
 * as `2024-05-02T14:21:07.000+0000`; Bulk API 2.0 CSV carries everything as text, typed by the describe.
 */

/** A Salesforce date-time (`…+0000`, milliseconds optional). */
const SF_DATETIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?)\+0000$/;

/** A Salesforce date-time as ISO UTC (`2024-05-02T14:21:07.000Z`); any other text as it is. */
export function toIsoDateTime(value: string): string {
  const m = SF_DATETIME.exec(value);
  return m ? new Date(`${m[1]}Z`).toISOString() : value;
}

/** Describe field types whose CSV text is a number. */
const NUMBER_TYPES = new Set(['int', 'double', 'currency', 'percent']);

/**
 * The decoder of a Bulk CSV column of a describe field type: an empty cell is null, numbers and booleans
 * are parsed, date-times made ISO; text that does not parse is kept for the mapping to report.
 */
export function csvDecoder(type: string): (text: string) => unknown {
  if (type === 'boolean') return (text) => (text === '' ? null : text.toLowerCase() === 'true');
  if (NUMBER_TYPES.has(type)) {
    return (text) => {
      if (text === '') return null;
      const n = Number(text);
      return Number.isFinite(n) ? n : text;
    };
  }
  if (type === 'datetime') {
    return (text) => {
      if (text === '') return null;
      return Number.isNaN(Date.parse(text)) ? text : new Date(text).toISOString();
    };
  }
  return (text) => (text === '' ? null : toIsoDateTime(text));
}
