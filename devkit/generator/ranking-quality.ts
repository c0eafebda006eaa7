/** How well a ranking of partners per cell tracks the generator's latent expertise: Spearman's ρ, precision@k and R-precision. */
import type { GroundTruth } from './generate-ecosystem.js';
import { TRUE_EXPERT_THRESHOLD } from './latent-expertise.js';

/** Ranks 1..n with ties given their average rank. */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a]! - values[b]! || a - b);
  const ranks = new Float64Array(n);
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && values[order[j + 1]!] === values[order[i]!]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]!] = rank;
    i = j + 1;
  }
  return ranks;
}

/** Spearman's rank correlation (Pearson on average ranks, so ties are handled); 0 if either side is constant. */
export function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  if (n !== b.length) throw new RangeError('spearman() needs two series of the same length');
  if (n < 2) return 0;
  const ra = averageRanks(a);
  const rb = averageRanks(b);
  const mean = (n + 1) / 2;
  let cov = 0;
  let va = 0;
  let vb = 0;
  for (let i = 0; i < n; i++) {
    const da = ra[i]! - mean;
    const db = rb[i]! - mean;
    cov += da * db;
    va += da * da;
    vb += db * db;
  }
  return va === 0 || vb === 0 ? 0 : cov / Math.sqrt(va * vb);
}

/**
 * Share of the `k` highest-scored partners (ties broken by index) that are true experts (latent ≥ 0.7);
 * out of min(k, number of true experts), so a cell with few experts can still score 1. Null without experts.
 */
export function precisionAtK(scores: ArrayLike<number>, latent: ArrayLike<number>, k: number): number | null {
  let experts = 0;
  for (let i = 0; i < latent.length; i++) if (latent[i]! >= TRUE_EXPERT_THRESHOLD) experts++;
  if (experts === 0) return null;
  // Top k by a single pass with a small sorted buffer (k is tiny, the population may be 100 000).
  const top: number[] = [];
  const better = (a: number, b: number) => scores[a]! > scores[b]! || (scores[a] === scores[b] && a < b);
  for (let i = 0; i < scores.length; i++) {
    if (top.length === k && !better(i, top[k - 1]!)) continue;
    let at = top.length < k ? top.length : k - 1;
    if (top.length < k) top.push(i);
    while (at > 0 && better(i, top[at - 1]!)) {
      top[at] = top[at - 1]!;
      at--;
    }
    top[at] = i;
  }
  let hits = 0;
  for (const i of top) if (latent[i]! >= TRUE_EXPERT_THRESHOLD) hits++;
  return hits / Math.min(k, experts);
}

/**
 * R-precision: with R true experts (latent ≥ 0.7), the share of the R highest-scored partners that are
 * true experts. Ties are broken pessimistically (non-experts first, then by index), so a ranking that
 * cannot tell partners apart gets no credit for it. Null without experts.
 * @example
 * rPrecision([3, 2, 1], [0.9, 0.1, 0.8]); // 0.5: R = 2, the top two hold one expert
 */
export function rPrecision(scores: ArrayLike<number>, latent: ArrayLike<number>): number | null {
  const n = scores.length;
  if (n !== latent.length) throw new RangeError('rPrecision() needs two series of the same length');
  let experts = 0;
  for (let i = 0; i < n; i++) if (latent[i]! >= TRUE_EXPERT_THRESHOLD) experts++;
  if (experts === 0) return null;
  const expert = (i: number) => (latent[i]! >= TRUE_EXPERT_THRESHOLD ? 1 : 0);
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => scores[b]! - scores[a]! || expert(a) - expert(b) || a - b,
  );
  let hits = 0;
  for (let k = 0; k < experts; k++) hits += expert(order[k]!);
  return hits / experts;
}

export interface CellRankingQuality {
  sector: string;
  technology: string;
  spearman: number;
  precisionAtK: number | null;
  experts: number;
}

export interface RankingQuality {
  cells: CellRankingQuality[];
  meanSpearman: number;
  /** Mean over cells that have true experts. */
  meanPrecisionAtK: number;
}

/**
 * Scores a ranking against the ground truth in every sector × technology cell, over all partners.
 * `scoreOf(partner, sector, technology)` gives the ranking's value (higher = better) for a partner by
 * generation index; partners without evidence should get 0 (they tie at the bottom).
 */
export function rankingQuality(
  truth: GroundTruth,
  scoreOf: (partner: number, sector: number, technology: number) => number,
  k = 10,
  include: (partner: number, sector: number, technology: number) => boolean = () => true,
): RankingQuality {
  const P = truth.partnerIds.length;
  const S = truth.sectors.length;
  const T = truth.technologies.length;
  const cells: CellRankingQuality[] = [];
  const allScores = new Float64Array(P);
  const allLatent = new Float64Array(P);
  for (let s = 0; s < S; s++) {
    for (let t = 0; t < T; t++) {
      let experts = 0;
      let n = 0;
      for (let p = 0; p < P; p++) {
        if (!include(p, s, t)) continue;
        allScores[n] = scoreOf(p, s, t);
        allLatent[n] = truth.expertise[p * S * T + s * T + t]!;
        if (allLatent[n]! >= TRUE_EXPERT_THRESHOLD) experts++;
        n++;
      }
      const scores = allScores.subarray(0, n);
      const latent = allLatent.subarray(0, n);
      cells.push({
        sector: truth.sectors[s]!,
        technology: truth.technologies[t]!,
        spearman: spearman(scores, latent),
        precisionAtK: precisionAtK(scores, latent, k),
        experts,
      });
    }
  }
  const withExperts = cells.filter((c) => c.precisionAtK !== null);
  return {
    cells,
    meanSpearman: cells.reduce((sum, c) => sum + c.spearman, 0) / Math.max(1, cells.length),
    meanPrecisionAtK:
      withExperts.reduce((sum, c) => sum + (c.precisionAtK ?? 0), 0) / Math.max(1, withExperts.length),
  };
}

/** Scores of a ranking as flat rows (partner index, pair-cell index `s * T + t`, value), e.g. an engine run's table. */
export interface ScoreRows {
  count: number;
  partner: ArrayLike<number>;
  /** Pair cells are `s * T + t`; larger indices (sector or technology totals) are ignored. */
  cell: ArrayLike<number>;
  score: ArrayLike<number>;
}

/**
 * rankingQuality of per-row scores. Partners without a row in a cell score 0 there, or, with
 * `rowsOnly`, are left out of that cell (the ranking among partners with evidence).
 */
export function rankingQualityOfRows(
  truth: GroundTruth,
  rows: ScoreRows,
  k = 10,
  rowsOnly = false,
): RankingQuality {
  const S = truth.sectors.length;
  const T = truth.technologies.length;
  const pairs = S * T;
  const dense = new Float64Array(truth.partnerIds.length * pairs).fill(rowsOnly ? Number.NaN : 0);
  for (let r = 0; r < rows.count; r++) {
    const c = rows.cell[r]!;
    if (c < pairs) dense[rows.partner[r]! * pairs + c] = rows.score[r]!;
  }
  const at = (p: number, s: number, t: number) => p * pairs + s * T + t;
  return rankingQuality(
    truth,
    (p, s, t) => dense[at(p, s, t)]!,
    k,
    (p, s, t) => !Number.isNaN(dense[at(p, s, t)]!),
  );
}
