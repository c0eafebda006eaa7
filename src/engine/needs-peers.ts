/** A cell's peers for needs diagnosis: its partners' figures sorted, and where "strong" and "weak" begin among them. */
import type { CellKey } from '../model/score-cell.js';
import { Arena } from './arena.js';
import type { ScoreCore } from './score-core.js';

/** Bytes of rowsByCell's columns for `rows` evidence rows (the evidence pass sizes its scratch to fit them). */
export function rowsByCellBytes(rows: number): number {
  return Arena.size(rows * 4, rows * 4, rows * 4, rows * 4, rows * 2, rows * 2);
}

/**
 * Rows grouped by cell (counting sort) with their proof and skills masses alongside, so that the partners
 * of one cell are read in sequence rather than scattered over the table. Uses the table's dead scratch
 * memory when it is large enough.
 */
export function rowsByCell(core: ScoreCore) {
  const { table, grid } = core;
  const NC = grid.count;
  const n = table.rows;
  const start = new Int32Array(NC + 1);
  for (let r = 0; r < n; r++) start[table.cell[r]! + 1] = start[table.cell[r]! + 1]! + 1;
  let largest = 0;
  for (let c = 0; c < NC; c++) {
    largest = Math.max(largest, start[c + 1]!);
    start[c + 1] = start[c + 1]! + start[c]!;
  }
  const bytes = rowsByCellBytes(n);
  const arena = new Arena(table.scratch.byteLength >= bytes ? table.scratch : bytes);
  const rows = arena.i32(n);
  const proof = arena.f32(n);
  const skills = arena.f32(n);
  /**
   * Win rate (won / closed deals, as the peers' 32-bit list holds it; NaN without closed deals): read here
   * in row order, as it was per peer in cell order, a cache miss each over millions of rows.
   */
  const rate = arena.f32(n);
  /** Closed deals, capped at 65 535 (a cap no partner reaches in one cell; exact figures come from the table). */
  const closed = arena.u16(n);
  const open = arena.u16(n);
  const fill = start.slice(0, NC);
  for (let r = 0; r < n; r++) {
    const c = table.cell[r]!;
    const at = fill[c]!;
    fill[c] = at + 1;
    rows[at] = r;
    proof[at] = table.proofMass[r]!;
    skills[at] = table.skillsMass[r]!;
    rate[at] = table.wonDeals[r]! / table.closedDeals[r]!;
    closed[at] = Math.min(65_535, table.closedDeals[r]!);
    open[at] = table.openDeals[r]!;
  }
  return { start, rows, proof, skills, rate, closed, open, largest };
}

/**
 * "Strong" = at least `high`% of peers strictly below. With k the fewest peers that makes, a value is
 * strong exactly when it exceeds the k-th smallest peer: returns that value (−∞ if k is 0, +∞ if no value can be).
 */
function strongThreshold(sorted: Float32Array, high: number): number {
  const n = sorted.length;
  let k = 0;
  while (k <= n && (100 * k) / n < high) k++;
  if (k === 0) return Number.NEGATIVE_INFINITY;
  return k > n ? Number.POSITIVE_INFINITY : sorted[k - 1]!;
}

/**
 * "Weak" = at least (100 − `low`)% of peers strictly above. With k the fewest peers that makes, a value is
 * weak exactly when it is below the k-th largest peer: returns that value (+∞ if k is 0, −∞ if no value can be).
 */
function weakThreshold(sorted: Float32Array, low: number): number {
  const n = sorted.length;
  let k = 0;
  while (k <= n && (100 * k) / n < 100 - low) k++;
  if (k === 0) return Number.POSITIVE_INFINITY;
  return k > n ? Number.NEGATIVE_INFINITY : sorted[n - k]!;
}

/** The distribution of a whole-number metric over a cell's partners, as cumulative counts. */
export class IntDistribution {
  private readonly counts: Int32Array;
  private n = 0;
  private max = 0;

  constructor(maxValue: number) {
    this.counts = new Int32Array(maxValue + 2);
  }

  reset(): void {
    this.counts.fill(0, 0, this.max + 2);
    this.n = 0;
    this.max = 0;
  }

  add(value: number): void {
    this.counts[value + 1] = this.counts[value + 1]! + 1;
    this.n++;
    if (value > this.max) this.max = value;
  }

