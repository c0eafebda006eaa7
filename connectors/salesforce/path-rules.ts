/** How deep a Salesforce mapping may reach: API names joined by dots, five parents up, one child level down. */
import type { PathRules } from '../mapping-dialect.js';
import { SF_API_NAME, SF_MAX_CHILD_DEPTH, SF_MAX_PARENT_DEPTH } from './limits.js';

export const salesforcePathRules: PathRules = {
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
