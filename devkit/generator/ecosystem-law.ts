/** The generator's "law": how size, deal volume, deal amounts, wins and certifications relate to latent expertise, with named presets. */
import { z } from 'zod';

/**
 * The knobs of the synthetic world. Every default reproduces the original generator bit for bit, so a
 * seed gives the same ecosystem with or without `law`. Presets (LAW_PRESETS) move several knobs at once
 * so that scoring is measured on worlds that disagree with each other, not tuned to one of them.
 */
export const EcosystemLawSchema = z.object({
  /** Shares of the partner archetypes (see ARCHETYPES); novices are the rest. */
  archetypes: z
    .object({
      specialist: z.number().min(0).max(1).default(0.35),
      generalist: z.number().min(0).max(1).default(0.4),
    })
    .refine((a) => a.specialist + a.generalist <= 1, { message: 'specialist + generalist must be at most 1' })
    .prefault({}),
  /** Partner size (sales force): drives deal count, certification count and revenue. Median 1. */
  size: z
    .object({
      /** `lognormal`: exp(sigma·z); `pareto`: a power-law tail of index `paretoAlpha` (heavier when smaller). */
      tail: z.enum(['lognormal', 'pareto']).default('lognormal'),
      sigma: z.number().min(0).max(4).default(1.2),
      paretoAlpha: z.number().min(1.05).max(10).default(1.5),
      /**
       * Correlation between the normal draw behind log size and the partner's best latent expertise
       * (standardised over the ecosystem): negative = boutique experts are small, positive = big partners
       * know more, 0 = independent.
       */
      expertiseCorrelation: z.number().min(-0.95).max(0.95).default(0),
    })
    .prefault({}),
  /** Deal volume of a partner per cell ∝ demand × (floor + expertise^exponent): how much deals concentrate in expert cells. */
  volume: z
    .object({
      floor: z.number().min(0).max(10).default(0.02),
      exponent: z.number().min(0).max(10).default(3),
    })
    .prefault({}),
  /** Deal amount ∝ size^sizeElasticity × exp(expertiseSlope × the partner's expertise in the cell) × lognormal noise. */
  amount: z
    .object({
      sizeElasticity: z.number().min(-2).max(2).default(0.35),
      expertiseSlope: z.number().min(-5).max(5).default(0),
    })
    .prefault({}),
  /**
   * Win probability = base + gain × expertise^exponent (+ a persistent per partner × cell shift of
   * standard deviation `noise`: price, relationships, luck), clamped to 2–98 %.
   */
  win: z
    .object({
      base: z.number().min(0).max(1).default(0.08),
      gain: z.number().min(0).max(1).default(0.75),
      exponent: z.number().positive().max(10).default(1.5),
      noise: z.number().min(0).max(1).default(0),
    })
    .refine((w) => w.base + w.gain <= 1, { message: 'base + gain must be at most 1' })
    .prefault({}),
  /**
   * Share of true-expert (partner, sector × technology) pairs whose partner has no deal at all in that
   * cell (a newly specialised team): only certifications and neighbouring cells show it.
   */
  certOnlyShare: z.number().min(0).max(1).default(0),
  /**
   * How often won deals carry delivery signals, relative to the original generator (1 = satisfaction on
   * half of them, renewal and expansion on a quarter each; 0 = a CRM that records none).
   */
  signalRate: z.number().min(0).max(2).default(1),
});
export type EcosystemLaw = z.infer<typeof EcosystemLawSchema>;
export type EcosystemLawInput = z.input<typeof EcosystemLawSchema>;

/**
 * Named laws. `base` is the original generator. `boutique`: experts are small, size is heavy-tailed
 * (Pareto), and big generalists win the big deals. `flat`: deal volume barely follows expertise, a
 * quarter of the expert pairs show only through certifications, win rates are noisy and weakly tied
 * to expertise, few deals carry delivery signals, more generalists. `incumbent`: big partners are the
 * experts, deal volume and amounts concentrate hard in expert cells, and the CRM records no delivery
 * signals at all. `even`: partners of similar size whose work and wins follow expertise gently, the world
 * where simply counting won customers ranks best.
 */
