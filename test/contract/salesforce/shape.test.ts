// Tests the shape comparison the contract tests rely on.
import { describe, expect, it } from 'vitest';
import { shapeDiff } from '../../support/shape.js';

describe('shapeDiff', () => {
  it('accepts equal shapes with different values', () => {
    expect(shapeDiff({ a: 1, b: ['x'], c: { d: true } }, { a: 2, b: ['y', 'z'], c: { d: false } })).toEqual(
      [],
    );
  });

  it('reports missing keys, wrong types and (exact) extra keys', () => {
    expect(shapeDiff({ a: 1, b: 'x' }, { a: '1', c: 2 }, { exact: true })).toEqual([
      '$.a: expected number, got string',
      '$.b: missing',
      '$.c: not in the documented example',
    ]);
  });

  it('checks every array element against the example element, and null accepts anything', () => {
    expect(shapeDiff([{ id: 'x', rel: null }], [{ id: 'a', rel: 'R' }, { rel: null }])).toEqual([
      '$[1].id: missing',
    ]);
  });
});
