/** The mapping layer's public surface: load and check `mappings/*.yaml`, compile them, map raw records to the model. */

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
  DealsMapping,
  PartnersMapping,
  PeopleMapping,
} from './connector-mapping.js';
export {
  HS_MAX_ASSOCIATION_HOPS,
  SF_LIST_VIEW_LABEL_MAX,
  SF_MAX_CHILD_DEPTH,
  SF_MAX_PARENT_DEPTH,
} from './crm-limits.js';
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
export { type HubSpotMapping, HubSpotMappingSchema } from './hubspot-mapping-schema.js';
export {
  HUBSPOT_FIELD_TYPES,
  HUBSPOT_PROPERTY_TYPES,
  type HubSpotList,
  HubSpotListSchema,
  type HubSpotWriteback,
  type HubSpotWritebackField,
  HubSpotWritebackFieldSchema,
  HubSpotWritebackSchema,
} from './hubspot-writeback-schema.js';
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
export {
  ENTITY_NAMES,
  type EntityName,
  type FieldKind,
  MODEL_FIELDS,
  type ModelFieldSpec,
  NAME_MAX_LENGTH,
} from './model-fields.js';
export { type ParsedYamlFile, parseYamlFile } from './parse-yaml-file.js';
export {
  type MappedPage,
  type MapResult,
  type ModelByEntity,
  type RawRecord,
  RawRecordSchema,
} from './raw-record.js';
export type { AssociationRead, ChildRead, ReadPlan } from './read-plan.js';
export { ISSUE_VALUE_MAX } from './record-issues.js';
export { type SalesforceMapping, SalesforceMappingSchema } from './salesforce-mapping-schema.js';
export {
  SALESFORCE_FIELD_TYPES,
  type SalesforceFieldType,
  type SalesforceList,
  SalesforceListSchema,
  type SalesforceWriteback,
  type SalesforceWritebackField,
  SalesforceWritebackFieldSchema,
  SalesforceWritebackSchema,
} from './salesforce-writeback-schema.js';
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
export {
  GROUPING_RESULT,
  LIST_GROUPINGS,
  type ListGrouping,
  RESULT_SHAPES,
  type ResultShape,
  WRITEBACK_RESULTS,
  type WritebackResult,
  WritebackResultSchema,
} from './writeback-results.js';
export { formatKeyPath, type KeyPath, type YamlLocator } from './yaml-positions.js';
