/** The ecosystem map: per cell, who holds which level, how concentrated the evidence is, demand, unmet demand, flags, and where one more Specialist helps most. */
import type { Partner } from '../model/partner.js';
import type { CellKind } from '../model/score-cell.js';
import type {
  EcosystemCell,
  EcosystemMap,
  GapThresholds,
  MapFlag,
  MapPriority,
  RegionCell,
} from '../model/score-map.js';
import type { ScoringConfig } from '../model/scoring.js';
import type { Demand } from './deal-decode.js';
import { isExcluded } from './overrides.js';
import { demandByCustomerRegion, emptyDemand } from './regional-demand.js';
import { regionNameOf, UNKNOWN_REGION } from './regions.js';
import type { ScoreCore } from './score-core.js';
import { busFactor, herfindahl } from './stats.js';

export interface MapOptions {
  /** Also break every cell down by region: its partners' capacity next to its customers' demand. */
  byRegion?: boolean;
  /**
   * The map of one region (a taxonomy region's key or label, or a partner region as written): demand is
   * the deals of that region's customers, capacity and concentration those of that region's partners.
   */
  region?: string;
}

/** Length of the map's priority list: "the 10 cells where one more Specialist would serve the most unmet demand". */
export const MAP_PRIORITIES_MAX = 10;

const round1 = (x: number) => Math.round(x * 10) / 10;

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
 * Deals of a cell's demand its qualified partners cannot serve: max(0, demand − capacity × dealsPerCapacity),
 * to one decimal.
 * @example unmetDemandOf(55, 0.5, 20) // 45: half a Specialist serves 10 of the 55 deals
 */
export function unmetDemandOf(demand: number, capacity: number, dealsPerCapacity: number): number {
  return round1(Math.max(0, demand - capacity * dealsPerCapacity));
}

/**
 * The unmet demand that makes a gap, per kind of cell: the mean demand of the cells of that kind that
 * have any (a cell is a gap only if what it lacks is at least a whole average cell's business), and never
 * less than `minDemand`. Derived from the ecosystem itself, so it scales with it: on the 300-partner demo
 * it is 32 deals for a sector × technology cell.
 */
export function gapThresholdsOf(
  cells: readonly { kind: CellKind; demand: number }[],
  minDemand: number,
): GapThresholds {
  const sum = { pair: 0, sector: 0, technology: 0 };
  const n = { pair: 0, sector: 0, technology: 0 };
  for (const c of cells) {
    if (c.demand <= 0) continue;
    sum[c.kind] += c.demand;
    n[c.kind] += 1;
  }
  const bar = (k: CellKind) => round1(Math.max(minDemand, n[k] > 0 ? sum[k] / n[k] : 0));
  return { pair: bar('pair'), sector: bar('sector'), technology: bar('technology') };
}

/** What the flags of one cell are read from. */
export interface CellFlagInput {
  demand: number;
  coverage: number | null;
  unmetDemand: number;
  /** Partners holding any level in the cell. */
  qualified: number;
  busFactor: number;
}

/**
 * The flags of one cell, given the gap threshold of its kind (see gapThresholdsOf):
 * - gap: unmet demand of at least the threshold, and coverage below `gapBelow` (most of the demand unserved);
 * - saturated: at least two partners holding a level (any level) and capacity × dealsPerCapacity above
 *   `saturatedAbove` times the demand, or no demand at all;
 * - single point of failure: demand ≥ `minDemand` and one partner holds half the cell's proof, or only
 *   one partner holds any level there.
 */
export function mapFlagsOf(
  cell: CellFlagInput,
  gapThreshold: number,
  config: ScoringConfig['map'],
): MapFlag[] {
  const { gapBelow, saturatedAbove, minDemand } = config;
  const flags: MapFlag[] = [];
  if (cell.demand > 0 && cell.unmetDemand >= gapThreshold && (cell.coverage ?? 0) < gapBelow)
    flags.push('gap');
  if (cell.qualified >= 2 && (cell.demand === 0 || (cell.coverage ?? 0) > saturatedAbove))
    flags.push('saturated');
  if (cell.demand >= minDemand && cell.demand > 0 && (cell.busFactor === 1 || cell.qualified === 1))
    flags.push('single-point-of-failure');
  return flags;
}

