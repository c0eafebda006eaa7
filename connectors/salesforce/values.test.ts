import { describe, expect, it } from 'vitest';
import { toRawValues } from './records.js';
import { csvDecoder, toIsoDateTime } from './values.js';

describe('Salesforce values leave the connector normalised', () => {
  it('turns +0000 date-times into ISO UTC and leaves other text alone', () => {
    expect(toIsoDateTime('2024-05-01T10:00:00.000+0000')).toBe('2024-05-01T10:00:00.000Z');
    expect(toIsoDateTime('2024-05-01T10:00:00+0000')).toBe('2024-05-01T10:00:00.000Z');
    expect(toIsoDateTime('2024-05-01')).toBe('2024-05-01');
    expect(toIsoDateTime('Acme +0000 Inc')).toBe('Acme +0000 Inc');
  });

  it('decodes REST records: parents and child rows too, numbers and booleans as JSON gave them', () => {
    const values = toRawValues({
      attributes: { type: 'Opportunity' },
      Id: '006000000000001AAA',
      Amount: 12.5,
      IsWon: true,
      SystemModstamp: '2024-05-01T10:00:00.000+0000',
      Account: { attributes: {}, LastModifiedDate: '2024-04-01T08:30:00.000+0000' },
      OpportunityLineItems: {
        totalSize: 1,
        done: true,
        records: [{ CreatedDate: '2024-03-01T00:00:00.000+0000' }],
      },
    });
    expect(values).toEqual({
      Id: '006000000000001AAA',
      Amount: 12.5,
      IsWon: true,
      SystemModstamp: '2024-05-01T10:00:00.000Z',
      Account: { LastModifiedDate: '2024-04-01T08:30:00.000Z' },
      OpportunityLineItems: [{ CreatedDate: '2024-03-01T00:00:00.000Z' }],
    });
  });

  it('decodes Bulk CSV text by the describe type of its column', () => {
    expect(csvDecoder('boolean')('true')).toBe(true);
    expect(csvDecoder('boolean')('false')).toBe(false);
    expect(csvDecoder('currency')('12.5')).toBe(12.5);
    expect(csvDecoder('int')('n/a')).toBe('n/a');
    expect(csvDecoder('datetime')('2024-05-01T10:00:00.000Z')).toBe('2024-05-01T10:00:00.000Z');
    expect(csvDecoder('string')('2024-05-01T10:00:00.000+0000')).toBe('2024-05-01T10:00:00.000Z');
    expect(csvDecoder('string')('')).toBeNull();
  });
});
