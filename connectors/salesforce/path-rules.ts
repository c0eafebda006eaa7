/** How deep each CRM lets a mapping reach: Salesforce relationship paths versus HubSpot's one association hop. */
import type { CrmSystem } from '../model/index.js';
import {
  HS_MAX_ASSOCIATION_HOPS,
  HS_PATH_SEGMENT,
  SF_API_NAME,
  SF_MAX_CHILD_DEPTH,
  SF_MAX_PARENT_DEPTH,
} from './crm-limits.js';

/** A path problem: the message and a hint on how to fix it. */
export interface PathProblem {
  message: string;
  hint?: string;
}

/** Where a path is read: on the record itself, on each item of a collection, or in a filter. */
export type PathPlace = 'record' | 'item' | 'filter';

export interface PathRules {
  readonly system: CrmSystem;
  /** Checks a dotted field path. */
  checkPath(path: string, place: PathPlace): PathProblem | undefined;
  /** Checks a collection name (Salesforce child relationship / HubSpot association). */
  checkCollection(name: string): PathProblem | undefined;
}

const salesforce: PathRules = {
  system: 'salesforce',
  checkPath(path) {
    const segments = path.split('.');
    const bad = segments.find((s) => !SF_API_NAME.test(s));
    if (bad !== undefined) {
      return {
        message: `"${path}" is not a Salesforce field path`,
        hint: 'use API names joined by dots, e.g. Account.Industry',
      };
    }
    const parents = segments.length - 1;
    if (parents > SF_MAX_PARENT_DEPTH) {
      return {
        message: `"${path}" goes ${parents} relationships deep; SOQL allows at most ${SF_MAX_PARENT_DEPTH} levels of parent relationship`,
        hint: 'read the value from a closer object, or copy it into a formula field',
      };
    }
    return undefined;
  },
  checkCollection(name) {
    const segments = name.split('.');
    if (segments.length > SF_MAX_CHILD_DEPTH) {
      return {
        message: `"${name}" nests ${segments.length} child relationships; a SOQL subquery reaches ${SF_MAX_CHILD_DEPTH} level of child relationship`,
        hint: `use the child relationship alone (collection: ${segments[0]}) and read parent fields of each item in path`,
      };
    }
    if (!SF_API_NAME.test(name)) return { message: `"${name}" is not a Salesforce child relationship name` };
    return undefined;
  },
};

const hubspot: PathRules = {
  system: 'hubspot',
  checkPath(path, place) {
    const segments = path.split('.');
    const bad = segments.find((s) => !HS_PATH_SEGMENT.test(s));
    if (bad !== undefined) return { message: `"${path}" is not a HubSpot property name` };
    if (segments.length === 1) return undefined;
    if (place === 'record') {
      return {
        message: `"${path}": HubSpot properties are flat; a dotted path would be an association hop`,
        hint: `write collection: ${segments[0]} and path: ${segments.slice(1).join('.')}`,
      };
    }
    return {
      message: `"${path}" goes beyond the associated record; HubSpot mappings read ${HS_MAX_ASSOCIATION_HOPS} association hop`,
      hint: 'read a property of the associated record itself',
    };
  },
  checkCollection(name) {
    const segments = name.split('.');
    if (segments.length > HS_MAX_ASSOCIATION_HOPS) {
      return {
        message: `"${name}" chains ${segments.length} associations; HubSpot mappings read ${HS_MAX_ASSOCIATION_HOPS} association hop (e.g. deal → companies)`,
      };
    }
    if (!HS_PATH_SEGMENT.test(name)) return { message: `"${name}" is not a HubSpot object name` };
    return undefined;
  },
};

/** The path rules of a CRM. */
export const PATH_RULES: Record<CrmSystem, PathRules> = { salesforce, hubspot };
