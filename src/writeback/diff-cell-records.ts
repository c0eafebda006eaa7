/**
 * The per-cell records to create, update and delete: the records Atlas wants against those the CRM holds
 * now (read once per run), compared field by field as the field write-back compares values.
 */
import type { CellRecord, HeldCellRecord } from '../../connectors/types.js';
import type { ResultShape } from '../model/index.js';
import { SCORE_STEP } from './diff-writeback.js';
import { sameValue } from './same-value.js';

/**
 * The fields whose change means a write, with the shape they are compared as. `scoredAt` is not one: it
 * says when the figures were computed, so it is written along with a change and never causes one (else
 * every record would be rewritten every night). Score and confidence are compared apart (DRIFTING).
 */
const COMPARED: readonly (readonly [keyof CellRecord, ResultShape])[] = [
  ['parentId', 'text'],
  ['name', 'text'],
  ['sector', 'text'],
  ['technology', 'text'],
  ['level', 'text'],
  ['wonCustomers', 'number'],
  ['certifiedPeople', 'number'],
  ['nextLevel', 'text'],
];

export interface CellRecordDiff {
  /** Records whose key the CRM does not hold. */
  create: CellRecord[];
  /** Records whose key the CRM holds with another value in a compared field. */
  update: CellRecord[];
  unchanged: number;
  /** Records the CRM holds whose cell Atlas no longer wants (gone, or below the levels kept). */
  remove: HeldCellRecord[];
}

/**
 * Figures that move a little every night as evidence ages: a move under SCORE_STEP points alone is no
 * change (as for the partner's top score), so an unchanged ecosystem rewrites no record; once a record is
 * written for any reason, it carries its current figures.
 */
const DRIFTING: readonly ('score' | 'confidence')[] = ['score', 'confidence'];

/** True when a held record already says what the desired one says. */
export function sameCellRecord(desired: CellRecord, held: CellRecord): boolean {
  return (
    COMPARED.every(([field, shape]) => sameValue(shape, desired[field], held[field])) &&
    DRIFTING.every((field) => {
      const had = Number(held[field]);
      return Number.isFinite(had) && Math.abs(desired[field] - had) < SCORE_STEP;
    })
  );
}

/**
 * Diffs desired per-cell records against those held. With `removeGone: false` (some partners were held
 * back this run, so their cells are missing from `desired`) nothing is deleted.
 */
export function diffCellRecords(
  desired: readonly CellRecord[],
  held: readonly HeldCellRecord[],
  options: { removeGone: boolean },
): CellRecordDiff {
  const heldByKey = new Map<string, HeldCellRecord>();
  const remove: HeldCellRecord[] = [];
  for (const record of held) {
    // A key held twice (a unique external id makes it impossible, but an admin may have relaxed it): the
    // first is kept, the others go.
    if (heldByKey.has(record.key)) remove.push(record);
    else heldByKey.set(record.key, record);
  }
  const diff: CellRecordDiff = { create: [], update: [], unchanged: 0, remove };
  const wanted = new Set<string>();
  for (const record of desired) {
    if (wanted.has(record.key)) continue;
    wanted.add(record.key);
    const current = heldByKey.get(record.key);
    if (!current) diff.create.push(record);
    else if (sameCellRecord(record, current)) diff.unchanged++;
    else diff.update.push(record);
  }
  if (options.removeGone) {
    for (const [key, record] of heldByKey) if (!wanted.has(key)) remove.push(record);
  }
  return diff;
}
