/** How JSON and booleans sit in columns, identically for both dialects. */
import type { SqlBool } from 'kysely';
import { AtlasError } from '../errors.js';
import { IsoDateTimeSchema } from '../model/index.js';

/** JSON text for a JSON column; `undefined` is stored as JSON null (read back with row-validation.ts `readJson`). */
export function encodeJson(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}

/** SQLite stores booleans as 0 / 1 and PostgreSQL accepts `1` / `0` for its boolean columns. */
export function encodeBool(value: boolean): 0 | 1 {
  return value ? 1 : 0;
}

export function encodeNullableBool(value: boolean | null): 0 | 1 | null {
  return value === null ? null : value ? 1 : 0;
}

/** Reads a boolean column: PostgreSQL hands back true / false, SQLite 1 / 0. */
export function decodeBool(value: SqlBool): boolean {
  return value === true || value === 1;
}

export function decodeNullableBool(value: SqlBool | null): boolean | null {
  return value === null ? null : decodeBool(value);
}

/**
 * ISO-8601 in one canonical form (`...T14:21:07.000Z`), so timestamps the store compares and orders by
 * sort correctly as text (`07Z` would sort after `07.5Z`). `what` names the argument in the error.
 */
export function canonicalTime(at: string | Date, what: string): string {
  const valid = at instanceof Date ? !Number.isNaN(at.getTime()) : IsoDateTimeSchema.safeParse(at).success;
  if (!valid) {
    throw new AtlasError(
      'STORE_INVALID_INPUT',
      `${what} must be an ISO-8601 UTC timestamp such as 2024-05-02T14:21:07.000Z, got ${JSON.stringify(String(at))}`,
      { context: { argument: what } },
    );
  }
  return new Date(at).toISOString();
}
