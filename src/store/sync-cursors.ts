/** Sync cursors per (system, object), kept as JSON the connectors validate with their own schemas. */
import type { Kysely } from 'kysely';
import type { CrmSystem } from '../model/index.js';
import { canonicalTime, encodeJson } from './column-values.js';
import { type SyncCursor, SyncCursorSchema } from './records.js';
import { parseRow, type RowRef, readJson } from './row-validation.js';
import type { Database } from './schema.js';

function cursorColumn(system: string, object: string): RowRef {
  return { table: 'sync_cursors', rowId: `${system}/${object}`, column: 'cursor' };
}

/** The saved cursor, or undefined when the object was never synced (or its cursor was cleared). */
export async function getCursor(db: Kysely<Database>, system: CrmSystem, object: string): Promise<unknown> {
  const row = await db
    .selectFrom('sync_cursors')
    .select('cursor')
    .where('system', '=', system)
    .where('object', '=', object)
    .executeTakeFirst();
  return row === undefined ? undefined : readJson(row.cursor, cursorColumn(system, object));
}

export async function saveCursor(
  db: Kysely<Database>,
  system: CrmSystem,
  object: string,
  cursor: unknown,
  at: string,
): Promise<void> {
  const row = { system, object, cursor: encodeJson(cursor), updated_at: canonicalTime(at, 'at') };
  await db
    .insertInto('sync_cursors')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['system', 'object']).doUpdateSet((eb) => ({
        cursor: eb.ref('excluded.cursor'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}

export async function listCursors(db: Kysely<Database>): Promise<SyncCursor[]> {
  const rows = await db.selectFrom('sync_cursors').selectAll().orderBy('system').orderBy('object').execute();
  return rows.map((row) =>
    parseRow(
      SyncCursorSchema,
      {
        system: row.system,
        object: row.object,
        cursor: readJson(row.cursor, cursorColumn(row.system, row.object)),
        updatedAt: row.updated_at,
      },
      { table: 'sync_cursors', rowId: `${row.system}/${row.object}` },
    ),
  );
}

export async function clearCursors(
  db: Kysely<Database>,
  filter: { system?: CrmSystem; object?: string } = {},
): Promise<number> {
  let query = db.deleteFrom('sync_cursors');
  if (filter.system !== undefined) query = query.where('system', '=', filter.system);
  if (filter.object !== undefined) query = query.where('object', '=', filter.object);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}
