/** Turns one cell's evidence into its 0–100 score, its components and its confidence. */
import type { ScoringConfig } from '../model/scoring.js';
import { shrink } from './shrinkage.js';

/** The evidence of one partner in one cell, as gathered by `gatherEvidence`. */
export interface CellEvidence {
  proofMass: number;
  skillsMass: number;
  closedWeight: number;
  wonWeight: number;
  deliverySum: number;
  deliveryWeight: number;
  certifiedPeople: number;
}

/** What the partner is shrunk toward in this cell. */
export interface CellPriorValues {
  winRate: number;
  delivery: number;
}

/** Score weights after leaving out evidence kinds the ecosystem has no data for (renormalised to sum 1). */
export interface EffectiveWeights {
  proof: number;
  skills: number;
  winRate: number;
  delivery: number;
}

/**
 * The configured weights, with win rate and/or delivery dropped (and the rest scaled up) when no deal in
 * the ecosystem carries that kind of evidence — so a CRM without CSAT fields does not hand every partner
 * the same free points.
 */
export function effectiveWeights(
  config: ScoringConfig,
  hasWinRate: boolean,
  hasDelivery: boolean,
): EffectiveWeights {
  const w = config.weights;
  const winRate = hasWinRate ? w.winRate : 0;
  const delivery = hasDelivery ? w.delivery : 0;
  const total = w.proof + w.skills + winRate + delivery;
  if (total <= 0) return { proof: 0, skills: 0, winRate: 0, delivery: 0 };
  return {
    proof: w.proof / total,
    skills: w.skills / total,
    winRate: winRate / total,
    delivery: delivery / total,
  };
}

export interface CellScoreValue {
  /** 0–100. */
  score: number;
  /** 0–1. */
  confidence: number;
  /** Points of each component; they add up to `score`. */
  proof: number;
  skills: number;
  winRate: number;
  delivery: number;
}

/** 1 − 2^(−x / half): 0 at 0, ½ at `half`, ¾ at twice `half`, approaching 1. Diminishing returns on volume. */
export function saturate(x: number, half: number): number {
  return 1 - 2 ** (-x / half);
}

/**
 * Scores one cell. Proof and skills saturate (ten times the volume is far from ten times the score);
 * win rate and delivery are shrunk toward the cell's ecosystem rate, so thin evidence lands near average.
 * Confidence = n / (n + halfAt) with n = decayed closed deals + certified people.
 *
 * @example
 * scoreCell({ proofMass: 6, skillsMass: 3, closedWeight: 8, wonWeight: 6, deliverySum: 4, deliveryWeight: 5,
 *   certifiedPeople: 3 }, { winRate: 0.3, delivery: 0.7 }, weights, config)
 */
export function scoreCell(
  e: CellEvidence,
  prior: CellPriorValues,
  weights: EffectiveWeights,
  config: ScoringConfig,
): CellScoreValue {
  const proof = 100 * weights.proof * saturate(e.proofMass, config.proof.halfSaturation);
  const skills = 100 * weights.skills * saturate(e.skillsMass, config.skills.halfSaturation);
  const winRate =
    100 * weights.winRate * shrink(e.wonWeight, e.closedWeight, prior.winRate, config.winRate.priorStrength);
  const delivery =
    100 *
    weights.delivery *
    shrink(e.deliverySum, e.deliveryWeight, prior.delivery, config.delivery.priorStrength);
  const n = e.closedWeight + e.certifiedPeople;
  return {
    score: Math.min(100, Math.max(0, proof + skills + winRate + delivery)),
    confidence: n / (n + config.confidence.halfAt),
    proof,
    skills,
    winRate,
    delivery,
  };
}
