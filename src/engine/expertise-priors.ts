/**
 * The ecosystem's own priors for every kind of evidence, fitted from the data: per cell, the typical rate or
 * share; per cell kind, how strongly partners genuinely differ (the Beta prior's strength).
 */
import type { CellGrid } from './cells.js';
import type { EvidenceTable } from './evidence-table.js';
import { logBeta } from './special-functions.js';

/** The evidence kinds of the expertise estimate, in a fixed order (arrays below are indexed by it). */
export const SIGNALS = ['proof', 'skills', 'winRate', 'delivery'] as const;
export type Signal = (typeof SIGNALS)[number];
const PROOF = 0;
const SKILLS = 1;
const WIN_RATE = 2;
const DELIVERY = 3;
const KINDS = 3;
/** Offset of the trials in a rowTrials output. */
const TRIALS = 4;

/**
 * Successes and trials of one row for every signal, written into `out` (length 8: successes then trials
 * per signal), so one function defines what each signal measures:
 * - proof: the partner's closed deals in the cell out of all its closed deals in cells of the same kind:
 *   where its work is (specialists concentrate theirs; a generalist's is spread thin; how well it went is
 *   the win rate's and delivery's part);
 * - skills: its certified people's weight in the cell out of its certified weight in all cells of the kind;
 * - win rate: won out of closed deals in the cell (recency changes the rate, not how many deals there were);
 * - delivery: positive delivery signals out of all signals on its won deals in the cell.
 * A share of the partner's own evidence does not grow with its size; its total only makes it more certain.
 */
export function rowTrials(table: EvidenceTable, totals: PartnerTotals, r: number, out: Float64Array): void {
  const kind = kindIndex(table.grid, table.cell[r]!);
  const p = table.partner[r]!;
  const closed = table.closedDeals[r]!;
  const closedWeight = table.closedWeight[r]!;
  // Undo the decay in the counts (a two-year-old deal is still a whole deal), keep it in the rates.
  const undecay = closedWeight > 0 ? closed / closedWeight : 0;
  const skills = table.skillsMass[r]!;
  out[PROOF] = closed;
  out[TRIALS + PROOF] = Math.max(closed, totals.proof[p * KINDS + kind]!);
  out[SKILLS] = skills;
  out[TRIALS + SKILLS] = Math.max(skills, totals.skills[p * KINDS + kind]!);
  out[WIN_RATE] = Math.min(closed, table.wonWeight[r]! * undecay);
  out[TRIALS + WIN_RATE] = closed;
  const deliveryTrials = table.deliveryWeight[r]! * undecay;
  out[DELIVERY] = Math.min(deliveryTrials, table.deliverySum[r]! * undecay);
  out[TRIALS + DELIVERY] = deliveryTrials;
}

/** Per partner and cell kind (pair, sector, technology): its closed deals and its skills evidence, summed. */
export interface PartnerTotals {
  proof: Float64Array;
  skills: Float64Array;
}

/** 0 for a sector × technology cell, 1 for a whole sector, 2 for a whole technology. */
export function kindIndex(grid: CellGrid, cell: number): number {
  const pairs = grid.sectors * grid.technologies;
  return cell < pairs ? 0 : cell < pairs + grid.sectors ? 1 : 2;
}

/** Each partner's evidence summed over the cells of each kind: what its shares are shares of. */
export function partnerTotals(table: EvidenceTable): PartnerTotals {
  const P = table.partnerIds.length;
  const proof = new Float64Array(P * KINDS);
  const skills = new Float64Array(P * KINDS);
  for (let r = 0; r < table.rows; r++) {
    const at = table.partner[r]! * KINDS + kindIndex(table.grid, table.cell[r]!);
    proof[at] = proof[at]! + table.closedDeals[r]!;
    skills[at] = skills[at]! + table.skillsMass[r]!;
  }
  return { proof, skills };
}

/** A Beta prior per cell for one signal: mean per cell, strength (pseudo-observations) per cell. */
export interface SignalPrior {
  mean: Float64Array;
  strength: Float64Array;
}

