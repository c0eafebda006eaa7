/** Certification and person upserts by source ref, and soft deletes across every model table. */
import type { Kysely } from 'kysely';
import type { Certification, CrmSystem, Person } from '../model/index.js';
import type { BulkWriter } from './bulk-write.js';
import { inTransaction, lastByKey } from './in-transaction.js';
import { pushValues, sourceKey, toCertificationRow, toPersonRow } from './model-rows.js';
import type { Database } from './schema.js';

export async function upsertCertifications(
  db: Kysely<Database>,
  bulk: BulkWriter,
  certifications: readonly Certification[],
): Promise<void> {
  const unique = lastByKey(certifications, (c) => sourceKey(c.source));
  if (unique.length === 0) return;
  await inTransaction(db, (trx) =>
    bulk.run(
      trx,
      'certifications:upsert',
      unique,
      (c, out) => pushValues(toCertificationRow(c), out),
      (chunk) =>
        trx
          .insertInto('certifications')
          .values(chunk.map(toCertificationRow))
          .onConflict((oc) =>
            oc.columns(['source_system', 'source_object', 'source_id']).doUpdateSet((eb) => ({
              id: eb.ref('excluded.id'),
              name: eb.ref('excluded.name'),
              partner_id: eb.ref('excluded.partner_id'),
              person_id: eb.ref('excluded.person_id'),
              technology: eb.ref('excluded.technology'),
              sector: eb.ref('excluded.sector'),
              level: eb.ref('excluded.level'),
              earned_date: eb.ref('excluded.earned_date'),
              expiry_date: eb.ref('excluded.expiry_date'),
              last_modified: eb.ref('excluded.last_modified'),
              deleted_at: eb.ref('excluded.deleted_at'),
            })),
          ),
    ),
  );
}

export async function upsertPeople(
  db: Kysely<Database>,
  bulk: BulkWriter,
  people: readonly Person[],
): Promise<void> {
  const unique = lastByKey(people, (p) => sourceKey(p.source));
  if (unique.length === 0) return;
  await inTransaction(db, (trx) =>
    bulk.run(
      trx,
      'people:upsert',
      unique,
      (p, out) => pushValues(toPersonRow(p), out),
      (chunk) =>
        trx
          .insertInto('people')
          .values(chunk.map(toPersonRow))
          .onConflict((oc) =>
            oc.columns(['source_system', 'source_object', 'source_id']).doUpdateSet((eb) => ({
              id: eb.ref('excluded.id'),
              name: eb.ref('excluded.name'),
              email: eb.ref('excluded.email'),
              partner_id: eb.ref('excluded.partner_id'),
              last_modified: eb.ref('excluded.last_modified'),
              deleted_at: eb.ref('excluded.deleted_at'),
            })),
          ),
    ),
  );
}

/**
 * Soft-deletes the records with these ids in whichever model table holds them. A record deleted earlier keeps
 * its first deletion time. A partner disappears from the model once every one of its source refs is deleted.
 */
export async function markDeleted(
  db: Kysely<Database>,
  bulk: BulkWriter,
  system: CrmSystem,
  object: string,
  ids: readonly string[],
  at: string,
): Promise<number> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return 0;
  return inTransaction(db, async (trx) => {
    let marked = 0;
    // Three parameters besides the ids: the time, the system and the object.
    for (const chunk of bulk.chunks(unique, 1, 3)) {
      const refs = await trx
        .updateTable('partner_source_refs')
        .set({ deleted_at: at })
        .where('system', '=', system)
        .where('object', '=', object)
        .where('source_id', 'in', chunk)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      marked += Number(refs.numUpdatedRows);
      for (const table of ['deals', 'certifications', 'people'] as const) {
        const result = await trx
          .updateTable(table)
          .set({ deleted_at: at })
          .where('source_system', '=', system)
          .where('source_object', '=', object)
          .where('source_id', 'in', chunk)
          .where('deleted_at', 'is', null)
          .executeTakeFirst();
        marked += Number(result.numUpdatedRows);
      }
    }
    return marked;
  });
}

/** The ids of one CRM object's records the store holds alive, whatever model type they became. */
export async function liveSourceIds(
  db: Kysely<Database>,
  system: CrmSystem,
  object: string,
): Promise<string[]> {
  const refs = await db
    .selectFrom('partner_source_refs')
    .select('source_id')
    .where('system', '=', system)
    .where('object', '=', object)
    .where('deleted_at', 'is', null)
    .execute();
  const ids = refs.map((r) => r.source_id);
  for (const table of ['deals', 'certifications', 'people'] as const) {
    const rows = await db
      .selectFrom(table)
      .select('source_id')
      .where('source_system', '=', system)
      .where('source_object', '=', object)
      .where('deleted_at', 'is', null)
      .execute();
    for (const row of rows) ids.push(row.source_id);
  }
  return ids;
}
