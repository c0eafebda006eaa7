/** Public surface of the HubSpot emulator: start it, and the types tests and benchmarks use. */
export { DEFAULT_DEAL_STAGES, DEFAULT_PRODUCT_FAMILIES } from './default-schema.js';
export { HUBSPOT_INDUSTRY_OPTIONS } from './industry-options.js';
export {
  DEFAULT_OAUTH_APP,
  DEFAULT_PRIVATE_APP_TOKEN,
  type HubSpotEmulatorOptions,
  HubSpotEmulatorOptionsSchema,
} from './options.js';
export { routeKey } from './route-keys.js';
export { type HubSpotEmulator, startHubSpotEmulator } from './server.js';
export {
  HubSpotState,
  PARTNER_LABELS,
  type RecordView,
  type SeedAssociation,
  type SeedRecord,
} from './state.js';