/**
 * The sector × technology cells where one more Specialist would serve the most unmet demand: by
 * `oneMoreSpecialistCovers`, then unmet demand, then demand, then key; cells with nothing to cover left
 * out; at most `limit`. Only pair cells: a Specialist is recruited or enabled for a sector × technology,
 * and a sector or technology total re-counts the deals of its pairs.
 */
export function rankPriorities(
  cells: readonly EcosystemCell[],
  limit: number = MAP_PRIORITIES_MAX,
): MapPriority[] {
  return cells
    .filter((c) => c.kind === 'pair' && c.oneMoreSpecialistCovers > 0)
    .sort(
      (a, b) =>
        b.oneMoreSpecialistCovers - a.oneMoreSpecialistCovers ||
        b.unmetDemand - a.unmetDemand ||
        b.demand - a.demand ||
        (a.cell < b.cell ? -1 : a.cell > b.cell ? 1 : 0),
    )
    .slice(0, limit)
    .map((c) => ({
      cell: c.cell,
      demand: c.demand,
      capacity: c.capacity,
      unmetDemand: c.unmetDemand,
      covers: c.oneMoreSpecialistCovers,
    }));
}

/**
 * Builds the map over every cell of the taxonomy: sector × technology pairs, then the sector totals,
 * then the technology totals (a sector or technology cell is scored on its own, so its figures are the
 * totals of that row or column). Per cell the unmet demand (deals its qualified partners cannot serve)
 * and what one more Specialist would serve of it; flags as mapFlagsOf says, the gap threshold per kind
 * from gapThresholdsOf; and the priority list (rankPriorities). With `region`, the whole map is that
 * region's: the demand of its customers, served by its partners (see MapOptions).
 */
export function buildEcosystemMap(
  core: ScoreCore,
  partners: readonly Partner[],
  options: MapOptions = {},
): EcosystemMap {
  const { table, grid } = core;
  const order = cellOrder(grid);
  const regionName = regionNameOf(core.input.taxonomy);
  let scope: MapScope = {
    keep: () => true,
    demand: { closed: table.demandClosed, open: table.demandOpen, openAmount: table.demandOpenAmount },
  };
  if (options.region !== undefined) {
    const name = regionName(options.region) ?? UNKNOWN_REGION;
    const inRegion = Uint8Array.from(partners, (p) =>
      (regionName(p.region) ?? UNKNOWN_REGION) === name ? 1 : 0,
    );
    scope = {
      keep: (r) => inRegion[table.partner[r]!] === 1,
      demand: demandByCustomerRegion(core, regionName).get(name) ?? emptyDemand(grid),
    };
  }
  const cells = mapCells(core, order, scope);
  return {
    priorities: rankPriorities(cells),
    gapThresholds: gapThresholdsOf(cells, core.config.map.minDemand),
    cells,
    regions: options.byRegion ? regionBreakdown(core, partners, order, regionName) : [],
  };
}

/** Pairs, then sector totals, then technology totals: the map's cell order. */
function cellOrder(grid: ScoreCore['grid']): number[] {
  return [
    ...Array.from({ length: grid.sectors * grid.technologies }, (_, i) => i),
    ...Array.from({ length: grid.sectors }, (_, s) => grid.sectorCell(s)),
    ...Array.from({ length: grid.technologies }, (_, t) => grid.technologyCell(t)),
  ];
}

/** Which evidence rows count (by their partner) and the demand they are weighed against. */
interface MapScope {
  keep: (row: number) => boolean;
  demand: Demand;
}

