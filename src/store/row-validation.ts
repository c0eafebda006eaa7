/** Rows validated as they are read back: a row that does not hold what Atlas wrote is named by table, id and column. */
import type { z } from 'zod';
import { AtlasError, errorMessage } from '../errors.js';

/** Which stored row a value comes from. */
export interface RowRef {
  table: string;
  /** The row's key: its id, `seq`, or `system/object/record` for composite keys. */
  rowId: string | number;
  /** The column, when the problem is in one. */
  column?: string;
}

/** STORE_ROW_INVALID for `where`: the row was edited outside Atlas, or written by an incompatible version. */
export function rowInvalid(where: RowRef, problem: string, cause?: unknown): AtlasError {
  const column = where.column === undefined ? '' : ` column ${where.column}`;
  return new AtlasError(
    'STORE_ROW_INVALID',
    `${where.table} row ${where.rowId}${column} does not hold what Atlas writes (${problem}): it was changed outside Atlas; fix or delete that row`,
    { context: { table: where.table, rowId: where.rowId, column: where.column }, cause },
  );
}

/** The value of a JSON column (text in both dialects, see postgres-dialect.ts); SQL NULL reads as null. */
export function readJson(text: string | null, where: RowRef): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw rowInvalid(where, `not JSON: ${errorMessage(error)}`, error);
  }
}

/** `record` (a row already mapped to the record's field names) through `schema`, or STORE_ROW_INVALID naming the field. */
export function parseRow<S extends z.ZodType>(schema: S, record: unknown, where: RowRef): z.infer<S> {
  const parsed = schema.safeParse(record);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue === undefined ? '' : issue.path.map(String).join('.');
  throw rowInvalid(where, `${field === '' ? '' : `${field}: `}${issue?.message ?? 'invalid'}`, parsed.error);
}
