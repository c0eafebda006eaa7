/** The numeric core of a scoring run: evidence, priors, scores and levels in typed arrays (no output objects yet). */
import { AtlasError } from '../errors.js';
import type { Certification } from '../model/certification.js';
import type { Deal } from '../model/deal.js';
import type { Partner } from '../model/partner.js';
import type { ActiveOverride } from '../model/programme.js';
import type { PreviousLevel } from '../model/score-levels.js';
import { type ScoringConfig, ScoringConfigSchema } from '../model/scoring.js';
import type { Taxonomy } from '../model/taxonomy.js';
import {
  type CellPrior,
  type CellScoreValue,
  type EffectiveWeights,
  effectiveWeights,
  logit,
  scoreCell,
} from './cell-score.js';
import { type CellGrid, createCellGrid } from './cells.js';
import { nowDay } from './day-numbers.js';
import { gatherEvidence } from './evidence.js';
import type { EvidenceReuse } from './evidence-reuse.js';
import type { EvidenceTable } from './evidence-table.js';
import { fitPriors, kindIndex, type Priors, rowTrials, SIGNALS, type Signal } from './expertise-priors.js';
import { assignLevel, NO_LEVEL } from './levels.js';
import { applyAxisOverrides, applyPairOverrides, type LetDemotion, type RowOverrides } from './overrides.js';

/** Everything a scoring run reads. `now`, config, taxonomy and last run's levels come in as values. */
export interface ScoreInput {
  partners: readonly Partner[];
  deals: readonly Deal[];
  certifications: readonly Certification[];
  taxonomy: Taxonomy;
  config: ScoringConfig;
  /** ISO date or datetime the scores are computed for (recency, expiry, windows). */
  now: string;
  /** Levels from the previous run, for hysteresis. Unknown level names count as no level. */
  previous?: readonly PreviousLevel[];
  /** Overrides in force at `now` (newest first: the newest of a cell decides it). See overrides.ts. */
  overrides?: readonly ActiveOverride[];
  /** With `review.demotions` on: the demotions the review lets through (approved, or waited long enough). */
  letDemotions?: readonly LetDemotion[];
}

/** Scores and levels per evidence row (see EvidenceTable for the row layout). */
export interface ScoreCore {
  input: ScoreInput;
  config: ScoringConfig;
  grid: CellGrid;
  today: number;
  table: EvidenceTable;
  priors: Priors;
  weights: EffectiveWeights;
  /** Per cell, what its evidence is weighed against (priors and the kind's spread). */
  cellPriors: CellPrior[];
  /** Score per row; the components are recomputed on demand by `rowScore` (same numbers, less memory). */
  score: Float64Array;
  /** Confidence (0–1) per row. */
  confidence: Float32Array;
  /** Index into the ladder (0 = highest) or NO_LEVEL. */
  level: Int8Array;
  previous: Int8Array;
  /** Rows whose level an override or a demotion hold decided, with what the evidence alone gives. */
  overrides: RowOverrides;
}

const NO_SIGNAL: Record<Signal, boolean> = { proof: false, skills: false, winRate: false, delivery: false };

/** Last run's level per (partner, cell) row as a ladder index. */
function previousLevels(
  table: EvidenceTable,
  config: ScoringConfig,
  previous: readonly PreviousLevel[],
  out: Int8Array,
): Int8Array {
  out.fill(NO_LEVEL);
  if (previous.length === 0) return out;
  const NC = table.grid.count;
  const partnerIndex = new Map<string, number>();
  table.partnerIds.forEach((id, i) => {
    if (!partnerIndex.has(id)) partnerIndex.set(id, i);
  });
  const rank = new Map(config.levels.ladder.map((l, i) => [l.name, i]));
  const byKey = new Map<number, number>();
  for (const prev of previous) {
    if (prev.level === null) continue;
    const p = partnerIndex.get(prev.partnerId);
    const c = table.grid.indexOf(prev.cell);
    const r = rank.get(prev.level);
    if (p === undefined || c < 0 || r === undefined) continue;
    byKey.set(p * NC + c, r);
  }
  for (let row = 0; row < table.rows; row++) {
    const r = byKey.get(table.partner[row]! * NC + table.cell[row]!);
    if (r !== undefined) out[row] = r;
  }
  return out;
}

/**
 * Runs evidence → priors → scores → levels over the whole ecosystem. Pure: the same input gives the
 * same numbers, bit for bit.
 */
export function computeScores(input: ScoreInput): ScoreCore {
  return scoreWithEvidence(input);
}

/**
 * computeScores, where `reuse` (when given) supplies a previous run's evidence for the partners it did not
 * change: only the evidence step differs, everything ecosystem-wide is recomputed (see score-incremental).
 */
