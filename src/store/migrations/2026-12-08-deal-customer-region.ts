/**
 * 2026-12-08: a deal keeps where its customer is: the customer's ISO country code and its region key from
 * taxonomy.yaml `regions:`, so demand and matching can go by region. Existing deals have neither until the
 * next full sync reads them again.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on today's table types (Kysely migrations.mdx)
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('deals').addColumn('customer_country', 'text').execute();
  await db.schema.alterTable('deals').addColumn('customer_region', 'text').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: as for up
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('deals').dropColumn('customer_region').execute();
  await db.schema.alterTable('deals').dropColumn('customer_country').execute();
}
