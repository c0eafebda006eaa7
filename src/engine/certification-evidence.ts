/**
 * One partner's certification evidence, person by person: certifications count per distinct person, and a
 * person's weight in a cell is their best active certification that applies there (level weight × decay
 * since earned). Expired ones add nothing; they are counted to explain a drop.
 */
import type { Certification } from '../model/certification.js';
import type { PartnerId } from '../model/partner.js';
import type { ScoringConfig } from '../model/scoring.js';
import type { CellGrid } from './cells.js';
import { certCells, certCellsLength, certSectorOf, certTechOf } from './certification-cells.js';
import type { TableColumns } from './evidence-table.js';
import { CERT_STATE, certSkillWeight, certStateOf } from './evidence-weights.js';
import { hashId } from './local-keys.js';
import type { PartnerCells } from './partner-cells.js';
import { groupByPartner, type ItemGroups } from './partner-order.js';

/** Per certification, in input order. */
export interface DecodedCerts {
  sector: Int16Array;
  technology: Int16Array;
  /** CERT_STATE. */
  state: Uint8Array;
  weight: Float64Array;
  /** hashId of the holder's person id, when `hasPerson`. */
  personHash: Uint32Array;
  hasPerson: Uint8Array;
}

/** What the certification steps read. */
export interface CertEvidenceInput {
  certifications: readonly Certification[];
  partnerIds: readonly PartnerId[];
  grid: CellGrid;
  config: ScoringConfig;
  today: number;
}

/**
 * Decodes every certification into `out`, and groups them by partner into the table's `certStart` and
 * `certIndex` (input order within a partner). `certPartner` is each one's partner index (-1: unknown).
 */
export function decodeCertifications(
  input: CertEvidenceInput,
  certPartner: Int32Array,
  out: DecodedCerts,
  table: TableColumns,
): void {
  const { certifications, grid, config, today } = input;
  for (let i = 0; i < certifications.length; i++) {
    const cert = certifications[i]!;
    out.sector[i] = certSectorOf(cert, grid);
    out.technology[i] = certTechOf(cert, grid);
    out.state[i] = certStateOf(cert, today);
    out.weight[i] = certSkillWeight(cert, config, today);
    if (cert.personId !== null) {
      out.personHash[i] = hashId(cert.personId);
      out.hasPerson[i] = 1;
    }
  }
  groupByPartner(certPartner, certifications.length, table.certStart, table.certIndex);
}

export class CertificationEvidence {
  private readonly cellBuffer: Int32Array;

  constructor(
    private readonly input: CertEvidenceInput,
    private readonly decoded: DecodedCerts,
    private readonly table: TableColumns,
    private readonly cells: PartnerCells,
    private readonly groups: ItemGroups,
  ) {
    this.cellBuffer = new Int32Array(certCellsLength(input.grid));
  }

  /** Adds partner p's certifications, ordered by person so each person counts once per cell. */
  addPartner(p: number): void {
    const { certStart, certIndex } = this.table;
    const c0 = certStart[p]!;
    const m = certStart[p + 1]! - c0;
    if (m === 0) return;
    const { decoded, groups, cells } = this;
    const certifications = this.input.certifications;
    groups.begin(m, this.input.partnerIds[p]!);
    const personOf = (k: number) => certifications[certIndex[c0 + k]!]!.personId;
    for (let k = 0; k < m; k++) {
      const ci = certIndex[c0 + k]!;
      // A certification without a holder counts as its own person.
      groups.add(k, decoded.hasPerson[ci] === 1, decoded.personHash[ci]!, personOf);
    }
    groups.sort();
    for (let g = 0; g < m; ) {
      const h = groups.groupEnd(g);
      cells.startGroup();
      for (let i = g; i < h; i++) {
        const ci = certIndex[c0 + groups.itemAt(i)]!;
        if (decoded.state[ci] === CERT_STATE.active) this.addActive(ci);
      }
      cells.closePerson();
      g = h;
    }
    // Expired certifications only annotate cells that exist: they explain a drop, they add nothing.
    for (let k = c0; k < c0 + m; k++) {
      const ci = certIndex[k]!;
      if (decoded.state[ci] === CERT_STATE.expired) this.addExpired(ci);
    }
  }

  /** An active certification: counted in each cell it applies to, and the person's best weight there. */
  private addActive(ci: number): void {
    const { cells, cellBuffer } = this;
    const { active, groupMax } = cells;
    const weight = this.decoded.weight[ci]!;
    const count = this.cellsOf(ci);
    for (let j = 0; j < count; j++) {
      const c = cellBuffer[j]!;
      active[c] = active[c]! + 1;
      cells.joinGroup(c);
      if (weight > groupMax[c]!) groupMax[c] = weight;
    }
  }

  private addExpired(ci: number): void {
    const { isTouched, expired } = this.cells;
    const count = this.cellsOf(ci);
    for (let j = 0; j < count; j++) {
      const c = this.cellBuffer[j]!;
      if (isTouched[c] === 1) expired[c] = expired[c]! + 1;
    }
  }

  private cellsOf(ci: number): number {
    const { sector, technology } = this.decoded;
    return certCells(this.input.grid, sector[ci]!, technology[ci]!, this.cells.isTouched, this.cellBuffer);
  }
}