export function scoreWithEvidence(input: ScoreInput, reuse?: EvidenceReuse): ScoreCore {
  const parsed = ScoringConfigSchema.safeParse(input.config);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new AtlasError('ENGINE_BAD_CONFIG', `invalid scoring configuration: ${problems.join('; ')}`, {
      context: { problems: problems.length },
    });
  }
  const config = parsed.data;
  const grid = createCellGrid(input.taxonomy);
  const today = nowDay(input.now);
  const table = gatherEvidence({
    partnerIds: input.partners.map((p) => p.id),
    deals: input.deals,
    certifications: input.certifications,
    config,
    today,
    grid,
    reuse,
  });
  const priors = fitPriors(table);
  const cellPriors = cellPriorsOf(priors, grid, config);
  // The weights of sector × technology cells, the ones levels are decided on, stand for the run.
  const weights = cellPriors[0]?.weights ?? effectiveWeights(config, NO_SIGNAL);
  const n = table.rows;
  const { score, confidence, level } = table.work;
  const previous = previousLevels(table, config, input.previous ?? [], table.work.previous);
  const ladder = config.levels.ladder;
  const trials = new Float64Array(2 * SIGNALS.length);
  const figures = { score: 0, wonCustomers: 0, certifiedPeople: 0, confidence: 0 };
  const pairs = grid.sectors * grid.technologies;
  for (let r = 0; r < n; r++) {
    const c = table.cell[r]!;
    rowTrials(table, priors.totals, r, trials);
    const value = scoreCell(trials, table.certifiedPeople[r]!, cellPriors[c]!);
    score[r] = value.score;
    confidence[r] = value.confidence;
    level[r] = NO_LEVEL;
    if (c >= pairs) continue;
    // Levels are decided on the figures as shown (score to one decimal, confidence in whole percent),
    // so what people see is what was judged.
    figures.score = Math.round(value.score * 10) / 10;
    figures.confidence = Math.round(value.confidence * 100) / 100;
    figures.wonCustomers = table.wonCustomers[r]!;
    figures.certifiedPeople = table.certifiedPeople[r]!;
    level[r] = assignLevel(figures, previous[r]!, ladder);
  }
  const overrides = applyPairOverrides({
    table,
    config,
    level,
    previous,
    overrides: input.overrides ?? [],
    letDemotions: input.letDemotions ?? [],
  });
  deriveAxisLevels(table, level, ladder.length, config.levels.axis.minPairCells);
  applyAxisOverrides(overrides.axis, level, overrides.rows);
  return {
    input,
    config,
    grid,
    today,
    table,
    priors,
    weights,
    cellPriors,
    score,
    confidence,
    level,
    previous,
    overrides: overrides.rows,
  };
}

/**
 * Per cell, the priors its evidence is weighed against, and the spread that maps an estimate to points: the
 * standard deviation of partners' true rates that the fitted prior implies, in log-odds (delta method:
 * 1 / √((k + 1)·m·(1 − m)) for a Beta prior of mean m and strength k). A component's points are then where
 * the partner's estimate stands among the cell's partners; where partners barely differ, estimates are
 * shrunk hard and the spread is narrow alike, so noise is never blown up into a difference.
 */
function cellPriorsOf(priors: Priors, grid: CellGrid, config: ScoringConfig): CellPrior[] {
  const kindWeights = [0, 1, 2].map((kind) =>
    effectiveWeights(
      config,
      Object.fromEntries(SIGNALS.map((name, j) => [name, priors.informative[j * 3 + kind] === 1])) as Record<
        Signal,
        boolean
      >,
    ),
  );
  return Array.from({ length: grid.count }, (_, c) => {
    const mean = priors.signals.map((sig) => sig.mean[c]!);
    const strength = priors.signals.map((sig) => sig.strength[c]!);
    return {
      mean,
      strength,
      scale: mean.map((m, j) => 1 / Math.sqrt((strength[j]! + 1) * m * (1 - m))),
      weights: kindWeights[kindIndex(grid, c)]!,
      logitMean: mean.map(logit),
    };
  });
}

/**
 * Whole-sector and whole-technology levels come from the partner's sector × technology levels, never from
 * evidence pooled across the axis: a partner holds a level on a sector (technology) when at least
 * `minPairCells` of that sector's (technology's) pair cells hold that level or a higher one. A large
 * generalist with middling work everywhere therefore gets no whole-technology level at all.
 */
function deriveAxisLevels(
  table: EvidenceTable,
  level: Int8Array,
  levels: number,
  minPairCells: number,
): void {
  const grid = table.grid;
  const S = grid.sectors;
  const T = grid.technologies;
  const pairs = S * T;
  const bySector = new Int32Array(S * levels);
  const byTechnology = new Int32Array(T * levels);
  for (let p = 0; p < table.partnerIds.length; p++) {
    const from = table.rowStart[p]!;
    const to = table.rowStart[p + 1]!;
    if (from === to) continue;
    bySector.fill(0);
    byTechnology.fill(0);
    for (let r = from; r < to; r++) {
      const c = table.cell[r]!;
      const l = level[r]!;
      if (c >= pairs || l === NO_LEVEL) continue;
      const s = Math.floor(c / T);
      const t = c % T;
      bySector[s * levels + l] = bySector[s * levels + l]! + 1;
      byTechnology[t * levels + l] = byTechnology[t * levels + l]! + 1;
    }
    for (let r = from; r < to; r++) {
      const c = table.cell[r]!;
      if (c < pairs) continue;
      const counts = c < pairs + S ? bySector : byTechnology;
      const axis = c < pairs + S ? c - pairs : c - pairs - S;
      let atOrAbove = 0;
      level[r] = NO_LEVEL;
      for (let l = 0; l < levels; l++) {
        atOrAbove += counts[axis * levels + l]!;
        if (atOrAbove >= minPairCells) {
          level[r] = l;
          break;
        }
      }
    }
  }
}

/** Scratch of rowScore (it streams millions of cell scores): filled and read within one call. */
const ROW_TRIALS = new Float64Array(2 * SIGNALS.length);

/** Score, components and confidence of one evidence row against the ecosystem priors. */
export function rowScore(
  core: Pick<ScoreCore, 'table' | 'priors' | 'cellPriors'>,
  r: number,
): CellScoreValue {
  const trials = ROW_TRIALS;
  rowTrials(core.table, core.priors.totals, r, trials);
  return scoreCell(trials, core.table.certifiedPeople[r]!, core.cellPriors[core.table.cell[r]!]!);
}
