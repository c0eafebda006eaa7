/** Record id formats, as each CRM's plugin declares them (regexes for the hot path). */
import { crmPlugin } from '../../connectors/registry.js';
import type { CrmSystem } from '../model/index.js';

/** The pattern a record id of the system matches. */
export function recordIdPattern(system: CrmSystem): RegExp {
  return crmPlugin(system).mapping.recordIdPattern;
}
