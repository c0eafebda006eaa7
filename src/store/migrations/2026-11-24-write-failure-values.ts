/**
 * 2026-11-24: a failed write keeps the values it tried to set, so a permanent failure (validation, field
 * security) is not retried until those values change, and the admin sees what was refused.
 */
import type { Kysely } from 'kysely';

type Flavor = 'sqlite' | 'postgres';

// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on today's table types (Kysely migrations.mdx)
export async function up(db: Kysely<any>, flavor: Flavor): Promise<void> {
  const json = flavor === 'postgres' ? 'jsonb' : 'text';
  await db.schema.alterTable('write_failures').addColumn('values_sent', json).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: as for up
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('write_failures').dropColumn('values_sent').execute();
}
