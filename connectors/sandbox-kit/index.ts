/** Public surface of the sandbox kit shared by the Salesforce and HubSpot sandboxes (CRM-agnostic). */
export { createManualClock, type ManualClock, type SandboxClock, systemClock } from './clock.js';
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
export { type RunningHttpServer, startHttpServer } from './http-server.js';
export { createSandboxMiddleware, type FaultAnswer, type SandboxMiddlewareOptions } from './middleware.js';
export { RequestLog, type RequestLogEntry } from './request-log.js';
export { createSeededRandom, hashString, keyedUnit, type SeededRandom } from './seeded-random.js';
