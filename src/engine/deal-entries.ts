/**
 * The first pass over deals: each deal's sector and technologies as grid indices, one entry per (deal,
 * known partner), and the cells each partner has deal evidence in (marked in the bitmap).
 */
import type { Deal } from '../model/deal.js';
import type { CellBitmap } from './cell-bitmap.js';
import { type CellGrid, dealCells } from './cells.js';
import type { DecodedDeals, DecodedEntries } from './deal-decode.js';
import type { EvidenceDiagnostics } from './evidence-table.js';
import { ROLES } from './evidence-weights.js';
import type { StringIndex } from './local-keys.js';
import { groupByPartner } from './partner-order.js';

/** Copies with room for at least `length` items (doubling). */
function grown<A extends Int32Array<ArrayBuffer> | Int16Array<ArrayBuffer> | Uint8Array<ArrayBuffer>>(
  a: A,
  length: number,
  make: (length: number) => A,
): A {
  const bigger = make(Math.max(length, a.length * 2));
  bigger.set(a);
  return bigger;
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/**
 * Deal entries and technology lists. They start at a typical size (1.25 partners, 1.5 technologies per
 * deal) and double when a model has more: cheaper than a counting pass over millions of deals.
 */
export class DealEntries {
  /** Technologies of deal d: `techList[techStart[d]..techStart[d + 1])`. */
  techList: Int16Array<ArrayBuffer>;
  techCount = 0;
  /** Per entry: partner index, deal index and role (ROLES). */
  partner: Int32Array<ArrayBuffer>;
  deal: Int32Array<ArrayBuffer>;
  role: Uint8Array<ArrayBuffer>;
  count = 0;

  constructor(
    /** Sector index per deal, -1 for none or unknown. */
    readonly sector: Int16Array,
    readonly techStart: Int32Array,
  ) {
    const deals = sector.length;
    this.techList = new Int16Array(deals + (deals >> 1) + 16);
    this.partner = new Int32Array(deals + (deals >> 2) + 16);
    this.deal = new Int32Array(this.partner.length);
    this.role = new Uint8Array(this.partner.length);
  }

  /** Appends a deal's known technologies, once each; unknown keys are counted in the diagnostics. */
  addTechnologies(keys: readonly string[], grid: CellGrid, diagnostics: EvidenceDiagnostics): void {
    const from = this.techCount;
    if (from + keys.length > this.techList.length) {
      this.techList = grown(this.techList, from + keys.length, (n) => new Int16Array(n));
    }
    for (const key of keys) {
      const t = grid.technologyIndex.get(key);
      if (t === undefined) {
        bump(diagnostics.unknownTechnologies, key);
        continue;
      }
      let dup = false;
      for (let j = from; j < this.techCount; j++) if (this.techList[j] === t) dup = true;
      if (!dup) this.techList[this.techCount++] = t;
    }
  }

  /** Makes room for `more` entries. */
  reserve(more: number): void {
    const length = this.count + more;
    if (length <= this.partner.length) return;
    this.partner = grown(this.partner, length, (n) => new Int32Array(n));
    this.deal = grown(this.deal, length, (n) => new Int32Array(n));
    this.role = grown(this.role, length, (n) => new Uint8Array(n));
  }

  add(p: number, d: number, role: keyof typeof ROLES): void {
    const e = this.count++;
    this.partner[e] = p;
    this.deal[e] = d;
    this.role[e] = ROLES[role];
  }
}

/** What the first deal pass reads and where it writes. */
export interface DealEntryInput {
  deals: readonly Deal[];
  grid: CellGrid;
  partnerIndex: StringIndex;
  bitmap: CellBitmap;
  diagnostics: EvidenceDiagnostics;
}

/** Reads every deal into `entries` (zeroed columns of one item per deal) and marks its partners' cells. */
export function readDealEntries(input: DealEntryInput, entries: DealEntries): void {
  const { deals, grid, partnerIndex, bitmap, diagnostics } = input;
  const cellBuffer = new Int32Array(1 + 2 * grid.technologies);
  for (let d = 0; d < deals.length; d++) {
    const deal = deals[d]!;
    const s = sectorOf(deal.sector, grid, diagnostics);
    entries.sector[d] = s;
    const from = entries.techCount;
    entries.techStart[d] = from;
    entries.addTechnologies(deal.technologies, grid, diagnostics);
    if (s < 0 && entries.techCount === from) diagnostics.dealsWithoutCell++;
    entries.reserve(deal.partners.length);
    const count = dealCells(grid, s, entries.techList, from, entries.techCount, cellBuffer);
    let known = 0;
    for (const dp of deal.partners) {
      const p = partnerIndex.get(dp.partnerId);
      if (p < 0) continue;
      entries.add(p, d, dp.role);
      known++;
      for (let j = 0; j < count; j++) bitmap.mark(p, cellBuffer[j]!);
    }
    if (known === 0 && deal.partners.length > 0) diagnostics.dealsWithoutKnownPartner++;
  }
  entries.techStart[deals.length] = entries.techCount;
}

/** Grid index of a deal's sector; -1 for none, or an unknown key (counted in the diagnostics). */
function sectorOf(sector: string | null, grid: CellGrid, diagnostics: EvidenceDiagnostics): number {
  if (sector === null) return -1;
  const s = grid.sectorIndex.get(sector) ?? -1;
  if (s < 0) bump(diagnostics.unknownSectors, sector);
  return s;
}

/**
 * Groups the entries by partner, in deal order within a partner: `dealIndex[dealStart[p]..dealStart[p + 1])`
 * are partner p's deals, and `out` holds their roles and their deals' decoded columns (`decoded`) in that
 * order. One tight loop makes the scattered reads, where the CPU can overlap them. `dealStart` must be zeroed.
 */
export function groupEntriesByPartner(
  entries: DealEntries,
  decoded: DecodedDeals,
  dealStart: Int32Array,
  dealIndex: Int32Array,
  out: DecodedEntries,
): void {
  groupByPartner(entries.partner, entries.count, dealStart, dealIndex);
  for (let at = 0; at < entries.count; at++) {
    const e = dealIndex[at]!;
    const d = entries.deal[e]!;
    dealIndex[at] = d;
    out.role[at] = entries.role[e]!;
    out.day[at] = decoded.day[d]!;
    out.flags[at] = decoded.flags[d]!;
    out.signals[at] = decoded.signals[d]!;
    out.amount[at] = decoded.amount[d]!;
    out.customerHash[at] = decoded.customerHash[d]!;
  }
}
