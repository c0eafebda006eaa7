import { describe, expect, it } from 'vitest';
import { hashId, LocalKeys, StringIndex } from './local-keys.js';

describe('StringIndex', () => {
  it('finds every id, the first position of a repeated one, and -1 for strangers', () => {
    const ids = Array.from(
      { length: 5000 },
      (_, i) => `salesforce:Account:001${String(i).padStart(12, '0')}`,
    );
    const index = new StringIndex([...ids, ids[7]!]);
    ids.forEach((id, i) => {
      expect(index.get(id)).toBe(i);
    });
    expect(index.get(`${ids[7]}`)).toBe(7);
    expect(index.get('salesforce:Account:nobody')).toBe(-1);
  });

  it('compares whole strings, not just the hashed tail', () => {
    const a = 'prefix-one:same-tail-0123456789';
    const b = 'prefix-two:same-tail-0123456789';
    expect(hashId(a)).toBe(hashId(b));
    const index = new StringIndex([a, b]);
    expect(index.get(a)).toBe(0);
    expect(index.get(b)).toBe(1);
  });
});

describe('LocalKeys', () => {
  it('numbers distinct keys in order of first appearance, telling colliding hashes apart', () => {
    const keys = [
      'c',
      'a',
      'c',
      'b',
      'a',
      'prefix-one:same-tail-0123456789',
      'prefix-two:same-tail-0123456789',
    ];
    const local = new LocalKeys();
    local.reset(keys.length);
    const keyOf = (i: number) => keys[i]!;
    expect(keys.map((k, i) => local.index(i, hashId(k), keyOf))).toEqual([0, 1, 0, 2, 1, 3, 4]);
    local.reset(2);
    expect(local.index(3, hashId('b'), keyOf)).toBe(0);
  });
});
