/** Bulk API 2.0 CSV (RFC 4180: quoted cells, doubled quotes, LF or CRLF) read and written with csv-parse / csv-stringify. */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

/** Parses a CSV text into rows of cells; a trailing line break does not add an empty row. */
export function parseCsv(text: string): string[][] {
  // Without `columns`, csv-parse returns one array of strings per record.
  const rows: string[][] = parse(text, { record_delimiter: ['\r\n', '\n'], relax_column_count: true });
  return rows;
}

/** Writes rows as CSV with LF line ends, every cell quoted (values may hold commas, quotes, line breaks, `;`). */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return stringify(
    rows.map((row) => [...row]),
    { quoted: true, quoted_empty: true, record_delimiter: 'unix' },
  );
}
