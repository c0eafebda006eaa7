/** The dialect of `mappings/salesforce.yaml`: SOQL paths, lookups and junction records, child subqueries. */
import type { MappingDialect } from '../mapping-dialect.js';
import { SF_RECORD_ID } from './limits.js';
import { salesforcePathRules } from './path-rules.js';

export const salesforceMappingSchema: MappingDialect = {
  ...salesforcePathRules,
  file: 'salesforce.yaml',
  linkageKinds: ['lookup', 'junction'],
  linkageExample: 'e.g. partners: [{ kind: lookup, path: PartnerAccountId, role: sourced }]',
  collections: 'children',
  idField: 'Id',
  itemIdPath: null,
  recordIdPattern: SF_RECORD_ID,
  defaultPersonObject: 'Contact',
};
