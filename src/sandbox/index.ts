/** Synthetic partner ecosystem → sandboxes (imports src/generator, src/mapping, src/model and connectors/{salesforce,hubspot}/sandbox): the public surface. */
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
  type SeededEcosystem,
  type SeedSandboxesInput,
  type SeedTargets,
  seedEcosystem,
  seedSandboxes,
} from './seed-sandboxes.js';
export {
  mergeFigures,
  type StartSandboxWorkersOptions,
  startSandboxWorkers,
} from './start-sandbox-workers.js';
export {
  type RunningSandboxes,
  type SandboxEndpoints,
  type StartSandboxesOptions,
  sandboxEnvLines,
  sandboxOptionsFor,
  startSandboxes,
} from './start-sandboxes.js';
export { HUBSPOT_PRIMARY_LABEL, HUBSPOT_ROLE_LABELS } from './to-hubspot-records.js';
