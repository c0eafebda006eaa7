/** What a connector must read for one entity: fields, child subqueries or associations, filter, cursor field. */
import type { CrmSystem } from '../model/index.js';
import type { CrossRefSource } from './entity-schema.js';
import type { FieldSource } from './field-source-schema.js';
import type { FilterCondition } from './filter-schema.js';
import type { PartnerLinkage } from './linkage-schema.js';
import type { EntityName } from './model-fields.js';

/** A Salesforce child relationship subquery: `(SELECT <fields> FROM <relationship>)`. */
export interface ChildRead {
  relationship: string;
  /** Field paths relative to the child object (may reach its parents: `Product2.Family`). */
  fields: string[];
}

/** HubSpot associations to fetch for each record, with the properties of the associated records. */
export interface AssociationRead {
  /** Associated object type (`companies`, `line_items`, `contacts`). */
  object: string;
  /** Properties of the associated records to read (besides `id` and the association labels). */
  properties: string[];
  /** Association labels the mapping tells apart (informative: the connector returns every label). */
  labels: string[];
}

/** Everything a connector needs to read one entity's raw records. */
export interface ReadPlan {
  system: CrmSystem;
  entity: EntityName;
  object: string;
  /** Salesforce: `Id` and field paths (parent relationships included, `Account.Industry`); HubSpot: property names. */
  fields: string[];
  /** Salesforce child subqueries (empty for HubSpot). */
  children: ChildRead[];
  /** HubSpot associations (empty for Salesforce). */
  associations: AssociationRead[];
  /** Conditions combined with AND; literals are for the connector to escape. */
  filter: FilterCondition[];
  /** The field `lastModified` reads, for incremental reads; null when it is a constant or a composite. */
  modifiedField: string | null;
}

/** The parts of an entity mapping a read plan is made from. */
export interface ReadPlanInput {
  object: string;
  filter: FilterCondition[];
  fields: Partial<Record<string, FieldSource>>;
  partners?: PartnerLinkage[] | undefined;
  crossRefs?: CrossRefSource[] | undefined;
}

/** Adds to an ordered list, ignoring case duplicates (Salesforce names are case-insensitive). */
function addUnique(list: string[], value: string): void {
  const lower = value.toLowerCase();
  if (!list.some((v) => v.toLowerCase() === lower)) list.push(value);
}

/** Builds the read plan of an entity mapping. */
export function buildReadPlan(system: CrmSystem, entity: EntityName, input: ReadPlanInput): ReadPlan {
  const fields: string[] = system === 'salesforce' ? ['Id'] : [];
  const collections = new Map<string, { fields: string[]; labels: string[] }>();
  const collection = (name: string) => {
    let entry = collections.get(name);
    if (!entry) {
      entry = { fields: [], labels: [] };
      collections.set(name, entry);
    }
    return entry;
  };
  const addItemField = (name: string, path: string) => {
    // `id` of a HubSpot associated record is not a property: it always comes back.
    if (!(system === 'hubspot' && path === 'id')) addUnique(collection(name).fields, path);
    else collection(name);
  };

  for (const source of Object.values(input.fields)) {
    if (!source) continue;
    if (source.collection !== undefined && source.path !== undefined) {
      addItemField(source.collection, source.path);
      for (const label of source.labels ?? []) addUnique(collection(source.collection).labels, label);
    } else if (source.path !== undefined) {
      addUnique(fields, source.path);
    }
    for (const path of source.concat ?? []) addUnique(fields, path);
  }
  for (const linkage of input.partners ?? []) {
    if (linkage.kind === 'lookup') addUnique(fields, linkage.path);
    if (linkage.kind === 'junction') {
      addItemField(linkage.relationship, linkage.partnerField);
      if (linkage.roleField !== undefined) addItemField(linkage.relationship, linkage.roleField);
    }
    if (linkage.kind === 'association') {
      const entry = collection(linkage.object);
      for (const label of Object.keys(linkage.labels)) addUnique(entry.labels, label);
    }
  }
  for (const ref of input.crossRefs ?? []) addUnique(fields, ref.path);

  const lastModified = input.fields['lastModified'];
  const modifiedField =
    lastModified?.path !== undefined && lastModified.collection === undefined ? lastModified.path : null;
  const entries = [...collections];
  return {
    system,
    entity,
    object: input.object,
    fields,
    children:
      system === 'salesforce'
        ? entries.map(([relationship, entry]) => ({ relationship, fields: entry.fields }))
        : [],
    associations:
      system === 'hubspot'
        ? entries.map(([object, entry]) => ({ object, properties: entry.fields, labels: entry.labels }))
        : [],
    filter: input.filter,
    modifiedField,
  };
}
