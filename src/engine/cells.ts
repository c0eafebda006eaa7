/** The grid of cells: every sector × technology pair, every sector and every technology, as compact integer indices. */
import { AtlasError } from '../errors.js';
import type { CellKey, CellKind } from '../model/score-cell.js';
import type { Taxonomy } from '../model/taxonomy.js';

/**
 * Cell indices: pairs first (`s * T + t`), then sectors (`S*T + s`), then technologies (`S*T + S + t`).
 * Integer keys let the engine keep per-cell accumulators in typed arrays instead of maps.
 */
export interface CellGrid {
  sectors: number;
  technologies: number;
  count: number;
  sectorIndex: Map<string, number>;
  technologyIndex: Map<string, number>;
  pair(s: number, t: number): number;
  sectorCell(s: number): number;
  technologyCell(t: number): number;
  kind(cell: number): CellKind;
  /** Sector index of a cell, or -1 for a technology cell. */
  sectorOf(cell: number): number;
  /** Technology index of a cell, or -1 for a sector cell. */
  technologyOf(cell: number): number;
  key(cell: number): CellKey;
  /** "Healthcare × Data & AI", "Healthcare", "Data & AI". */
  label(cell: number): string;
  /** Index of a cell key; -1 when the key is not in this taxonomy. */
  indexOf(key: string): number;
}

/** Builds the grid of a taxonomy; cell keys and labels are made once and shared by every output. */
export function createCellGrid(taxonomy: Taxonomy): CellGrid {
  const S = taxonomy.sectors.length;
  const T = taxonomy.technologies.length;
  const sectorIndex = new Map(taxonomy.sectors.map((e, i) => [e.key, i]));
  const technologyIndex = new Map(taxonomy.technologies.map((e, i) => [e.key, i]));
  if (sectorIndex.size !== S || technologyIndex.size !== T) {
    throw new AtlasError(
      'ENGINE_BAD_TAXONOMY',
      'taxonomy keys must be unique within sectors and within technologies',
    );
  }
  const count = S * T + S + T;
  const keys: CellKey[] = [];
  const labels: string[] = [];
  for (let s = 0; s < S; s++) {
    for (let t = 0; t < T; t++) {
      keys.push(`${taxonomy.sectors[s]!.key}|${taxonomy.technologies[t]!.key}`);
      labels.push(`${taxonomy.sectors[s]!.label} × ${taxonomy.technologies[t]!.label}`);
    }
  }
  for (const e of taxonomy.sectors) {
    keys.push(`${e.key}|*`);
    labels.push(e.label);
  }
  for (const e of taxonomy.technologies) {
    keys.push(`*|${e.key}`);
    labels.push(e.label);
  }
  const index = new Map(keys.map((k, i) => [k, i]));
  return {
    sectors: S,
    technologies: T,
    count,
    sectorIndex,
    technologyIndex,
    pair: (s, t) => s * T + t,
    sectorCell: (s) => S * T + s,
    technologyCell: (t) => S * T + S + t,
    kind: (c) => (c < S * T ? 'pair' : c < S * T + S ? 'sector' : 'technology'),
    sectorOf: (c) => (c < S * T ? Math.floor(c / T) : c < S * T + S ? c - S * T : -1),
    technologyOf: (c) => (c < S * T ? c % T : c < S * T + S ? -1 : c - S * T - S),
    key: (c) => keys[c]!,
    label: (c) => labels[c]!,
    indexOf: (key) => index.get(key) ?? -1,
  };
}

/**
 * Writes into `out` every cell a deal is evidence for: its sector, each technology, and each
 * sector × technology pair; returns how many. `techList[from..to)` are the deal's technology indices.
 */
export function dealCells(
  grid: CellGrid,
  sector: number,
  techList: Int16Array,
  from: number,
  to: number,
  out: Int32Array,
): number {
  // Same layout as CellGrid (pairs, sectors, technologies), inlined: this runs for every deal entry.
  const T = grid.technologies;
  const pairs = grid.sectors * T;
  let n = 0;
  if (sector >= 0) out[n++] = pairs + sector;
  for (let j = from; j < to; j++) {
    const t = techList[j]!;
    out[n++] = pairs + grid.sectors + t;
    if (sector >= 0) out[n++] = sector * T + t;
  }
  return n;
}
