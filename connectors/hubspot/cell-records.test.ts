import { describe, expect, it } from 'vitest';
import { diffCellRecords } from '../../src/writeback/diff-cell-records.js';
import type { CellRecord } from '../types.js';
import { cellObjectSchema, toHeldCellRecord, toHubSpotCellProperties } from './cell-records.js';
import { HubSpotWritebackSchema } from './writeback-schema.js';

const record: CellRecord = {
  key: '1001|healthcare|data_ai',
  parentId: '1001',
  name: 'Healthcare & Life Sciences × Data & AI',
  sector: 'Healthcare & Life Sciences',
  technology: 'Data & AI',
  level: 'Specialist',
  score: 86,
  confidence: 72,
  wonCustomers: 5,
  certifiedPeople: 3,
  nextLevel: '',
  scoredAt: '2026-01-15T02:00:00.000Z',
};

/** A record as HubSpot reads it back: every value text, the datetime without milliseconds, its company associated. */
function readBack(r: CellRecord, id = '501') {
  const properties = { ...toHubSpotCellProperties(r), scored_at: r.scoredAt.replace('.000Z', 'Z') };
  return { id, properties, associations: { companies: { results: [{ id: r.parentId }] } } };
}

describe('HubSpot per-cell records', () => {
  it('reads back what it wrote as the same record, so the shared diff finds nothing to write', () => {
    const held = toHeldCellRecord(readBack(record));
    expect(held).toEqual({ ...record, recordId: '501' });
    const diff = diffCellRecords([{ ...record, scoredAt: '2026-01-16T02:00:00.000Z' }], [held], {
      removeGone: true,
    });
    expect(diff).toEqual({ create: [], update: [], unchanged: 1, remove: [] });
  });

  it('reads a record without its company as one to write again (so it is associated again)', () => {
    const { associations: _none, ...orphan } = readBack(record);
    const diff = diffCellRecords([record], [toHeldCellRecord(orphan)], { removeGone: true });
    expect(diff.update).toEqual([record]);
  });

  it('creates the object with a unique key for upserts, associated with companies', () => {
    const schema = cellObjectSchema('atlas_expertise');
    expect(schema).toMatchObject({
      name: 'atlas_expertise',
      primaryDisplayProperty: 'cell_name',
      associatedObjects: ['COMPANY'],
    });
    expect(schema.properties.filter((p) => 'hasUniqueValue' in p).map((p) => p.name)).toEqual(['atlas_key']);
    expect(schema.requiredProperties.every((r) => schema.properties.some((p) => p.name === r))).toBe(true);
  });

  it('accepts cellRecords on companies only, with the three levels by default', () => {
    const base = {
      group: { name: 'partner_atlas', label: 'Partner Atlas' },
      fields: [
        {
          result: 'topScore',
          property: 'atlas_top_score',
          label: 'Atlas top score',
          type: 'number',
          fieldType: 'number',
        },
      ],
    };
    const on = HubSpotWritebackSchema.parse({ ...base, cellRecords: {} });
    expect(on.cellRecords).toEqual({
      object: 'atlas_expertise',
      levels: ['Specialist', 'Proven', 'Emerging'],
    });
    const wrong = HubSpotWritebackSchema.safeParse({ ...base, object: 'deals', cellRecords: {} });
    expect(wrong.error?.issues.map((i) => i.path.join('.'))).toEqual(['cellRecords']);
  });
});
