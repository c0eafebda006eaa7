/**
 * What a connector reads, in the model's terms: the read plan of one entity, its filter conditions and the
 * raw records a read hands back. The mapping layer compiles plans; connectors only consume them.
 */
import { z } from 'zod';
import type { CrmSystem, EntityName } from '../src/model/index.js';

/** A literal a mapping may compare with or default to. */
export type Scalar = string | number | boolean | null;

export const FILTER_OPS = [
  'eq',
  'ne',
  'in',
  'not_in',
  'gt',
  'gte',
  'lt',
  'lte',
  'is_null',
  'not_null',
] as const;
export type FilterOp = (typeof FILTER_OPS)[number];

/** One condition of an entity's filter; an entity's conditions are combined with AND. */
export interface FilterCondition {
  /** Field path (Salesforce may reach parent fields, `Account.IsPartner`; HubSpot properties are flat). */
  field: string;
  op: FilterOp;
  /** A scalar for comparisons, a non-empty list for in / not_in, absent for is_null / not_null. */
  value?: Scalar | Scalar[] | undefined;
}

/** Child records to read with each record (a Salesforce subquery: `(SELECT <fields> FROM <relationship>)`). */
export interface ChildRead {
  relationship: string;
  /** Field paths relative to the child object (may reach its parents: `Product2.Family`). */
  fields: string[];
}

/** Associated records to read with each record (HubSpot associations), with their properties. */
export interface AssociationRead {
  /** Associated object type (`companies`, `line_items`, `contacts`). */
  object: string;
  /** Properties of the associated records to read (besides `id` and the association labels). */
  properties: string[];
  /** Association labels the mapping tells apart (informative: the connector returns every label). */
  labels: string[];
}

/** The model types a connector decodes CRM values into (text stays text). */
export type ValueType = 'number' | 'boolean' | 'date' | 'datetime';

/** Everything a connector needs to read one entity's raw records. */
export interface ReadPlan {
  system: CrmSystem;
  entity: EntityName;
  object: string;
  /** Field paths of the record itself (the id field first when the CRM needs it selected). */
  fields: string[];
  /** Child collections read with each record (empty for a CRM that reads associations). */
  children: ChildRead[];
  /** Associated collections read with each record (empty for a CRM that reads child subqueries). */
  associations: AssociationRead[];
  /** Conditions combined with AND; literals are for the connector to escape. */
  filter: FilterCondition[];
  /** The field `lastModified` reads, for incremental reads; null when it is a constant or a composite. */
  modifiedField: string | null;
  /**
   * Paths the mapping reads as a number, boolean, date or date-time (`amount`, `line_items.quantity` for an
   * item of a collection): a CRM that sends such values as text decodes them before they leave the connector.
   */
  valueTypes?: Readonly<Record<string, ValueType>>;
  /**
   * Paths the mapping can do without (every source reading them is `optional`), in the same terms as
   * `valueTypes`: a record path, or `collection.path` for an item of a collection. A run leaves a missing
   * one out of the read instead of stopping the entity.
   */
  optional?: readonly string[];
}

/**
 * One CRM record as the connector read it, values already normalised (ISO date-times, numbers, booleans).
 * `values` is nested JSON where a dotted path resolves: parent records as objects (`Account.Industry`),
 * collections as arrays of records (`OpportunityLineItems`, or `companies` as `{ id, labels, ...properties }`).
 */
export const RawRecordSchema = z.object({
  id: z.string().min(1),
  values: z.record(z.string(), z.unknown()),
});
export type RawRecord = z.infer<typeof RawRecordSchema>;