export interface Priors {
  /** Indexed by SIGNALS order. */
  signals: SignalPrior[];
  /** The totals the shares are taken of. */
  totals: PartnerTotals;
  /**
   * Per signal and cell kind (`signal * 3 + kind`): 1 when partners differ in it. Evidence in which every
   * partner looks the same (no data, or — with enough partners to tell — the same rate for all, e.g. every
   * partner works in one cell only) cannot tell partners apart, and its weight goes to the evidence that can.
   */
  informative: Uint8Array;
  /** Kept under their old names for the run's output: the ecosystem's win rate and delivery per cell. */
  winRate: Float64Array;
  delivery: Float64Array;
}

/** Prior strengths tried, log-spaced from very weak (partners differ wildly) to very strong (all alike). */
const STRENGTHS = Array.from({ length: 31 }, (_, i) => 0.3 * 10_000 ** (i / 30));
/** Rows sampled per cell kind for the fit: the likelihood is smooth, more rows only cost time. */
const FIT_SAMPLE = 6000;
/**
 * Fewer partners' evidence than this in cells of a kind and the ecosystem is too small to fit a prior
 * from (a new programme, a test): a weakly informative default is used instead — five pseudo-observations
 * at the cell's norm.
 */
export const MIN_FIT = 20;
export const SMALL_ECOSYSTEM = { strength: 5 } as const;
/** A mean is kept away from 0 and 1, where a Beta prior degenerates. */
const EDGE = 1e-3;

const clampRate = (x: number) => Math.min(1 - EDGE, Math.max(EDGE, x));

/**
 * Fits the priors of every signal from the ecosystem: the mean of a cell is its pooled rate (or share), the
 * strength of a cell kind maximises the Beta-binomial marginal likelihood of all partners' evidence in
 * cells of that kind — empirical Bayes. Where partners genuinely differ, the fitted strength is weak and a
 * small partner's consistent record stands; where differences are mostly noise, it is strong and one lucky
 * deal is pulled back to the cell's norm. No hand-set constant decides how much to trust a small sample.
 */
export function fitPriors(table: EvidenceTable): Priors {
  const grid = table.grid;
  const NC = grid.count;
  const totals = partnerTotals(table);
  const n = table.rows;
  const S = SIGNALS.length;
  const trials = new Float64Array(2 * TRIALS);
  const succ = new Float64Array(S * NC);
  const tri = new Float64Array(S * NC);
  const kindRows = [0, 0, 0];
  for (let r = 0; r < n; r++) {
    rowTrials(table, totals, r, trials);
    const c = table.cell[r]!;
    kindRows[kindIndex(grid, c)]!++;
    for (let j = 0; j < S; j++) {
      succ[j * NC + c] = succ[j * NC + c]! + trials[j]!;
      tri[j * NC + c] = tri[j * NC + c]! + trials[TRIALS + j]!;
    }
  }
  const samples = sampleRecords(table, totals, kindRows);
  const signals: SignalPrior[] = [];
  const informative = new Uint8Array(S * KINDS);
  for (let j = 0; j < S; j++) {
    let allSucc = 0;
    let allTri = 0;
    for (let c = 0; c < NC; c++) {
      allSucc += succ[j * NC + c]!;
      allTri += tri[j * NC + c]!;
    }
    const globalMean = allTri > 0 ? clampRate(allSucc / allTri) : 0.5;
    const mean = new Float64Array(NC);
    for (let c = 0; c < NC; c++) {
      // The norm of a share is the pooled share of the partners working in the cell: is this cell a
      // bigger part of this partner's work than of theirs?
      const t = tri[j * NC + c]!;
      mean[c] = t > 0 ? clampRate(succ[j * NC + c]! / t) : globalMean;
    }
    const strength = new Float64Array(NC);
    for (let kind = 0; kind < KINDS; kind++) {
      const fit = fitStrength(samples[j * KINDS + kind]!, mean);
      for (let c = 0; c < NC; c++) if (kindIndex(grid, c) === kind) strength[c] = fit.strength;
      informative[j * KINDS + kind] = fit.informative ? 1 : 0;
    }
    signals.push({ mean, strength });
  }
  return {
    signals,
    totals,
    winRate: signals[WIN_RATE]!.mean,
    delivery: signals[DELIVERY]!.mean,
    informative,
  };
}

