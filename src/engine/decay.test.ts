import { describe, expect, it } from 'vitest';
import { decayRate, decayWeight } from './decay.js';

describe('decayWeight', () => {
  const rate = decayRate(365);

  it('halves evidence every half-life, smoothly', () => {
    expect(decayWeight(0, rate)).toBe(1);
    expect(decayWeight(365, rate)).toBeCloseTo(0.5, 12);
    expect(decayWeight(730, rate)).toBeCloseTo(0.25, 12);
    expect(decayWeight(182.5, rate)).toBeCloseTo(Math.SQRT1_2, 12);
  });

  it('has no cliff: a day older is barely less', () => {
    expect(decayWeight(729, rate) - decayWeight(731, rate)).toBeLessThan(0.001);
  });

  it('counts evidence dated in the future as new, not more than new', () => {
    expect(decayWeight(-30, rate)).toBe(1);
  });
});
