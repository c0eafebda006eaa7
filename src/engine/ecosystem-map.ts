/** The ecosystem map: per cell, who holds which level, how concentrated the evidence is, demand, coverage and flags. */
import type { Partner } from '../model/partner.js';
import type { EcosystemCell, EcosystemMap, MapFlag, RegionCell } from '../model/score.js';
import type { ScoreCore } from './score-core.js';
import { busFactor, herfindahl } from './stats.js';

export interface MapOptions {
  /** Also break every cell down by partner region. */
  byRegion?: boolean;
}

function levelCounts(names: string[], counts: ArrayLike<number>): Record<string, number> {
  const out: Record<string, number> = {};
  names.forEach((name, i) => {
    out[name] = counts[i] ?? 0;
  });
  return out;
}

function coverageOf(capacity: number, demand: number, dealsPerCapacity: number): number | null {
  return demand > 0 ? Math.round(((capacity * dealsPerCapacity) / demand) * 1000) / 1000 : null;
}

/**
 * Builds the map over every cell of the taxonomy: sector × technology pairs, then the sector totals,
 * then the technology totals (a sector or technology cell is scored on its own, so its figures are the
 * totals of that row or column). Flags:
 * - gap: demand ≥ `minDemand` and coverage below `gapBelow` (too few qualified partners for the deals);
 * - saturated: at least two partners at the top level and coverage above `saturatedAbove` (or no demand);
 * - single point of failure: demand ≥ `minDemand` and one partner holds half the cell's proof, or only
 *   one partner holds any level there.
 */
export function buildEcosystemMap(
  core: ScoreCore,
  partners: readonly Partner[],
  options: MapOptions = {},
): EcosystemMap {
  const { table, grid, config } = core;
  const ladder = config.levels.ladder;
  const names = ladder.map((l) => l.name);
  const L = ladder.length;
  const NC = grid.count;
  const counts = new Int32Array(NC * L);
  const withEvidence = new Int32Array(NC);
  const capacity = new Float64Array(NC);
  // Proof masses grouped by cell (one flat array), for concentration and bus factor.
  const start = new Int32Array(NC + 1);
  for (let r = 0; r < table.rows; r++) start[table.cell[r]! + 1] = start[table.cell[r]! + 1]! + 1;
  for (let c = 0; c < NC; c++) start[c + 1] = start[c + 1]! + start[c]!;
  // The table's dead scratch memory is reused when large enough (see EvidenceTable.scratch).
  const proof =
    table.scratch.byteLength >= table.rows * 4
      ? new Float32Array(table.scratch, 0, table.rows)
      : new Float32Array(table.rows);
  const fill = start.slice(0, NC);
  for (let r = 0; r < table.rows; r++) {
    const c = table.cell[r]!;
    withEvidence[c] = withEvidence[c]! + 1;
    proof[fill[c]!] = table.proofMass[r]!;
    fill[c] = fill[c]! + 1;
    const level = core.level[r]!;
    if (level >= 0) {
      counts[c * L + level] = counts[c * L + level]! + 1;
      capacity[c] = capacity[c]! + ladder[level]!.capacity;
    }
  }
  const { dealsPerCapacity, gapBelow, saturatedAbove, minDemand } = config.map;
  const order = [
    ...Array.from({ length: grid.sectors * grid.technologies }, (_, i) => i),
    ...Array.from({ length: grid.sectors }, (_, s) => grid.sectorCell(s)),
    ...Array.from({ length: grid.technologies }, (_, t) => grid.technologyCell(t)),
  ];
  const cells: EcosystemCell[] = order.map((c) => {
    const closed = table.demandClosed[c]!;
    const open = table.demandOpen[c]!;
    const demand = closed + open;
    const cap = Math.round(capacity[c]! * 1000) / 1000;
    const coverage = coverageOf(capacity[c]!, demand, dealsPerCapacity);
    const byLevel = counts.subarray(c * L, c * L + L);
    let levelled = 0;
    for (const n of byLevel) levelled += n;
    const amounts = proof.subarray(start[c]!, start[c + 1]!).sort();
    const bus = busFactor(amounts);
    const flags: MapFlag[] = [];
    if (demand >= minDemand && demand > 0 && (coverage ?? 0) < gapBelow) flags.push('gap');
    if (byLevel[0]! >= 2 && (demand === 0 || (coverage ?? 0) > saturatedAbove)) flags.push('saturated');
    if (demand >= minDemand && demand > 0 && (bus === 1 || levelled === 1))
      flags.push('single-point-of-failure');
    return {
      cell: grid.key(c),
      kind: grid.kind(c),
      partnersByLevel: levelCounts(names, byLevel),
      partnersWithEvidence: withEvidence[c]!,
      concentration: Math.round(herfindahl(amounts) * 10000) / 10000,
      busFactor: bus,
      closedDeals: closed,
      openDeals: open,
      openAmount: Math.round(table.demandOpenAmount[c]!),
      demand,
      capacity: cap,
      coverage,
      flags,
    };
  });
  return { cells, regions: options.byRegion ? regionBreakdown(core, partners, order) : [] };
}

/** Per region and cell: levels and capacity of the region's partners, and the deals they were in. */
function regionBreakdown(core: ScoreCore, partners: readonly Partner[], order: number[]): RegionCell[] {
  const { table, grid, config } = core;
  const ladder = config.levels.ladder;
  const names = ladder.map((l) => l.name);
  const L = ladder.length;
  const NC = grid.count;
  const regionNames = [...new Set(partners.map((p) => p.region ?? 'Unknown'))].sort();
  const regionIndex = new Map(regionNames.map((r, i) => [r, i]));
  const R = regionNames.length;
  const counts = new Int32Array(R * NC * L);
  const capacity = new Float64Array(R * NC);
  const demand = new Int32Array(R * NC);
  for (let r = 0; r < table.rows; r++) {
    const region = regionIndex.get(partners[table.partner[r]!]?.region ?? 'Unknown') ?? 0;
    const at = region * NC + table.cell[r]!;
    demand[at] = demand[at]! + table.recentClosed[r]! + table.openDeals[r]!;
    const level = core.level[r]!;
    if (level >= 0) {
      counts[at * L + level] = counts[at * L + level]! + 1;
      capacity[at] = capacity[at]! + ladder[level]!.capacity;
    }
  }
  const out: RegionCell[] = [];
  for (let g = 0; g < R; g++) {
    for (const c of order) {
      const at = g * NC + c;
      out.push({
        region: regionNames[g]!,
        cell: grid.key(c),
        partnersByLevel: levelCounts(names, counts.subarray(at * L, at * L + L)),
        capacity: Math.round(capacity[at]! * 1000) / 1000,
        demand: demand[at]!,
        coverage: coverageOf(capacity[at]!, demand[at]!, config.map.dealsPerCapacity),
      });
    }
  }
  return out;
}
