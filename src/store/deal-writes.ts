/** Deal upserts: deal rows by source ref and their partner links, in multi-row statements. */
import type { Kysely } from 'kysely';
import type { Deal } from '../model/index.js';
import type { BulkWriter } from './bulk-write.js';
import { inTransaction, lastByKey } from './in-transaction.js';
import { pushValues, sourceKey, toDealPartnerRows, toDealRow } from './model-rows.js';
import type { Database } from './schema.js';

const pushSeq = (seq: number, out: unknown[]) => out.push(seq);

/**
 * Upserts deals by source ref and replaces their partner links; a deal the CRM had deleted comes back.
 * The upsert returns each deal's `seq` (inserted or updated alike), the key its links are stored under.
 */
export async function upsertDeals(
  db: Kysely<Database>,
  bulk: BulkWriter,
  deals: readonly Deal[],
): Promise<void> {
  const unique = lastByKey(deals, (d) => sourceKey(d.source));
  if (unique.length === 0) return;
  await inTransaction(db, async (trx) => {
    const { rows } = await bulk.run(
      trx,
      'deals:upsert',
      unique,
      (d, out) => pushValues(toDealRow(d), out),
      (chunk) =>
        trx
          .insertInto('deals')
          .values(chunk.map(toDealRow))
          .onConflict((oc) =>
            oc.columns(['source_system', 'source_object', 'source_id']).doUpdateSet((eb) => ({
              id: eb.ref('excluded.id'),
              name: eb.ref('excluded.name'),
              customer_id: eb.ref('excluded.customer_id'),
              sector: eb.ref('excluded.sector'),
              customer_country: eb.ref('excluded.customer_country'),
              customer_region: eb.ref('excluded.customer_region'),
              technologies: eb.ref('excluded.technologies'),
              amount: eb.ref('excluded.amount'),
              currency: eb.ref('excluded.currency'),
              stage: eb.ref('excluded.stage'),
              is_won: eb.ref('excluded.is_won'),
              is_closed: eb.ref('excluded.is_closed'),
              close_date: eb.ref('excluded.close_date'),
              renewal: eb.ref('excluded.renewal'),
              expansion: eb.ref('excluded.expansion'),
              satisfaction: eb.ref('excluded.satisfaction'),
              last_modified: eb.ref('excluded.last_modified'),
              deleted_at: eb.ref('excluded.deleted_at'),
            })),
          )
          .returning(['seq', 'id']),
    );
    // Ids are unique (deals_id_key), so they tell which seq each deal got.
    const seqOf = new Map<string, number>();
    for (const row of rows) seqOf.set(row.id, row.seq);
    const seqs = unique.map((d) => seqOf.get(d.id) ?? missingSeq(d));
    await bulk.run(trx, 'deal_partners:delete', seqs, pushSeq, (chunk) =>
      trx.deleteFrom('deal_partners').where('deal_seq', 'in', chunk),
    );
    const links = unique.flatMap((d, i) => toDealPartnerRows(d, seqs[i] ?? missingSeq(d)));
    await bulk.run(trx, 'deal_partners:insert', links, pushValues, (chunk) =>
      trx.insertInto('deal_partners').values([...chunk]),
    );
  });
}

function missingSeq(deal: Deal): never {
  throw new Error(`upsertDeals: the database returned no row for deal ${deal.id}`);
}
