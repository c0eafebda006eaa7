import { describe, expect, it } from 'vitest';
import { bulkCalls, cheapestRead, chooseAfterFirstPage, restCalls } from './read-choice.js';

const PAGE = 50_000;

describe('read costs', () => {
  it('REST costs one call per page of 2,000 and one for an empty result', () => {
    expect(restCalls(0)).toBe(1);
    expect(restCalls(2000)).toBe(1);
    expect(restCalls(2001)).toBe(2);
    expect(restCalls(20_403)).toBe(11);
  });

  it('Bulk costs create, one status check and one call per results page (one even when empty)', () => {
    expect(bulkCalls(0, PAGE)).toBe(3);
    expect(bulkCalls(50_000, PAGE)).toBe(3);
    expect(bulkCalls(100_000, PAGE)).toBe(4);
  });

  it('the cheapest way to read a count from scratch: REST on a tie, never Bulk when not allowed', () => {
    expect(cheapestRead(4000, { resultsPage: PAGE, bulkAllowed: true })).toEqual({ path: 'rest', calls: 2 });
    expect(cheapestRead(6000, { resultsPage: PAGE, bulkAllowed: true })).toEqual({ path: 'rest', calls: 3 });
    expect(cheapestRead(6001, { resultsPage: PAGE, bulkAllowed: true })).toEqual({ path: 'bulk2', calls: 3 });
    expect(cheapestRead(200_000, { resultsPage: PAGE, bulkAllowed: false })).toEqual({
      path: 'rest',
      calls: 100,
    });
  });
});

describe('chooseAfterFirstPage', () => {
  const choiceAt = (total: number, overrides: Partial<Parameters<typeof chooseAfterFirstPage>[0]> = {}) =>
    chooseAfterFirstPage({ total, read: 2000, resultsPage: PAGE, bulkAllowed: true, ...overrides });

  it('keeps paging REST while the rest costs no more calls than a Bulk job', () => {
    expect(choiceAt(2000)).toBe('rest');
    expect(choiceAt(8000)).toBe('rest'); // 3 pages left vs create + check + 1 results page
  });

  it('reads the rest with Bulk once strictly cheaper: 20,403 partners take 1 + 3 calls, not 11', () => {
    expect(choiceAt(8001)).toBe('bulk2');
    expect(choiceAt(20_403)).toBe('bulk2');
  });

  it('counts the REST pages left at the 2,000 queryMore asks for, whatever the first page held', () => {
    expect(choiceAt(3214, { read: 2 })).toBe('rest'); // the documented example: 2 pages left
    expect(choiceAt(10_000, { read: 200 })).toBe('bulk2');
  });

  it('never chooses Bulk when it is not allowed (subqueries, previews, below the threshold)', () => {
    expect(choiceAt(1_000_000, { bulkAllowed: false })).toBe('rest');
  });
});