  /** Turns counts into cumulative counts: counts[v] = peers below v. */
  accumulate(): void {
    for (let v = 1; v <= this.max + 1; v++) this.counts[v] = this.counts[v]! + this.counts[v - 1]!;
  }

  private below(v: number): number {
    return v <= 0 ? 0 : v > this.max + 1 ? this.n : this.counts[v]!;
  }

  /** As strongThreshold over the sorted values: the k-th smallest peer. */
  strongThreshold(high: number): number {
    let k = 0;
    while (k <= this.n && (100 * k) / this.n < high) k++;
    if (k === 0) return Number.NEGATIVE_INFINITY;
    if (k > this.n) return Number.POSITIVE_INFINITY;
    let v = 0;
    while (this.below(v + 1) < k) v++;
    return v;
  }

  /** As percentileRank over the sorted values. */
  percentileRank(x: number): number {
    if (this.n === 0) return 50;
    const below = this.below(x);
    const equal = this.below(x + 1) - below;
    return (100 * (below + equal / 2)) / this.n;
  }
}

export type RowsByCell = ReturnType<typeof rowsByCell>;

/** One cell's peers: their sorted figures and the thresholds a partner's figure is compared with. */
export interface CellPeers {
  cell: CellKey;
  label: string;
  /** Partners with evidence in the cell. */
  n: number;
  proof: Float32Array;
  skills: Float32Array;
  /** Win rates of the peers with at least `winRate.minClosedDeals` closed deals (`rated` of them). */
  rates: Float32Array;
  rated: number;
  flows: IntDistribution;
  strongProof: number;
  weakProof: number;
  strongSkills: number;
  weakSkills: number;
  strongPipeline: number;
  strongFlow: number;
  weakRate: number;
}

/** Buffers reused from cell to cell: sized for the largest cell once. */
export class PeerScratch {
  readonly proof: Float32Array;
  readonly skills: Float32Array;
  readonly rates: Float32Array;
  // Open deals and deal flow are small whole numbers: counted in histograms instead of sorted.
  readonly pipeline: IntDistribution;
  readonly flows: IntDistribution;

  constructor(core: ScoreCore, largest: number) {
    const { table } = core;
    let maxFlow = 0;
    for (let r = 0; r < table.rows; r++) {
      maxFlow = Math.max(maxFlow, table.closedDeals[r]! + table.openDeals[r]!);
    }
    this.proof = new Float32Array(largest);
    this.skills = new Float32Array(largest);
    this.rates = new Float32Array(largest);
    this.pipeline = new IntDistribution(maxFlow);
    this.flows = new IntDistribution(maxFlow);
  }
}

/**
 * The peers of cell `c`. Per cell, "strong" and "weak" become one comparison against a threshold value
 * of the sorted peers. The returned arrays are views of `scratch`: valid until the next cell.
 */
export function cellPeers(core: ScoreCore, groups: RowsByCell, c: number, scratch: PeerScratch): CellPeers {
  const { grid, config } = core;
  const { highPercentile: high, lowPercentile: low } = config.needs;
  const minClosed = config.winRate.minClosedDeals;
  const from = groups.start[c]!;
  const n = groups.start[c + 1]! - from;
  const { pipeline, flows } = scratch;
  let rated = 0;
  pipeline.reset();
  flows.reset();
  for (let i = 0; i < n; i++) {
    const open = groups.open[from + i]!;
    const closed = groups.closed[from + i]!;
    pipeline.add(open);
    flows.add(closed + open);
    if (closed >= minClosed) scratch.rates[rated++] = groups.rate[from + i]!;
  }
  scratch.proof.set(groups.proof.subarray(from, from + n));
  scratch.skills.set(groups.skills.subarray(from, from + n));
  const proof = scratch.proof.subarray(0, n).sort();
  const skills = scratch.skills.subarray(0, n).sort();
  pipeline.accumulate();
  flows.accumulate();
  const rates = scratch.rates.subarray(0, rated).sort();
  return {
    cell: grid.key(c),
    label: grid.label(c),
    n,
    proof,
    skills,
    rates,
    rated,
    flows,
    strongProof: strongThreshold(proof, high),
    weakProof: weakThreshold(proof, low),
    strongSkills: strongThreshold(skills, high),
    weakSkills: weakThreshold(skills, low),
    strongPipeline: pipeline.strongThreshold(high),
    strongFlow: flows.strongThreshold(high),
    weakRate: weakThreshold(rates, low),
  };
}
