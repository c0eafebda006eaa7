/**
 * The run lock: one row in `run_lock`, taken by a single atomic INSERT ... ON CONFLICT DO UPDATE ... WHERE,
 * so two processes (two schedulers, a CLI run during a nightly run) can never both hold it, on SQLite
 * (writes serialised by the file lock) or PostgreSQL (the conflicting row is locked and re-checked).
 */
import type { Kysely, Selectable } from 'kysely';
import { canonicalTime } from './column-values.js';
import { type RunLock, type RunLockResult, RunLockSchema } from './records.js';
import { parseRow } from './row-validation.js';
import type { Database, RunLockTable } from './schema.js';

const LOCK_NAME = 'run';

function toLock(row: Pick<Selectable<RunLockTable>, 'owner' | 'acquired_at' | 'heartbeat_at'>): RunLock {
  return parseRow(
    RunLockSchema,
    { owner: row.owner, acquiredAt: row.acquired_at, heartbeatAt: row.heartbeat_at },
    { table: 'run_lock', rowId: LOCK_NAME },
  );
}

/**
 * Takes the lock when it is free, already `owner`'s (its acquisition time is kept), or stale: its holder's
 * last heartbeat is more than `staleAfterMs` before `now`.
 */
export async function acquireRunLock(
  db: Kysely<Database>,
  owner: string,
  options: { staleAfterMs: number; now: Date },
): Promise<RunLockResult> {
  const at = canonicalTime(options.now, 'now');
  const staleBefore = canonicalTime(
    new Date(options.now.getTime() - options.staleAfterMs),
    'now - staleAfterMs',
  );
  // A holder may release between our insert and our look; then the lock is free and we try again.
  for (let attempt = 0; attempt < 3; attempt++) {
    const taken = await db
      .insertInto('run_lock')
      .values({ name: LOCK_NAME, owner, acquired_at: at, heartbeat_at: at })
      .onConflict((oc) =>
        oc
          .column('name')
          .doUpdateSet((eb) => ({
            owner: eb.ref('excluded.owner'),
            acquired_at: eb
              .case()
              .when('run_lock.owner', '=', owner)
              .then(eb.ref('run_lock.acquired_at'))
              .else(eb.ref('excluded.acquired_at'))
              .end(),
            heartbeat_at: eb.ref('excluded.heartbeat_at'),
          }))
          .where((eb) =>
            eb.or([eb('run_lock.owner', '=', owner), eb('run_lock.heartbeat_at', '<', staleBefore)]),
          ),
      )
      .returning(['owner', 'acquired_at', 'heartbeat_at'])
      .executeTakeFirst();
    if (taken !== undefined) return { acquired: true, lock: toLock(taken) };
    const held = await db.selectFrom('run_lock').selectAll().where('name', '=', LOCK_NAME).executeTakeFirst();
    if (held !== undefined) return { acquired: false, heldBy: toLock(held) };
  }
  return { acquired: false, heldBy: null };
}

/** Refreshes `owner`'s heartbeat; false when `owner` no longer holds the lock. */
export async function heartbeat(
  db: Kysely<Database>,
  owner: string,
  options: { now: Date },
): Promise<boolean> {
  const result = await db
    .updateTable('run_lock')
    .set({ heartbeat_at: canonicalTime(options.now, 'now') })
    .where('name', '=', LOCK_NAME)
    .where('owner', '=', owner)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function releaseRunLock(db: Kysely<Database>, owner: string): Promise<boolean> {
  const result = await db
    .deleteFrom('run_lock')
    .where('name', '=', LOCK_NAME)
    .where('owner', '=', owner)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}
