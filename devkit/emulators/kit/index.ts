/** Public surface of the emulator kit shared by the Salesforce and HubSpot emulators (CRM-agnostic). */

export { createRandom, hashString, type Random } from '../../seeded-random.js';
export { createManualClock, type EmulatorClock, type ManualClock, systemClock } from './clock.js';
export { CONTROL_PREFIX, createControlRoutes, isLoopbackAddress } from './control-routes.js';
export {
  applyFaultPlan,
  type FaultPlan,
  FaultPlanSchema,
  type FaultReport,
  faultReport,
} from './fault-plan.js';
export {
  type FaultConfig,
  type FaultConfigInput,
  FaultConfigSchema,
  type FaultEvent,
  FaultInjector,
  type FaultStats,
  type RecordFailureConfig,
  RecordFailureConfigSchema,
  type RequestFault,
} from './faults.js';
export { type FaultsFile, FaultsFileSchema, parseFaultsFile, readFaultsFile } from './faults-file.js';
export { type RunningHttpServer, startHttpServer } from './http-server.js';
export { createEmulatorMiddleware, type EmulatorMiddlewareOptions, type FaultAnswer } from './middleware.js';
export { RequestLog, type RequestLogEntry } from './request-log.js';
