/**
 * One partner's deal evidence, customer by customer: won deals weigh role × recency decay × size, and per
 * customer the best deal counts fully and the others at `repeatCustomerWeight`, so distinct customers
 * count more than repeat deals with one customer. Closed deals (won and lost) feed the win rate, won
 * deals' delivery signals feed delivery quality, open deals the pipeline.
 */
import type { Deal } from '../model/deal.js';
import type { PartnerId } from '../model/partner.js';
import { type CellGrid, dealCells } from './cells.js';
import { DEAL_FLAG, type DecodedEntries, NO_DAY } from './deal-decode.js';
import type { DealEntries } from './deal-entries.js';
import { decayWeight } from './decay.js';
import { deliveryValue, deliveryWeight, hasSatisfaction } from './delivery-signals.js';
import type { TableColumns } from './evidence-table.js';
import { type EvidenceSettings, sizeFactor } from './evidence-weights.js';
import type { PartnerCells } from './partner-cells.js';
import type { ItemGroups } from './partner-order.js';

/** What the deal step reads: the deals, their decoded columns and entries, and the run's settings. */
export interface DealEvidenceInput {
  deals: readonly Deal[];
  partnerIds: readonly PartnerId[];
  /** Per deal entry, grouped by partner like `table.dealIndex`. */
  decoded: DecodedEntries;
  entries: DealEntries;
  grid: CellGrid;
  settings: EvidenceSettings;
  today: number;
}

export class DealEvidence {
  private readonly cellBuffer: Int32Array;

  constructor(
    private readonly input: DealEvidenceInput,
    private readonly table: TableColumns,
    private readonly cells: PartnerCells,
    private readonly groups: ItemGroups,
  ) {
    this.cellBuffer = new Int32Array(1 + 2 * input.grid.technologies);
  }

  /** Adds partner p's deals, ordered by customer (first appearance) so each customer forms one group. */
  addPartner(p: number): void {
    const { dealStart, dealIndex } = this.table;
    const { deals, decoded } = this.input;
    const e0 = dealStart[p]!;
    const n = dealStart[p + 1]! - e0;
    if (n === 0) return;
    const groups = this.groups;
    groups.begin(n, this.input.partnerIds[p]!);
    const customerOf = (k: number) => deals[dealIndex[e0 + k]!]!.customerId;
    for (let k = 0; k < n; k++) {
      const e = e0 + k;
      // A deal without a customer id counts as its own customer: nothing says it is a repeat.
      const hasCustomer = (decoded.flags[e]! & DEAL_FLAG.hasCustomer) !== 0;
      groups.add(k, hasCustomer, decoded.customerHash[e]!, customerOf);
    }
    groups.sort();
    for (let g = 0; g < n; ) {
      const h = groups.groupEnd(g);
      this.cells.startGroup();
      for (let i = g; i < h; i++) this.addEntry(p, e0 + groups.itemAt(i));
      this.cells.closeCustomer(this.input.settings.repeatCustomerWeight);
      g = h;
    }
  }

  /** Adds deal entry `e` (a deal of partner p, in its role) to the partner's trend and its cells. */
  private addEntry(p: number, e: number): void {
    const { decoded, settings, today } = this.input;
    const d = this.table.dealIndex[e]!;
    const role = decoded.role[e]!;
    const rw = settings.roleWeight[role]!;
    const flags = decoded.flags[e]!;
    const won = (flags & DEAL_FLAG.won) !== 0;
    const day = decoded.day[e]!;
    const decay = day === NO_DAY ? 0 : decayWeight(today - day, settings.dealRate);
    const amount = decoded.amount[e]!;
    const size = sizeFactor(amount, settings.sizeWeight, settings.sizeReference);
    const proofW = rw * decay * size;
    if (won && rw > 0 && decay > 0) this.addTrend(p, rw, size, proofW, day);
    const entries = this.input.entries;
    const count = dealCells(
      this.input.grid,
      entries.sector[d]!,
      entries.techList,
      entries.techStart[d]!,
      entries.techStart[d + 1]!,
      this.cellBuffer,
    );
    if ((flags & DEAL_FLAG.closed) === 0) {
      this.addOpen(count, amount);
      return;
    }
    const recent = day >= settings.demandWindowStart;
    this.addClosed(count, rw * decay, recent);
    if (!won) return;
    const inWindow = settings.counted[role] === true && day >= settings.levelWindowStart;
    this.addWon(e, d, count, rw * decay, proofW, inWindow);
  }

  /**
   * The partner's won-deal evidence decayed to now and as it stood one look-back ago, and its last won
   * day: what re-engagement needs are read from.
   */
  private addTrend(p: number, rw: number, size: number, proofW: number, day: number): void {
    const { evidenceNow, evidenceBefore, lastWonDay } = this.table;
    const { settings, today } = this.input;
    evidenceNow[p] = evidenceNow[p]! + proofW;
    const age = today - settings.lookback - day;
    if (age >= 0) evidenceBefore[p] = evidenceBefore[p]! + rw * size * decayWeight(age, settings.dealRate);
    if (!(lastWonDay[p]! >= day)) lastWonDay[p] = day;
  }

  private addOpen(count: number, amount: number): void {
    const { open, openAmount } = this.cells;
    for (let j = 0; j < count; j++) {
      const c = this.cellBuffer[j]!;
      open[c] = open[c]! + 1;
      if (amount > 0) openAmount[c] = openAmount[c]! + amount;
    }
  }

  /** A closed deal (won or lost), at its weight `w` (role × decay): the win rate's trials. */
  private addClosed(count: number, w: number, recent: boolean): void {
    const { closed, closedWeight, recent: recentClosed } = this.cells;
    for (let j = 0; j < count; j++) {
      const c = this.cellBuffer[j]!;
      closed[c] = closed[c]! + 1;
      closedWeight[c] = closedWeight[c]! + w;
      if (recent) recentClosed[c] = recentClosed[c]! + 1;
    }
  }

  /**
   * A won deal (entry e of deal d): the win rate's successes, delivery quality and, through the customer
   * group, proof.
   */
  private addWon(e: number, d: number, count: number, w: number, proofW: number, inWindow: boolean): void {
    const cells = this.cells;
    const { wonDeals, wonWeight, deliverySum, groupSum, groupMax, groupWindow } = cells;
    const weights = this.input.settings.signalWeights;
    const bits = this.input.decoded.signals[e]!;
    // Read from the deal itself: only won deals with a satisfaction figure get here.
    const satisfaction = hasSatisfaction(bits) ? (this.input.deals[d]!.signals.satisfaction ?? 0) : 0;
    const value = bits === 0 ? 0 : deliveryValue(bits, satisfaction, weights);
    const signalWeight = bits === 0 ? 0 : deliveryWeight(bits, weights);
    for (let j = 0; j < count; j++) {
      const c = this.cellBuffer[j]!;
      wonDeals[c] = wonDeals[c]! + 1;
      wonWeight[c] = wonWeight[c]! + w;
      if (signalWeight > 0) {
        deliverySum[c] = deliverySum[c]! + w * value;
        cells.deliveryWeight[c] = cells.deliveryWeight[c]! + w * signalWeight;
      }
      cells.joinGroup(c);
      groupSum[c] = groupSum[c]! + proofW;
      if (proofW > groupMax[c]!) groupMax[c] = proofW;
      if (inWindow) groupWindow[c] = 1;
    }
  }
}
