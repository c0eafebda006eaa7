/** How deep a HubSpot mapping may reach: flat properties on the record, one association hop to another. */
import type { PathRules } from '../mapping-dialect.js';
import { HS_MAX_ASSOCIATION_HOPS, HS_PATH_SEGMENT } from './limits.js';

export const hubspotPathRules: PathRules = {
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
