/** The store's one interface: what every layer may ask of persistence, whichever database is behind it. */
import type {
  Actor,
  AuditAction,
  AuditEvent,
  Certification,
  CrmSystem,
  Deal,
  DemotionReview,
  DemotionStatus,
  LevelOverride,
  NewAuditEvent,
  NewDemotionReview,
  NewLevelOverride,
  NewUser,
  Partner,
  PartnerId,
  Person,
  RecordIssue,
  StoredSession,
  User,
  UserPatch,
} from '../model/index.js';
import type { DialectName } from './dialects.js';
import type {
  LastWrittenValue,
  Run,
  RunEvent,
  RunEventInput,
  RunLockResult,
  RunStatus,
  SavedScores,
  ScoreHistoryPoint,
  ScoreLevelRow,
  ScoreSnapshotRow,
  SyncCursor,
  WriteFailure,
  WriteFailureInput,
} from './records.js';
import type { ScoreRowToSave } from './score-snapshots.js';

/** Everything the engine needs, without the records the CRMs deleted. */
export interface StoredModel {
  partners: Partner[];
  deals: Deal[];
  certifications: Certification[];
  people: Person[];
}

export interface ModelCounts {
  partners: number;
  deals: number;
  certifications: number;
  people: number;
}

export interface NewRun {
  /** Defaults to a random UUID. */
  id?: string;
  kind: string;
  startedAt: string;
  options: unknown;
}

export interface RunOutcome {
  status: Exclude<RunStatus, 'running'>;
  finishedAt: string;
  figures?: unknown;
  changeSummary?: unknown;
  error?: string | null;
}

export interface ListRunsOptions {
  kind?: string;
  status?: RunStatus;
  /** Newest first; defaults to 50. */
  limit?: number;
}

export interface ScoreHistoryOptions {
  /** `undefined`: every cell; `null`: only rows with no sector (the technology axis); a key: that sector. */
  sector?: string | null;
  /** Same rule as `sector`, for the technology key. */
  technology?: string | null;
  /** The newest N runs; defaults to all. */
  limit?: number;
}

export interface ListAuditOptions {
  action?: AuditAction;
  /** Newest first; defaults to 100. */
  limit?: number;
  /** Events older than this event id (paging back). */
  beforeId?: number;
}

export interface ListOverridesOptions {
  partnerId?: string;
  /** Only overrides in force at this instant: not removed, not expired. */
  activeAt?: string;
}

export interface DemotionReviewUpdate {
  id: string;
  /**
   * Check-and-set: the status the caller read. The update applies only while the review still has it, so
   * two decisions (or a decision and a run) cannot both win; one that no longer applies is skipped.
   */
  ifStatus?: DemotionStatus;
  status?: DemotionStatus;
  toLevel?: string | null;
  lastSeenAt?: string;
  decidedAt?: string | null;
  decidedBy?: Actor | null;
  note?: string | null;
}

/**
 * Persistence of Partner Atlas. Every method is atomic: a bulk write runs in one transaction, so a failure
 * (read-only file, constraint, crash) leaves nothing of it behind. Failures are AtlasErrors with a
 * `STORE_*` code (see store-errors.ts). Timestamps are ISO-8601 UTC strings, except the lock's `now`.
 */
export interface Store {
  readonly dialect: DialectName;
  /** File path or password-free URL, for messages. */
  readonly location: string;

  /**
   * Runs `work` in one transaction and hands it a store bound to it, e.g. to save a page and its cursor
   * together. With SQLite, use only the store passed to `work` inside it: the outer one waits for the
   * transaction's connection.
   */
  transaction<T>(work: (store: Store) => Promise<T>): Promise<T>;
  /** Closes the database (again is a no-op); the store is unusable afterwards. */
  close(): Promise<void>;

