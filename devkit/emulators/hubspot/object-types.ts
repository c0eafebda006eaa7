/** What the emulator knows of one CRM object type: ids, names, system properties, properties and groups. */
import type { PropertyDefinition, PropertyGroupDefinition } from './property-definitions.js';

/** One object type (standard like companies `0-2`, or custom like certifications `2-5000001`). */
export interface ObjectTypeDefinition {
  /** `0-2` for companies, `2-<n>` for custom objects. */
  objectTypeId: string;
  /** Plural API name: `companies`, `line_items`, `certifications`. */
  name: string;
  /** `companies` for standard objects, `p<portalId>_certifications` for custom ones. */
  fullyQualifiedName: string;
  /** Singular used in v3 association type names: `deal` in `deal_to_company`. */
  singularName: string;
  labels: { singular: string; plural: string };
  custom: boolean;
  /**
   * Ids start above this. Distinct per type so ids read well in logs, and below 2^30 so V8 keeps them
   * as small integers: maps keyed by millions of larger ids cost several times more to seed.
   */
  idBase: number;
  /** `createdate` on standard objects, `hs_createdate` on custom objects. */
  createdDateProperty: string;
  /** `hs_lastmodifieddate` (contacts also carry the older `lastmodifieddate`). */
  modifiedDateProperties: string[];
  /** Properties returned when a read names none. */
  defaultProperties: string[];
  /** Properties the search `query` string matches. */
  searchableProperties: string[];
  primaryDisplayProperty: string;
  secondaryDisplayProperties: string[];
  requiredProperties: string[];
  /** Schema id of a custom object (`GET /crm/v3/schemas` answers it as `id`). */
  schemaId?: string;
  description?: string;
  createdAt: number;
  updatedAt: number;
  properties: Map<string, PropertyDefinition>;
  groups: Map<string, PropertyGroupDefinition>;
}

/** Properties maintained by the emulator from record metadata, never stored as values. */
export function systemPropertyNames(def: ObjectTypeDefinition): string[] {
  return ['hs_object_id', def.createdDateProperty, ...def.modifiedDateProperties];
}
