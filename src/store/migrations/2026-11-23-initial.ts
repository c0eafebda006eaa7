/**
 * 2026-11-23, the first schema: model records, sync cursors, runs and their events / issues / scores,
 * write-back bookkeeping and the run lock. Frozen once shipped: later changes go in a new dated file.
 */
import { type ColumnDefinitionBuilder, type Kysely, sql } from 'kysely';

/** Which SQL the column types are spelled for; a literal here so the migration never imports app types. */
type Flavor = 'sqlite' | 'postgres';

// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on today's table types (Kysely migrations.mdx)
type AnyDb = Kysely<any>;

/** The column types that differ per flavour. */
interface ColumnTypes {
  json: 'jsonb' | 'text';
  bool: 'boolean' | 'integer';
  identity: (col: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;
}

function columnTypes(flavor: Flavor): ColumnTypes {
  return {
    json: flavor === 'postgres' ? 'jsonb' : 'text',
    // SQLite has no boolean type and better-sqlite3 binds no JS booleans: 0 / 1 there.
    bool: flavor === 'postgres' ? 'boolean' : 'integer',
    identity: (col) =>
      flavor === 'postgres'
        ? col.generatedByDefaultAsIdentity().primaryKey()
        : col.primaryKey().autoIncrement(),
  };
}

/**
 * Creates every table. The only dialect differences are three column types, chosen the way Kysely's own
 * `test-setup.ts` picks an id column per dialect (an identity key, JSON and booleans), and SQLite's
 * WITHOUT ROWID for the link table.
 * Timestamps are ISO-8601 text in both: the model's own representation, exact on round trip and
 * ordered correctly as text.
 */
// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on today's table types (Kysely migrations.mdx)
export async function up(db: Kysely<any>, flavor: Flavor): Promise<void> {
  const types = columnTypes(flavor);
  await createPartnerTables(db);
  await createDealTables(db, types, flavor);
  await createPeopleTables(db);
  await createSyncCursorTable(db, types);
  await createRunTables(db, types);
  await createScoreSnapshotTable(db, types);
  await createWritebackTables(db, types);
  await createRunLockTable(db);
}

/** Partners, where each came from in each CRM, and its ids in other systems. */
async function createPartnerTables(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('partners')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('domain', 'text')
    .addColumn('country', 'text')
    .addColumn('region', 'text')
    .addColumn('partner_type', 'text')
    .addColumn('legacy_tier', 'text')
    .addColumn('last_modified', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('partner_source_refs')
    .addColumn('system', 'text', (c) => c.notNull())
    .addColumn('object', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .addPrimaryKeyConstraint('partner_source_refs_pk', ['system', 'object', 'source_id'])
    .execute();
  await db.schema
    .createIndex('partner_source_refs_partner_id')
    .on('partner_source_refs')
    .column('partner_id')
    .execute();

  await db.schema
    .createTable('partner_cross_refs')
    .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id').onDelete('cascade'))
    .addColumn('system', 'text', (c) => c.notNull())
    .addColumn('object', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('partner_cross_refs_pk', ['partner_id', 'system', 'object', 'source_id'])
    .execute();
}

/** Deals and their partners (with roles). */
async function createDealTables(db: AnyDb, t: ColumnTypes, flavor: Flavor): Promise<void> {
  const { json, bool, identity } = t;
  await db.schema
    .createTable('deals')
    .addColumn('seq', 'integer', identity)
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('source_system', 'text', (c) => c.notNull())
    .addColumn('source_object', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('customer_id', 'text')
    .addColumn('sector', 'text')
    .addColumn('technologies', json, (c) => c.notNull())
    .addColumn('amount', 'double precision')
    .addColumn('currency', 'text')
    .addColumn('stage', 'text')
    .addColumn('is_won', bool, (c) => c.notNull())
    .addColumn('is_closed', bool, (c) => c.notNull())
    .addColumn('close_date', 'text')
    .addColumn('renewal', bool)
    .addColumn('expansion', bool)
    .addColumn('satisfaction', 'double precision')
    .addColumn('last_modified', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema
    .createIndex('deals_source')
    .unique()
    .on('deals')
    .columns(['source_system', 'source_object', 'source_id'])
    .execute();

  // Keyed by the deal's integer seq: loadModel reads a page of deals' links as one key range, and
  // SQLite keeps the rows in the key's b-tree itself (WITHOUT ROWID: one b-tree instead of two).
  await db.schema
    .createTable('deal_partners')
    .addColumn('deal_seq', 'integer', (c) => c.notNull().references('deals.seq').onDelete('cascade'))
    .addColumn('partner_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('deal_partners_pk', ['deal_seq', 'partner_id', 'role'])
    .$call((table) => (flavor === 'sqlite' ? table.modifyEnd(sql`without rowid`) : table))
    .execute();
}

/** Certifications and the people who hold them. */
async function createPeopleTables(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('certifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source_system', 'text', (c) => c.notNull())
    .addColumn('source_object', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('partner_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text')
    .addColumn('technology', 'text')
    .addColumn('sector', 'text')
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('earned_date', 'text')
    .addColumn('expiry_date', 'text')
    .addColumn('last_modified', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema
    .createIndex('certifications_source')
    .unique()
    .on('certifications')
    .columns(['source_system', 'source_object', 'source_id'])
    .execute();

  await db.schema
    .createTable('people')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source_system', 'text', (c) => c.notNull())
    .addColumn('source_object', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('email', 'text')
    .addColumn('partner_id', 'text')
    .addColumn('last_modified', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema
    .createIndex('people_source')
    .unique()
    .on('people')
    .columns(['source_system', 'source_object', 'source_id'])
    .execute();
}

/** Where each incremental read of a CRM object stopped. */
async function createSyncCursorTable(db: AnyDb, t: ColumnTypes): Promise<void> {
  const { json } = t;
  await db.schema
    .createTable('sync_cursors')
    .addColumn('system', 'text', (c) => c.notNull())
    .addColumn('object', 'text', (c) => c.notNull())
    .addColumn('cursor', json, (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sync_cursors_pk', ['system', 'object'])
    .execute();
}

/** Runs and what they logged: events and record issues. */
async function createRunTables(db: AnyDb, t: ColumnTypes): Promise<void> {
  const { json, identity } = t;
  await db.schema
    .createTable('runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('options', json, (c) => c.notNull())
    .addColumn('figures', json)
    .addColumn('change_summary', json)
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('runs_started_at').on('runs').column('started_at').execute();

  await db.schema
    .createTable('run_events')
    .addColumn('seq', 'integer', identity)
    .addColumn('run_id', 'text', (c) => c.notNull().references('runs.id').onDelete('cascade'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('data', json)
    .execute();
  await db.schema.createIndex('run_events_run').on('run_events').columns(['run_id', 'seq']).execute();

  await db.schema
    .createTable('record_issues')
    .addColumn('seq', 'integer', identity)
    .addColumn('run_id', 'text', (c) => c.notNull().references('runs.id').onDelete('cascade'))
    .addColumn('system', 'text', (c) => c.notNull())
    .addColumn('object', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('value', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('record_issues_run').on('record_issues').columns(['run_id', 'seq']).execute();
}

/** The scores of each run, per partner and cell. */
async function createScoreSnapshotTable(db: AnyDb, t: ColumnTypes): Promise<void> {
  const { json, identity } = t;
  await db.schema
    .createTable('score_snapshots')
    .addColumn('seq', 'integer', identity)
    .addColumn('run_id', 'text', (c) => c.notNull().references('runs.id').onDelete('cascade'))
    .addColumn('partner_id', 'text', (c) => c.notNull())
    .addColumn('sector', 'text')
    .addColumn('technology', 'text')
    .addColumn('score', 'double precision', (c) => c.notNull())
    .addColumn('level', 'text')
    .addColumn('confidence', 'double precision', (c) => c.notNull())
    .addColumn('details', json, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('score_snapshots_run')
    .on('score_snapshots')
    .columns(['run_id', 'seq'])
    .execute();
  await db.schema
    .createIndex('score_snapshots_partner')
    .on('score_snapshots')
    .columns(['partner_id', 'run_id'])
    .execute();
}

/** Write-back bookkeeping: the values last written and the writes that failed. */
async function createWritebackTables(db: AnyDb, t: ColumnTypes): Promise<void> {
  const { json, bool } = t;
  await db.schema
    .createTable('last_written')
    .addColumn('system', 'text', (c) => c.notNull())
    .addColumn('object', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('value', json, (c) => c.notNull())
    .addColumn('written_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('last_written_pk', ['system', 'object', 'record_id', 'field'])
    .execute();

  await db.schema
    .createTable('write_failures')
    .addColumn('system', 'text', (c) => c.notNull())
    .addColumn('object', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('fields', json, (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('transient', bool, (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('first_at', 'text', (c) => c.notNull())
    .addColumn('last_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('write_failures_pk', ['system', 'object', 'record_id'])
    .execute();
}

/** The lock that keeps two runs from overlapping. */
async function createRunLockTable(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('run_lock')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('acquired_at', 'text', (c) => c.notNull())
    .addColumn('heartbeat_at', 'text', (c) => c.notNull())
    .execute();
}

/** Drops every table of {@link up}, children first. */
// biome-ignore lint/suspicious/noExplicitAny: as for up
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'run_lock',
    'write_failures',
    'last_written',
    'score_snapshots',
    'record_issues',
    'run_events',
    'runs',
    'sync_cursors',
    'people',
    'certifications',
    'deal_partners',
    'deals',
    'partner_cross_refs',
    'partner_source_refs',
    'partners',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
