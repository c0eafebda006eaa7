/** Needs diagnosis: what support each partner needs, from its evidence against peers' percentiles in the same cells. */
import type { Need } from '../model/score.js';
import { Arena } from './arena.js';
import { isoDateOf } from './day-numbers.js';
import type { ScoreCore } from './score-core.js';
import { percentileRank } from './stats.js';
import { count } from './words.js';

/** At most this many cells are listed per need and partner: the partner's most important cells (by proof). */
const MAX_CELLS_PER_NEED = 3;

/**
 * Rows grouped by cell (counting sort) with their proof and skills masses alongside, so that the partners
 * of one cell are read in sequence rather than scattered over the table. Uses the table's dead scratch
 * memory when it is large enough.
 */
function rowsByCell(core: ScoreCore) {
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
  const bytes = Arena.size(n * 4, n * 4, n * 4, n * 2, n * 2);
  const arena = new Arena(table.scratch.byteLength >= bytes ? table.scratch : bytes);
  const rows = arena.i32(n);
  const proof = arena.f32(n);
  const skills = arena.f32(n);
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
    closed[at] = Math.min(65_535, table.closedDeals[r]!);
    open[at] = table.openDeals[r]!;
  }
  return { start, rows, proof, skills, closed, open, largest };
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
class IntDistribution {
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

/** 82 → "82nd". */
function ordinal(n: number): string {
  const r = Math.round(n);
  const tens = r % 100;
  if (tens >= 11 && tens <= 13) return `${r}th`;
  const suffix = r % 10 === 1 ? 'st' : r % 10 === 2 ? 'nd' : r % 10 === 3 ? 'rd' : 'th';
  return `${r}${suffix}`;
}

/**
 * Diagnoses every partner's needs (indexed like `core.table.partnerIds`). Cell needs compare the partner
 * with the other partners that have evidence in the same technology or sector × technology cell (sector
 * cells are skipped: certifications are mostly technical, so "few certified people in Healthcare" would
 * say little). A metric is strong when at least `highPercentile`% of peers are strictly below it, weak
 * when at least (100 − `lowPercentile`)% are strictly above it:
 * - technical enablement: strong proof, weak skills (wins but few certified people);
 * - sales / marketing support: strong skills, weak proof, pipeline not strong;
 * - sales enablement: strong deal flow (closed + open deals) but a weak win rate, among peers with
 *   at least `winRate.minClosedDeals` closed deals;
 * - re-engagement (partner-wide): won-deal evidence fell by `reengagementMinDecline` or more over the
 *   look-back (few new wins to offset decay), from at least one effective won customer.
 */
export function diagnoseNeeds(core: ScoreCore): Need[][] {
  const { table, grid, config } = core;
  const { highPercentile: high, lowPercentile: low, minPeers } = config.needs;
  const minClosed = config.winRate.minClosedDeals;
  const pct = (sorted: Float32Array, x: number) => Math.round(percentileRank(sorted, Math.fround(x)));
  // Per cell, "strong" and "weak" become one comparison against a threshold value of the sorted peers.
  const strongAbove = (sorted: Float32Array) => strongThreshold(sorted, high);
  const weakBelow = (sorted: Float32Array) => weakThreshold(sorted, low);

  const P = table.partnerIds.length;
  const found: ({ need: Need; weight: number }[] | undefined)[] = new Array(P);
  const push = (p: number, need: Need, weight: number) => {
    let list = found[p];
    if (!list) {
      list = [];
      found[p] = list;
    }
    list.push({ need, weight });
  };
  const groups = rowsByCell(core);
  const proofPeers = new Float32Array(groups.largest);
  const skillsPeers = new Float32Array(groups.largest);
  // Open deals and deal flow are small whole numbers: counted in histograms instead of sorted.
  let maxFlow = 0;
  for (let r = 0; r < table.rows; r++)
    maxFlow = Math.max(maxFlow, table.closedDeals[r]! + table.openDeals[r]!);
  const pipeline = new IntDistribution(maxFlow);
  const flows = new IntDistribution(maxFlow);
  const ratePeers = new Float32Array(groups.largest);
  for (let c = 0; c < grid.count; c++) {
    if (grid.kind(c) === 'sector') continue;
    const from = groups.start[c]!;
    const n = groups.start[c + 1]! - from;
    if (n < minPeers) continue;
    let rated = 0;
    pipeline.reset();
    flows.reset();
    for (let i = 0; i < n; i++) {
      const open = groups.open[from + i]!;
      const closed = groups.closed[from + i]!;
      pipeline.add(open);
      flows.add(closed + open);
      if (closed >= minClosed) {
        const r = groups.rows[from + i]!;
        ratePeers[rated++] = table.wonDeals[r]! / table.closedDeals[r]!;
      }
    }
    proofPeers.set(groups.proof.subarray(from, from + n));
    skillsPeers.set(groups.skills.subarray(from, from + n));
    const proof = proofPeers.subarray(0, n).sort();
    const skills = skillsPeers.subarray(0, n).sort();
    pipeline.accumulate();
    flows.accumulate();
    const rates = ratePeers.subarray(0, rated).sort();
    const cell = grid.key(c);
    const label = grid.label(c);
    const strongProof = strongAbove(proof);
    const weakProof = weakBelow(proof);
    const strongSkills = strongAbove(skills);
    const weakSkills = weakBelow(skills);
    const strongPipeline = pipeline.strongThreshold(high);
    const strongFlow = flows.strongThreshold(high);
    const weakRate = weakBelow(rates);
    for (let i = 0; i < n; i++) {
      // Compared as stored: 32-bit floats, like the peer values. The other figures are read only for
      // rows that may trigger (reading every row's would scatter over the whole table).
      const pm = groups.proof[from + i]!;
      const sm = groups.skills[from + i]!;
      const technical = pm > strongProof && sm < weakSkills;
      const support = sm > strongSkills && pm < weakProof;
      const enablement = groups.closed[from + i]! >= minClosed && rated >= minPeers;
      if (!technical && !support && !enablement) continue;
      const r = groups.rows[from + i]!;
      const closed = table.closedDeals[r]!;
      const p = table.partner[r]!;
      const wonCustomers = table.wonCustomers[r]!;
      const certified = table.certifiedPeople[r]!;
      const open = table.openDeals[r]!;
      if (technical) {
        const proofPct = pct(proof, pm);
        const skillsPct = pct(skills, sm);
        push(
          p,
          {
            need: 'technical-enablement',
            cell,
            figures: {
              wonCustomers,
              proofPercentile: proofPct,
              certifiedPeople: certified,
              skillsPercentile: skillsPct,
              peers: n,
            },
            summary: `Wins in ${label} (${count(wonCustomers, 'won customer', 'won customers')}, ${ordinal(proofPct)} percentile of ${count(n, 'peer', 'peers')}) but ${count(certified, 'certified person', 'certified people')} (${ordinal(skillsPct)} percentile): technical enablement.`,
          },
          pm,
        );
      }
      if (support && !(open > strongPipeline)) {
        const proofPct = pct(proof, pm);
        const skillsPct = pct(skills, sm);
        push(
          p,
          {
            need: 'sales-marketing-support',
            cell,
            figures: {
              certifiedPeople: certified,
              skillsPercentile: skillsPct,
              wonCustomers,
              proofPercentile: proofPct,
              openDeals: open,
              peers: n,
            },
            summary: `${count(certified, 'certified person', 'certified people')} in ${label} (${ordinal(skillsPct)} percentile of ${count(n, 'peer', 'peers')}) but ${count(wonCustomers, 'won customer', 'won customers')} (${ordinal(proofPct)} percentile) and ${count(open, 'open deal', 'open deals')}: sales and marketing support.`,
          },
          sm,
        );
      }
      if (enablement) {
        const f = closed + open;
        const counted = groups.closed[from + i]! + open; // as in the peer histogram
        const wr = table.wonDeals[r]! / closed;
        if (counted > strongFlow && Math.fround(wr) < weakRate) {
          const flowPct = Math.round(flows.percentileRank(counted));
          const ratePct = pct(rates, wr);
          push(
            p,
            {
              need: 'sales-enablement',
              cell,
              figures: {
                deals: f,
                openDeals: open,
                closedDeals: closed,
                winRate: Math.round(wr * 1000) / 1000,
                dealsPercentile: flowPct,
                winRatePercentile: ratePct,
                peers: rated,
              },
              summary: `${count(f, 'deal', 'deals')} in ${label} (${ordinal(flowPct)} percentile of peers) but a ${Math.round(wr * 100)}% win rate over ${count(closed, 'closed deal', 'closed deals')} (${ordinal(ratePct)} percentile of ${count(rated, 'peer', 'peers')}): sales enablement.`,
            },
            f,
          );
        }
      }
    }
  }

  const result: Need[][] = [];
  for (let p = 0; p < P; p++) {
    const needs = pickCells(found[p] ?? []);
    const before = table.evidenceBefore[p]!;
    const now = table.evidenceNow[p]!;
    if (before >= 1) {
      const decline = 1 - now / before;
      // The tolerance absorbs rounding: with no new wins at all, evidence halves in exactly one half-life.
      if (decline >= config.needs.reengagementMinDecline - 1e-9) {
        const last = table.lastWonDay[p]!;
        const days = config.needs.reengagementLookbackDays;
        needs.push({
          need: 're-engagement',
          cell: null,
          figures: {
            evidenceBefore: Math.round(before * 100) / 100,
            evidenceNow: Math.round(now * 100) / 100,
            declinePercent: Math.round(decline * 100),
            daysSinceLastWin: Number.isNaN(last) ? null : Math.floor(core.today - last),
          },
          summary: `Won-deal evidence down ${Math.round(decline * 100)}% over the last ${count(days, 'day', 'days')}${Number.isNaN(last) ? '' : `; last win ${isoDateOf(last)}`}: re-engagement.`,
        });
      }
    }
    result.push(needs);
  }
  return result;
}

/** Keeps, per need kind, the partner's most important cells; output ordered by kind, then importance. */
function pickCells(found: { need: Need; weight: number }[]): Need[] {
  const order = ['technical-enablement', 'sales-marketing-support', 'sales-enablement'];
  found.sort(
    (a, b) =>
      order.indexOf(a.need.need) - order.indexOf(b.need.need) ||
      b.weight - a.weight ||
      (String(a.need.cell) < String(b.need.cell) ? -1 : String(a.need.cell) > String(b.need.cell) ? 1 : 0),
  );
  const out: Need[] = [];
  const perKind = new Map<string, number>();
  for (const { need } of found) {
    const n = perKind.get(need.need) ?? 0;
    if (n >= MAX_CELLS_PER_NEED) continue;
    perKind.set(need.need, n + 1);
    out.push(need);
  }
  return out;
}
