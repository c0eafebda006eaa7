/** Record id formats, as the model's SalesforceId / HubSpotId schemas define them (regexes for the hot path). */
import type { CrmSystem } from '../model/index.js';

export const RECORD_ID_PATTERN: Record<CrmSystem, RegExp> = {
  salesforce: /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/,
  hubspot: /^\d+$/,
};