  /** Inserts or updates partners by id; each source ref is re-pointed at its partner and marked alive. */
  upsertPartners(partners: readonly Partner[]): Promise<void>;
  /** Inserts or updates deals by source ref, replacing their partner links; a deleted deal comes back. */
  upsertDeals(deals: readonly Deal[]): Promise<void>;
  upsertCertifications(certifications: readonly Certification[]): Promise<void>;
  upsertPeople(people: readonly Person[]): Promise<void>;
  /** Soft-deletes the records with these CRM ids (any model type); returns how many rows it marked. */
  markDeleted(system: CrmSystem, object: string, ids: readonly string[], at: string): Promise<number>;
  /** The CRM ids of one object's records held alive (any model type), e.g. to find what a CRM no longer has. */
  liveSourceIds(system: CrmSystem, object: string): Promise<string[]>;
  /** The whole non-deleted model, deals with their partners. */
  loadModel(): Promise<StoredModel>;
  countModel(): Promise<ModelCounts>;

  /** The cursor saved for (system, object), or undefined. It is unvalidated JSON: parse it with your schema. */
  getCursor(system: CrmSystem, object: string): Promise<unknown>;
  saveCursor(system: CrmSystem, object: string, cursor: unknown, at: string): Promise<void>;
  listCursors(): Promise<SyncCursor[]>;
  /** Forgets cursors (all, one system's, or one object's) so the next sync reads everything. */
  clearCursors(filter?: { system?: CrmSystem; object?: string }): Promise<number>;

  createRun(run: NewRun): Promise<Run>;
  /** Replaces the figures and / or change summary of a run (progress while it runs) without finishing it. */
  updateRun(id: string, patch: { figures?: unknown; changeSummary?: unknown }): Promise<Run>;
  finishRun(id: string, outcome: RunOutcome): Promise<Run>;
  getRun(id: string): Promise<Run | undefined>;
  listRuns(options?: ListRunsOptions): Promise<Run[]>;
  /** Marks runs still `running` (their process died) as `interrupted`; returns their ids. */
  interruptRunningRuns(at: string, error: string): Promise<string[]>;
  addRunEvents(runId: string, events: readonly RunEventInput[]): Promise<void>;
  /** Events in order, at most `limit` (default 1000); `afterSeq` continues from the last one seen. */
  listRunEvents(runId: string, options?: { afterSeq?: number; limit?: number }): Promise<RunEvent[]>;
  addRecordIssues(runId: string, issues: readonly RecordIssue[]): Promise<void>;
  listRecordIssues(runId: string, options?: { limit?: number; offset?: number }): Promise<RecordIssue[]>;
  countRecordIssues(runId: string): Promise<number>;

  /**
   * Saves a run's complete snapshot (every cell it scored, read once): only cells that changed since the
   * last snapshot are written, and cells it lacks are recorded as removed. Saving again for the same run
   * replaces its snapshot with the new one. A row may carry its producer's digest of its values
   * (score-snapshots.ts `ScoreRowToSave`), so unchanged cells cost no JSON.
   */
  saveScores(runId: string, rows: Iterable<ScoreRowToSave>): Promise<SavedScores>;
  /** A run's full snapshot, by partner then cell key; [] for a run that saved none. */
  listScores(runId: string, options?: { partnerId?: PartnerId }): Promise<ScoreSnapshotRow[]>;
  /** The level of every cell of a run's snapshot, without the explanations (unordered); [] for none. */
  listScoreLevels(runId: string): Promise<ScoreLevelRow[]>;
  /** One partner's scores in every run that saved scores, oldest run first. */
  scoreHistory(partnerId: PartnerId, options?: ScoreHistoryOptions): Promise<ScoreHistoryPoint[]>;

