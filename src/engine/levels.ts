/** Levels per cell (Specialist, Proven, Emerging by default) with minimum evidence and hysteresis. */
import type { MissingEvidence, NextLevel } from '../model/score-cell.js';
import type { LevelDefinition, LevelRequirements } from '../model/scoring.js';

/** The figures levels are decided on. */
export interface LevelFigures {
  score: number;
  wonCustomers: number;
  certifiedPeople: number;
  /** 0–1, see scoreCell. */
  confidence: number;
}

/** Index of "no level" in the ladder. */
export const NO_LEVEL = -1;

function meets(f: LevelFigures, req: LevelRequirements): boolean {
  return (
    f.score >= req.minScore &&
    f.wonCustomers >= req.minWonCustomers &&
    f.certifiedPeople >= req.minCertifiedPeople &&
    f.confidence >= req.minConfidence
  );
}

/**
 * The highest level (index into `ladder`, highest first) whose requirements hold, or NO_LEVEL. Hysteresis:
 * for a level the partner held last time (or a level below one it held), the lower `keep` requirements
 * apply; to reach a level it did not hold, the `promote` ones do. A partner just at a threshold therefore
 * does not flip between levels from one night to the next.
 *
 * @example assignLevel({ score: 66, wonCustomers: 4, certifiedPeople: 2, confidence: 0.6 }, 0, ladder) // 0: keeps Specialist
 */
export function assignLevel(f: LevelFigures, previous: number, ladder: readonly LevelDefinition[]): number {
  for (let i = 0; i < ladder.length; i++) {
    const level = ladder[i]!;
    const held = previous !== NO_LEVEL && previous <= i;
    if (meets(f, held ? level.keep : level.promote)) return i;
  }
  return NO_LEVEL;
}

/** What is missing to meet `req`: one entry per unmet minimum, with what the partner has and needs. */
export function missingEvidence(f: LevelFigures, req: LevelRequirements): MissingEvidence[] {
  const missing: MissingEvidence[] = [];
  if (f.score < req.minScore)
    missing.push({ requirement: 'score', have: round1(f.score), need: req.minScore });
  if (f.wonCustomers < req.minWonCustomers) {
    missing.push({ requirement: 'wonCustomers', have: f.wonCustomers, need: req.minWonCustomers });
  }
  if (f.certifiedPeople < req.minCertifiedPeople) {
    missing.push({ requirement: 'certifiedPeople', have: f.certifiedPeople, need: req.minCertifiedPeople });
  }
  if (f.confidence < req.minConfidence) {
    missing.push({ requirement: 'confidence', have: round2(f.confidence), need: req.minConfidence });
  }
  return missing;
}

/** The level above `level` (the lowest one when the partner has none) and what it lacks; null at the top. */
export function nextLevel(
  f: LevelFigures,
  level: number,
  ladder: readonly LevelDefinition[],
): NextLevel | null {
  const target = level === NO_LEVEL ? ladder.length - 1 : level - 1;
  const next = ladder[target];
  if (next === undefined) return null;
  return { level: next.name, missing: missingEvidence(f, next.promote) };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Rounds to one decimal, the precision scores are shown with. */
export function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

/**
 * What a whole sector or technology lacks for the level above `level`: more of its sector × technology
 * cells at that level or higher. `pairLevels` are the partner's levels in the axis's pair cells.
 */
export function nextAxisLevel(
  pairLevels: readonly number[],
  level: number,
  ladder: readonly LevelDefinition[],
  minPairCells: number,
): NextLevel | null {
  const target = level === NO_LEVEL ? ladder.length - 1 : level - 1;
  const next = ladder[target];
  if (next === undefined) return null;
  const have = pairLevels.filter((l) => l !== NO_LEVEL && l <= target).length;
  return {
    level: next.name,
    missing: have >= minPairCells ? [] : [{ requirement: 'pairCells', have, need: minPairCells }],
  };
}
