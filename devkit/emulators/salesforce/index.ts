/** Public surface of the Salesforce emulator: start one, seed and inspect its state, drive its faults. */
export { SalesforceApiError } from './api-error.js';
export type { ApiUsage } from './api-usage.js';
export { SF_COLLECTION_MAX } from './composite-routes.js';
export type { EmulatorCredentials } from './context.js';
export { SALESFORCE_RECORD_FAILURE_CODES } from './faults.js';
export { idSuffix, isSalesforceId, to18 } from './ids.js';
export { salesforceRouteOf } from './route-keys.js';
export {
  ACCOUNT_INDUSTRIES,
  ACCOUNT_TYPES,
  CERTIFICATION_LEVELS,
  DEFAULT_PRODUCT_FAMILIES,
  KEY_PREFIXES,
  OPPORTUNITY_STAGES,
  OPPORTUNITY_TYPES,
  PARTNER_ROLES,
  type PicklistOverrides,
} from './schema.js';
export {
  DEFAULT_EMULATOR_CREDENTIALS,
  type SalesforceEmulator,
  type SalesforceEmulatorOptions,
  startSalesforceEmulator,
} from './server.js';
export { type EmulatorRecord, SalesforceEmulatorState } from './state.js';
export { formatSalesforceDateTime, parseSalesforceDateTime } from './wire-values.js';
