/** Needs diagnosis: what support each partner needs, from its evidence against peers' percentiles in the same cells. */
import type { Need } from '../model/score.js';
import { isoDateOf } from './day-numbers.js';
import type { ScoreCore } from './score-core.js';
import { percentileRank } from './stats.js';

/** At most this many cells are listed per need and partner: the partner's most important cells (by proof). */
const MAX_CELLS_PER_NEED = 3;

/**
 * Rows grouped by cell (counting sort), so the engine can compare the partners of one cell at a time
 * with a scratch buffer the size of the largest cell instead of a copy of every metric of every row.
 */
function rowsByCell(core: ScoreCore): { start: Int32Array; rows: Int32Array; largest: number } {
  const { table, grid } = core;
  const NC = grid.count;
  const start = new Int32Array(NC + 1);
  for (let r = 0; r < table.rows; r++) start[table.cell[r]! + 1] = start[table.cell[r]! + 1]! + 1;
  let largest = 0;
  for (let c = 0; c < NC; c++) {
    largest = Math.max(largest, start[c + 1]!);
    start[c + 1] = start[c + 1]! + start[c]!;
  }
  const rows = new Int32Array(table.rows);
  const fill = start.slice(0, NC);
  for (let r = 0; r < table.rows; r++) {
    const c = table.cell[r]!;
    rows[fill[c]!] = r;
    fill[c] = fill[c]! + 1;
  }
  return { start, rows, largest };
}

/** Share (0–100) of peers strictly below / strictly above `x`: ties never count toward a trigger. */
function shareBelow(sorted: Float32Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return sorted.length === 0 ? 0 : (100 * lo) / sorted.length;
}
function shareAbove(sorted: Float32Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return sorted.length === 0 ? 0 : (100 * (sorted.length - lo)) / sorted.length;
}

/** 82 → "82nd". */
function ordinal(n: number): string {
  const r = Math.round(n);
  const tens = r % 100;
  if (tens >= 11 && tens <= 13) return `${r}th`;
  const suffix = r % 10 === 1 ? 'st' : r % 10 === 2 ? 'nd' : r % 10 === 3 ? 'rd' : 'th';
  return `${r}${suffix}`;
}

const people = (n: number) => `${n} certified ${n === 1 ? 'person' : 'people'}`;
const customers = (n: number) => `${n} won ${n === 1 ? 'customer' : 'customers'}`;

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
  const strong = (sorted: Float32Array, x: number) => shareBelow(sorted, Math.fround(x)) >= high;
  const weak = (sorted: Float32Array, x: number) => shareAbove(sorted, Math.fround(x)) >= 100 - low;
  const pct = (sorted: Float32Array, x: number) => Math.round(percentileRank(sorted, Math.fround(x)));

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
  const openPeers = new Float32Array(groups.largest);
  const flowPeers = new Float32Array(groups.largest);
  const ratePeers = new Float32Array(groups.largest);
  for (let c = 0; c < grid.count; c++) {
    if (grid.kind(c) === 'sector') continue;
    const from = groups.start[c]!;
    const n = groups.start[c + 1]! - from;
    if (n < minPeers) continue;
    let rated = 0;
    for (let i = 0; i < n; i++) {
      const r = groups.rows[from + i]!;
      proofPeers[i] = table.proofMass[r]!;
      skillsPeers[i] = table.skillsMass[r]!;
      openPeers[i] = table.openDeals[r]!;
      flowPeers[i] = table.closedDeals[r]! + table.openDeals[r]!;
      if (table.closedDeals[r]! >= minClosed) ratePeers[rated++] = table.wonDeals[r]! / table.closedDeals[r]!;
    }
    const proof = proofPeers.subarray(0, n).sort();
    const skills = skillsPeers.subarray(0, n).sort();
    const pipeline = openPeers.subarray(0, n).sort();
    const flows = flowPeers.subarray(0, n).sort();
    const rates = ratePeers.subarray(0, rated).sort();
    const cell = grid.key(c);
    const label = grid.label(c);
    for (let i = 0; i < n; i++) {
      const r = groups.rows[from + i]!;
      const p = table.partner[r]!;
      const pm = table.proofMass[r]!;
      const sm = table.skillsMass[r]!;
      const wonCustomers = table.wonCustomers[r]!;
      const certified = table.certifiedPeople[r]!;
      const open = table.openDeals[r]!;
      if (strong(proof, pm) && weak(skills, sm)) {
        const proofPct = pct(proof, pm);
        const skillsPct = pct(skills, sm);
        push(
          p,
          {
            need: 'technical-enablement',
            cell,
            figures: { wonCustomers, proofPercentile: proofPct, certifiedPeople: certified, skillsPercentile: skillsPct, peers: n },
            summary: `Wins in ${label} (${customers(wonCustomers)}, ${ordinal(proofPct)} percentile of ${n} peers) but ${people(certified)} (${ordinal(skillsPct)} percentile): technical enablement.`,
          },
          pm,
        );
      }
      if (strong(skills, sm) && weak(proof, pm) && !strong(pipeline, open)) {
        const proofPct = pct(proof, pm);
        const skillsPct = pct(skills, sm);
        push(
          p,
          {
            need: 'sales-marketing-support',
            cell,
            figures: { certifiedPeople: certified, skillsPercentile: skillsPct, wonCustomers, proofPercentile: proofPct, openDeals: open, peers: n },
            summary: `${people(certified)} in ${label} (${ordinal(skillsPct)} percentile of ${n} peers) but ${customers(wonCustomers)} (${ordinal(proofPct)} percentile) and ${open} open deals: sales and marketing support.`,
          },
          sm,
        );
      }
      const closed = table.closedDeals[r]!;
      if (closed >= minClosed && rated >= minPeers) {
        const f = closed + open;
        const wr = table.wonDeals[r]! / closed;
        if (strong(flows, f) && weak(rates, wr)) {
          const flowPct = pct(flows, f);
          const ratePct = pct(rates, wr);
          push(
            p,
            {
              need: 'sales-enablement',
              cell,
              figures: { deals: f, openDeals: open, closedDeals: closed, winRate: Math.round(wr * 1000) / 1000, dealsPercentile: flowPct, winRatePercentile: ratePct, peers: rated },
              summary: `${f} deals in ${label} (${ordinal(flowPct)} percentile of peers) but a ${Math.round(wr * 100)}% win rate over ${closed} closed deals (${ordinal(ratePct)} percentile of ${rated} peers): sales enablement.`,
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
          summary: `Won-deal evidence down ${Math.round(decline * 100)}% over the last ${days} days${Number.isNaN(last) ? '' : `; last win ${isoDateOf(last)}`}: re-engagement.`,
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
