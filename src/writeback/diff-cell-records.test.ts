import { describe, expect, it } from 'vitest';
import type { CellRecord, HeldCellRecord } from '../../connectors/types.js';
import { diffCellRecords } from './diff-cell-records.js';

function cell(key: string, overrides: Partial<CellRecord> = {}): CellRecord {
  return {
    key,
    parentId: '001000000000001AAA',
    name: 'Healthcare × Data & AI',
    sector: 'Healthcare',
    technology: 'Data & AI',
    level: 'Proven',
    score: 72,
    confidence: 64,
    wonCustomers: 3,
    certifiedPeople: 2,
    nextLevel: 'Specialist in Healthcare × Data & AI needs 2 more won customers',
    scoredAt: '2026-11-24T02:00:00.000Z',
    ...overrides,
  };
}

const held = (recordId: string, record: CellRecord): HeldCellRecord => ({ ...record, recordId });

describe('diffCellRecords', () => {
  it('creates new cells, updates changed ones, keeps the same ones and deletes the gone ones', () => {
    const diff = diffCellRecords(
      [cell('a'), cell('b', { level: 'Specialist', nextLevel: '' }), cell('c')],
      [held('r-b', cell('b')), held('r-c', cell('c')), held('r-d', cell('d'))],
      { removeGone: true },
    );
    expect(diff.create.map((r) => r.key)).toEqual(['a']);
    expect(diff.update.map((r) => [r.key, r.level])).toEqual([['b', 'Specialist']]);
    expect(diff.unchanged).toBe(1);
    expect(diff.remove.map((r) => r.recordId)).toEqual(['r-d']);
  });

  it('compares as the field write-back does: a new scoring instant alone, number formats and empty text are no change', () => {
    const diff = diffCellRecords(
      [cell('a', { scoredAt: '2026-11-25T02:00:00.000Z', nextLevel: '' })],
      [held('r-a', cell('a', { score: 72.0, nextLevel: '  ' }))],
      { removeGone: true },
    );
    expect(diff).toEqual({ create: [], update: [], unchanged: 1, remove: [] });
  });

  it('updates a record moved to another parent, with a new count, or whose score or confidence moved 5 points', () => {
    const diff = diffCellRecords(
      [
        cell('a', { parentId: '001000000000002AAA' }),
        cell('b', { wonCustomers: 4 }),
        cell('c', { score: 77 }),
        cell('d', { confidence: 59 }),
      ],
      [held('r-a', cell('a')), held('r-b', cell('b')), held('r-c', cell('c')), held('r-d', cell('d'))],
      { removeGone: true },
    );
    expect(diff.update.map((r) => r.key)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('rewrites nothing for the nightly drift of score and confidence alone (under 5 points)', () => {
    const diff = diffCellRecords(
      [cell('a', { score: 70, confidence: 61, scoredAt: '2026-11-25T02:00:00.000Z' })],
      [held('r-a', cell('a'))],
      { removeGone: true },
    );
    expect(diff).toEqual({ create: [], update: [], unchanged: 1, remove: [] });
  });

  it('deletes nothing gone while partners are held back, but still removes a second record of one key', () => {
    const diff = diffCellRecords(
      [cell('a')],
      [held('r-a', cell('a')), held('r-a2', cell('a')), held('r-z', cell('z'))],
      {
        removeGone: false,
      },
    );
    expect(diff.unchanged).toBe(1);
    expect(diff.remove.map((r) => r.recordId)).toEqual(['r-a2']);
  });
});
