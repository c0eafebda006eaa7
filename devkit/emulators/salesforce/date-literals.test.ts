// Tests SOQL date literal ranges relative to a fixed "now".
import { describe, expect, it } from 'vitest';
import { dateLiteralRange } from './date-literals.js';

const NOW = Date.UTC(2024, 5, 12, 15, 30); // Wednesday 2024-06-12 15:30 UTC
const day = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d);

describe('dateLiteralRange', () => {
  it('covers days, weeks (from Sunday), months, quarters and years', () => {
    expect(dateLiteralRange('TODAY', NOW)).toEqual({ start: day(2024, 6, 12), end: day(2024, 6, 13) });
    expect(dateLiteralRange('YESTERDAY', NOW)).toEqual({ start: day(2024, 6, 11), end: day(2024, 6, 12) });
    expect(dateLiteralRange('THIS_WEEK', NOW)).toEqual({ start: day(2024, 6, 9), end: day(2024, 6, 16) });
    expect(dateLiteralRange('LAST_MONTH', NOW)).toEqual({ start: day(2024, 5, 1), end: day(2024, 6, 1) });
    expect(dateLiteralRange('THIS_QUARTER', NOW)).toEqual({ start: day(2024, 4, 1), end: day(2024, 7, 1) });
    expect(dateLiteralRange('LAST_FISCAL_YEAR', NOW)).toEqual({
      start: day(2023, 1, 1),
      end: day(2024, 1, 1),
    });
  });

  it('handles N literals and refuses unknown ones', () => {
    expect(dateLiteralRange('LAST_N_DAYS:7', NOW)).toEqual({ start: day(2024, 6, 5), end: day(2024, 6, 13) });
    expect(dateLiteralRange('NEXT_N_DAYS:2', NOW)).toEqual({
      start: day(2024, 6, 13),
      end: day(2024, 6, 15),
    });
    expect(dateLiteralRange('N_MONTHS_AGO:2', NOW)).toEqual({ start: day(2024, 4, 1), end: day(2024, 5, 1) });
    expect(dateLiteralRange('LAST_N_YEARS:2', NOW)).toEqual({ start: day(2022, 1, 1), end: day(2024, 1, 1) });
    expect(dateLiteralRange('SOMEDAY', NOW)).toBeUndefined();
  });
});
