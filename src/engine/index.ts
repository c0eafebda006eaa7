/** The segmentation engine: pure functions from the normalised model to scores, levels, segments, needs, the map and trends. */

export type { Ladder, LevelledCell } from './benefits.js';
export { benefitValue, partnerBenefits } from './benefits.js';
export type { CellPrior, CellScoreValue, EffectiveWeights } from './cell-score.js';
export { effectiveWeights, estimateOffset, scoreCell } from './cell-score.js';
export type { CellGrid } from './cells.js';
export { createCellGrid } from './cells.js';
export { decayRate, decayWeight } from './decay.js';
export type { MapOptions } from './ecosystem-map.js';
export { buildEcosystemMap } from './ecosystem-map.js';
export type { ComparableRun, CompareOptions } from './evolution.js';
export { changeReasons, compareCellScores, compareSnapshots, levelNames } from './evolution.js';
export { cellLabel, describeMissing } from './explain.js';
export { explainCell } from './explain-cell.js';
export { dayInWords, describeOverride } from './explain-override.js';
export type { HeadlineFigures, HeadlineInput, LevelHeadline } from './headline-figures.js';
export {
  gapCells,
  HeadlineFiguresSchema,
  headlineFigures,
  headlineLines,
  holdsTopLevel,
  levelHeadline,
} from './headline-figures.js';
export type { LevelFigures } from './levels.js';
export { assignLevel, missingEvidence, NO_LEVEL, nextLevel } from './levels.js';
export type { MatchInput } from './match.js';
export { matchPartners } from './match.js';
export { diagnoseNeeds } from './needs.js';
export type { LetDemotion, RowOverride } from './overrides.js';
export { REVIEW_QUEUE_AUTHOR } from './overrides.js';
export { knownRegions, regionNameOf, UNKNOWN_REGION } from './regions.js';
export type { ScoreCore, ScoreInput } from './score-core.js';
export { computeScores, rowScore } from './score-core.js';
export type { AppliedOverride, EcosystemScores, HeldDemotion } from './score-ecosystem.js';
export { resultOf, scoreEcosystem } from './score-ecosystem.js';
export type { ScoreChanges } from './score-incremental.js';
export { rescoreIncrementally, touchedPartners } from './score-incremental.js';
export { segmentLabel, writtenSegments } from './segments.js';
export type { SimulationModel, SimulationReport } from './simulate.js';
export { simulateLevels } from './simulate.js';
export type { BenefitShift, BenefitValueShift } from './simulate-benefits.js';
export { BENEFIT_EXAMPLES, simulateBenefits } from './simulate-benefits.js';
export type { TeamCellRead, TeamEntry, TeamIndex, TeamRows, TeamScores } from './team-cells.js';
export { coverLevelIndex, readTeamCells, readTeamRows } from './team-cells.js';
export * from './team-co-delivery.js';
export type { GapFillInput } from './team-gap-fill.js';
export { fillGaps, GAP_CANDIDATES_PER_SIDE, GAP_CLOSEST, GAP_TEAMS } from './team-gap-fill.js';
export type { TeamMatchInput, TeamOptions } from './team-match.js';
export {
  coDeliveryFor,
  coveredBySinglePartner,
  matchOpportunity,
  matchTeams,
  neededCells,
  TEAM_CANDIDATES_PER_CELL,
  TEAM_SCORE_STEP,
  TEAMS_RETURNED,
} from './team-match.js';
export type { SkillSharingInput } from './team-skill-sharing.js';
export { MENTORS_PER_NEED, suggestSkillSharing } from './team-skill-sharing.js';
export type { SuggestTeammatesInput } from './team-suggest.js';
export { suggestTeammates, TEAMMATE_PROVIDERS_PER_CELL, TEAMMATES_PER_PARTNER } from './team-suggest.js';
export { count, cutText, optionInWords, plural, withThousands } from './words.js';
