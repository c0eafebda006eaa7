import { describe, expect, it } from 'vitest';
import type { PartnerId, PartnerScore } from '../model/index.js';
import type { LastWrittenValue, WriteFailure } from '../store/index.js';
import type { DesiredRecord } from './desired-records.js';
import { type DiffInput, diffWriteback, writtenValues } from './diff-writeback.js';
import type { WritebackTarget } from './writeback-target.js';

const target: WritebackTarget = {
  system: 'salesforce',
  object: 'Account',
  fields: [
    {
      name: 'Atlas_Primary_Segment__c',
      result: 'primarySegment',
      benefit: null,
      shape: 'text',
      maxLength: 255,
    },
    { name: 'Atlas_Segments__c', result: 'segments', benefit: null, shape: 'list', maxLength: null },
    { name: 'Atlas_Top_Score__c', result: 'topScore', benefit: null, shape: 'number', maxLength: null },
    { name: 'Atlas_Scored_At__c', result: 'scoredAt', benefit: null, shape: 'datetime', maxLength: null },
  ],
  lists: [],
  cellLevels: null,
};

const score = {
  partnerId: 'p' as PartnerId,
  segments: [],
  primarySegment: null,
  topScore: 0,
  needs: [],
} satisfies PartnerScore;

function desired(recordId: string, primary: string | null, segments: string[], top: number): DesiredRecord {
  return {
    recordId,
    partnerId: `salesforce:Account:${recordId}` as PartnerId,
    values: {
      Atlas_Primary_Segment__c: primary,
      Atlas_Segments__c: segments,
      Atlas_Top_Score__c: top,
      Atlas_Scored_At__c: '2026-11-24T02:00:00.000Z',
    },
    score,
    segments: [],
    cells: [],
  };
}

const ledgerRow = (recordId: string, field: string, value: unknown): LastWrittenValue => ({
  system: 'salesforce',
  object: 'Account',
  recordId,
  field,
  value,
  writtenAt: '2026-11-23T02:00:00.000Z',
});

function input(overrides: Partial<DiffInput>): DiffInput {
  return {
    target,
    desired: [],
    lastWritten: [],
    crmValues: new Map(),
    failures: [],
    maxAttempts: 5,
    ...overrides,
  };
}

const record = desired(
  '001A',
  'Retail × Cloud — Proven',
  ['Retail × Cloud — Proven', 'Retail — Proven'],
  61.5,
);
const ledgerOfRecord = Object.entries(record.values)
  .filter(([field]) => field !== 'Atlas_Scored_At__c')
  .map(([field, value]) => ledgerRow('001A', field, value));

describe('diffWriteback: what to write', () => {
  it('writes every non-empty field of a record never written nor read, with scoredAt', () => {
    const diff = diffWriteback(input({ desired: [record, desired('001B', null, [], 0)] }));
    expect(diff.updates).toEqual([
      { recordId: '001A', partnerId: record.partnerId, values: record.values, drift: [] },
      {
        recordId: '001B',
        partnerId: 'salesforce:Account:001B',
        values: { Atlas_Top_Score__c: 0, Atlas_Scored_At__c: '2026-11-24T02:00:00.000Z' },
        drift: [],
      },
    ]);
  });

  it('writes nothing when the ledger already holds the desired values, whatever the list order', () => {
    const reordered = {
      ...record,
      values: { ...record.values, Atlas_Segments__c: ['Retail — Proven', 'Retail × Cloud — Proven'] },
    };
    const diff = diffWriteback(input({ desired: [reordered], lastWritten: ledgerOfRecord }));
    expect(diff.updates).toEqual([]);
    expect(diff.unchangedRecords).toBe(1);
    expect(diff.unchangedFields).toBe(3);
  });

  it('sends only the changed fields and a new scoredAt', () => {
    const moved = desired(
      '001A',
      'Retail × Cloud — Proven',
      ['Retail × Cloud — Proven', 'Retail — Proven'],
      67,
    );
    const diff = diffWriteback(input({ desired: [moved], lastWritten: ledgerOfRecord }));
    expect(diff.updates[0]?.values).toEqual({
      Atlas_Top_Score__c: 67,
      Atlas_Scored_At__c: '2026-11-24T02:00:00.000Z',
    });
  });

  it('writes nothing for a top-score move under SCORE_STEP alone, but carries it along with another change', () => {
    const drifted = desired(
      '001A',
      'Retail × Cloud — Proven',
      ['Retail × Cloud — Proven', 'Retail — Proven'],
      60,
    );
    expect(diffWriteback(input({ desired: [drifted], lastWritten: ledgerOfRecord })).updates).toEqual([]);
    const demoted = desired('001A', 'Retail — Proven', ['Retail × Cloud — Proven', 'Retail — Proven'], 60);
    expect(
      diffWriteback(input({ desired: [demoted], lastWritten: ledgerOfRecord })).updates[0]?.values,
    ).toEqual({
      Atlas_Primary_Segment__c: 'Retail — Proven',
      Atlas_Top_Score__c: 60,
      Atlas_Scored_At__c: '2026-11-24T02:00:00.000Z',
    });
  });

  it('reads CRM formats as equal to what was written: `a;b` lists and numbers as strings', () => {
    const crmValues = new Map([
      [
        '001A',
        {
          Atlas_Primary_Segment__c: 'Retail × Cloud — Proven',
          Atlas_Segments__c: 'Retail — Proven;Retail × Cloud — Proven',
          Atlas_Top_Score__c: '61.5',
        },
      ],
    ]);
    const diff = diffWriteback(input({ desired: [record], lastWritten: ledgerOfRecord, crmValues }));
    expect(diff.updates).toEqual([]);
    expect(diff.drift).toEqual([]);
  });

  it('overwrites a hand edit of an Atlas field and reports it as drift', () => {
    const crmValues = new Map([
      [
        '001A',
        {
          Atlas_Primary_Segment__c: 'Gold partner',
          Atlas_Segments__c: 'Retail — Proven;Retail × Cloud — Proven',
          Atlas_Top_Score__c: 61.5,
        },
      ],
    ]);
    const diff = diffWriteback(input({ desired: [record], lastWritten: ledgerOfRecord, crmValues }));
    expect(diff.drift).toEqual([
      {
        recordId: '001A',
        field: 'Atlas_Primary_Segment__c',
        written: 'Retail × Cloud — Proven',
        found: 'Gold partner',
      },
    ]);
    expect(diff.updates).toEqual([
      {
        recordId: '001A',
        partnerId: record.partnerId,
        values: {
          Atlas_Primary_Segment__c: 'Retail × Cloud — Proven',
          Atlas_Scored_At__c: '2026-11-24T02:00:00.000Z',
        },
        drift: ['Atlas_Primary_Segment__c'],
      },
    ]);
  });

  it('skips a value the CRM already holds even without a ledger (a lost ledger causes no duplicate write)', () => {
    const crmValues = new Map([
      [
        '001A',
        {
          Atlas_Primary_Segment__c: 'Retail × Cloud — Proven',
          Atlas_Segments__c: 'Retail × Cloud — Proven;Retail — Proven',
          Atlas_Top_Score__c: 61.5,
        },
      ],
    ]);
    expect(diffWriteback(input({ desired: [record], crmValues })).updates).toEqual([]);
  });
});

