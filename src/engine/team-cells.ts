/** The cell scores teaming reads, grouped per cell (best first) and per partner, from a fresh run's typed arrays or a stored snapshot. */
import { AtlasError } from '../errors.js';
import type { PartnerId } from '../model/partner.js';
import type { CellFigures, CellScore } from '../model/score-cell.js';
import type { LevelDefinition, ScoringConfig } from '../model/scoring.js';
import type { Taxonomy } from '../model/taxonomy.js';
import { type CellGrid, createCellGrid } from './cells.js';
import { NO_LEVEL } from './levels.js';
import { isExcluded } from './overrides.js';
import type { EcosystemScores } from './score-ecosystem.js';

/** What teaming reads of a stored cell score (a snapshot's CellScore has all of it). */
export type TeamCellRead = Pick<
  CellScore,
  'partnerId' | 'cell' | 'score' | 'confidence' | 'level' | 'override'
> & {
  figures: Pick<CellFigures, 'wonCustomers' | 'certifiedPeople' | 'openDeals'>;
};

/** Scores as teaming takes them: a fresh run (read through its typed arrays) or a snapshot's cells. */
export type TeamScores = EcosystemScores | { cells: readonly TeamCellRead[] };

/** One partner's figures in one cell. `level` indexes the config's ladder (0 = top) or is NO_LEVEL. */
export interface TeamEntry {
  partnerId: PartnerId;
  cell: string;
  score: number;
  confidence: number;
  level: number;
  wonCustomers: number;
  certifiedPeople: number;
  openDeals: number;
}

export interface TeamIndex {
  ladder: readonly LevelDefinition[];
  /** Entries of each cell, highest score first, then partner id. */
  byCell: Map<string, TeamEntry[]>;
  /** Entries of each partner, keyed by cell. */
  byPartner: Map<PartnerId, Map<string, TeamEntry>>;
}

const byScore = (a: TeamEntry, b: TeamEntry) =>
  b.score - a.score || (a.partnerId < b.partnerId ? -1 : a.partnerId > b.partnerId ? 1 : 0);

/**
 * Reads the cell scores of interest (all when `wanted` is omitted; only scores of at least `minScore`)
 * into per-cell and per-partner lists. Level names are resolved against `config`'s ladder, so a level the
 * config does not know counts as none.
 */
export function readTeamCells(
  scores: TeamScores,
  config: ScoringConfig,
  wanted?: ReadonlySet<string>,
  minScore = Number.NEGATIVE_INFINITY,
): TeamIndex {
  const ladder = config.levels.ladder;
  const levelIndex = new Map(ladder.map((l, i) => [l.name, i]));
  const byCell = new Map<string, TeamEntry[]>();
  const byPartner = new Map<PartnerId, Map<string, TeamEntry>>();
  const add = (e: TeamEntry) => {
    let cells = byPartner.get(e.partnerId);
    if (!cells) {
      cells = new Map();
      byPartner.set(e.partnerId, cells);
    }
    const before = cells.get(e.cell);
    // A partner id listed twice in the input keeps its stronger row.
    if (before && before.score >= e.score) return;
    cells.set(e.cell, e);
    let list = byCell.get(e.cell);
    if (!list) {
      list = [];
      byCell.set(e.cell, list);
    }
    if (before) list.splice(list.indexOf(before), 1);
    list.push(e);
  };

  if ('core' in scores) {
    const { core } = scores;
    const { table, grid } = core;
    const keep = new Uint8Array(grid.count);
    for (let c = 0; c < grid.count; c++) keep[c] = wanted === undefined || wanted.has(grid.key(c)) ? 1 : 0;
    // The run's ladder may differ from `config`'s: map its level indices by name.
    const runLevel = core.config.levels.ladder.map((l) => levelIndex.get(l.name) ?? NO_LEVEL);
    for (let r = 0; r < table.rows; r++) {
      const c = table.cell[r]!;
      if (keep[c] !== 1 || Math.round(core.score[r]! * 10) / 10 < minScore) continue;
      // An excluded cell (an override took it out of the partner's expertise) teams on nothing.
      if (isExcluded(core, r)) continue;
      const level = core.level[r]!;
      add({
        partnerId: table.partnerIds[table.partner[r]!]!,
        cell: grid.key(c),
        score: Math.round(core.score[r]! * 10) / 10,
        confidence: Math.round(core.confidence[r]! * 100) / 100,
        level: level === NO_LEVEL ? NO_LEVEL : (runLevel[level] ?? NO_LEVEL),
        wonCustomers: table.wonCustomers[r]!,
        certifiedPeople: table.certifiedPeople[r]!,
        openDeals: table.openDeals[r]!,
      });
    }
  } else {
    for (const c of scores.cells) {
      if ((wanted !== undefined && !wanted.has(c.cell)) || c.score < minScore) continue;
      if (c.override?.kind === 'exclude') continue;
      add({
        partnerId: c.partnerId,
        cell: c.cell,
        score: c.score,
        confidence: c.confidence,
        level: c.level === null ? NO_LEVEL : (levelIndex.get(c.level) ?? NO_LEVEL),
        wonCustomers: c.figures.wonCustomers,
        certifiedPeople: c.figures.certifiedPeople,
        openDeals: c.figures.openDeals,
      });
    }
  }
  for (const list of byCell.values()) list.sort(byScore);
  return { ladder, byCell, byPartner };
}

