/** The store layer as other layers see it: open a Store, its record shapes, and the dialect list for tests. */
export { DIALECTS, type DialectName, POSTGRES_MAX_PARAMETERS, SQLITE_MAX_PARAMETERS } from './dialects.js';
export { DEFAULT_DB_PATH, type OpenStoreOptions, openStore, storeOptionsFromEnv } from './open-store.js';
export * from './records.js';
export type {
  DemotionReviewUpdate,
  ListAuditOptions,
  ListOverridesOptions,
  ListRunsOptions,
  ModelCounts,
  NewRun,
  RunOutcome,
  ScoreHistoryOptions,
  Store,
  StoredModel,
} from './store.js';
