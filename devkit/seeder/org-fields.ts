/** Seed rows fitted to the org's schema: fields the org does not have are left out (a plain org has no IsPartner, CurrencyIsoCode or Atlas fields). */
import type { ObjectDef } from '../emulators/salesforce/schema.js';

/**
 * The rows without the fields `def` lacks. Rows of one object share their keys (the row builders fix
 * them), so the first row tells which to drop; when none is, the rows are returned as they are.
 */
export function keepOrgFields<T extends Record<string, unknown>>(
  def: ObjectDef,
  rows: readonly T[],
): ReadonlyArray<Record<string, unknown>> {
  const first = rows[0];
  if (first === undefined) return rows;
  const absent = Object.keys(first).filter((key) => !def.fields.has(key));
  if (absent.length === 0) return rows;
  return rows.map((row) => {
    const kept: Record<string, unknown> = { ...row };
    for (const key of absent) delete kept[key];
    return kept;
  });
}
