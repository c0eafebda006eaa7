/** Write-back bookkeeping (last written values, write failures) and sync cursors. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DIALECTS, type LastWrittenValue, type WriteFailureInput } from '../../src/store/index.js';
import { initTest, skipDialect, type TestContext } from '../support/store-setup.js';

const written = (recordId: string, field: string, value: unknown, at = '2025-03-01T02:00:00.000Z') =>
  ({
    system: 'salesforce',
    object: 'Account',
    recordId,
    field,
    value,
    writtenAt: at,
  }) satisfies LastWrittenValue;

const failure = (recordId: string, overrides: Partial<WriteFailureInput> = {}): WriteFailureInput => ({
  system: 'hubspot',
  object: 'companies',
  recordId,
  fields: ['atlas_segments', 'atlas_top_score'],
  values: { atlas_segments: ['Retail × Cloud — Proven'], atlas_top_score: 61.5 },
  code: 'RATE_LIMITS',
  message: 'Too many requests',
  transient: true,
  ...overrides,
});

for (const dialect of DIALECTS) {
  describe.skipIf(skipDialect(dialect))(`${dialect}: write-back bookkeeping and cursors`, () => {
    let ctx: TestContext;
    beforeEach(async () => {
      ctx = await initTest(dialect);
    });
    afterEach(async () => {
      await ctx.destroy();
    });

    it('keeps the last value written per record and field, of any JSON shape', async () => {
      await ctx.store.saveLastWritten([
        written('001A', 'Atlas_Segments__c', ['healthcare:data_ai', 'retail:cloud']),
        written('001A', 'Atlas_Top_Score__c', 72.5),
        written('001B', 'Atlas_Primary_Segment__c', null),
        { ...written('9001', 'atlas_needs', 'x'), system: 'hubspot', object: 'companies' },
      ]);
      await ctx.store.saveLastWritten([
        written('001A', 'Atlas_Top_Score__c', 80, '2025-03-02T02:00:00.000Z'),
      ]);

      expect(await ctx.store.listLastWritten({ system: 'salesforce' })).toEqual([
        written('001A', 'Atlas_Segments__c', ['healthcare:data_ai', 'retail:cloud']),
        written('001A', 'Atlas_Top_Score__c', 80, '2025-03-02T02:00:00.000Z'),
        written('001B', 'Atlas_Primary_Segment__c', null),
      ]);
      expect(await ctx.store.listLastWritten({ system: 'hubspot', object: 'companies' })).toHaveLength(1);
      expect(await ctx.store.listLastWritten({ system: 'hubspot', object: 'deals' })).toEqual([]);
    });

    it('counts repeated failures of a record, lists them, and clears them once written', async () => {
      await ctx.store.recordWriteFailures([failure('1'), failure('2')], '2025-03-01T02:00:00.000Z');
      await ctx.store.recordWriteFailures(
        [
          failure('1', {
            code: 'VALIDATION_ERROR',
            message: 'bad option',
            transient: false,
            fields: ['atlas_needs'],
            values: { atlas_needs: ['Not an option'] },
          }),
        ],
        '2025-03-02T02:00:00.000Z',
      );

      expect(await ctx.store.listWriteFailures({ system: 'hubspot' })).toEqual([
        {
          ...failure('1', {
            code: 'VALIDATION_ERROR',
            message: 'bad option',
            transient: false,
            fields: ['atlas_needs'],
            values: { atlas_needs: ['Not an option'] },
          }),
          attempts: 2,
          firstAt: '2025-03-01T02:00:00.000Z',
          lastAt: '2025-03-02T02:00:00.000Z',
        },
        {
          ...failure('2'),
          attempts: 1,
          firstAt: '2025-03-01T02:00:00.000Z',
          lastAt: '2025-03-01T02:00:00.000Z',
        },
      ]);
      expect(await ctx.store.listWriteFailures({ system: 'salesforce' })).toEqual([]);
      // Failures from before values were kept read back with null values.
      await ctx.store.recordWriteFailures(
        [{ ...failure('3'), values: undefined }],
        '2025-03-01T02:00:00.000Z',
      );
      expect((await ctx.store.listWriteFailures()).find((f) => f.recordId === '3')?.values).toBeNull();
      await ctx.store.clearWriteFailures('hubspot', 'companies', ['3']);

      expect(await ctx.store.clearWriteFailures('hubspot', 'companies', ['1', 'never-failed'])).toBe(1);
      expect((await ctx.store.listWriteFailures()).map((f) => f.recordId)).toEqual(['2']);
    });

    it('saves a cursor per system and object, returns it as unvalidated JSON, and forgets it on demand', async () => {
      const CursorSchema = z.object({ since: z.iso.datetime(), lastId: z.string() });
      expect(await ctx.store.getCursor('salesforce', 'Opportunity')).toBeUndefined();

      await ctx.store.saveCursor(
        'salesforce',
        'Opportunity',
        { since: '2025-03-01T00:00:00Z', lastId: '006A' },
        '2025-03-01T00:00:00.000Z',
      );
      await ctx.store.saveCursor(
        'salesforce',
        'Opportunity',
        { since: '2025-03-02T00:00:00Z', lastId: '006B' },
        '2025-03-02T00:00:00.000Z',
      );
      await ctx.store.saveCursor('hubspot', 'deals', 'after-123', '2025-03-02T00:00:00.000Z');

      expect(CursorSchema.parse(await ctx.store.getCursor('salesforce', 'Opportunity'))).toEqual({
        since: '2025-03-02T00:00:00Z',
        lastId: '006B',
      });
      // A JSON string stays a string, on both dialects.
      expect(await ctx.store.getCursor('hubspot', 'deals')).toBe('after-123');
      expect((await ctx.store.listCursors()).map((c) => [c.system, c.object, c.updatedAt])).toEqual([
        ['hubspot', 'deals', '2025-03-02T00:00:00.000Z'],
        ['salesforce', 'Opportunity', '2025-03-02T00:00:00.000Z'],
      ]);

      expect(await ctx.store.clearCursors({ system: 'hubspot' })).toBe(1);
      expect(await ctx.store.getCursor('hubspot', 'deals')).toBeUndefined();
      expect(await ctx.store.clearCursors()).toBe(1);
      expect(await ctx.store.listCursors()).toEqual([]);
    });
  });
}
