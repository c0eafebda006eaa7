/** One pass over deals and certifications that gathers each partner's evidence per cell into compact columns. */
import type { Certification } from '../model/certification.js';
import type { Deal } from '../model/deal.js';
import type { PartnerId } from '../model/partner.js';
import type { ScoringConfig } from '../model/scoring.js';
import { Arena } from './arena.js';
import { CellBitmap } from './cell-bitmap.js';
import type { CellGrid } from './cells.js';
import { markCertificationCells } from './certification-cells.js';
import { CertificationEvidence, decodeCertifications } from './certification-evidence.js';
import { createCurrencyConverter } from './currency.js';
import { decodeDeals } from './deal-decode.js';
import { DealEntries, groupEntriesByPartner, readDealEntries } from './deal-entries.js';
import { DealEvidence } from './deal-evidence.js';
import { type EvidenceReuse, PreviousRows } from './evidence-reuse.js';
import {
  allocateColumns,
  type DecodedColumns,
  type EvidenceDiagnostics,
  type EvidenceTable,
  type TableColumns,
} from './evidence-table.js';
import { type EvidenceSettings, evidenceSettings } from './evidence-weights.js';
import { StringIndex } from './local-keys.js';
import { rowsByCellBytes } from './needs-peers.js';
import { PartnerCells } from './partner-cells.js';
import { ItemGroups } from './partner-order.js';

/** What the pass reads. Arrays are read only; nothing is copied or mutated. */
export interface EvidenceInput {
  partnerIds: readonly PartnerId[];
  deals: readonly Deal[];
  certifications: readonly Certification[];
  config: ScoringConfig;
  /** Fractional day number of `now`. */
  today: number;
  grid: CellGrid;
  /** A previous run's table: unchanged partners' rows are copied from it instead of gathered (incremental scoring). */
  reuse?: EvidenceReuse;
}

/**
 * Gathers the evidence of every partner in every cell where it has any, in steps:
 * 1. a first pass over deals and certifications finds each one's partner and the cells each partner has
 *    evidence in (a bitmap), which sizes the table;
 * 2. a decoding pass turns deals and certifications into typed columns, grouped by partner;
 * 3. partner by partner, scratch arrays the size of the grid accumulate its deal evidence (deal-evidence)
 *    and certification evidence (certification-evidence) and are flushed into its rows.
 * No per-deal objects are made. A partner's numbers depend only on its own deals and certifications, in
 * input order (customers and people are numbered per partner): that is what lets step 3 copy an unchanged
 * partner's rows from a previous run (`reuse`).
 */
export function gatherEvidence(input: EvidenceInput): EvidenceTable {
  const { partnerIds, deals, certifications, config, today, grid } = input;
  const currency = createCurrencyConverter(config.currency);
  const settings = evidenceSettings(config, today);
  const diagnostics: EvidenceDiagnostics = {
    dealsWithoutKnownPartner: 0,
    dealsWithoutCell: 0,
    unknownSectors: new Map(),
    unknownTechnologies: new Map(),
    unknownCurrencies: currency.unknown,
    certificationsWithoutKnownPartner: 0,
  };

  const { bitmap, entries, certPartner } = findPartnerCells(input, diagnostics);
  const rows = bitmap.count();
  const { decoded, table } = allocateColumns({
    partners: partnerIds.length,
    deals: deals.length,
    entries: entries.count,
    certifications: certifications.length,
    rows,
    scratch: rowsByCellBytes(rows),
  });
  const demand = decodeDeals(deals, entries, grid, currency, settings.demandWindowStart, decoded.deals);
  groupEntriesByPartner(entries, decoded.deals, table.dealStart, table.dealIndex, decoded.entries);
  const certInput = { certifications, partnerIds, grid, config, today };
  decodeCertifications(certInput, certPartner, decoded.certs, table);
  fillRows({ ...input, settings, entries, decoded, bitmap, table });

  return {
    grid,
    partnerIds,
    rows,
    ...table,
    scratch: decoded.buffer,
    demandClosed: demand.closed,
    demandOpen: demand.open,
    demandOpenAmount: demand.openAmount,
    diagnostics,
  };
}

/**
 * The first pass: each deal entry's and certification's partner, and each partner's cells. Its columns
 * are small and short-lived, so they share one allocation made before the large ones (see Arena).
 */
function findPartnerCells(input: EvidenceInput, diagnostics: EvidenceDiagnostics) {
  const { partnerIds, deals, certifications, grid } = input;
  const D = deals.length;
  const Cn = certifications.length;
  const bitmapBytes = CellBitmap.bytes(partnerIds.length, grid.count);
  const first = new Arena(Arena.size(Cn * 4, bitmapBytes, D * 2, (D + 1) * 4));
  const certPartner = first.i32(Cn);
  const bitmap = new CellBitmap(first.u8(bitmapBytes), grid.count);
  const entries = new DealEntries(first.i16(D), first.i32(D + 1));
  const partnerIndex = new StringIndex(partnerIds);
  readDealEntries({ deals, grid, partnerIndex, bitmap, diagnostics }, entries);
  const { today } = input;
  markCertificationCells({ certifications, grid, partnerIndex, today, bitmap, diagnostics }, certPartner);
  return { bitmap, entries, certPartner };
}

/** The per-partner pass: each partner's deal and certification evidence, flushed into its rows (or copied from `reuse`). */
function fillRows(
  run: EvidenceInput & {
    settings: EvidenceSettings;
    entries: DealEntries;
    decoded: DecodedColumns;
    bitmap: CellBitmap;
    table: TableColumns;
  },
): void {
  const { partnerIds, grid, table, bitmap } = run;
  const cells = new PartnerCells(grid.count);
  const groups = new ItemGroups();
  const dealEvidence = new DealEvidence({ ...run, decoded: run.decoded.entries }, table, cells, groups);
  const certEvidence = new CertificationEvidence(run, run.decoded.certs, table, cells, groups);
  const previous = run.reuse === undefined ? null : new PreviousRows(run.reuse);
  const P = partnerIds.length;
  let row = 0;
  for (let p = 0; p < P; p++) {
    table.rowStart[p] = row;
    if (cells.load(bitmap, p) === 0) continue;
    if (previous?.copy(partnerIds[p]!, p, row, cells.touchedCount, table) !== true) {
      dealEvidence.addPartner(p);
      certEvidence.addPartner(p);
      cells.flush(table, p, row);
    }
    row += cells.touchedCount;
  }
  table.rowStart[P] = row;
}
