/**
 * What a CRM's mapping file may say, declared by the CRM's plugin: how deep a field path may reach, how a
 * deal names its partners, what a collection reads, and what a record id looks like. The mapping layer
 * builds each CRM's mapping schema and read plans from it.
 */
import type { CrmSystem } from '../src/model/index.js';

/** A path problem: the message and a hint on how to fix it. */
export interface PathProblem {
  message: string;
  hint?: string;
}

/** Where a path is read: on the record itself, on each item of a collection, or in a filter. */
export type PathPlace = 'record' | 'item' | 'filter';

/** How deep a mapping may reach in one CRM. */
export interface PathRules {
  readonly system: CrmSystem;
  /** Checks a dotted field path. */
  checkPath(path: string, place: PathPlace): PathProblem | undefined;
  /** Checks a collection name (a child relationship, an associated object). */
  checkCollection(name: string): PathProblem | undefined;
}

/** The ways a deal may name its partners: a lookup field, junction child records, labelled associations. */
export type LinkageKind = 'lookup' | 'junction' | 'association';

/** One CRM's mapping dialect: its path rules and everything else its mapping file may differ in. */
export interface MappingDialect extends PathRules {
  /** The mapping file of this CRM in the mappings directory (`salesforce.yaml`). */
  readonly file: string;
  /** How a deal may name its partners, in the order hints list them. */
  readonly linkageKinds: readonly [LinkageKind, LinkageKind, ...LinkageKind[]];
  /** An example partner linkage, for the hint when a deal mapping has none. */
  readonly linkageExample: string;
  /**
   * What a `collection:` reads: child records (`children`, read plan `children`) or associated records
   * (`associations`, read plan `associations`; their items carry association `labels`).
   */
  readonly collections: 'children' | 'associations';
  /** The field every read selects first (Salesforce `Id`); null when the record id comes back unasked. */
  readonly idField: string | null;
  /** The item path that is the associated record's id rather than a property to ask for; null when none. */
  readonly itemIdPath: string | null;
  /** Record ids of this CRM (the model's id brand, as a regex for the hot path). */
  readonly recordIdPattern: RegExp;
  /** The person object when a mapping has no people entity (certifications still name contacts). */
  readonly defaultPersonObject: string;
}
