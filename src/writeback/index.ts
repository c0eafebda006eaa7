/** Write-back: the values and lists Atlas wants in each CRM, and their diff against what is there. */

export { type CellFacts, cellLine, levelledCells } from './cell-facts.js';
export {
  desiredLists,
  type ListsLeftOut,
  type ListVocabulary,
  leftOutWords,
  selectLists,
} from './desired-lists.js';
export {
  type DesiredRecommendation,
  desiredRecommendations,
  openDealsOf,
  partnerRecordId,
  REASON_MAX,
  type RecommendationTarget,
  recommendationTarget,
} from './desired-recommendations.js';
export {
  type DesiredOptions,
  type DesiredRecord,
  desiredRecords,
  desiredWriteback,
} from './desired-records.js';
export { type CellRecordDiff, diffCellRecords, sameCellRecord } from './diff-cell-records.js';
export {
  type DesiredValues,
  type DiffField,
  type DiffInput,
  type DriftReport,
  diffWriteback,
  type HeldRecord,
  noticeable,
  type PlannedUpdate,
  type WritebackDiff,
  writtenValues,
} from './diff-writeback.js';
export { possibleValues } from './list-values.js';
export { NEED_LABELS } from './need-labels.js';
export { type ResultContext, type ResultValue, resultValue } from './result-values.js';
export { canonicalValue, isEmptyValue, MULTI_VALUE_SEPARATOR, sameValue } from './same-value.js';
export {
  type TargetField,
  type TargetList,
  type WritebackTarget,
  writebackTarget,
} from './writeback-target.js';
