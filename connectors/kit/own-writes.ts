/**
 * Atlas's own write-back moves a record's modification stamp too. A related record whose stamp is no later
 * than when Atlas last wrote it is taken as changed by that write (the Atlas fields), so what is read through
 * it is not read again. The one change this can hide: a user's edit of that record in the minutes between
 * the run's read and its write-back; the next full reconciliation (ATLAS_FULL_SCHEDULE) reads it.
 */

/**
 * How far a stamp may run past the time Atlas recorded its write and still be that write: the CRM's clock and
 * ours differ a little, and the write is recorded once the call has returned.
 */
export const OWN_WRITE_SKEW_MS = 120_000;

/** True when `recordId` changed at `modifiedMs` through Atlas's own write-back only (see ReadOptions.ownWrites). */
export function changedByOwnWriteOnly(
  recordId: string,
  modifiedMs: number | null,
  ownWrites: ReadonlyMap<string, string> | undefined,
): boolean {
  const written = ownWrites?.get(recordId);
  if (written === undefined || modifiedMs === null || Number.isNaN(modifiedMs)) return false;
  return modifiedMs <= Date.parse(written) + OWN_WRITE_SKEW_MS;
}
