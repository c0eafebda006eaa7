/**
 * Which cells a certification is evidence for. A technology certification applies to the technology and
 * to the partner's cells of that technology in any sector; an industry one to the sector and its pair cells.
 */
import type { Certification } from '../model/certification.js';
import type { CellBitmap } from './cell-bitmap.js';
import type { CellGrid } from './cells.js';
import type { EvidenceDiagnostics } from './evidence-table.js';
import { CERT_STATE, certStateOf } from './evidence-weights.js';
import type { StringIndex } from './local-keys.js';

/** Grid index of a certification's sector, -1 for none or unknown. */
export function certSectorOf(cert: Certification, grid: CellGrid): number {
  return cert.sector === null ? -1 : (grid.sectorIndex.get(cert.sector) ?? -1);
}

/** Grid index of a certification's technology, -1 for none or unknown. */
export function certTechOf(cert: Certification, grid: CellGrid): number {
  return cert.technology === null ? -1 : (grid.technologyIndex.get(cert.technology) ?? -1);
}

/** What the certification marking pass reads and where it writes. */
export interface CertCellInput {
  certifications: readonly Certification[];
  grid: CellGrid;
  partnerIndex: StringIndex;
  today: number;
  bitmap: CellBitmap;
  diagnostics: EvidenceDiagnostics;
}

/**
 * Sets each certification's partner index (-1 when unknown) in `certPartner` and marks the cells its
 * active certifications give evidence in. Two passes, so that the result does not depend on the order of
 * the certifications: first the cells a certification names, then the pair cells it combines into.
 */
export function markCertificationCells(input: CertCellInput, certPartner: Int32Array): void {
  const { certifications, grid, partnerIndex, today, bitmap, diagnostics } = input;
  const active = (i: number) =>
    certPartner[i]! >= 0 && certStateOf(certifications[i]!, today) === CERT_STATE.active;
  for (let i = 0; i < certifications.length; i++) {
    const cert = certifications[i]!;
    const p = partnerIndex.get(cert.partnerId);
    certPartner[i] = p;
    if (p < 0) {
      diagnostics.certificationsWithoutKnownPartner++;
      continue;
    }
    if (!active(i)) continue;
    const s = certSectorOf(cert, grid);
    const t = certTechOf(cert, grid);
    if (t >= 0) bitmap.mark(p, grid.technologyCell(t));
    if (s >= 0) bitmap.mark(p, grid.sectorCell(s));
    if (s >= 0 && t >= 0) bitmap.mark(p, grid.pair(s, t));
  }
  // Evidence for a sector × technology cell comes from both axes: certified people in a technology
  // combined with work (or an industry certification) in a sector, and the other way round. Such a cell
  // gets a score from the skills alone; its levels still need won customers there.
  for (let i = 0; i < certifications.length; i++) {
    if (!active(i)) continue;
    const p = certPartner[i]!;
    const cert = certifications[i]!;
    const s = certSectorOf(cert, grid);
    const t = certTechOf(cert, grid);
    if (t >= 0 && s < 0) {
      for (let ss = 0; ss < grid.sectors; ss++) {
        if (bitmap.has(p, grid.sectorCell(ss))) bitmap.mark(p, grid.pair(ss, t));
      }
    } else if (s >= 0 && t < 0) {
      for (let tt = 0; tt < grid.technologies; tt++) {
        if (bitmap.has(p, grid.technologyCell(tt))) bitmap.mark(p, grid.pair(s, tt));
      }
    }
  }
}

/** Room `certCells` needs: a technology certification's own cell and a pair and sector per sector. */
export function certCellsLength(grid: CellGrid): number {
  return Math.max(3, 1 + 2 * grid.sectors, 1 + grid.technologies);
}

/**
 * Writes into `out` the cells a certification (sector `s`, technology `t`, -1 for none) applies to, for a
 * partner whose cells are `isTouched`; returns how many. Its own cells always exist (marked when active);
 * a technology or industry certification also applies to the partner's existing pair cells.
 */
export function certCells(
  grid: CellGrid,
  s: number,
  t: number,
  isTouched: Uint8Array,
  out: Int32Array,
): number {
  let n = 0;
  if (s >= 0 && t >= 0) {
    out[n++] = grid.pair(s, t);
    out[n++] = grid.sectorCell(s);
    out[n++] = grid.technologyCell(t);
  } else if (t >= 0) {
    out[n++] = grid.technologyCell(t);
    for (let ss = 0; ss < grid.sectors; ss++) {
      if (isTouched[grid.pair(ss, t)] === 1) {
        out[n++] = grid.pair(ss, t);
        out[n++] = grid.sectorCell(ss);
      }
    }
  } else if (s >= 0) {
    out[n++] = grid.sectorCell(s);
    for (let tt = 0; tt < grid.technologies; tt++) {
      if (isTouched[grid.pair(s, tt)] === 1) out[n++] = grid.pair(s, tt);
    }
  }
  return n;
}
