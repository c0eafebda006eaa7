/** The dialect of `mappings/hubspot.yaml`: flat properties, lookups and labelled associations, one hop. */
import type { MappingDialect } from '../mapping-dialect.js';
import { HS_RECORD_ID } from './limits.js';
import { hubspotPathRules } from './path-rules.js';

export const hubspotMappingSchema: MappingDialect = {
  ...hubspotPathRules,
  file: 'hubspot.yaml',
  linkageKinds: ['lookup', 'association'],
  linkageExample: 'e.g. partners: [{ kind: association, object: companies, labels: { Partner: sourced } }]',
  collections: 'associations',
  idField: null,
  // An associated record's `id` is not a property: it always comes back.
  itemIdPath: 'id',
  recordIdPattern: HS_RECORD_ID,
  defaultPersonObject: 'contacts',
};
