import { describe, expect, it } from 'vitest';
import { DEFAULT_SCORING_CONFIG } from '../model/scoring.js';
import { effectiveWeights, saturate, scoreCell } from './cell-score.js';

const weights = effectiveWeights(DEFAULT_SCORING_CONFIG, true, true);

describe('saturate', () => {
  it('gives half at the half-saturation point and three quarters at twice it', () => {
    expect(saturate(0, 3)).toBe(0);
    expect(saturate(3, 3)).toBe(0.5);
    expect(saturate(6, 3)).toBe(0.75);
  });
});

describe('scoreCell', () => {
  it('adds the four components, each on its share of 100 points', () => {
    const value = scoreCell(
      {
        proofMass: 3,
        skillsMass: 2,
        closedWeight: 5,
        wonWeight: 5,
        deliverySum: 4,
        deliveryWeight: 5,
        certifiedPeople: 2,
      },
      { winRate: 0.3, delivery: 0.6 },
      weights,
      DEFAULT_SCORING_CONFIG,
    );
    expect(value.proof).toBeCloseTo(17.5, 10); // 35 × (1 − 2^−1)
    expect(value.skills).toBeCloseTo(7.5, 10); // 15 × (1 − 2^−1)
    expect(value.winRate).toBeCloseTo(19.5, 10); // 30 × (5 + 5 × 0.3) / (5 + 5)
    expect(value.delivery).toBeCloseTo(14, 10); // 20 × (4 + 5 × 0.6) / (5 + 5)
    expect(value.score).toBeCloseTo(58.5, 10);
    expect(value.confidence).toBeCloseTo(7 / 13, 12); // n = 5 closed + 2 people, n / (n + 6)
  });

  it('scores a partner without any evidence at the ecosystem average on quality only', () => {
    const value = scoreCell(
      {
        proofMass: 0,
        skillsMass: 0,
        closedWeight: 0,
        wonWeight: 0,
        deliverySum: 0,
        deliveryWeight: 0,
        certifiedPeople: 0,
      },
      { winRate: 0.3, delivery: 0.6 },
      weights,
      DEFAULT_SCORING_CONFIG,
    );
    expect(value.score).toBeCloseTo(30 * 0.3 + 20 * 0.6, 10);
    expect(value.confidence).toBe(0);
  });
});

describe('effectiveWeights', () => {
  it('drops evidence kinds the ecosystem has no data for and scales the rest up to 1', () => {
    const w = effectiveWeights(DEFAULT_SCORING_CONFIG, true, false);
    expect(w.delivery).toBe(0);
    expect(w.proof).toBeCloseTo(0.35 / 0.8, 12);
    expect(w.skills).toBeCloseTo(0.15 / 0.8, 12);
    expect(w.winRate).toBeCloseTo(0.3 / 0.8, 12);
  });
});
