import { describe, expect, it } from 'vitest';
import { DEFAULT_SCORING_CONFIG } from '../model/scoring.js';
import { type CellPrior, effectiveWeights, estimateOffset, scoreCell } from './cell-score.js';
import { normalCdf } from './special-functions.js';

const ALL = { proof: true, skills: true, winRate: true, delivery: true };
const weights = effectiveWeights(DEFAULT_SCORING_CONFIG, ALL);
/** Trials in SIGNALS order (proof, skills, win rate, delivery): successes, then trials. */
const trials = (s: number[], n: number[]) => [...s, ...n];
const logit = (p: number) => Math.log(p / (1 - p));

describe('estimateOffset', () => {
  it('is 0 without evidence and moves away from the norm only as the record grows', () => {
    expect(estimateOffset(0, 0, 0.3, 7)).toBe(0);
    // Five wins out of five against a 30% norm, seven pseudo-deals of prior: (5 + 2.1) / 12.
    expect(estimateOffset(5, 5, 0.3, 7)).toBeCloseTo(logit(7.1 / 12) - logit(0.3), 12);
    // One lucky win moves far less than a consistent record.
    expect(estimateOffset(1, 1, 0.3, 7)).toBeLessThan(estimateOffset(5, 5, 0.3, 7) / 2);
    // At the norm, whatever the volume: no offset.
    expect(estimateOffset(30, 100, 0.3, 7)).toBeCloseTo(0, 12);
  });
});

describe('scoreCell', () => {
  const prior: CellPrior = {
    mean: [0.1, 0.2, 0.3, 0.6],
    strength: [10, 4, 7, 20],
    scale: [0.5, 0.8, 0.6, 0.4],
    weights,
  };

  it('gives each component Φ(offset / spread) of its share of 100 points, and adds them up', () => {
    const value = scoreCell(trials([6, 2, 5, 4], [10, 3, 6, 5]), 2, prior);
    const points = (x: number, n: number, j: number, w: number) =>
      100 * w * normalCdf(estimateOffset(x, n, prior.mean[j]!, prior.strength[j]!) / prior.scale[j]!);
    expect(value.proof).toBeCloseTo(points(6, 10, 0, weights.proof), 10);
    expect(value.skills).toBeCloseTo(points(2, 3, 1, weights.skills), 10);
    expect(value.winRate).toBeCloseTo(points(5, 6, 2, weights.winRate), 10);
    expect(value.delivery).toBeCloseTo(points(4, 5, 3, weights.delivery), 10);
    expect(value.score).toBeCloseTo(value.proof + value.skills + value.winRate + value.delivery, 10);
    // Confidence: 6 closed deals + 2 certified people against the win rate's 7 pseudo-deals.
    expect(value.confidence).toBeCloseTo(8 / 15, 12);
  });

  it('scores a partner without any evidence at the norm: half the points, no confidence', () => {
    const value = scoreCell(trials([0, 0, 0, 0], [0, 0, 0, 0]), 0, prior);
    expect(value.score).toBeCloseTo(50, 5); // Φ(0) = ½, to the normal CDF approximation's precision
    expect(value.confidence).toBe(0);
  });

  it('does not grow with size at the same quality: ten times the deals only firms up the estimate', () => {
    const small = scoreCell(trials([2, 1, 2, 2], [4, 2, 4, 3]), 1, prior);
    const large = scoreCell(trials([20, 10, 20, 20], [40, 20, 40, 30]), 10, prior);
    expect(large.confidence).toBeGreaterThan(small.confidence);
    expect(large.score).toBeGreaterThan(small.score);
    expect(large.score - 50).toBeLessThan(3 * (small.score - 50));
  });
});

describe('effectiveWeights', () => {
  it('drops evidence kinds that cannot tell partners apart and scales the rest up to 1', () => {
    const w = effectiveWeights(DEFAULT_SCORING_CONFIG, { ...ALL, delivery: false });
    expect(w.delivery).toBe(0);
    expect(w.proof).toBeCloseTo(0.35 / 0.8, 12);
    expect(w.skills).toBeCloseTo(0.15 / 0.8, 12);
    expect(w.winRate).toBeCloseTo(0.3 / 0.8, 12);
    expect(
      effectiveWeights(DEFAULT_SCORING_CONFIG, {
        proof: false,
        skills: false,
        winRate: false,
        delivery: false,
      }),
    ).toEqual({
      proof: 0,
      skills: 0,
      winRate: 0,
      delivery: 0,
    });
  });
});
