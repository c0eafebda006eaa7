import { describe, expect, it } from 'vitest';
import { AtlasError } from '../errors.js';
import { dayNumber, isoDateOf, monthsToDays, nowDay } from './day-numbers.js';

describe('dayNumber', () => {
  it('counts days since 1970-01-01 without Date objects', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('1969-12-31')).toBe(-1);
    expect(dayNumber('2000-03-01')).toBe(11017);
    expect(dayNumber('2024-02-29')).toBe(19782);
    expect(dayNumber('2025-06-30')).toBe(20269);
  });

  it('reads the date part of an ISO datetime', () => {
    expect(dayNumber('2025-06-30T23:59:59.000Z')).toBe(20269);
  });

  it('gives NaN for null and malformed values', () => {
    expect(dayNumber(null)).toBeNaN();
    expect(dayNumber('30/06/2025')).toBeNaN();
    expect(dayNumber('2025-13-01')).toBeNaN();
  });
});

describe('nowDay', () => {
  it('keeps the time of day as a fraction', () => {
    expect(nowDay('2025-06-30T12:00:00.000Z')).toBe(20269.5);
    expect(nowDay('2025-06-30')).toBe(20269);
  });

  it('rejects anything but an ISO date with a clear error', () => {
    expect(() => nowDay('yesterday')).toThrow(AtlasError);
    expect(() => nowDay('yesterday')).toThrow('now must be an ISO date or datetime, got "yesterday"');
  });
});

describe('isoDateOf and monthsToDays', () => {
  it('round-trips day numbers and converts months to days', () => {
    expect(isoDateOf(20269)).toBe('2025-06-30');
    expect(monthsToDays(24)).toBe(730.5);
  });
});
