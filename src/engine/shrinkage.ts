/** Small samples: rates shrunk toward the ecosystem's own rate (a Bayesian / weighted-rating estimate). */
import type { ScoringConfig } from '../model/scoring.js';
import type { EvidenceTable } from './evidence.js';

/**
 * Posterior mean of a rate with a Beta prior of mean `priorMean` worth `priorStrength` observations:
 * (successes + k·m) / (trials + k). With no data it is the prior; with much data, the observed rate.
 * This is the IMDb "weighted rating" — one lucky win is mostly prior, forty wins are mostly evidence.
 *
 * @example shrink(1, 1, 0.3, 8) // 0.378: one win out of one says little
 */
export function shrink(successes: number, trials: number, priorMean: number, priorStrength: number): number {
  const denominator = trials + priorStrength;
  return denominator > 0 ? (successes + priorStrength * priorMean) / denominator : priorMean;
}

/** The ecosystem's win rate and delivery quality per cell, and overall (what partners are shrunk toward). */
export interface Priors {
  winRate: Float64Array;
  delivery: Float64Array;
  globalWinRate: number;
  globalDelivery: number;
  /** False when no deal in the ecosystem is closed / carries a delivery signal: that evidence kind is left out. */
  hasWinRate: boolean;
  hasDelivery: boolean;
}

/** Rate used when the ecosystem has no data at all for a kind of evidence (it then carries no weight anyway). */
const NEUTRAL = 0.5;

/**
 * Ecosystem priors: per cell, the cell's pooled rate shrunk toward the global pooled rate with the same
 * prior strength as partners (a thin cell borrows from the whole ecosystem, as a thin partner borrows from its cell).
 */
export function ecosystemPriors(table: EvidenceTable, config: ScoringConfig): Priors {
  const NC = table.grid.count;
  const won = new Float64Array(NC);
  const closed = new Float64Array(NC);
  const dSum = new Float64Array(NC);
  const dWeight = new Float64Array(NC);
  let wonAll = 0;
  let closedAll = 0;
  let dSumAll = 0;
  let dWeightAll = 0;
  for (let r = 0; r < table.rows; r++) {
    const c = table.cell[r]!;
    won[c] = won[c]! + table.wonWeight[r]!;
    closed[c] = closed[c]! + table.closedWeight[r]!;
    dSum[c] = dSum[c]! + table.deliverySum[r]!;
    dWeight[c] = dWeight[c]! + table.deliveryWeight[r]!;
    wonAll += table.wonWeight[r]!;
    closedAll += table.closedWeight[r]!;
    dSumAll += table.deliverySum[r]!;
    dWeightAll += table.deliveryWeight[r]!;
  }
  const globalWinRate = closedAll > 0 ? wonAll / closedAll : NEUTRAL;
  const globalDelivery = dWeightAll > 0 ? dSumAll / dWeightAll : NEUTRAL;
  const winRate = new Float64Array(NC);
  const delivery = new Float64Array(NC);
  for (let c = 0; c < NC; c++) {
    winRate[c] = shrink(won[c]!, closed[c]!, globalWinRate, config.winRate.priorStrength);
    delivery[c] = shrink(dSum[c]!, dWeight[c]!, globalDelivery, config.delivery.priorStrength);
  }
  return {
    winRate,
    delivery,
    globalWinRate,
    globalDelivery,
    hasWinRate: closedAll > 0,
    hasDelivery: dWeightAll > 0,
  };
}
