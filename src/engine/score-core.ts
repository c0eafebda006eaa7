/** The numeric core of a scoring run: evidence, priors, scores and levels in typed arrays (no output objects yet). */
import { AtlasError } from '../errors.js';
import type { Certification } from '../model/certification.js';
import type { Deal } from '../model/deal.js';
import type { Partner } from '../model/partner.js';
import type { PreviousLevel } from '../model/score.js';
import { type ScoringConfig, ScoringConfigSchema } from '../model/scoring.js';
import type { Taxonomy } from '../model/taxonomy.js';
import {
  type CellScoreValue,
  type EffectiveWeights,
  effectiveWeights,
  saturate,
  scoreCell,
} from './cell-score.js';
import { type CellGrid, createCellGrid } from './cells.js';
import { nowDay } from './day-numbers.js';
import { type EvidenceTable, gatherEvidence } from './evidence.js';
import { assignLevel, NO_LEVEL } from './levels.js';
import { ecosystemPriors, type Priors, shrink } from './shrinkage.js';

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
  /** Score per row; the components are recomputed on demand by `rowScore` (same numbers, less memory). */
  score: Float64Array;
  /** Index into the ladder (0 = highest) or NO_LEVEL. */
  level: Int8Array;
  previous: Int8Array;
}

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
  });
  const priors = ecosystemPriors(table, config);
  const weights = effectiveWeights(config, priors.hasWinRate, priors.hasDelivery);
  const n = table.rows;
  const { score, level } = table.work;
  const previous = previousLevels(table, config, input.previous ?? [], table.work.previous);
  const ladder = config.levels.ladder;
  // Inlined scoreCell (no object per row: a large ecosystem has millions of rows); `rowScore` below
  // recomputes the same figures for one row, and a test holds the two equal.
  const hp = config.proof.halfSaturation;
  const hs = config.skills.halfSaturation;
  const mw = config.winRate.priorStrength;
  const md = config.delivery.priorStrength;
  const figures = { score: 0, wonCustomers: 0, certifiedPeople: 0 };
  for (let r = 0; r < n; r++) {
    const c = table.cell[r]!;
    // Same arithmetic, in the same order, as scoreCell.
    const proof = 100 * weights.proof * saturate(table.proofMass[r]!, hp);
    const skills = 100 * weights.skills * saturate(table.skillsMass[r]!, hs);
    const winRate =
      100 * weights.winRate * shrink(table.wonWeight[r]!, table.closedWeight[r]!, priors.winRate[c]!, mw);
    const delivery =
      100 *
      weights.delivery *
      shrink(table.deliverySum[r]!, table.deliveryWeight[r]!, priors.delivery[c]!, md);
    const clamped = Math.min(100, Math.max(0, proof + skills + winRate + delivery));
    score[r] = clamped;
    // Levels are decided on the score as shown (one decimal), so what people see is what was judged.
    figures.score = Math.round(clamped * 10) / 10;
    figures.wonCustomers = table.wonCustomers[r]!;
    figures.certifiedPeople = table.certifiedPeople[r]!;
    level[r] = assignLevel(figures, previous[r]!, ladder);
  }
  return {
    input,
    config,
    grid,
    today,
    table,
    priors,
    weights,
    score,
    level,
    previous,
  };
}

/** Score, components and confidence of one evidence row against the ecosystem priors. */
export function rowScore(
  core: Pick<ScoreCore, 'table' | 'priors' | 'weights' | 'config'>,
  r: number,
): CellScoreValue {
  const { table, priors } = core;
  const c = table.cell[r]!;
  return scoreCell(
    {
      proofMass: table.proofMass[r]!,
      skillsMass: table.skillsMass[r]!,
      closedWeight: table.closedWeight[r]!,
      wonWeight: table.wonWeight[r]!,
      deliverySum: table.deliverySum[r]!,
      deliveryWeight: table.deliveryWeight[r]!,
      certifiedPeople: table.certifiedPeople[r]!,
    },
    { winRate: priors.winRate[c]!, delivery: priors.delivery[c]! },
    core.weights,
    core.config,
  );
}
