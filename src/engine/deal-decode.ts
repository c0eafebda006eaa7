/**
 * The second pass over deals: what the per-partner pass needs of each deal decoded into columns (day,
 * flags, amount in the base currency, customer hash, delivery signals), and the ecosystem's demand per cell.
 */
import type { Deal } from '../model/deal.js';
import { type CellGrid, dealCells } from './cells.js';
import type { CurrencyConverter } from './currency.js';
import type { DealEntries } from './deal-entries.js';
import { signalBits } from './delivery-signals.js';
import { countedAmount, dealDayOf } from './evidence-weights.js';
import { hashId } from './local-keys.js';

/** Bits of `DecodedDeals.flags`. */
export const DEAL_FLAG = { won: 1, closed: 2, hasCustomer: 4 } as const;

/** Day of a deal with neither a close date nor a valid last-modified date: it counts for nothing. */
export const NO_DAY = -2_147_483_648;

/** Per deal, in input order (or per deal entry, see DecodedEntries). */
export interface DecodedDeals {
  day: Int32Array;
  flags: Uint8Array;
  /** Delivery signal bits of won deals (see delivery-signals). */
  signals: Uint8Array;
  /** Amount in the base currency (NaN without one), as a 32-bit float. */
  amount: Float32Array;
  /** hashId of the customer id, when the deal has one. */
  customerHash: Uint32Array;
}

/**
 * Per deal entry, grouped by partner like `table.dealIndex`: each entry's deal columns and its role. The
 * per-partner pass reads these in sequence; read through the deal index they were a cache miss per column
 * and entry (two million deals' columns are larger than the CPU cache), the largest part of that pass.
 */
export interface DecodedEntries extends DecodedDeals {
  role: Uint8Array;
}

/** Per cell, the whole ecosystem: closed deals in the demand window, open deals, open amount. */
export interface Demand {
  closed: Int32Array;
  open: Int32Array;
  openAmount: Float64Array;
}

function flagsOf(deal: Deal): number {
  return (
    (deal.isWon ? DEAL_FLAG.won : 0) |
    (deal.isClosed || deal.isWon ? DEAL_FLAG.closed : 0) |
    (deal.customerId !== null ? DEAL_FLAG.hasCustomer : 0)
  );
}

/** Decodes every deal into `out` and counts demand per cell: open deals, and closed ones since `demandWindowStart`. */
export function decodeDeals(
  deals: readonly Deal[],
  entries: DealEntries,
  grid: CellGrid,
  currency: CurrencyConverter,
  demandWindowStart: number,
  out: DecodedDeals,
): Demand {
  const demand = {
    closed: new Int32Array(grid.count),
    open: new Int32Array(grid.count),
    openAmount: new Float64Array(grid.count),
  };
  const cellBuffer = new Int32Array(1 + 2 * grid.technologies);
  for (let d = 0; d < deals.length; d++) {
    const deal = deals[d]!;
    const day = dealDayOf(deal);
    out.day[d] = Number.isNaN(day) ? NO_DAY : day;
    const flags = flagsOf(deal);
    out.flags[d] = flags;
    // An absurd amount must never reach the float columns: it counts as no amount (see countedAmount).
    const amount = countedAmount(currency.toBase(deal.amount));
    out.amount[d] = amount;
    if (deal.customerId !== null) out.customerHash[d] = hashId(deal.customerId);
    if (flags & DEAL_FLAG.won) out.signals[d] = signalBits(deal.signals);
    const s = entries.sector[d]!;
    const from = entries.techStart[d]!;
    const to = entries.techStart[d + 1]!;
    const open = (flags & DEAL_FLAG.closed) === 0;
    if ((s >= 0 || to > from) && (open || day >= demandWindowStart)) {
      const count = dealCells(grid, s, entries.techList, from, to, cellBuffer);
      addDemand(demand, cellBuffer, count, open, amount);
    }
  }
  return demand;
}

function addDemand(demand: Demand, cells: Int32Array, count: number, open: boolean, amount: number): void {
  const target = open ? demand.open : demand.closed;
  for (let j = 0; j < count; j++) {
    const c = cells[j]!;
    target[c] = target[c]! + 1;
    if (open && amount > 0) demand.openAmount[c] = demand.openAmount[c]! + amount;
  }
}