  /** What Atlas last wrote to the fields of one system's (or one object's) records. */
  listLastWritten(filter: { system: CrmSystem; object?: string }): Promise<LastWrittenValue[]>;
  saveLastWritten(values: readonly LastWrittenValue[]): Promise<void>;
  /** Records failed writes; a record that failed before has its attempts incremented. */
  recordWriteFailures(failures: readonly WriteFailureInput[], at: string): Promise<void>;
  listWriteFailures(filter?: { system?: CrmSystem; object?: string }): Promise<WriteFailure[]>;
  /** Forgets the failures of records that have now been written; returns how many it removed. */
  clearWriteFailures(system: CrmSystem, object: string, recordIds: readonly string[]): Promise<number>;

  /** Adds a user; AtlasError STORE_CONSTRAINT when the token hash or OIDC identity is already someone's. */
  createUser(user: NewUser): Promise<User>;
  /** Every user, by name. */
  listUsers(): Promise<User[]>;
  getUser(id: string): Promise<User | undefined>;
  /** The user (enabled or not: callers check `disabledAt`) whose token hashes to `tokenHash`. */
  findUserByTokenHash(tokenHash: string): Promise<User | undefined>;
  findUserByOidc(issuer: string, subject: string): Promise<User | undefined>;
  /** The user with this e-mail (case-insensitive), e.g. to link a first single sign-on to an invited user. */
  findUserByEmail(email: string): Promise<User | undefined>;
  /** AtlasError STORE_RECORD_NOT_FOUND for an unknown id. */
  updateUser(
    id: string,
    patch: UserPatch & { oidcIssuer?: string | null; oidcSubject?: string | null },
  ): Promise<User>;

  /** Stores a sign-in session (by the hash of its id), replacing one with the same hash. */
  saveSession(session: StoredSession): Promise<void>;
  /** The session with this id hash, if it has not expired at `now`. */
  getSession(idHash: string, now: string): Promise<StoredSession | undefined>;
  deleteSession(idHash: string): Promise<void>;
  /** Ends every session of a user (disabled, role changed); returns how many. */
  deleteSessionsOf(userId: string): Promise<number>;
  deleteExpiredSessions(now: string): Promise<number>;

  addAuditEvent(event: NewAuditEvent): Promise<AuditEvent>;
  listAuditEvents(options?: ListAuditOptions): Promise<AuditEvent[]>;

  addOverride(override: NewLevelOverride): Promise<LevelOverride>;
  getOverride(id: string): Promise<LevelOverride | undefined>;
  /** Newest first. */
  listOverrides(options?: ListOverridesOptions): Promise<LevelOverride[]>;
  /** Ends an override early; AtlasError STORE_RECORD_NOT_FOUND for an unknown id. Removing twice keeps the first. */
  removeOverride(id: string, by: Actor, at: string): Promise<LevelOverride>;

  /** Adds demotions found by a run, `pending`, with `lastSeenAt` = `firstSeenAt`. */
  addDemotionReviews(reviews: readonly NewDemotionReview[]): Promise<DemotionReview[]>;
  getDemotionReview(id: string): Promise<DemotionReview | undefined>;
  /** Oldest first; all statuses unless given. */
  listDemotionReviews(filter?: {
    status?: readonly DemotionStatus[];
    partnerId?: string;
  }): Promise<DemotionReview[]>;
  /**
   * Applies the updates in one transaction; returns how many applied (an `ifStatus` that no longer holds
   * skips its update). AtlasError STORE_RECORD_NOT_FOUND for an unknown id.
   */
  updateDemotionReviews(updates: readonly DemotionReviewUpdate[]): Promise<number>;

  /**
   * Takes the single run lock for `owner`, atomically, across processes: succeeds when it is free, already
   * held by `owner`, or its holder's last heartbeat is older than `staleAfterMs`.
   */
  acquireRunLock(owner: string, options: { staleAfterMs: number; now: Date }): Promise<RunLockResult>;
  /** Proves `owner` is alive; false when it no longer holds the lock (it was taken over as stale). */
  heartbeat(owner: string, options: { now: Date }): Promise<boolean>;
  /** Releases the lock if `owner` holds it; returns whether it did. */
  releaseRunLock(owner: string): Promise<boolean>;
}
