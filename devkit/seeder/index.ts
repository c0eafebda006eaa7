/** Synthetic partner ecosystem → emulators (imports src/generator, src/mapping, src/model and connectors/{salesforce,hubspot}/emulator): the public surface. */
export { type CrmSplit, CrmSplitSchema } from './crm-placement.js';
export { hubspotProductFamilies, salesforceProductFamilies } from './crm-vocabulary.js';
export { CLEAN, type DirtyRates, DirtyRatesSchema } from './dirty-data.js';
export {
  CELL_SEPARATOR,
  GROUND_TRUTH_FORMAT,
  type GroundTruthFile,
  GroundTruthFileSchema,
  groundTruthOf,
  parseGroundTruthFile,
} from './ground-truth-file.js';
export {
  EMULATOR_PROFILES,
  type EmulatorProfile,
  type EmulatorProfileName,
  EmulatorProfileNameSchema,
  profilesHelp,
} from './profiles.js';
export {
  type SeedEmulatorsInput,
  type SeededEcosystem,
  type SeedTargets,
  seedEcosystem,
  seedEmulators,
} from './seed-emulators.js';
export {
  DEFAULT_CERTIFICATIONS_PER_PARTNER,
  DEFAULT_DEALS_PER_PARTNER,
  type SeedFigures,
  SeedFiguresSchema,
  type SeedOptions,
  SeedOptionsSchema,
  type SeedProgress,
  type SeedSeconds,
} from './seed-options.js';
export {
  mergeFigures,
  type StartEmulatorWorkersOptions,
  startEmulatorWorkers,
} from './start-emulator-workers.js';
export {
  type EmulatorEndpoints,
  emulatorEnvLines,
  emulatorOptionsFor,
  type RunningEmulators,
  type StartEmulatorsOptions,
  startEmulators,
} from './start-emulators.js';
export { HUBSPOT_PRIMARY_LABEL } from './to-hubspot-records.js';