/** The map's cells, in `order`, over the rows `scope` keeps and its demand, flagged. */
function mapCells(core: ScoreCore, order: number[], scope: MapScope): EcosystemCell[] {
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
  for (let r = 0; r < table.rows; r++) {
    if (scope.keep(r) && !isExcluded(core, r)) start[table.cell[r]! + 1] = start[table.cell[r]! + 1]! + 1;
  }
  for (let c = 0; c < NC; c++) start[c + 1] = start[c + 1]! + start[c]!;
  // The table's dead scratch memory is reused when large enough (see EvidenceTable.scratch).
  const proof =
    table.scratch.byteLength >= table.rows * 4
      ? new Float32Array(table.scratch, 0, table.rows)
      : new Float32Array(table.rows);
  const fill = start.slice(0, NC);
  for (let r = 0; r < table.rows; r++) {
    // An excluded cell is out of the partner's expertise: no level, and no evidence counted for the cell.
    if (!scope.keep(r) || isExcluded(core, r)) continue;
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
  const { dealsPerCapacity, minDemand } = config.map;
  // What one more partner at the top level serves.
  const oneMore = (ladder[0]?.capacity ?? 1) * dealsPerCapacity;
  const unflagged = order.map((c) => {
    const closed = scope.demand.closed[c]!;
    const open = scope.demand.open[c]!;
    const demand = closed + open;
    const byLevel = counts.subarray(c * L, c * L + L);
    let qualified = 0;
    for (const n of byLevel) qualified += n;
    const amounts = proof.subarray(start[c]!, start[c + 1]!).sort();
    const unmetDemand = unmetDemandOf(demand, capacity[c]!, dealsPerCapacity);
    const cell: EcosystemCell = {
      cell: grid.key(c),
      kind: grid.kind(c),
      partnersByLevel: levelCounts(names, byLevel),
      partnersWithEvidence: withEvidence[c]!,
      concentration: Math.round(herfindahl(amounts) * 10000) / 10000,
      busFactor: busFactor(amounts),
      closedDeals: closed,
      openDeals: open,
      openAmount: Math.round(scope.demand.openAmount[c]!),
      demand,
      capacity: Math.round(capacity[c]! * 1000) / 1000,
      coverage: coverageOf(capacity[c]!, demand, dealsPerCapacity),
      unmetDemand,
      oneMoreSpecialistCovers: round1(Math.min(unmetDemand, oneMore)),
      flags: [],
    };
    return { cell, qualified };
  });
  const gapThresholds = gapThresholdsOf(
    unflagged.map((u) => u.cell),
    minDemand,
  );
  return unflagged.map(({ cell, qualified }) => {
    cell.flags = mapFlagsOf({ ...cell, qualified }, gapThresholds[cell.kind], config.map);
    return cell;
  });
}

/**
 * Per region and cell: levels and capacity of the region's partners, and the demand of the region's
 * customers (deals by their customer region, counted as the map counts demand). The regions are those of
 * partners and of customers; {@link UNKNOWN_REGION} gathers partners and deals without one.
 */
function regionBreakdown(
  core: ScoreCore,
  partners: readonly Partner[],
  order: number[],
  regionName: (region: string | null | undefined) => string | null,
): RegionCell[] {
  const { table, grid, config } = core;
  const ladder = config.levels.ladder;
  const names = ladder.map((l) => l.name);
  const L = ladder.length;
  const NC = grid.count;
  const partnerRegion = partners.map((p) => regionName(p.region) ?? UNKNOWN_REGION);
  const demandOf = demandByCustomerRegion(core, regionName);
  const regionNames = [...new Set([...partnerRegion, ...demandOf.keys()])].sort();
  const regionIndex = new Map(regionNames.map((r, i) => [r, i]));
  const R = regionNames.length;
  const counts = new Int32Array(R * NC * L);
  const capacity = new Float64Array(R * NC);
  for (let r = 0; r < table.rows; r++) {
    const region = regionIndex.get(partnerRegion[table.partner[r]!] ?? UNKNOWN_REGION) ?? 0;
    const at = region * NC + table.cell[r]!;
    const level = core.level[r]!;
    if (level >= 0) {
      counts[at * L + level] = counts[at * L + level]! + 1;
      capacity[at] = capacity[at]! + ladder[level]!.capacity;
    }
  }
  const out: RegionCell[] = [];
  for (let g = 0; g < R; g++) {
    const demand = demandOf.get(regionNames[g]!);
    for (const c of order) {
      const at = g * NC + c;
      const cellDemand = demand ? demand.closed[c]! + demand.open[c]! : 0;
      out.push({
        region: regionNames[g]!,
        cell: grid.key(c),
        partnersByLevel: levelCounts(names, counts.subarray(at * L, at * L + L)),
        capacity: Math.round(capacity[at]! * 1000) / 1000,
        demand: cellDemand,
        coverage: coverageOf(capacity[at]!, cellDemand, config.map.dealsPerCapacity),
      });
    }
  }
  return out;
}