describe('diffWriteback: failed writes and the ledger', () => {
  it('retries any failure with backoff up to maxAttempts, new values at once, and everything under --full', () => {
    const failure = (
      recordId: string,
      transient: boolean,
      attempts: number,
      values: Record<string, unknown> | null,
    ): WriteFailure => ({
      system: 'salesforce',
      object: 'Account',
      recordId,
      fields: Object.keys(values ?? {}),
      values,
      code: transient ? 'UNABLE_TO_LOCK_ROW' : 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
      message: 'refused',
      transient,
      attempts,
      firstAt: '2026-11-20T02:00:00.000Z',
      lastAt: '2026-11-23T02:00:00.000Z',
    });
    const b = desired('001B', 'Retail — Proven', ['Retail — Proven'], 40);
    const c = desired('001C', 'Retail — Proven', ['Retail — Proven'], 40);
    const d = desired('001D', 'Retail — Proven', ['Retail — Proven'], 40);
    const diff = diffWriteback(
      input({
        desired: [record, b, c, d],
        failures: [
          failure('001A', false, 1, { ...record.values, Atlas_Scored_At__c: '2026-11-20T02:00:00.000Z' }),
          failure('001B', false, 2, { ...b.values, Atlas_Top_Score__c: 39 }),
          failure('001C', true, 5, b.values),
          failure('001D', true, 4, b.values),
        ],
        now: new Date('2026-11-23T03:00:00.000Z'),
      }),
    );
    // 001A failed once: tried on the next run. 001D failed 4 times: waits 4 hours. 001B has new values.
    expect(diff.held.map((h) => [h.recordId, h.reason, h.retryAfter])).toEqual([
      ['001C', 'too-many-attempts', '2026-11-23T10:00:00.000Z'],
      ['001D', 'backoff', '2026-11-23T06:00:00.000Z'],
    ]);
    expect(diff.updates.map((u) => u.recordId)).toEqual(['001A', '001B']);
    const full = diffWriteback(
      input({
        desired: [c],
        failures: [failure('001C', true, 5, b.values)],
        retryHeld: true,
      }),
    );
    expect(full.updates.map((u) => u.recordId)).toEqual(['001C']);
  });

  it('turns an update into ledger rows', () => {
    const [update] = diffWriteback(input({ desired: [record] })).updates;
    expect(update && writtenValues(target, update, '2026-11-24T02:00:01.000Z')).toContainEqual({
      ...ledgerRow('001A', 'Atlas_Segments__c', ['Retail × Cloud — Proven', 'Retail — Proven']),
      writtenAt: '2026-11-24T02:00:01.000Z',
    });
  });
});
