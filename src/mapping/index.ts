/** The mapping layer's public surface: load and check `mappings/*.yaml`, compile them, map raw records to the model. */

// The write-back results are the model's; re-exported for the mapping layer's users.
export {
  GROUPING_RESULT,
  LIST_GROUPINGS,
  type ListGrouping,
  RESULT_SHAPES,
  type ResultShape,
  WRITEBACK_RESULTS,
  type WritebackResult,
  WritebackResultSchema,
} from '../model/index.js';
export { groupRecordIssues, type RecordIssueGroup } from './bad-records.js';
export { bindBenefitFields } from './benefits-check.js';
export {
  CAST_NAMES,
  type CastName,
  castBoolean,
  castDate,
  castDateTime,
  castNumber,
  castString,
} from './casts.js';
export {
  type CompiledEntities,
  type CompiledEntity,
  type CompiledMapping,
  compileMapping,
} from './compile.js';
export type {
  CertificationsMapping,
  ConnectorMapping,
  CrmMapping,
  DealsMapping,
  PartnersMapping,
  PeopleMapping,
} from './connector-mapping.js';
export { closestMatch, didYouMean } from './did-you-mean.js';
export { CrossRefSchema, type CrossRefSource, type EntityFields } from './entity-schema.js';
export {
  type FieldSource,
  FieldSourceSchema,
  type Scalar,
  TAXONOMY_AXES,
  type TaxonomyAxis,
} from './field-source-schema.js';
export { FILTER_OPS, type FilterCondition, FilterConditionSchema, type FilterOp } from './filter-schema.js';
export type {
  AssociationLinkage,
  JunctionLinkage,
  LinkageKind,
  LookupLinkage,
  PartnerLinkage,
} from './linkage-schema.js';
export {
  checkMappingSources,
  checkMappings,
  DEFAULT_MAPPINGS_DIR,
  type LoadedMappings,
  loadMappings,
  MAPPING_FILES,
  type MappingCheck,
  type MappingSource,
  type MappingSources,
  readMappingSources,
} from './load.js';
export { locateMappingField } from './locate-field.js';
export { type MappingSchema, mappingSchema } from './mapping-schema.js';
export {
  ENTITY_NAMES,
  type EntityName,
  type FieldKind,
  MODEL_FIELDS,
  type ModelFieldSpec,
  NAME_MAX_LENGTH,
} from './model-fields.js';
export {
  formatBytes,
  MAPPING_FILE_MAX_BYTES,
  type ParsedYamlFile,
  parseYamlFile,
} from './parse-yaml-file.js';
export {
  type MappedPage,
  type MapResult,
  type ModelByEntity,
  type RawRecord,
  RawRecordSchema,
} from './raw-record.js';
export type { AssociationRead, ChildRead, ReadPlan } from './read-plan.js';
export { omitPaths } from './read-plan.js';
export { ISSUE_VALUE_MAX } from './record-issues.js';
export {
  checkScorecardConfig,
  DEFAULT_SCORECARD_CONFIG,
  loadScorecardConfig,
  optedInSections,
  SCORECARD_SECTIONS,
  type ScorecardConfig,
  ScorecardConfigSchema,
  type ScorecardSection,
  ScorecardSectionSchema,
} from './scorecard-config.js';
export { checkStarter, writebackSection } from './starter-mapping.js';
export {
  type EntitySummary,
  formatMappingSummary,
  type MappingSummary,
  type SystemSummary,
  type TaxonomySummary,
  type WritebackSummary,
} from './summary.js';
export { type TaxonomyFile, TaxonomyFileSchema } from './taxonomy-schema.js';
export { normaliseCountry, normaliseDomain, TRANSFORM_NAMES, type TransformName } from './transforms.js';
export { formatKeyPath, type KeyPath, type YamlLocator } from './yaml-positions.js';
