import { describe, expect, it } from 'vitest';
import { decodeHubSpotValue, decodeHubSpotValues, writebackValueTypes } from './values.js';
import { HubSpotWritebackSchema } from './writeback-schema.js';

describe('HubSpot values leave the connector normalised', () => {
  it('decodes text by the type the mapping reads', () => {
    expect(decodeHubSpotValue('boolean', 'true')).toBe(true);
    expect(decodeHubSpotValue('boolean', 'false')).toBe(false);
    expect(decodeHubSpotValue('number', '12.5')).toBe(12.5);
    expect(decodeHubSpotValue('number', ' -1e3 ')).toBe(-1000);
    expect(decodeHubSpotValue('datetime', '1714557600000')).toBe('2024-05-01T10:00:00.000Z');
    expect(decodeHubSpotValue('datetime', '2024-05-01T10:00:00Z')).toBe('2024-05-01T10:00:00.000Z');
    expect(decodeHubSpotValue('date', '1714521600000')).toBe('2024-05-01');
    expect(decodeHubSpotValue('date', '2024-05-01')).toBe('2024-05-01');
    expect(decodeHubSpotValue('number', '')).toBeNull();
  });

  it('keeps text that is not HubSpot encoding of the type, for the mapping to report', () => {
    expect(decodeHubSpotValue('number', '12,5')).toBe('12,5');
    expect(decodeHubSpotValue('boolean', 'maybe')).toBe('maybe');
    expect(decodeHubSpotValue('datetime', 'yesterday')).toBe('yesterday');
    expect(decodeHubSpotValue('number', null)).toBeNull();
  });

  it('decodes record properties and the properties of associated records; untyped text stays text', () => {
    const values: Record<string, unknown> = {
      amount: '48000.50',
      zip: '00123',
      hs_is_closed_won: 'true',
      line_items: [{ id: '1', labels: [], quantity: '3' }],
    };
    decodeHubSpotValues(values, {
      amount: 'number',
      hs_is_closed_won: 'boolean',
      'line_items.quantity': 'number',
    });
    expect(values).toEqual({
      amount: 48000.5,
      zip: '00123',
      hs_is_closed_won: true,
      line_items: [{ id: '1', labels: [], quantity: 3 }],
    });
  });

  it('knows the types of the write-back properties it reads back', () => {
    const writeback = HubSpotWritebackSchema.parse({
      group: { name: 'partner_atlas', label: 'Partner Atlas' },
      fields: [
        {
          result: 'topScore',
          property: 'atlas_top_score',
          label: 'Top',
          type: 'number',
          fieldType: 'number',
        },
        { result: 'scoredAt', property: 'atlas_scored_at', label: 'At', type: 'datetime', fieldType: 'date' },
        {
          result: 'primarySegment',
          property: 'atlas_segment',
          label: 'Seg',
          type: 'string',
          fieldType: 'text',
        },
      ],
    });
    expect(writebackValueTypes(writeback)).toEqual({
      atlas_top_score: 'number',
      atlas_scored_at: 'datetime',
    });
  });
});
