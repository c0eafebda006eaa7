/** Turns one cell's evidence into its 0–100 expertise estimate, its components and its confidence. */
import type { ScoringConfig } from '../model/scoring.js';
import { SIGNALS, type Signal } from './expertise-priors.js';

/** Index of the win rate in SIGNALS. */
const WIN_RATE = SIGNALS.indexOf('winRate');

import { normalCdf } from './special-functions.js';

/** Score weights after leaving out evidence kinds the ecosystem has no data for (renormalised to sum 1). */
export interface EffectiveWeights {
  proof: number;
  skills: number;
  winRate: number;
  delivery: number;
}

/**
 * The configured weights with the evidence kinds that cannot tell partners apart left out (no data in the
 * ecosystem, or no genuine difference between partners) and the rest scaled up to add up to 1 — so a CRM
 * without CSAT fields does not hand every partner the same free points.
 */
export function effectiveWeights(
  config: ScoringConfig,
  used: Readonly<Record<Signal, boolean>>,
): EffectiveWeights {
  const w = config.weights;
  const kept = {
    proof: used.proof ? w.proof : 0,
    skills: used.skills ? w.skills : 0,
    winRate: used.winRate ? w.winRate : 0,
    delivery: used.delivery ? w.delivery : 0,
  };
  const total = kept.proof + kept.skills + kept.winRate + kept.delivery;
  if (total <= 0) return { proof: 0, skills: 0, winRate: 0, delivery: 0 };
  return {
    proof: kept.proof / total,
    skills: kept.skills / total,
    winRate: kept.winRate / total,
    delivery: kept.delivery / total,
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

/** What one cell's evidence is weighed against, per signal in SIGNALS order. */
export interface CellPrior {
  /** The ecosystem's rate or share in this cell. */
  mean: ArrayLike<number>;
  /** The fitted prior strength: pseudo-observations at `mean`. */
  strength: ArrayLike<number>;
  /** The spread of partners' estimates in cells of this kind (log-odds), which maps them to points. */
  scale: ArrayLike<number>;
  /** The weights of cells of this kind (see effectiveWeights). */
  weights: EffectiveWeights;
  /**
   * `logit(mean)` per signal, computed once per cell: recomputed for each of a full run's millions of rows,
   * it was half of scoreCell's logarithms. Absent, estimateOffset computes it.
   */
  logitMean?: ArrayLike<number>;
}

export const logit = (p: number) => Math.log(p / (1 - p));

/**
 * Scratch of scoreCell, filled and read within one call: an array literal per call was garbage for each of
 * a full run's millions of rows (indexed by `j`, V8 cannot optimise it away).
 */
const POINTS = new Float64Array(4);

/** Φ(0), computed once: a row without evidence of a kind (no trials) needs nothing else for that component. */
const CDF_AT_ZERO = normalCdf(0);

/**
 * How far a partner's shrunk estimate lies from the cell's norm, in log-odds: the posterior mean
 * (x + k·m) / (n + k) of a Beta(k·m, k·(1 − m)) prior, against m. 0 without evidence, and close to 0 with
 * thin evidence; only a consistent record moves it far.
 *
 * @example estimateOffset(5, 5, 0.3, 7) // 0.98: five wins out of five, against a 30% norm
 */
export function estimateOffset(
  x: number,
  n: number,
  mean: number,
  strength: number,
  logitMean = logit(mean),
): number {
  if (n <= 0) return 0;
  return logit((x + strength * mean) / (n + strength)) - logitMean;
}

/**
 * Scores one cell from its evidence (successes then trials per signal, see `rowTrials`). Each kind of
 * evidence is an empirical-Bayes estimate (shrunk toward the cell's norm by the ecosystem's fitted prior)
 * placed on a fixed scale by Φ(offset / spread): the norm earns half the component's points, a record
 * far above it nearly all. Every component is a rate or a share of the partner's own evidence, so size
 * does not raise the score; it raises the confidence: n / (n + k), n = the partner's closed deals and
 * certified people in the cell, k = the cell's fitted win-rate prior strength — 50% once its own
 * evidence weighs as much as the ecosystem's norm.
 */
export function scoreCell(
  trials: ArrayLike<number>,
  certifiedPeople: number,
  prior: CellPrior,
): CellScoreValue {
  const weights = prior.weights;
  const S = SIGNALS.length;
  const points = POINTS;
  let total = 0;
  for (let j = 0; j < S; j++) {
    const w = weights[SIGNALS[j]!];
    points[j] = 0;
    if (w === 0) continue;
    const offset = estimateOffset(
      trials[j]!,
      trials[S + j]!,
      prior.mean[j]!,
      prior.strength[j]!,
      prior.logitMean?.[j],
    );
    const scale = prior.scale[j]!;
    const z = scale > 0 ? offset / scale : 0;
    points[j] = 100 * w * (z === 0 ? CDF_AT_ZERO : normalCdf(z));
    total += points[j]!;
  }
  const own = trials[S + WIN_RATE]! + certifiedPeople;
  const strength = prior.strength[WIN_RATE]!;
  return {
    score: Math.min(100, Math.max(0, total)),
    confidence: own > 0 ? own / (own + strength) : 0,
    proof: points[0]!,
    skills: points[1]!,
    winRate: points[2]!,
    delivery: points[3]!,
  };
}
