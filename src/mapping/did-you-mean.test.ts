import { describe, expect, it } from 'vitest';
import { closestMatch, didYouMean, editDistance } from './did-you-mean.js';

describe('did you mean', () => {
  it('measures edit distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });

  it('suggests the closest key, ignoring case', () => {
    expect(closestMatch('feilds', ['fields', 'filter', 'object'])).toBe('fields');
    expect(closestMatch('CloseDate', ['closeDate', 'stage'])).toBe('closeDate');
    expect(closestMatch('hubspot', ['fields', 'filter'])).toBeUndefined();
  });

  it('lists the options when nothing is close', () => {
    expect(didYouMean('colection', ['collection', 'path'])).toBe('did you mean "collection"?');
    expect(didYouMean('zzz', ['a', 'b'])).toBe('expected one of: a, b');
    expect(didYouMean('zzz', [])).toBeUndefined();
  });
});
