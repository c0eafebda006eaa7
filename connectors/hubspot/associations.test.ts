import { describe, expect, it } from 'vitest';
import { PropertyCache } from './associations.js';

/** One page: looks `ids` up, reads (caches) the missing ones, settles; returns how many had to be read. */
function page(cache: PropertyCache, ids: string[]): number {
  const missing = cache.missing(ids);
  for (const id of missing) cache.set(id, { name: id });
  cache.settle();
  return missing.length;
}

const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => `c${from + i}`);

describe('PropertyCache', () => {
  it('keeps caching after a cold first page of 5,000 new companies, so recurring companies are read once', () => {
    const cache = new PropertyCache();
    expect(page(cache, range(0, 5_000))).toBe(5_000);
    // The next page's deals name the same companies plus a few new ones: only the new ones are read.
    expect(page(cache, [...range(0, 4_000), ...range(5_000, 100)])).toBe(100);
  });

  it('switches itself off when records never recur on a warm cache (line items)', () => {
    const cache = new PropertyCache();
    page(cache, range(0, 5_000));
    page(cache, range(5_000, 5_000));
    // Nothing recurred over 5,000 warm lookups: the cache empties and stays empty.
    expect(page(cache, range(0, 10))).toBe(10);
    expect(page(cache, range(0, 10))).toBe(10);
  });
});
