/** Evolution: compares two scoring runs — per partner and cell the change in score and level and why; per cell the change in coverage. */
import { AtlasError } from '../errors.js';
import type { CellScore } from '../model/score-cell.js';
import type { CellChange, ChangeReason, CoverageChange, Evolution } from '../model/score-evolution.js';
import type { EcosystemMap } from '../model/score-map.js';
import type { ScoringConfig } from '../model/scoring.js';
import { count } from './words.js';

/** A scoring run to compare: a stored snapshot (cells as an array) or a fresh result (cells as a generator). */
export interface ComparableRun {
  scoredAt: string;
  cells: Iterable<CellScore> | (() => Iterable<CellScore>);
  map: EcosystemMap;
}

export interface CompareOptions {
  /** Score changes smaller than this (and without a level change) are not listed. */
  minDelta?: number;
  /** Level order (highest first) to tell promotions from demotions; defaults to the default ladder's names. */
  levels?: readonly string[];
}

const DEFAULT_LEVELS = ['Specialist', 'Proven', 'Emerging'];

const round1 = (x: number) => Math.round(x * 10) / 10;
/** The order of a snapshot's cells: partner id, then cell key. */
export const compareCellScores = (a: CellScore, b: CellScore) =>
  a.partnerId < b.partnerId
    ? -1
    : a.partnerId > b.partnerId
      ? 1
      : a.cell < b.cell
        ? -1
        : a.cell > b.cell
          ? 1
          : 0;

function iterate(run: ComparableRun): Iterator<CellScore> {
  const cells = typeof run.cells === 'function' ? run.cells() : run.cells;
  return cells[Symbol.iterator]();
}

/** Reads a run's cells in order, checking that they come sorted (partner id, then cell key). */
function reader(run: ComparableRun, side: string) {
  const it = iterate(run);
  let current: CellScore | undefined;
  const advance = () => {
    const next = it.next();
    const value = next.done ? undefined : next.value;
    if (value && current && compareCellScores(current, value) >= 0) {
      throw new AtlasError(
        'ENGINE_UNSORTED_SNAPSHOT',
        `the ${side} run's cells are not sorted by partner id then cell key (at ${value.partnerId} ${value.cell}); sort them as scoreEcosystem does`,
        { context: { side, partnerId: value.partnerId, cell: value.cell } },
      );
    }
    current = value;
  };
  advance();
  return {
    get current() {
      return current;
    },
    advance,
  };
}

/** The reasons a cell moved, read from its figures before and after. */
export function changeReasons(before: CellScore | undefined, after: CellScore | undefined): ChangeReason[] {
  if (!before && after) {
    return [{ kind: 'new-cell', count: null, detail: 'first evidence in this cell' }];
  }
  if (before && !after) {
    return [
      {
        kind: 'cell-gone',
        count: null,
        detail: 'no evidence left in this cell (deals removed or certifications expired)',
      },
    ];
  }
  if (!before || !after) return [];
  const b = before.figures;
  const a = after.figures;
  const reasons: ChangeReason[] = [];
  const won = a.wonDeals - b.wonDeals;
  if (won > 0)
    reasons.push({
      kind: 'won-deals-added',
      count: won,
      detail: count(won, 'new won deal', 'new won deals'),
    });
  if (won < 0) {
    reasons.push({
      kind: 'won-deals-removed',
      count: -won,
      detail: `${count(-won, 'won deal', 'won deals')} no longer in the CRM or reassigned`,
    });
  }
  const lost = a.closedDeals - a.wonDeals - (b.closedDeals - b.wonDeals);
  if (lost > 0)
    reasons.push({
      kind: 'lost-deals-added',
      count: lost,
      detail: count(lost, 'new lost deal', 'new lost deals'),
    });
  const expired = a.expiredCertifications - b.expiredCertifications;
  if (expired > 0) {
    reasons.push({
      kind: 'certifications-expired',
      count: expired,
      detail: `${count(expired, 'certification', 'certifications')} expired`,
    });
  }
  const active = a.activeCertifications - b.activeCertifications;
  if (active > 0) {
    reasons.push({
      kind: 'certifications-added',
      count: active,
      detail: count(active, 'new certification', 'new certifications'),
    });
  }
  if (active < 0 && -active > Math.max(0, expired)) {
    const removed = -active - Math.max(0, expired);
    reasons.push({
      kind: 'certifications-removed',
      count: removed,
      detail: `${count(removed, 'certification', 'certifications')} removed from the CRM`,
    });
  }
  const customers = a.wonCustomers - b.wonCustomers;
  if (customers < 0 && won <= 0) {
    reasons.push({
      kind: 'customers-left-window',
      count: -customers,
      detail: `${count(-customers, 'won customer is', 'won customers are')} now older than the level window`,
    });
  }
  if (a.proofMass < b.proofMass && won === 0) {
    reasons.push({
      kind: 'evidence-decayed',
      count: null,
      detail: `won-deal evidence decayed from ${b.proofMass} to ${a.proofMass}`,
    });
  }
  if (a.skillsMass < b.skillsMass && active === 0 && expired <= 0) {
    reasons.push({
      kind: 'certifications-aged',
      count: null,
      detail: `certifications aged: skills from ${b.skillsMass} to ${a.skillsMass}`,
    });
  }
  if (reasons.length === 0 && before.score !== after.score) {
    reasons.push({
      kind: 'ecosystem-shift',
      count: null,
      detail: "the ecosystem's win rate or delivery in this cell moved",
    });
  }
  return reasons;
}

