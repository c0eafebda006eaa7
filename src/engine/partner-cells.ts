/**
 * The current partner's evidence per cell, accumulated in scratch arrays the size of the grid, then
 * flushed into its table rows. Reused from partner to partner and reset through the list of touched
 * cells, so the pass allocates nothing per partner.
 */
import type { CellBitmap } from './cell-bitmap.js';
import type { TableColumns } from './evidence-table.js';

/** 16-bit counters saturate here. */
const MAX_U16 = 65_535;

export class PartnerCells {
  /** 1 where the partner has evidence (its rows), else 0; `touched[0..touchedCount)` lists those cells. */
  readonly isTouched: Uint8Array;
  readonly touched: Int32Array;
  touchedCount = 0;

  readonly wonDeals: Int32Array;
  readonly closed: Int32Array;
  readonly recent: Int32Array;
  readonly open: Int32Array;
  readonly customers: Int32Array;
  readonly people: Int32Array;
  readonly active: Int32Array;
  readonly expired: Int32Array;
  readonly proof: Float64Array;
  readonly closedWeight: Float64Array;
  readonly wonWeight: Float64Array;
  readonly deliverySum: Float64Array;
  readonly deliveryWeight: Float64Array;
  readonly skills: Float64Array;
  readonly openAmount: Float64Array;

  /**
   * The group being read (one customer's deals, one person's certifications): the cells it touched, and
   * per cell its best weight, sum of weights and whether a deal falls in the level window.
   */
  readonly groupTouched: Int32Array;
  groupCount = 0;
  readonly inGroup: Uint8Array;
  readonly groupMax: Float64Array;
  readonly groupSum: Float64Array;
  readonly groupWindow: Uint8Array;

  constructor(cells: number) {
    this.isTouched = new Uint8Array(cells);
    this.touched = new Int32Array(cells);
    this.wonDeals = new Int32Array(cells);
    this.closed = new Int32Array(cells);
    this.recent = new Int32Array(cells);
    this.open = new Int32Array(cells);
    this.customers = new Int32Array(cells);
    this.people = new Int32Array(cells);
    this.active = new Int32Array(cells);
    this.expired = new Int32Array(cells);
    this.proof = new Float64Array(cells);
    this.closedWeight = new Float64Array(cells);
    this.wonWeight = new Float64Array(cells);
    this.deliverySum = new Float64Array(cells);
    this.deliveryWeight = new Float64Array(cells);
    this.skills = new Float64Array(cells);
    this.openAmount = new Float64Array(cells);
    this.groupTouched = new Int32Array(cells);
    this.inGroup = new Uint8Array(cells);
    this.groupMax = new Float64Array(cells);
    this.groupSum = new Float64Array(cells);
    this.groupWindow = new Uint8Array(cells);
  }

  /** Starts partner `p`: reads its cells from the bitmap; returns how many (0: nothing to do). */
  load(bitmap: CellBitmap, p: number): number {
    this.touchedCount = bitmap.partnerCells(p, this.isTouched, this.touched);
    return this.touchedCount;
  }

  /** Starts a new group (customer or person). */
  startGroup(): void {
    this.groupCount = 0;
  }

  /** Adds cell `c` to the current group, once. */
  joinGroup(c: number): void {
    if (this.inGroup[c] === 1) return;
    this.inGroup[c] = 1;
    this.groupTouched[this.groupCount++] = c;
    this.groupMax[c] = -1;
    this.groupSum[c] = 0;
    this.groupWindow[c] = 0;
  }

  /** Closes a customer's group: its best deal counts fully, repeats at `repeat`. */
  closeCustomer(repeat: number): void {
    for (let q = 0; q < this.groupCount; q++) {
      const c = this.groupTouched[q]!;
      this.inGroup[c] = 0;
      const best = this.groupMax[c]!;
      this.proof[c] = this.proof[c]! + best + repeat * (this.groupSum[c]! - best);
      if (this.groupWindow[c] === 1) this.customers[c] = this.customers[c]! + 1;
    }
  }

  /** Closes a person's group: one person per cell, at the weight of their best certification there. */
  closePerson(): void {
    for (let q = 0; q < this.groupCount; q++) {
      const c = this.groupTouched[q]!;
      this.inGroup[c] = 0;
      this.skills[c] = this.skills[c]! + this.groupMax[c]!;
      this.people[c] = this.people[c]! + 1;
    }
  }

  /** Writes the partner's cells, ascending, into rows `row…` of the table; then resets them. */
  flush(table: TableColumns, p: number, row: number): void {
    for (let q = 0; q < this.touchedCount; q++) {
      const c = this.touched[q]!;
      const r = row + q;
      table.partner[r] = p;
      table.cell[r] = c;
      table.wonDeals[r] = this.wonDeals[c]!;
      table.closedDeals[r] = this.closed[c]!;
      table.recentClosed[r] = Math.min(MAX_U16, this.recent[c]!);
      table.openDeals[r] = Math.min(MAX_U16, this.open[c]!);
      table.wonCustomers[r] = Math.min(MAX_U16, this.customers[c]!);
      table.certifiedPeople[r] = Math.min(MAX_U16, this.people[c]!);
      table.activeCerts[r] = Math.min(MAX_U16, this.active[c]!);
      table.expiredCerts[r] = Math.min(MAX_U16, this.expired[c]!);
      table.proofMass[r] = this.proof[c]!;
      table.closedWeight[r] = this.closedWeight[c]!;
      table.wonWeight[r] = this.wonWeight[c]!;
      table.deliverySum[r] = this.deliverySum[c]!;
      table.deliveryWeight[r] = this.deliveryWeight[c]!;
      table.skillsMass[r] = this.skills[c]!;
      table.openAmount[r] = this.openAmount[c]!;
      this.reset(c);
    }
  }

  private reset(c: number): void {
    this.wonDeals[c] = 0;
    this.closed[c] = 0;
    this.recent[c] = 0;
    this.open[c] = 0;
    this.customers[c] = 0;
    this.people[c] = 0;
    this.active[c] = 0;
    this.expired[c] = 0;
    this.proof[c] = 0;
    this.closedWeight[c] = 0;
    this.wonWeight[c] = 0;
    this.deliverySum[c] = 0;
    this.deliveryWeight[c] = 0;
    this.skills[c] = 0;
    this.openAmount[c] = 0;
  }
}
