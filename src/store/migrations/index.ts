/** The in-code migration provider: every migration, by ISO-dated name, bound to the dialect's column types. */
import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './2026-11-23-initial.js';
import * as writeFailureValues from './2026-11-24-write-failure-values.js';
import * as scoreChanges from './2026-12-07-score-changes.js';
import * as dealCustomerRegion from './2026-12-08-deal-customer-region.js';
import * as programme from './2026-12-09-programme.js';

type Flavor = 'sqlite' | 'postgres';

/**
 * Lists the migrations for Kysely's `Migrator`. In code rather than `FileMigrationProvider`, so they ship
 * inside the bundle and need no folder on disk at run time.
 */
export function migrationProvider(flavor: Flavor): MigrationProvider {
  const migrations: Record<string, Migration> = {
    '2026-11-23-initial': {
      up: (db) => initial.up(db, flavor),
      down: (db) => initial.down(db),
    },
    '2026-11-24-write-failure-values': {
      up: (db) => writeFailureValues.up(db, flavor),
      down: (db) => writeFailureValues.down(db),
    },
    '2026-12-07-score-changes': {
      up: (db) => scoreChanges.up(db, flavor),
      down: (db) => scoreChanges.down(db, flavor),
    },
    '2026-12-08-deal-customer-region': {
      up: (db) => dealCustomerRegion.up(db),
      down: (db) => dealCustomerRegion.down(db),
    },
    '2026-12-09-programme': {
      up: (db) => programme.up(db, flavor),
      down: (db) => programme.down(db),
    },
  };
  return { getMigrations: async () => migrations };
}
