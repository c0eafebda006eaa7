/** Incremental scoring's evidence step: unchanged partners' rows copied from the previous run's table. */
import type { PartnerId } from '../model/partner.js';
import type { EvidenceTable, TableColumns } from './evidence-table.js';
import { StringIndex } from './local-keys.js';

/** A previous run's evidence and what changed since. */
export interface EvidenceReuse {
  /** The previous run's table, gathered with the same config, taxonomy and `now`. */
  table: EvidenceTable;
  /** Partners whose deals or certifications were added, changed or removed: gathered afresh. */
  changed: ReadonlySet<string>;
}

/**
 * The previous table's rows by partner id. A partner's rows depend only on its own deals and
 * certifications (see gatherEvidence), so an unchanged partner's rows are the previous ones, bit for bit.
 */
export class PreviousRows {
  private readonly index: StringIndex;

  constructor(private readonly reuse: EvidenceReuse) {
    this.index = new StringIndex(reuse.table.partnerIds);
  }

  /**
   * Copies partner `id`'s previous rows into rows `row…` of `to`, as partner index `p`, when it is
   * unchanged and had the same number of cells (`count`); returns false when it must be gathered afresh.
   */
  copy(id: PartnerId, p: number, row: number, count: number, to: TableColumns): boolean {
    if (this.reuse.changed.has(id)) return false;
    const from = this.reuse.table;
    const q = this.index.get(id);
    if (q < 0) return false;
    const a = from.rowStart[q]!;
    const b = from.rowStart[q + 1]!;
    if (b - a !== count) return false;
    // Row by row like PartnerCells.flush: a partner has a few dozen rows, too few for subarray views to pay.
    for (let i = 0; i < count; i++) {
      const r = row + i;
      const f = a + i;
      to.partner[r] = p;
      to.cell[r] = from.cell[f]!;
      to.wonDeals[r] = from.wonDeals[f]!;
      to.closedDeals[r] = from.closedDeals[f]!;
      to.recentClosed[r] = from.recentClosed[f]!;
      to.openDeals[r] = from.openDeals[f]!;
      to.wonCustomers[r] = from.wonCustomers[f]!;
      to.certifiedPeople[r] = from.certifiedPeople[f]!;
      to.activeCerts[r] = from.activeCerts[f]!;
      to.expiredCerts[r] = from.expiredCerts[f]!;
      to.proofMass[r] = from.proofMass[f]!;
      to.closedWeight[r] = from.closedWeight[f]!;
      to.wonWeight[r] = from.wonWeight[f]!;
      to.deliverySum[r] = from.deliverySum[f]!;
      to.deliveryWeight[r] = from.deliveryWeight[f]!;
      to.skillsMass[r] = from.skillsMass[f]!;
      to.openAmount[r] = from.openAmount[f]!;
    }
    to.evidenceNow[p] = from.evidenceNow[q]!;
    to.evidenceBefore[p] = from.evidenceBefore[q]!;
    to.lastWonDay[p] = from.lastWonDay[q]!;
    return true;
  }
}
