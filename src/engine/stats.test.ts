import { describe, expect, it } from 'vitest';
import { busFactor, herfindahl, percentileRank } from './stats.js';

describe('percentileRank', () => {
  const sorted = Float64Array.from([1, 2, 2, 3, 10]);

  it('places a value by the share below it plus half the ties', () => {
    expect(percentileRank(sorted, 2)).toBe(40); // 1 below, 2 equal: (1 + 1) / 5
    expect(percentileRank(sorted, 10)).toBe(90);
    expect(percentileRank(sorted, 0)).toBe(0);
    expect(percentileRank(sorted, 11)).toBe(100);
  });

  it('is 50 without peers', () => {
    expect(percentileRank(new Float64Array(0), 3)).toBe(50);
  });
});

describe('herfindahl', () => {
  it('is 1 for a single holder and 1/n for n equal holders', () => {
    expect(herfindahl([5])).toBe(1);
    expect(herfindahl([2, 2, 2, 2])).toBe(0.25);
    expect(herfindahl([3, 1])).toBeCloseTo(0.625, 12);
    expect(herfindahl([])).toBe(0);
  });
});

describe('busFactor', () => {
  it('counts the fewest holders of half the evidence', () => {
    expect(busFactor([10, 1, 1, 1])).toBe(1);
    expect(busFactor([3, 3, 3, 3])).toBe(2);
    expect(busFactor([4, 3, 2, 1])).toBe(2);
    expect(busFactor([])).toBe(0);
  });
});
