/** Needs diagnosis: what support each partner needs, from its evidence against peers' percentiles in the same cells. */
import type { Need } from '../model/score-needs.js';
import { isoDateOf } from './day-numbers.js';
import { type CellPeers, cellPeers, PeerScratch, type RowsByCell, rowsByCell } from './needs-peers.js';
import { isExcluded } from './overrides.js';
import type { ScoreCore } from './score-core.js';
import { percentileRank } from './stats.js';
import { count } from './words.js';

/** At most this many cells are listed per need and partner: the partner's most important cells (by proof). */
const MAX_CELLS_PER_NEED = 3;

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
  const P = table.partnerIds.length;
  // Lists only for partners with a candidate row: an empty list per partner was 400 000 arrays at the
  // largest programmes' size, alive to the end of the pass (old-space growth, which costs a full GC).
  const found: (Found[] | undefined)[] = new Array(P);
  const groups = rowsByCell(core);
  const scratch = new PeerScratch(core, groups.largest);
  for (let c = 0; c < grid.count; c++) {
    if (grid.kind(c) === 'sector') continue;
    if (groups.start[c + 1]! - groups.start[c]! < config.needs.minPeers) continue;
    cellNeeds(core, groups, cellPeers(core, groups, c, scratch), groups.start[c]!, found);
  }
  return Array.from({ length: P }, (_, p) => {
    const cellFound = found[p];
    const needs = cellFound === undefined ? [] : pickCells(cellFound);
    const reengagement = reengagementNeed(core, p);
    if (reengagement) needs.push(reengagement);
    return needs;
  });
}

/** A need found in a cell, with its importance among the partner's cells (the figure that triggered it). */
interface Found {
  need: Need;
  weight: number;
}

/** The cell needs of the partners in one cell (rows `from…` of `groups`), added to `found` per partner. */
function cellNeeds(
  core: ScoreCore,
  groups: RowsByCell,
  peers: CellPeers,
  from: number,
  found: (Found[] | undefined)[],
): void {
  const { table, config } = core;
  const minClosed = config.winRate.minClosedDeals;
  for (let i = 0; i < peers.n; i++) {
    // Compared as stored: 32-bit floats, like the peer values. The other figures are read only for
    // rows that may trigger (reading every row's would scatter over the whole table).
    const pm = groups.proof[from + i]!;
    const sm = groups.skills[from + i]!;
    const technical = pm > peers.strongProof && sm < peers.weakSkills;
    const support = sm > peers.strongSkills && pm < peers.weakProof;
    const enablement = groups.closed[from + i]! >= minClosed && peers.rated >= config.needs.minPeers;
    if (!technical && !support && !enablement) continue;
    const r = groups.rows[from + i]!;
    // An excluded cell is out of the partner's expertise: no support is offered in it (its evidence still
    // counts among the cell's peers: the market is what it is).
    if (isExcluded(core, r)) continue;
    const row: RowFigures = {
      proof: pm,
      skills: sm,
      wonCustomers: table.wonCustomers[r]!,
      certified: table.certifiedPeople[r]!,
      open: table.openDeals[r]!,
      closed: table.closedDeals[r]!,
      wonDeals: table.wonDeals[r]!,
      // As in the peer histogram (closed deals capped there).
      flow: groups.closed[from + i]! + table.openDeals[r]!,
    };
    const p = table.partner[r]!;
    const list = found[p] ?? [];
    found[p] = list;
    // Strong proof mass can come with no won customer counted in the cell (issue #18 saw "Wins in … (0 won
    // customers)"): without a win there is nothing to deliver yet, so no technical-enablement need.
    if (technical && row.wonCustomers > 0)
      list.push({ need: proofSkillsNeed('technical-enablement', peers, row), weight: pm });
    if (support && !(row.open > peers.strongPipeline))
      list.push({ need: proofSkillsNeed('sales-marketing-support', peers, row), weight: sm });
    const sales = enablement ? salesEnablementNeed(peers, row) : null;
    if (sales) list.push({ need: sales, weight: row.closed + row.open });
  }
}

/** One row's figures, read once it may trigger a need. */
interface RowFigures {
  proof: number;
  skills: number;
  wonCustomers: number;
  certified: number;
  open: number;
  closed: number;
  wonDeals: number;
  flow: number;
}