/** Whether an entry holds `levelIndex` or a higher level (lower index). */
export function holds(entry: TeamEntry | undefined, levelIndex: number): entry is TeamEntry {
  return entry !== undefined && entry.level !== NO_LEVEL && entry.level <= levelIndex;
}

/** The level name of an entry, or null. */
export function levelName(index: TeamIndex, entry: TeamEntry | undefined): string | null {
  return entry === undefined || entry.level === NO_LEVEL ? null : (index.ladder[entry.level]?.name ?? null);
}

/**
 * The ladder index of the level a team member must hold in a cell for the team to "cover" it: the named
 * level, or by default the second rung (Proven in the default ladder) — or the only rung of a one-level ladder.
 */
export function coverLevelIndex(config: ScoringConfig, name?: string): number {
  const ladder = config.levels.ladder;
  if (name !== undefined) {
    const i = ladder.findIndex((l) => l.name.toLowerCase() === name.toLowerCase());
    if (i < 0) {
      throw new AtlasError(
        'ENGINE_UNKNOWN_LEVEL',
        `unknown level "${name}" (the ladder has ${ladder.map((l) => l.name).join(', ')})`,
        {
          context: { level: name },
        },
      );
    }
    return i;
  }
  return Math.min(1, ladder.length - 1);
}

/** Ascending string comparison, for stable tie-breaks. */
export const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Every cell score as compact rows grouped by partner (CSR), for passes over the whole ecosystem where
 * an object per row would cost more than the work: rows of partner `p` are `rowStart[p] .. rowStart[p+1]`.
 */
export interface TeamRows {
  grid: CellGrid;
  partnerIds: readonly PartnerId[];
  /** First index of each partner id in `partnerIds` (an id listed twice keeps its first rows). */
  partnerIndex: Map<PartnerId, number>;
  rowStart: Int32Array;
  /** Grid cell index per row. */
  cell: Int32Array;
  /** Index into the config's ladder, or NO_LEVEL. */
  level: Int8Array;
  /** Score rounded to one decimal, as shown. */
  score: Float64Array;
}

/** Reads every cell score into TeamRows (from a fresh run's typed arrays without copying much, or from a snapshot's cells). */
export function readTeamRows(scores: TeamScores, config: ScoringConfig, taxonomy: Taxonomy): TeamRows {
  const levelIndex = new Map(config.levels.ladder.map((l, i) => [l.name, i]));
  if ('core' in scores) {
    const { core } = scores;
    const { table } = core;
    const runLevel = core.config.levels.ladder.map((l) => levelIndex.get(l.name) ?? NO_LEVEL);
    const level = new Int8Array(table.rows);
    const score = new Float64Array(table.rows);
    for (let r = 0; r < table.rows; r++) {
      const l = core.level[r]!;
      level[r] = l === NO_LEVEL ? NO_LEVEL : (runLevel[l] ?? NO_LEVEL);
      // An excluded cell counts for nothing in teams: no level (the override's) and no score.
      score[r] = isExcluded(core, r) ? 0 : Math.round(core.score[r]! * 10) / 10;
    }
    const partnerIndex = new Map<PartnerId, number>();
    table.partnerIds.forEach((id, p) => {
      if (!partnerIndex.has(id)) partnerIndex.set(id, p);
    });
    return {
      grid: core.grid,
      partnerIds: table.partnerIds,
      partnerIndex,
      rowStart: table.rowStart,
      cell: Int32Array.from(table.cell),
      level,
      score,
    };
  }
  const grid = createCellGrid(taxonomy);
  const partnerIndex = new Map<PartnerId, number>();
  const partnerIds: PartnerId[] = [];
  const rowsOf: number[][] = [];
  const cells = scores.cells;
  cells.forEach((c, i) => {
    if (grid.indexOf(c.cell) < 0) return;
    let p = partnerIndex.get(c.partnerId);
    if (p === undefined) {
      p = partnerIds.length;
      partnerIndex.set(c.partnerId, p);
      partnerIds.push(c.partnerId);
      rowsOf.push([]);
    }
    rowsOf[p]!.push(i);
  });
  const n = rowsOf.reduce((sum, list) => sum + list.length, 0);
  const rowStart = new Int32Array(partnerIds.length + 1);
  const cell = new Int32Array(n);
  const level = new Int8Array(n);
  const score = new Float64Array(n);
  let r = 0;
  rowsOf.forEach((list, p) => {
    rowStart[p] = r;
    for (const i of list) {
      const c = cells[i]!;
      cell[r] = grid.indexOf(c.cell);
      level[r] = c.level === null ? NO_LEVEL : (levelIndex.get(c.level) ?? NO_LEVEL);
      score[r] = c.override?.kind === 'exclude' ? 0 : c.score;
      r++;
    }
  });
  rowStart[partnerIds.length] = r;
  return { grid, partnerIds, partnerIndex, rowStart, cell, level, score };
}