/** Whether partners' rates differ at all: when every partner has the same rate, it tells nobody apart. */
function varies(xs: readonly number[], ns: readonly number[]): boolean {
  if (xs.length === 0) return false;
  const first = xs[0]! / ns[0]!;
  return xs.some((x, i) => Math.abs(x / ns[i]! - first) > 1e-9);
}

/** A 32-bit integer mix (murmur3's finaliser): spreads consecutive ids evenly over residues. */
function mixHash(x: number): number {
  let h = x | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Partners' records of one signal in cells of one kind: successes, trials and cell, in parallel arrays. */
interface Sample {
  xs: number[];
  ns: number[];
  cells: number[];
}

/**
 * About FIT_SAMPLE rows of each cell kind (all of them in a smaller ecosystem), with trials, per signal and
 * kind (`signal * 3 + kind`): what the priors are fitted on, gathered in one pass over the table.
 */
function sampleRecords(table: EvidenceTable, totals: PartnerTotals, kindRows: readonly number[]): Sample[] {
  const S = SIGNALS.length;
  const samples: Sample[] = Array.from({ length: S * KINDS }, () => ({ xs: [], ns: [], cells: [] }));
  const strides = kindRows.map((rows) => Math.max(1, Math.ceil(rows / FIT_SAMPLE)));
  const trials = new Float64Array(2 * TRIALS);
  for (let r = 0; r < table.rows; r++) {
    const c = table.cell[r]!;
    const kind = kindIndex(table.grid, c);
    // Sampled by partner and cell, not by row position: a row that appears or lapses overnight (a
    // certification earned or expired) must not reshuffle the sample and move every prior.
    if (strides[kind]! > 1 && mixHash(table.partner[r]! * table.grid.count + c) % strides[kind]! !== 0)
      continue;
    rowTrials(table, totals, r, trials);
    for (let j = 0; j < S; j++) {
      const t = trials[TRIALS + j]!;
      if (t <= 0) continue;
      const sample = samples[j * KINDS + kind]!;
      sample.xs.push(trials[j]!);
      sample.ns.push(t);
      sample.cells.push(c);
    }
  }
  return samples;
}

/** The strength maximising the Beta-binomial likelihood of a sample (and whether partners differ at all). */
function fitStrength(sample: Sample, mean: Float64Array): { strength: number; informative: boolean } {
  const { xs, ns, cells } = sample;
  if (xs.length < MIN_FIT) return { strength: SMALL_ECOSYSTEM.strength, informative: xs.length > 0 };
  // The prior's own normaliser depends on the cell only: once per cell, not once per record.
  const priorLogBeta = new Float64Array(mean.length);
  const logLikelihood = (k: number): number => {
    // A weak hyperprior on the strength itself (log-normal around the small-ecosystem default, a factor
    // of ten is one standard deviation): with thousands of partners the data decide; with a few dozen it
    // keeps the fit from the degenerate "everyone is identical" edge that a bare maximum likelihood
    // often lands on.
    const log = Math.log(k / SMALL_ECOSYSTEM.strength) / Math.LN10;
    let ll = -0.5 * log * log;
    priorLogBeta.fill(Number.NaN);
    for (let i = 0; i < xs.length; i++) {
      const c = cells[i]!;
      const m = mean[c]!;
      const a = m * k;
      const b = (1 - m) * k;
      if (Number.isNaN(priorLogBeta[c]!)) priorLogBeta[c] = logBeta(a, b);
      ll += logBeta(xs[i]! + a, ns[i]! - xs[i]! + b) - priorLogBeta[c]!;
    }
    return ll;
  };
  const values = STRENGTHS.map(logLikelihood);
  let at = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[at]!) at = i;
  // Between grid points, the vertex of the parabola through the best one and its neighbours (in log k):
  // the fitted strength then moves smoothly with the data, so a night's new deals do not make it jump a
  // whole grid step and shift every score.
  let bestK = STRENGTHS[at]!;
  if (at > 0 && at < values.length - 1) {
    const [l, c, r] = [values[at - 1]!, values[at]!, values[at + 1]!];
    const curvature = l - 2 * c + r;
    if (curvature < 0) {
      const shift = (0.5 * (l - r)) / curvature;
      bestK = Math.exp(Math.log(bestK) + shift * Math.log(STRENGTHS[1]! / STRENGTHS[0]!));
    }
  }
  return { strength: bestK, informative: varies(xs, ns) };
}
