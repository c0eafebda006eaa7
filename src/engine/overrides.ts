/**
 * Level overrides and demotion holds (issue #19): a programme team's pins and exclusions, and demotions held
 * back for review, applied to the levels of a scoring run in place.
 */
import type { ActiveOverride } from '../model/programme.js';
import type { ScoringConfig } from '../model/scoring.js';
import type { EvidenceTable } from './evidence-table.js';
import { NO_LEVEL } from './levels.js';

/** What decided a row's level instead of its evidence. */
export interface RowOverride {
  kind: 'pin' | 'exclude' | 'hold';
  /** The ladder index the evidence alone gives (NO_LEVEL for none). */
  computed: number;
  reason: string;
  author: string;
  expiresAt: string | null;
}

/** Per evidence row, the override that decided its level (only rows with one: a handful per run). */
export type RowOverrides = Map<number, RowOverride>;

/**
 * Whether a programme team excluded evidence row `row`: such a cell is out of the partner's expertise
 * everywhere a level or a score is read (segments, top score, map, match, teams, needs).
 */
export function isExcluded(core: { overrides: RowOverrides }, row: number): boolean {
  return core.overrides.get(row)?.kind === 'exclude';
}

/** A (partner, cell) whose demotion the demotion review lets through this run. */
export interface LetDemotion {
  partnerId: string;
  cell: string;
}

/** The one author of holds: no person decided them. */
export const REVIEW_QUEUE_AUTHOR = 'Review queue';

/** An override found on an evidence row. */
export interface LocatedOverride {
  row: number;
  override: ActiveOverride;
  /** Ladder index of a pin; NO_LEVEL for an exclusion. */
  level: number;
}

/** Row of each (partner, cell) an override names; overrides without evidence rows or with unknown levels drop out. */
function locate(
  table: EvidenceTable,
  config: ScoringConfig,
  overrides: readonly ActiveOverride[],
): { pair: LocatedOverride[]; axis: LocatedOverride[] } {
  const pair: LocatedOverride[] = [];
  const axis: LocatedOverride[] = [];
  if (overrides.length === 0) return { pair, axis };
  const partnerIndex = firstIndexOf(table.partnerIds);
  const rank = new Map(config.levels.ladder.map((l, i) => [l.name, i]));
  const pairs = table.grid.sectors * table.grid.technologies;
  const taken = new Set<number>();
  // Newest first (the store's order): the newest override of a cell decides it.
  for (const override of overrides) {
    const p = partnerIndex.get(override.partnerId);
    const c = table.grid.indexOf(override.cell);
    const level = override.kind === 'exclude' ? NO_LEVEL : rank.get(override.level ?? '');
    if (p === undefined || c < 0 || level === undefined) continue;
    const row = rowOf(table, p, c);
    if (row < 0 || taken.has(row)) continue;
    taken.add(row);
    (c < pairs ? pair : axis).push({ row, override, level });
  }
  return { pair, axis };
}

function firstIndexOf(ids: readonly string[]): Map<string, number> {
  const index = new Map<string, number>();
  ids.forEach((id, i) => {
    if (!index.has(id)) index.set(id, i);
  });
  return index;
}

function rowOf(table: EvidenceTable, p: number, c: number): number {
  for (let r = table.rowStart[p]!; r < table.rowStart[p + 1]!; r++) if (table.cell[r] === c) return r;
  return -1;
}

function apply(found: readonly LocatedOverride[], level: Int8Array, out: RowOverrides): void {
  for (const { row, override, level: pinned } of found) {
    // A pin over a held demotion: what the evidence gives is still the demoted level.
    const computed = out.get(row)?.computed ?? level[row]!;
    level[row] = pinned;
    out.set(row, {
      kind: override.kind,
      computed,
      reason: override.reason,
      author: override.author,
      expiresAt: override.expiresAt,
    });
  }
}

/**
 * Holds demotions for review, then applies the overrides of sector × technology cells. Runs after the pair
 * levels are assigned and before whole-sector and whole-technology levels are derived from them, so those
 * follow pinned, excluded and held cells. With `review.demotions` on, every pair row whose level fell below
 * last run's (to a lower level or to none) keeps last run's level, unless `letDemotions` names it. Pins and
 * exclusions win over holds. An override of a cell where the partner has no evidence has no effect (there
 * is no row to carry it); an unknown level name is ignored.
 */
export function applyPairOverrides(options: {
  table: EvidenceTable;
  config: ScoringConfig;
  level: Int8Array;
  previous: Int8Array;
  overrides: readonly ActiveOverride[];
  letDemotions: readonly LetDemotion[];
}): { rows: RowOverrides; axis: readonly LocatedOverride[] } {
  const { table, config, level, previous } = options;
  const rows: RowOverrides = new Map();
  if (config.review.demotions.enabled)
    holdDemotions(table, config, level, previous, options.letDemotions, rows);
  const { pair, axis } = locate(table, config, options.overrides);
  apply(pair, level, rows);
  return { rows, axis };
}

/** Applies the overrides of whole sectors and technologies, once their levels are derived. */
export function applyAxisOverrides(
  found: readonly LocatedOverride[],
  level: Int8Array,
  rows: RowOverrides,
): void {
  apply(found, level, rows);
}

function holdDemotions(
  table: EvidenceTable,
  config: ScoringConfig,
  level: Int8Array,
  previous: Int8Array,
  letDemotions: readonly LetDemotion[],
  out: RowOverrides,
): void {
  const ladder = config.levels.ladder;
  const pairs = table.grid.sectors * table.grid.technologies;
  const let_ = new Set(letDemotions.map((d) => `${d.partnerId}|${d.cell}`));
  for (let r = 0; r < table.rows; r++) {
    const before = previous[r]!;
    const now = level[r]!;
    const c = table.cell[r]!;
    // Index 0 is the top level: a demotion is a higher index, or no level at all.
    if (c >= pairs || before === NO_LEVEL || (now !== NO_LEVEL && now <= before)) continue;
    if (let_.has(`${table.partnerIds[table.partner[r]!]}|${table.grid.key(c)}`)) continue;
    level[r] = before;
    out.set(r, {
      kind: 'hold',
      computed: now,
      reason: `Demotion from ${ladder[before]!.name} to ${now === NO_LEVEL ? 'no level' : ladder[now]!.name} waits for review`,
      author: REVIEW_QUEUE_AUTHOR,
      expiresAt: null,
    });
  }
}
