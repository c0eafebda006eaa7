/** Recency: evidence loses weight smoothly with age (exponential decay with a half-life), never by hard windows. */

/** Decay rate per day for a half-life in days: weight = exp(-rate × age). */
export function decayRate(halfLifeDays: number): number {
  return Math.LN2 / halfLifeDays;
}

/**
 * Weight of evidence `ageDays` old: 1 today, 0.5 after one half-life, 0.25 after two. Evidence dated in
 * the future (a close date entered ahead) counts as new, not more than new.
 */
export function decayWeight(ageDays: number, rate: number): number {
  return ageDays <= 0 ? 1 : Math.exp(-rate * ageDays);
}
