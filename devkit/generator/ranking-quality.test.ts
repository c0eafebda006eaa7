import { describe, expect, it } from 'vitest';
import { averageRanks, precisionAtK, rPrecision, spearman } from './ranking-quality.js';

describe('spearman', () => {
  it('is 1 for the same order, -1 for the reverse, whatever the scale', () => {
    expect(spearman([1, 2, 3, 4], [10, 20, 300, 4000])).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 12);
  });

  it('handles ties with average ranks', () => {
    expect(Array.from(averageRanks([5, 1, 5, 3]))).toEqual([3.5, 1, 3.5, 2]);
    // ranks a = [1, 2.5, 2.5, 4], b = [1, 2, 3, 4]: Pearson on ranks
    expect(spearman([1, 2, 2, 3], [1, 2, 3, 4])).toBeCloseTo(4.5 / Math.sqrt(4.5 * 5), 12);
  });

  it('is 0 when one side is constant', () => {
    expect(spearman([1, 1, 1], [1, 2, 3])).toBe(0);
  });
});

describe('precisionAtK', () => {
  it('counts true experts (latent ≥ 0.7) among the top k', () => {
    const scores = [9, 8, 7, 6, 5];
    const latent = [0.9, 0.1, 0.8, 0.75, 0.2];
    expect(precisionAtK(scores, latent, 2)).toBe(0.5);
    expect(precisionAtK(scores, latent, 3)).toBeCloseTo(2 / 3, 12);
  });

  it('divides by the number of experts when there are fewer than k, and is null without any', () => {
    expect(precisionAtK([3, 2, 1], [0.9, 0.1, 0.1], 10)).toBe(1);
    expect(precisionAtK([3, 2, 1], [0.1, 0.1, 0.1], 10)).toBeNull();
  });
});

describe('rPrecision', () => {
  it('looks at as many top partners as there are true experts', () => {
    // R = 2 (partners 0 and 2); the top two are 0 and 1.
    expect(rPrecision([3, 2, 1], [0.9, 0.1, 0.8])).toBe(0.5);
    expect(rPrecision([3, 1, 2], [0.9, 0.1, 0.8])).toBe(1);
  });

  it('breaks ties against the ranking: a tie between an expert and a non-expert ranks the non-expert first', () => {
    // Everyone scores 0 (no evidence): no credit, whatever the order of the input.
    expect(rPrecision([0, 0, 0, 0], [0.9, 0.1, 0.2, 0.3])).toBe(0);
    expect(rPrecision([0, 0, 0, 0], [0.1, 0.2, 0.3, 0.9])).toBe(0);
    // R = 2: one expert clearly on top, the other tied with a non-expert for the second place.
    expect(rPrecision([5, 1, 1, 0], [0.8, 0.9, 0.1, 0.1])).toBe(0.5);
  });

  it('is null without a true expert', () => {
    expect(rPrecision([3, 2, 1], [0.1, 0.5, 0.69])).toBeNull();
  });
});
