import { describe, expect, it } from 'vitest';
import { IsoDateSchema, IsoDateTimeSchema } from '../model/index.js';
import { castBoolean, castDate, castDateTime, castNumber, castString } from './casts.js';

describe('castDateTime', () => {
  it('reads Salesforce +0000 datetimes as ISO UTC', () => {
    expect(castDateTime('2024-05-02T14:21:07.000+0000')).toBe('2024-05-02T14:21:07.000Z');
    expect(castDateTime('2024-05-02T16:21:07.000+0200')).toBe('2024-05-02T14:21:07.000Z');
    expect(castDateTime('2024-05-02T09:21:07-05:00')).toBe('2024-05-02T14:21:07.000Z');
  });

  it('reads HubSpot epoch milliseconds, as text or number, and ISO strings', () => {
    expect(castDateTime('1714659667123')).toBe('2024-05-02T14:21:07.123Z');
    expect(castDateTime(1714659667123)).toBe('2024-05-02T14:21:07.123Z');
    expect(castDateTime('2024-05-02T14:21:07.123Z')).toBe('2024-05-02T14:21:07.123Z');
    expect(castDateTime('2024-05-02')).toBe('2024-05-02T00:00:00.000Z');
  });

  it('always produces what the model accepts', () => {
    for (const input of ['2024-05-02T14:21:07.000+0000', '1714659667123', '2024-02-29T23:59:59.999999Z']) {
      expect(IsoDateTimeSchema.safeParse(castDateTime(input)).success).toBe(true);
    }
  });

  it('rejects impossible or foreign formats instead of guessing', () => {
    for (const bad of [
      '2024-02-30T10:00:00Z',
      '2024-13-01T00:00:00Z',
      '02/05/2024',
      'yesterday',
      '2024-05-02T25:00:00Z',
      {},
      true,
    ]) {
      expect(castDateTime(bad), String(bad)).toBeUndefined();
    }
    expect(castDateTime('99999-01-01')).toBeUndefined();
  });

  it('treats empty as no value', () => {
    expect(castDateTime(null)).toBeNull();
    expect(castDateTime('  ')).toBeNull();
    expect(castDateTime(undefined)).toBeNull();
  });
});

describe('castDate', () => {
  it('keeps calendar dates and takes the UTC date of datetimes and epoch ms', () => {
    expect(castDate('2024-05-02')).toBe('2024-05-02');
    expect(castDate('2024-03-31T00:00:00Z')).toBe('2024-03-31');
    expect(castDate('1711843200000')).toBe('2024-03-31');
    expect(IsoDateSchema.safeParse(castDate('2024-05-02T23:30:00.000-0200')).success).toBe(true);
    expect(castDate('2024-05-02T23:30:00.000-0200')).toBe('2024-05-03');
  });

  it('rejects invalid dates', () => {
    expect(castDate('2023-02-29')).toBeUndefined();
    expect(castDate('2024-5-2')).toBeUndefined();
    expect(castDate('next week')).toBeUndefined();
  });
});

describe('castNumber, castBoolean, castString', () => {
  it('reads numbers from JSON and from HubSpot text', () => {
    expect(castNumber(12.5)).toBe(12.5);
    expect(castNumber(' 48000.50 ')).toBe(48000.5);
    expect(castNumber('-1e3')).toBe(-1000);
    expect(castNumber('')).toBeNull();
    expect(castNumber('12,5')).toBeUndefined();
    expect(castNumber('NaN')).toBeUndefined();
    expect(castNumber(Number.POSITIVE_INFINITY)).toBeUndefined();
  });

  it('reads booleans from JSON and from HubSpot text', () => {
    expect(castBoolean(true)).toBe(true);
    expect(castBoolean('TRUE')).toBe(true);
    expect(castBoolean('false')).toBe(false);
    expect(castBoolean(0)).toBe(false);
    expect(castBoolean('yes')).toBe(true);
    expect(castBoolean('maybe')).toBeUndefined();
    expect(castBoolean(2)).toBeUndefined();
  });

  it('writes scalars as text and refuses structures', () => {
    expect(castString(42)).toBe('42');
    expect(castString(false)).toBe('false');
    expect(castString({ a: 1 })).toBeUndefined();
    expect(castString(['a'])).toBeUndefined();
  });
});