const pct = (sorted: Float32Array, x: number) => Math.round(percentileRank(sorted, Math.fround(x)));

/**
 * Technical enablement (strong proof, weak skills: wins but few certified people) or sales and marketing
 * support (strong skills, weak proof: certified people but few wins), with the figures that show it.
 */
function proofSkillsNeed(
  kind: 'technical-enablement' | 'sales-marketing-support',
  peers: CellPeers,
  row: RowFigures,
): Need {
  const { n, label } = peers;
  const proofPct = pct(peers.proof, row.proof);
  const skillsPct = pct(peers.skills, row.skills);
  const wins = count(row.wonCustomers, 'won customer', 'won customers');
  const people = count(row.certified, 'certified person', 'certified people');
  const ofPeers = `percentile of ${count(n, 'peer', 'peers')}`;
  const technical = kind === 'technical-enablement';
  return {
    need: kind,
    cell: peers.cell,
    figures: technical
      ? {
          wonCustomers: row.wonCustomers,
          proofPercentile: proofPct,
          certifiedPeople: row.certified,
          skillsPercentile: skillsPct,
          peers: n,
        }
      : {
          certifiedPeople: row.certified,
          skillsPercentile: skillsPct,
          wonCustomers: row.wonCustomers,
          proofPercentile: proofPct,
          openDeals: row.open,
          peers: n,
        },
    summary: technical
      ? `Wins in ${label} (${wins}, ${ordinal(proofPct)} ${ofPeers}) but ${people} (${ordinal(skillsPct)} percentile): technical enablement.`
      : `${people} in ${label} (${ordinal(skillsPct)} ${ofPeers}) but ${wins} (${ordinal(proofPct)} percentile) and ${count(row.open, 'open deal', 'open deals')}: sales and marketing support.`,
  };
}

/** Strong deal flow but a weak win rate among rated peers; null when the row does not qualify. */
function salesEnablementNeed(peers: CellPeers, row: RowFigures): Need | null {
  const wr = row.wonDeals / row.closed;
  if (!(row.flow > peers.strongFlow && Math.fround(wr) < peers.weakRate)) return null;
  const f = row.closed + row.open;
  const flowPct = Math.round(peers.flows.percentileRank(row.flow));
  const ratePct = pct(peers.rates, wr);
  return {
    need: 'sales-enablement',
    cell: peers.cell,
    figures: {
      deals: f,
      openDeals: row.open,
      closedDeals: row.closed,
      winRate: Math.round(wr * 1000) / 1000,
      dealsPercentile: flowPct,
      winRatePercentile: ratePct,
      peers: peers.rated,
    },
    summary: `${count(f, 'deal', 'deals')} in ${peers.label} (${ordinal(flowPct)} percentile of peers) but a ${Math.round(wr * 100)}% win rate over ${count(row.closed, 'closed deal', 'closed deals')} (${ordinal(ratePct)} percentile of ${count(peers.rated, 'peer', 'peers')}): sales enablement.`,
  };
}

/** Partner-wide: won-deal evidence fell by `reengagementMinDecline` or more over the look-back; else null. */
function reengagementNeed(core: ScoreCore, p: number): Need | null {
  const { table, config } = core;
  const before = table.evidenceBefore[p]!;
  const now = table.evidenceNow[p]!;
  if (before < 1) return null;
  const decline = 1 - now / before;
  // The tolerance absorbs rounding: with no new wins at all, evidence halves in exactly one half-life.
  if (decline < config.needs.reengagementMinDecline - 1e-9) return null;
  const last = table.lastWonDay[p]!;
  const days = config.needs.reengagementLookbackDays;
  return {
    need: 're-engagement',
    cell: null,
    figures: {
      evidenceBefore: Math.round(before * 100) / 100,
      evidenceNow: Math.round(now * 100) / 100,
      declinePercent: Math.round(decline * 100),
      daysSinceLastWin: Number.isNaN(last) ? null : Math.floor(core.today - last),
    },
    summary: `Won-deal evidence down ${Math.round(decline * 100)}% over the last ${count(days, 'day', 'days')}${Number.isNaN(last) ? '' : `; last win ${isoDateOf(last)}`}: re-engagement.`,
  };
}

/** Keeps, per need kind, the partner's most important cells; output ordered by kind, then importance. */
function pickCells(found: Found[]): Need[] {
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
