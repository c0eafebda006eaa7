import { describe, expect, it } from 'vitest';
import { shrink } from './shrinkage.js';

describe('shrink', () => {
  it('is the prior without data and the observed rate with a lot of it', () => {
    expect(shrink(0, 0, 0.3, 5)).toBe(0.3);
    expect(shrink(800, 1000, 0.3, 5)).toBeCloseTo(801.5 / 1005, 12);
  });

  it('keeps one lucky win close to the ecosystem rate', () => {
    // (1 + 5 × 0.3) / (1 + 5)
    expect(shrink(1, 1, 0.3, 5)).toBeCloseTo(2.5 / 6, 12);
    // Forty wins out of forty-five are far more convincing.
    expect(shrink(40, 45, 0.3, 5)).toBeCloseTo(41.5 / 50, 12);
  });

  it('returns the prior when both the data and the prior strength are zero', () => {
    expect(shrink(0, 0, 0.42, 0)).toBe(0.42);
  });
});
