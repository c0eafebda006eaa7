/** The strongest evidence items of one partner per cell, found on demand from its own deals and certifications. */
import type { Deal } from '../model/deal.js';
import type { CellGrid } from './cells.js';
import { dayNumber } from './day-numbers.js';
import { certSkillWeight, dealProofWeight } from './evidence-weights.js';
import { hashId, LocalKeys } from './local-keys.js';
import type { ScoreCore } from './score-core.js';

/** Best-first lists per cell: `deal[cell * n + k]` (-1 = none) with its weight, and the same for certifications. */
export interface PartnerTops {
  n: number;
  deal: Int32Array;
  dealWeight: Float64Array;
  cert: Int32Array;
  certWeight: Float64Array;
}

/** Same layout as gatherEvidence's sort keys: group × 2^21 + position. */
const LOCAL_BITS = 2 ** 21;

/** Inserts (item, weight) into a best-first list of `n` slots at `at`; ties keep the earlier item first. */
function insertTop(
  idx: Int32Array,
  w: Float64Array,
  at: number,
  n: number,
  item: number,
  weight: number,
): void {
  if (n === 0 || weight <= 0) return;
  let pos = n;
  while (pos > 0) {
    if (idx[at + pos - 1]! >= 0 && w[at + pos - 1]! >= weight) break;
    pos--;
  }
  if (pos >= n) return;
  for (let k = n - 1; k > pos; k--) {
    idx[at + k] = idx[at + k - 1]!;
    w[at + k] = w[at + k - 1]!;
  }
  idx[at + pos] = item;
  w[at + pos] = weight;
}

/** The cells a deal is evidence for (as gatherEvidence counts them: unknown keys skipped, technologies once). */
function cellsOfDeal(grid: CellGrid, deal: Deal, out: number[]): number[] {
  out.length = 0;
  const s = deal.sector === null ? -1 : (grid.sectorIndex.get(deal.sector) ?? -1);
  if (s >= 0) out.push(grid.sectorCell(s));
  const seen: number[] = [];
  for (const key of deal.technologies) {
    const t = grid.technologyIndex.get(key);
    if (t === undefined || seen.includes(t)) continue;
    seen.push(t);
    out.push(grid.technologyCell(t));
    if (s >= 0) out.push(grid.pair(s, t));
  }
  return out;
}

/** Orders a partner's items by group (first appearance of the key; items without a key last, each alone). */
function groupOrder(keys: (string | null)[], local: LocalKeys): Float64Array {
  local.reset(keys.length);
  const order = new Float64Array(keys.length);
  const keyOf = (k: number) => keys[k] ?? null;
  keys.forEach((key, k) => {
    const group = key === null ? LOCAL_BITS + k : local.index(k, hashId(key), keyOf);
    order[k] = group * LOCAL_BITS + k;
  });
  return order.sort();
}

/**
 * The `n` strongest won deals (the best deal of each customer) and certified people (their best active
 * certification) of partner `p` in each of its cells, chosen exactly as the evidence pass weighs them.
 * Computed on demand so the run does not keep lists for millions of cells in memory.
 */
export function partnerTopEvidence(core: ScoreCore, p: number, n: number): PartnerTops {
  const { table, grid, input, config, today } = core;
  const NC = grid.count;
  const tops: PartnerTops = {
    n,
    deal: new Int32Array(NC * n).fill(-1),
    dealWeight: new Float64Array(NC * n),
    cert: new Int32Array(NC * n).fill(-1),
    certWeight: new Float64Array(NC * n),
  };
  const partnerId = table.partnerIds[p]!;
  const exists = new Uint8Array(NC);
  for (let r = table.rowStart[p]!; r < table.rowStart[p + 1]!; r++) exists[table.cell[r]!] = 1;
  const local = new LocalKeys();
  const best = new Float64Array(NC).fill(-1);
  const bestItem = new Int32Array(NC);
  const touched: number[] = [];
  const cells: number[] = [];
  const flush = (idx: Int32Array, w: Float64Array) => {
    for (const c of touched) {
      insertTop(idx, w, c * n, n, bestItem[c]!, best[c]!);
      best[c] = -1;
    }
    touched.length = 0;
  };
  const consider = (c: number, item: number, weight: number) => {
    if (best[c] === -1) touched.push(c);
    if (weight > best[c]!) {
      best[c] = weight;
      bestItem[c] = item;
    }
  };

  // Deals: per customer, the best won deal of each cell.
  const dealIdx = table.dealIndex.subarray(table.dealStart[p]!, table.dealStart[p + 1]!);
  const dealOrder = groupOrder(
    Array.from(dealIdx, (d) => input.deals[d]!.customerId),
    local,
  );
  for (let i = 0; i < dealOrder.length; ) {
    const group = Math.floor(dealOrder[i]! / LOCAL_BITS);
    for (; i < dealOrder.length && Math.floor(dealOrder[i]! / LOCAL_BITS) === group; i++) {
      const d = dealIdx[dealOrder[i]! % LOCAL_BITS]!;
      const deal = input.deals[d]!;
      if (!deal.isWon) continue;
      const weight = dealProofWeight(deal, partnerId, config, today);
      for (const c of cellsOfDeal(grid, deal, cells)) consider(c, d, weight);
    }
    flush(tops.deal, tops.dealWeight);
  }

  // Certifications: per person, the best active certification that applies to each cell.
  const certIdx = table.certIndex.subarray(table.certStart[p]!, table.certStart[p + 1]!);
  const certOrder = groupOrder(
    Array.from(certIdx, (i) => input.certifications[i]!.personId),
    local,
  );
  for (let i = 0; i < certOrder.length; ) {
    const group = Math.floor(certOrder[i]! / LOCAL_BITS);
    for (; i < certOrder.length && Math.floor(certOrder[i]! / LOCAL_BITS) === group; i++) {
      const ci = certIdx[certOrder[i]! % LOCAL_BITS]!;
      const cert = input.certifications[ci]!;
      const earned = dayNumber(cert.earnedDate);
      const expiry = dayNumber(cert.expiryDate);
      if (earned > today || expiry <= today) continue;
      const s = cert.sector === null ? -1 : (grid.sectorIndex.get(cert.sector) ?? -1);
      const t = cert.technology === null ? -1 : (grid.technologyIndex.get(cert.technology) ?? -1);
      const weight = certSkillWeight(cert, config, today);
      if (s >= 0 && t >= 0) {
        consider(grid.pair(s, t), ci, weight);
        consider(grid.sectorCell(s), ci, weight);
        consider(grid.technologyCell(t), ci, weight);
      } else if (t >= 0) {
        consider(grid.technologyCell(t), ci, weight);
        for (let ss = 0; ss < grid.sectors; ss++) {
          if (exists[grid.pair(ss, t)] === 1) {
            consider(grid.pair(ss, t), ci, weight);
            consider(grid.sectorCell(ss), ci, weight);
          }
        }
      } else if (s >= 0) {
        consider(grid.sectorCell(s), ci, weight);
        for (let tt = 0; tt < grid.technologies; tt++) {
          if (exists[grid.pair(s, tt)] === 1) consider(grid.pair(s, tt), ci, weight);
        }
      }
    }
    flush(tops.cert, tops.certWeight);
  }
  return tops;
}
