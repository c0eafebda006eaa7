/** Demand per customer region and cell: the map's demand (open deals, closed ones in the demand window) split by where the customer is. */
import { type CellGrid, dealCells } from './cells.js';
import { createCurrencyConverter } from './currency.js';
import type { Demand } from './deal-decode.js';
import { countedAmount, dealDayOf, evidenceSettings } from './evidence-weights.js';
import { UNKNOWN_REGION } from './regions.js';
import type { ScoreCore } from './score-core.js';

/** No demand in any cell. */
export function emptyDemand(grid: CellGrid): Demand {
  return {
    closed: new Int32Array(grid.count),
    open: new Int32Array(grid.count),
    openAmount: new Float64Array(grid.count),
  };
}

/**
 * Per customer region (its display name; {@link UNKNOWN_REGION} for deals without one), the demand per
 * cell counted by the rule decodeDeals applies to the whole ecosystem, so the regions add up to the map's
 * demand (a test holds them to it): a deal counts in the cells of its sector and technologies when it is
 * open, or closed within the demand window.
 */
export function demandByCustomerRegion(
  core: ScoreCore,
  regionName: (key: string | null | undefined) => string | null,
): Map<string, Demand> {
  const { grid, config, today } = core;
  const { demandWindowStart } = evidenceSettings(config, today);
  const currency = createCurrencyConverter(config.currency);
  const out = new Map<string, Demand>();
  const cells = new Int32Array(1 + 2 * grid.technologies);
  const techs = new Int16Array(grid.technologies);
  for (const deal of core.input.deals) {
    const open = !(deal.isClosed || deal.isWon);
    if (!open && !(dealDayOf(deal) >= demandWindowStart)) continue;
    const s = deal.sector === null ? -1 : (grid.sectorIndex.get(deal.sector) ?? -1);
    let n = 0;
    for (const key of new Set(deal.technologies)) {
      const t = grid.technologyIndex.get(key);
      if (t !== undefined) techs[n++] = t;
    }
    if (s < 0 && n === 0) continue;
    const region = regionName(deal.customerRegion) ?? UNKNOWN_REGION;
    let demand = out.get(region);
    if (!demand) {
      demand = emptyDemand(grid);
      out.set(region, demand);
    }
    const amount = countedAmount(currency.toBase(deal.amount));
    const target = open ? demand.open : demand.closed;
    const count = dealCells(grid, s, techs, 0, n, cells);
    for (let j = 0; j < count; j++) {
      const c = cells[j]!;
      target[c] = target[c]! + 1;
      if (open && amount > 0) demand.openAmount[c] = demand.openAmount[c]! + amount;
    }
  }
  return out;
}
