/** Partner upserts: partner rows, their source refs (moved when identities merge) and cross refs. */
import type { Kysely } from 'kysely';
import type { Partner, PartnerId } from '../model/index.js';
import type { BulkWriter } from './bulk-write.js';
import { inTransaction, lastByKey } from './in-transaction.js';
import { pushValues, sourceKey, toCrossRefRows, toPartnerRow, toSourceRefRows } from './model-rows.js';
import type { Database } from './schema.js';

const pushId = (id: string, out: unknown[]) => out.push(id);

/**
 * Upserts partners by id and points each of their source refs at them. A ref that belonged to another
 * partner moves (identity resolution merged it); a partner left with no ref at all is removed, since the
 * model has no partner without a CRM record.
 */
export async function upsertPartners(
  db: Kysely<Database>,
  bulk: BulkWriter,
  partners: readonly Partner[],
): Promise<void> {
  const unique = lastByKey(partners, (p) => p.id);
  if (unique.length === 0) return;
  const ids = unique.map((p) => p.id);
  const incoming = new Set<string>(ids);
  const refs = lastByKey(unique.flatMap(toSourceRefRows), (r) =>
    sourceKey({ system: r.system, object: r.object, id: r.source_id }),
  );
  const crossRefs = lastByKey(unique.flatMap(toCrossRefRows), (r) =>
    [r.partner_id, r.system, r.object, r.source_id].join('|'),
  );

  await inTransaction(db, async (trx) => {
    await bulk.run(
      trx,
      'partners:upsert',
      unique,
      (p, out) => pushValues(toPartnerRow(p), out),
      (chunk) =>
        trx
          .insertInto('partners')
          .values(chunk.map(toPartnerRow))
          .onConflict((oc) =>
            oc.column('id').doUpdateSet((eb) => ({
              name: eb.ref('excluded.name'),
              domain: eb.ref('excluded.domain'),
              country: eb.ref('excluded.country'),
              region: eb.ref('excluded.region'),
              partner_type: eb.ref('excluded.partner_type'),
              legacy_tier: eb.ref('excluded.legacy_tier'),
              last_modified: eb.ref('excluded.last_modified'),
            })),
          ),
    );

    const previousOwners = new Set<PartnerId>();
    const refKeys = new Set(
      refs.map((r) => sourceKey({ system: r.system, object: r.object, id: r.source_id })),
    );
    for (const chunk of bulk.chunks(refs, 1)) {
      const owners = await trx
        .selectFrom('partner_source_refs')
        .select(['system', 'object', 'source_id', 'partner_id'])
        .where(
          'source_id',
          'in',
          chunk.map((r) => r.source_id),
        )
        .execute();
      for (const o of owners) {
        const moved = refKeys.has(sourceKey({ system: o.system, object: o.object, id: o.source_id }));
        if (moved && !incoming.has(o.partner_id)) previousOwners.add(o.partner_id);
      }
    }

    await bulk.run(trx, 'partner_source_refs:delete', ids, pushId, (chunk) =>
      trx.deleteFrom('partner_source_refs').where('partner_id', 'in', chunk),
    );
    await bulk.run(trx, 'partner_source_refs:upsert', refs, pushValues, (chunk) =>
      trx
        .insertInto('partner_source_refs')
        .values([...chunk])
        .onConflict((oc) =>
          oc.columns(['system', 'object', 'source_id']).doUpdateSet((eb) => ({
            partner_id: eb.ref('excluded.partner_id'),
            position: eb.ref('excluded.position'),
            deleted_at: eb.ref('excluded.deleted_at'),
          })),
        ),
    );
    await bulk.run(trx, 'partner_cross_refs:delete', ids, pushId, (chunk) =>
      trx.deleteFrom('partner_cross_refs').where('partner_id', 'in', chunk),
    );
    await bulk.run(trx, 'partner_cross_refs:insert', crossRefs, pushValues, (chunk) =>
      trx.insertInto('partner_cross_refs').values([...chunk]),
    );

    for (const chunk of bulk.chunks([...previousOwners], 1)) {
      await trx
        .deleteFrom('partners')
        .where('id', 'in', chunk)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('partner_source_refs as r')
                .select('r.partner_id')
                .whereRef('r.partner_id', '=', 'partners.id'),
            ),
          ),
        )
        .execute();
    }
  });
}
