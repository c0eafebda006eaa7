/** Simulation: how many partners would change level, cell by cell, under another scoring configuration. */
import type { Certification } from '../model/certification.js';
import type { Deal } from '../model/deal.js';
import type { Partner } from '../model/partner.js';
import type { ActiveOverride } from '../model/programme.js';
import type { PreviousLevel, Simulation } from '../model/score-levels.js';
import type { ScoringConfig } from '../model/scoring.js';
import type { Taxonomy } from '../model/taxonomy.js';
import { type LevelHeadline, levelHeadline } from './headline-figures.js';
import type { LetDemotion } from './overrides.js';
import { computeScores, type ScoreCore } from './score-core.js';
import { partnerSegments, segmentLabels } from './segments.js';

/** The model a simulation runs on (the same as a scoring run's, without the configuration). */
export interface SimulationModel {
  partners: readonly Partner[];
  deals: readonly Deal[];
  certifications: readonly Certification[];
  taxonomy: Taxonomy;
  /** Last run's levels: both configurations start from them, as tomorrow's run would. */
  previous?: readonly PreviousLevel[];
  /** Overrides in force and demotions the review lets through: both configurations respect them. */
  overrides?: readonly ActiveOverride[];
  letDemotions?: readonly LetDemotion[];
}

/** A simulation with each configuration's headline level figures (the same definitions as a run's). */
export interface SimulationReport extends Simulation {
  figuresBefore: LevelHeadline;
  figuresAfter: LevelHeadline;
}

/** Each scored partner's segments, as a run's result lists them (one entry per distinct partner id). */
function segmentsOf(core: ScoreCore) {
  const labels = segmentLabels(core);
  const seen = new Set<string>();
  const partners: { segments: ReturnType<typeof partnerSegments> }[] = [];
  core.table.partnerIds.forEach((id, p) => {
    if (seen.has(id)) return;
    seen.add(id);
    partners.push({ segments: partnerSegments(core, p, labels) });
  });
  return partners;
}

/**
 * Scores the model under both configurations and counts level changes per cell (promoted, demoted,
 * renamed) and per partner. Pure; writes nothing — `atlas simulate --scoring other.yaml` prints it.
 *
 * @example
 * const report = simulateLevels(model, currentConfig, candidateConfig, '2025-06-30');
 * report.partnersChanged; // partners with at least one cell at another level
 */
export function simulateLevels(
  model: SimulationModel,
  currentConfig: ScoringConfig,
  otherConfig: ScoringConfig,
  now: string,
): SimulationReport {
  const run = (config: ScoringConfig) => {
    const core = computeScores({ ...model, config, now });
    const figures = levelHeadline(segmentsOf(core), core.config);
    const names = core.config.levels.ladder.map((l) => l.name);
    // Keep only what the comparison needs, so the first run's tables can be freed before the second.
    return {
      grid: core.grid,
      partner: core.table.partner,
      cell: core.table.cell,
      rows: core.table.rows,
      level: Array.from(core.level, (l) => (l < 0 ? null : names[l]!)),
      names,
      figures,
    };
  };
  const a = run(currentConfig);
  const b = run(otherConfig);
  const rankA = new Map(a.names.map((n, i) => [n, i]));
  const rankB = new Map(b.names.map((n, i) => [n, i]));
  type Transition = { from: string | null; to: string | null; count: number };
  const perCell = new Map<
    number,
    { promoted: number; demoted: number; other: number; transitions: Map<string, Transition> }
  >();
  const changedPartners = new Set<number>();
  let cellsChanged = 0;
  // Rows line up: which cells exist depends on the records and `now`, never on the configuration.
  for (let r = 0; r < a.rows; r++) {
    const from = a.level[r] ?? null;
    const to = b.level[r] ?? null;
    if (from === to) continue;
    cellsChanged++;
    changedPartners.add(a.partner[r]!);
    const c = a.cell[r]!;
    let entry = perCell.get(c);
    if (!entry) {
      entry = { promoted: 0, demoted: 0, other: 0, transitions: new Map() };
      perCell.set(c, entry);
    }
    // Promotion or demotion when both configurations know the level names (ladder position).
    const ra = from === null ? a.names.length : (rankA.get(from) ?? -1);
    const rb = to === null ? b.names.length : (rankB.get(to) ?? -1);
    const comparable = (from === null || rankB.has(from)) && (to === null || rankA.has(to));
    if (!comparable) entry.other++;
    else if (rb < ra) entry.promoted++;
    else entry.demoted++;
    const key = `${from}\u0000${to}`;
    const transition = entry.transitions.get(key) ?? { from, to, count: 0 };
    transition.count++;
    entry.transitions.set(key, transition);
  }
  const byCell = [...perCell.entries()]
    .map(([c, e]) => ({
      cell: a.grid.key(c),
      promoted: e.promoted,
      demoted: e.demoted,
      other: e.other,
      transitions: [...e.transitions.entries()]
        .sort((x, y) => y[1].count - x[1].count || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))
        .map(([, t]) => t),
    }))
    .sort((x, y) => (x.cell < y.cell ? -1 : x.cell > y.cell ? 1 : 0));
  return {
    partnersChanged: changedPartners.size,
    cellsChanged,
    levelsBefore: a.figures.levelCellsByLevel,
    levelsAfter: b.figures.levelCellsByLevel,
    byCell,
    figuresBefore: a.figures,
    figuresAfter: b.figures,
  };
}