export const LAW_PRESET_NAMES = ['base', 'boutique', 'flat', 'incumbent', 'even'] as const;
export const LawPresetNameSchema = z.enum(LAW_PRESET_NAMES);
export type LawPresetName = z.infer<typeof LawPresetNameSchema>;

export const LAW_PRESETS: Readonly<Record<LawPresetName, EcosystemLawInput>> = {
  base: {},
  boutique: {
    size: { tail: 'pareto', paretoAlpha: 1.4, expertiseCorrelation: -0.6 },
    amount: { sizeElasticity: 0.6, expertiseSlope: -0.5 },
  },
  flat: {
    archetypes: { specialist: 0.25, generalist: 0.5 },
    volume: { floor: 0.15, exponent: 1.5 },
    win: { base: 0.2, gain: 0.45, exponent: 1, noise: 0.15 },
    certOnlyShare: 0.25,
    signalRate: 0.4,
  },
  incumbent: {
    size: { sigma: 1.5, expertiseCorrelation: 0.5 },
    volume: { floor: 0.01, exponent: 4 },
    amount: { expertiseSlope: 0.7 },
    win: { base: 0.05, gain: 0.8, exponent: 2 },
    signalRate: 0,
  },
  even: {
    size: { sigma: 0.4 },
    volume: { floor: 0.1, exponent: 1.5 },
    win: { base: 0.1, gain: 0.7, exponent: 1 },
  },
};

/** Cumulative archetype shares, in ARCHETYPES order. */
export function archetypeCdf(law: EcosystemLaw): [number, number, number] {
  const { specialist, generalist } = law.archetypes;
  return [specialist, specialist + generalist, 1];
}

/** x^k, with x·x·x for the original cube (Math.pow may differ from it in the last bit). */
export function powerOf(x: number, k: number): number {
  return k === 3 ? x * x * x : x ** k;
}

/** Numerical Recipes' erfcc coefficients, constant term first. */
const ERFC_COEFFICIENTS = [
  -1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587,
  -0.82215223, 0.17087277,
];

/** Complementary error function, fractional error below 1.2e-7 everywhere (Numerical Recipes' erfcc). */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  let poly = 0;
  for (let i = ERFC_COEFFICIENTS.length - 1; i >= 0; i--) poly = ERFC_COEFFICIENTS[i]! + t * poly;
  const r = t * Math.exp(-z * z + poly);
  return x >= 0 ? r : 2 - r;
}

/**
 * Partner size from a standard normal draw `z`: exp(sigma·z), or for a Pareto tail the same quantile of
 * a Pareto distribution with median 1 (P(size > x) = x^-alpha / 2 above the median).
 */
export function sizeFromNormal(z: number, size: EcosystemLaw['size']): number {
  if (size.tail === 'lognormal') return Math.exp(size.sigma * z);
  // 1 - Φ(z) = erfc(z/√2)/2, and the Pareto quantile of u with median 1 is (2(1 - u))^(-1/alpha).
  return erfc(z / Math.SQRT2) ** (-1 / size.paretoAlpha);
}

/**
 * Mixes each partner's size draw `z` with its standardised best expertise so that the two correlate
 * by `rho` (the mix keeps unit variance). `z` is changed in place; rho = 0 leaves it untouched.
 */
export function correlateWithExpertise(z: Float64Array, best: ArrayLike<number>, rho: number): void {
  if (rho === 0 || z.length === 0) return;
  let mean = 0;
  for (let i = 0; i < z.length; i++) mean += best[i]!;
  mean /= z.length;
  let variance = 0;
  for (let i = 0; i < z.length; i++) variance += (best[i]! - mean) ** 2;
  const sd = Math.sqrt(variance / z.length);
  if (sd === 0) return;
  const keep = Math.sqrt(1 - rho * rho);
  for (let i = 0; i < z.length; i++) z[i] = rho * ((best[i]! - mean) / sd) + keep * z[i]!;
}
