/**
 * 2026-12-09: running a programme. Named users with roles (token hashes or single sign-on identities),
 * sign-in sessions that survive a restart, the audit trail, level overrides and the demotion review queue.
 */
import type { ColumnDefinitionBuilder, Kysely } from 'kysely';

type Flavor = 'sqlite' | 'postgres';

// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on today's table types (Kysely migrations.mdx)
type AnyDb = Kysely<any>;

function identity(flavor: Flavor) {
  return (col: ColumnDefinitionBuilder) =>
    flavor === 'postgres'
      ? col.generatedByDefaultAsIdentity().primaryKey()
      : col.primaryKey().autoIncrement();
}

export async function up(db: AnyDb, flavor: Flavor): Promise<void> {
  const json = flavor === 'postgres' ? 'jsonb' : 'text';
  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.unique())
    .addColumn('oidc_issuer', 'text')
    .addColumn('oidc_subject', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('disabled_at', 'text')
    .addUniqueConstraint('users_oidc_identity', ['oidc_issuer', 'oidc_subject'])
    .execute();
  await db.schema
    .createTable('sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('via', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
  await db.schema
    .createTable('audit_events')
    .addColumn('id', 'integer', identity(flavor))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'text')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('details', json, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_events_at').on('audit_events').column('at').execute();
  await db.schema
    .createTable('level_overrides')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partner_id', 'text', (c) => c.notNull())
    .addColumn('cell', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('level', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('author_user_id', 'text')
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('removed_at', 'text')
    .addColumn('removed_by_user_id', 'text')
    .addColumn('removed_by_name', 'text')
    .execute();
  await db.schema.createIndex('level_overrides_partner').on('level_overrides').column('partner_id').execute();
  await db.schema
    .createTable('demotion_reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partner_id', 'text', (c) => c.notNull())
    .addColumn('cell', 'text', (c) => c.notNull())
    .addColumn('from_level', 'text', (c) => c.notNull())
    .addColumn('to_level', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('first_run_id', 'text', (c) => c.notNull())
    .addColumn('first_seen_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('decided_by_user_id', 'text')
    .addColumn('decided_by_name', 'text')
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('demotion_reviews_status').on('demotion_reviews').column('status').execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of ['demotion_reviews', 'level_overrides', 'audit_events', 'sessions', 'users']) {
    await db.schema.dropTable(table).execute();
  }
}
