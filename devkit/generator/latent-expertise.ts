/** The generator's hidden truth: each partner's latent expertise (0–1) in every sector × technology cell. */
import type { Random } from '../seeded-random.js';
import { pickCumulative } from '../seeded-random.js';

/**
 * Kinds of partner, drawn independently of size under the base law, which is what makes revenue tiers wrong:
 * - specialist: one to three focus cells where it is excellent, some skill next to them, little elsewhere;
 * - generalist: middling everywhere, occasionally good at one thing;
 * - novice: weak everywhere, sometimes an emerging strength.
 */
export const ARCHETYPES = ['specialist', 'generalist', 'novice'] as const;
export type Archetype = (typeof ARCHETYPES)[number];

/** Cumulative shares of the archetypes among generated partners (the base law's; see EcosystemLaw). */
export const ARCHETYPE_CDF: readonly number[] = [0.35, 0.75, 1];

/** Latent expertise at or above this is a true expert in the cell: the target of precision@10. */
export const TRUE_EXPERT_THRESHOLD = 0.7;

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/**
 * Draws one partner's latent expertise into `out[offset .. offset + S*T)`, laid out `s * T + t`.
 * `attraction` is the cumulative weight of each cell as a focus (some markets attract few experts,
 * which makes coverage gaps). `archetypeCdf` gives the cumulative archetype shares. Returns the
 * archetype index.
 */
export function drawLatentExpertise(
  random: Random,
  sectors: number,
  technologies: number,
  attraction: Float64Array,
  out: Float32Array,
  offset: number,
  archetypeCdf: readonly number[] = ARCHETYPE_CDF,
): number {
  const cells = sectors * technologies;
  const u = random.next();
  const archetype = u < archetypeCdf[0]! ? 0 : u < archetypeCdf[1]! ? 1 : 2;

  if (archetype === 0) {
    for (let c = 0; c < cells; c++) out[offset + c] = random.between(0.02, 0.2);
    const focusCount = 1 + (random.chance(0.45) ? 1 : 0) + (random.chance(0.15) ? 1 : 0);
    let first = pickCumulative(attraction, cells, random.next());
    for (let f = 0; f < focusCount; f++) {
      let cell = first;
      if (f > 0) {
        // Most specialists widen along one axis: the same sector or the same technology.
        const s = Math.floor(first / technologies);
        const t = first % technologies;
        const roll = random.next();
        if (roll < 0.35) cell = s * technologies + random.int(technologies);
        else if (roll < 0.7) cell = random.int(sectors) * technologies + t;
        else cell = pickCumulative(attraction, cells, random.next());
      }
      out[offset + cell] = random.between(0.72, 0.97);
      const s = Math.floor(cell / technologies);
      const t = cell % technologies;
      for (let k = 0; k < technologies; k++) {
        const n = offset + s * technologies + k;
        if (k !== t) out[n] = Math.max(out[n]!, random.between(0.25, 0.5));
      }
      for (let k = 0; k < sectors; k++) {
        const n = offset + k * technologies + t;
        if (k !== s) out[n] = Math.max(out[n]!, random.between(0.25, 0.5));
      }
      if (f === 0) first = cell;
    }
  } else if (archetype === 1) {
    const base = random.between(0.25, 0.5);
    for (let c = 0; c < cells; c++) out[offset + c] = clamp(base + 0.08 * random.normal(), 0.05, 0.65);
    if (random.chance(0.2)) {
      out[offset + pickCumulative(attraction, cells, random.next())] = random.between(0.6, 0.82);
    }
  } else {
    for (let c = 0; c < cells; c++) out[offset + c] = random.between(0.02, 0.25);
    if (random.chance(0.3)) {
      out[offset + pickCumulative(attraction, cells, random.next())] = random.between(0.35, 0.6);
    }
  }
  return archetype;
}