function levelChange(
  before: string | null,
  after: string | null,
  rank: Map<string, number>,
): 'promoted' | 'demoted' | 'same-level' {
  if (before === after) return 'same-level';
  const rb = before === null ? Number.POSITIVE_INFINITY : (rank.get(before) ?? Number.POSITIVE_INFINITY);
  const ra = after === null ? Number.POSITIVE_INFINITY : (rank.get(after) ?? Number.POSITIVE_INFINITY);
  return ra < rb ? 'promoted' : 'demoted';
}

function coverageChanges(before: EcosystemMap, after: EcosystemMap): CoverageChange[] {
  const old = new Map(before.cells.map((c) => [c.cell, c]));
  const out: CoverageChange[] = [];
  for (const cell of after.cells) {
    const prev = old.get(cell.cell);
    if (!prev) continue;
    const added = cell.flags.filter((f) => !prev.flags.includes(f));
    const removed = prev.flags.filter((f) => !cell.flags.includes(f));
    if (prev.coverage === cell.coverage && added.length === 0 && removed.length === 0) continue;
    out.push({
      cell: cell.cell,
      coverageBefore: prev.coverage,
      coverageAfter: cell.coverage,
      demandBefore: prev.demand,
      demandAfter: cell.demand,
      capacityBefore: prev.capacity,
      capacityAfter: cell.capacity,
      flagsAdded: added,
      flagsRemoved: removed,
    });
  }
  return out;
}

/**
 * Compares two runs (older first). Cells are merged in their sorted order, so two large runs are
 * compared without holding either in memory. A cell is listed when its score moved by `minDelta` or
 * more, its level changed, or it appeared or disappeared; each with the reasons read from its figures
 * (new won or lost deals, certifications added or expired, customers leaving the level window, decay).
 *
 * @example
 * const evolution = compareSnapshots(lastNight, tonight, { levels: config.levels.ladder.map((l) => l.name) });
 */
export function compareSnapshots(
  before: ComparableRun,
  after: ComparableRun,
  options: CompareOptions = {},
): Evolution {
  const minDelta = options.minDelta ?? 0.1;
  const rank = new Map((options.levels ?? DEFAULT_LEVELS).map((name, i) => [name, i]));
  const left = reader(before, 'older');
  const right = reader(after, 'newer');
  const cells: CellChange[] = [];
  const partners = new Set<string>();
  const summary = { promoted: 0, demoted: 0, appeared: 0, disappeared: 0, partnersWithChanges: 0 };
  while (left.current || right.current) {
    const l = left.current;
    const r = right.current;
    const order = !l ? 1 : !r ? -1 : compareCellScores(l, r);
    const b = order <= 0 ? l : undefined;
    const a = order >= 0 ? r : undefined;
    if (order <= 0) left.advance();
    if (order >= 0) right.advance();
    const key = (a ?? b)!;
    const scoreBefore = b?.score ?? null;
    const scoreAfter = a?.score ?? null;
    const delta = round1((scoreAfter ?? 0) - (scoreBefore ?? 0));
    const levelBefore = b?.level ?? null;
    const levelAfter = a?.level ?? null;
    const change = !b ? 'appeared' : !a ? 'disappeared' : levelChange(levelBefore, levelAfter, rank);
    if (change === 'same-level' && Math.abs(delta) < minDelta) continue;
    if (change === 'appeared') summary.appeared++;
    if (change === 'disappeared') summary.disappeared++;
    if (change === 'promoted') summary.promoted++;
    if (change === 'demoted') summary.demoted++;
    partners.add(key.partnerId);
    cells.push({
      partnerId: key.partnerId,
      cell: key.cell,
      scoreBefore,
      scoreAfter,
      delta,
      levelBefore,
      levelAfter,
      change,
      reasons: changeReasons(b, a),
    });
  }
  summary.partnersWithChanges = partners.size;
  return {
    from: before.scoredAt,
    to: after.scoredAt,
    cells,
    coverage: coverageChanges(before.map, after.map),
    summary,
  };
}

/** Level names of a configuration, highest first (the `levels` option of compareSnapshots). */
export function levelNames(config: ScoringConfig): string[] {
  return config.levels.ladder.map((l) => l.name);
}
