/** Validity figures of a ranking and of a level assignment against the generator's ground truth (the `validity` bench). */
import type { GroundTruth } from './generate-ecosystem.js';
import { TRUE_EXPERT_THRESHOLD } from './latent-expertise.js';
import { rPrecision, spearman } from './ranking-quality.js';

/** How well a ranking finds the experts: mean R-precision over cells with experts, mean Spearman ρ over all cells. */
export interface RankFigures {
  rprec: number | null;
  rho: number;
}

/**
 * Rank figures of dense scores, one per partner (generation order) and pair cell at
 * `p * S * T + s * T + t`; a partner without evidence in a cell should score 0 there.
 */
export function rankFigures(truth: GroundTruth, scores: ArrayLike<number>): RankFigures {
  const P = truth.partnerIds.length;
  const pairs = truth.sectors.length * truth.technologies.length;
  const cellScores = new Float64Array(P);
  const cellLatent = new Float64Array(P);
  let rprecSum = 0;
  let rprecCells = 0;
  let rhoSum = 0;
  for (let c = 0; c < pairs; c++) {
    for (let p = 0; p < P; p++) {
      cellScores[p] = scores[p * pairs + c]!;
      cellLatent[p] = truth.expertise[p * pairs + c]!;
    }
    const r = rPrecision(cellScores, cellLatent);
    if (r !== null) {
      rprecSum += r;
      rprecCells++;
    }
    rhoSum += spearman(cellScores, cellLatent);
  }
  return { rprec: rprecCells > 0 ? rprecSum / rprecCells : null, rho: pairs > 0 ? rhoSum / pairs : 0 };
}

/**
 * Levels per (partner, cell) row: `level` is a ladder index (0 = top) or -1 for none; `cell` follows the
 * engine's grid: pairs `s * T + t`, then sectors `S * T + s`, then technologies `S * T + S + t`.
 */
export interface LevelRows {
  count: number;
  partner: ArrayLike<number>;
  cell: ArrayLike<number>;
  level: ArrayLike<number>;
}

/** Share of true-expert pairs found, per size third of the partners. */
export interface RecallBySize {
  small: number | null;
  medium: number | null;
  large: number | null;
}

export interface LevelFigures {
  /** Share of true-expert (partner, pair cell) pairs holding the top or second level there. */
  expertRecallProvenPlus: number | null;
  /** Share of top-level pair rows whose partner is a true expert in the cell. */
  specialistPrecision: number | null;
  /** Share of pair rows at the top or second level whose partner is a true expert in the cell. */
  provenPlusPrecision: number | null;
  /** Share of top-level sector or technology rows whose partner is a true expert in some pair of that axis entry. */
  axisSpecialistPrecision: number | null;
  recallBySize: RecallBySize;
}

/** Size third of each partner (0 = smallest third, 2 = largest), by rank of size, ties by index. */
export function sizeThirds(size: ArrayLike<number>): Uint8Array {
  const n = size.length;
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => size[a]! - size[b]! || a - b);
  const thirds = new Uint8Array(n);
  order.forEach((p, rank) => {
    thirds[p] = Math.min(2, Math.floor((3 * rank) / n));
  });
  return thirds;
}

const share = (hits: number, total: number) => (total > 0 ? hits / total : null);

/** Recall, precision and recall by size of a level assignment against the ground truth. */
export function levelFigures(truth: GroundTruth, rows: LevelRows): LevelFigures {
  const P = truth.partnerIds.length;
  const S = truth.sectors.length;
  const T = truth.technologies.length;
  const pairs = S * T;
  const expert = (p: number, c: number) => truth.expertise[p * pairs + c]! >= TRUE_EXPERT_THRESHOLD;
  const expertInSector = new Uint8Array(P * S);
  const expertInTechnology = new Uint8Array(P * T);
  const thirds = sizeThirds(truth.size);
  const experts = [0, 0, 0];
  for (let p = 0; p < P; p++) {
    for (let c = 0; c < pairs; c++) {
      if (!expert(p, c)) continue;
      experts[thirds[p]!]!++;
      expertInSector[p * S + Math.floor(c / T)] = 1;
      expertInTechnology[p * T + (c % T)] = 1;
    }
  }
  const found = [0, 0, 0];
  let topPairs = 0;
  let topPairHits = 0;
  let levelledPairs = 0;
  let levelledPairHits = 0;
  let topAxis = 0;
  let topAxisHits = 0;
  for (let r = 0; r < rows.count; r++) {
    const level = rows.level[r]!;
    if (level < 0) continue;
    const p = rows.partner[r]!;
    const c = rows.cell[r]!;
    if (c < pairs) {
      const isExpert = expert(p, c);
      if (level <= 1) {
        levelledPairs++;
        if (isExpert) {
          levelledPairHits++;
          found[thirds[p]!]!++;
        }
      }
      if (level === 0) {
        topPairs++;
        if (isExpert) topPairHits++;
      }
    } else if (level === 0) {
      topAxis++;
      const isExpert =
        c < pairs + S ? expertInSector[p * S + (c - pairs)] : expertInTechnology[p * T + (c - pairs - S)];
      if (isExpert === 1) topAxisHits++;
    }
  }
  return {
    expertRecallProvenPlus: share(found[0]! + found[1]! + found[2]!, experts[0]! + experts[1]! + experts[2]!),
    specialistPrecision: share(topPairHits, topPairs),
    provenPlusPrecision: share(levelledPairHits, levelledPairs),
    axisSpecialistPrecision: share(topAxisHits, topAxis),
    recallBySize: {
      small: share(found[0]!, experts[0]!),
      medium: share(found[1]!, experts[1]!),
      large: share(found[2]!, experts[2]!),
    },
  };
}

/**
 * Share of (partner, cell) rows holding a level on either of two nights whose level differs between
 * them; `cells` is the grid's cell count. Null when no row holds a level on either night.
 */
export function levelChurn(before: LevelRows, after: LevelRows, cells: number): number | null {
  const levels = new Map<number, [number, number]>();
  const add = (rows: LevelRows, side: 0 | 1) => {
    for (let r = 0; r < rows.count; r++) {
      const level = rows.level[r]!;
      if (level < 0) continue;
      const key = rows.partner[r]! * cells + rows.cell[r]!;
      const pair = levels.get(key) ?? [-1, -1];
      pair[side] = level;
      levels.set(key, pair);
    }
  };
  add(before, 0);
  add(after, 1);
  let changed = 0;
  for (const [a, b] of levels.values()) if (a !== b) changed++;
  return share(changed, levels.size);
}

/** p50, p90 (nearest rank) and maximum of a list of counts; null for an empty list. */
export function countSpread(values: readonly number[]): { p50: number; p90: number; max: number } | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
  return { p50: at(0.5), p90: at(0.9), max: sorted[sorted.length - 1]! };
}
