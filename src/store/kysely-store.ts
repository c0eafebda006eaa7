/** The one implementation of Store, for every dialect: Kysely queries, each call atomic and its errors explained. */
import type { Kysely } from 'kysely';
import type * as model from '../model/index.js';
import { BulkWriter } from './bulk-write.js';
import { canonicalTime } from './column-values.js';
import { upsertDeals } from './deal-writes.js';
import type { DialectName, StoreConnection } from './dialects.js';
import { countModel, loadModel } from './model-read.js';
import * as overrides from './override-records.js';
import { upsertPartners } from './partner-writes.js';
import * as people from './people-records.js';
import * as records from './record-writes.js';
import type { LastWrittenValue, RunEventInput, WriteFailureInput } from './records.js';
import * as lock from './run-lock.js';
import * as runs from './run-records.js';
import type { Database } from './schema.js';
import * as scores from './score-snapshots.js';
import type {
  DemotionReviewUpdate,
  ListAuditOptions,
  ListOverridesOptions,
  ListRunsOptions,
  NewRun,
  RunOutcome,
  ScoreHistoryOptions,
  Store,
} from './store.js';
import { toStoreError } from './store-errors.js';
import * as cursors from './sync-cursors.js';
import * as writeback from './writeback-records.js';

/** A Store over a Kysely instance (or a transaction of it). Open one with `openStore`. */
export class KyselyStore implements Store {
  readonly dialect: DialectName;
  readonly location: string;
  readonly #conn: StoreConnection;
  readonly #db: Kysely<Database>;
  readonly #bulk: BulkWriter;
  #closed = false;

  constructor(
    conn: StoreConnection,
    db: Kysely<Database> = conn.db,
    bulk = new BulkWriter(conn.maxParameters),
  ) {
    this.dialect = conn.dialect;
    this.location = conn.location;
    this.#conn = conn;
    this.#db = db;
    this.#bulk = bulk;
  }

  /** Runs one store operation, turning driver failures into STORE_* AtlasErrors. */
  async #guard<T>(operation: string, work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    try {
      return await work(this.#db);
    } catch (error) {
      throw toStoreError(error, this.#conn, operation);
    }
  }

  async transaction<T>(work: (store: Store) => Promise<T>): Promise<T> {
    if (this.#db.isTransaction) return work(this);
    // Held in an object: the stage changes inside the callback, where TypeScript does not follow a `let`.
    const progress: { stage: 'begin' | 'work' | 'commit' } = { stage: 'begin' };
    try {
      return await this.#db.transaction().execute(async (trx) => {
        progress.stage = 'work';
        const result = await work(new KyselyStore(this.#conn, trx, this.#bulk));
        progress.stage = 'commit';
        return result;
      });
    } catch (error) {
      // The work's own errors pass through untouched (store calls inside it already explain theirs);
      // only a failed begin or commit is the transaction's to explain.
      if (progress.stage === 'work') throw error;
      throw toStoreError(error, this.#conn, `transaction ${progress.stage}`);
    }
  }

  async close(): Promise<void> {
    if (this.#db.isTransaction || this.#closed) return;
    this.#closed = true;
    await this.#db.destroy();
  }

  upsertPartners(partners: readonly model.Partner[]): Promise<void> {
    return this.#guard('upsertPartners', (db) => upsertPartners(db, this.#bulk, partners));
  }

  upsertDeals(deals: readonly model.Deal[]): Promise<void> {
    return this.#guard('upsertDeals', (db) => upsertDeals(db, this.#bulk, deals));
  }

  upsertCertifications(certifications: readonly model.Certification[]): Promise<void> {
    return this.#guard('upsertCertifications', (db) =>
      records.upsertCertifications(db, this.#bulk, certifications),
    );
  }

  upsertPeople(people: readonly model.Person[]): Promise<void> {
    return this.#guard('upsertPeople', (db) => records.upsertPeople(db, this.#bulk, people));
  }

  liveSourceIds(system: model.CrmSystem, object: string): Promise<string[]> {
    return this.#guard('liveSourceIds', (db) => records.liveSourceIds(db, system, object));
  }

  markDeleted(system: model.CrmSystem, object: string, ids: readonly string[], at: string): Promise<number> {
    return this.#guard('markDeleted', (db) =>
      records.markDeleted(db, this.#bulk, system, object, ids, canonicalTime(at, 'at')),
    );
  }

  loadModel() {
    return this.#guard('loadModel', loadModel);
  }

  countModel() {
    return this.#guard('countModel', countModel);
  }

  getCursor(system: model.CrmSystem, object: string): Promise<unknown> {
    return this.#guard('getCursor', (db) => cursors.getCursor(db, system, object));
  }

  saveCursor(system: model.CrmSystem, object: string, cursor: unknown, at: string): Promise<void> {
    return this.#guard('saveCursor', (db) => cursors.saveCursor(db, system, object, cursor, at));
  }

  listCursors() {
    return this.#guard('listCursors', cursors.listCursors);
  }

  clearCursors(filter?: { system?: model.CrmSystem; object?: string }): Promise<number> {
    return this.#guard('clearCursors', (db) => cursors.clearCursors(db, filter));
  }

  createRun(run: NewRun) {
    return this.#guard('createRun', (db) => runs.createRun(db, run));
  }

  updateRun(id: string, patch: { figures?: unknown; changeSummary?: unknown }) {
    return this.#guard('updateRun', (db) => runs.updateRun(db, id, patch));
  }

  finishRun(id: string, outcome: RunOutcome) {
    return this.#guard('finishRun', (db) => runs.finishRun(db, id, outcome));
  }

  getRun(id: string) {
    return this.#guard('getRun', (db) => runs.getRun(db, id));
  }

  listRuns(options?: ListRunsOptions) {
    return this.#guard('listRuns', (db) => runs.listRuns(db, options));
  }

  interruptRunningRuns(at: string, error: string) {
    return this.#guard('interruptRunningRuns', (db) => runs.interruptRunningRuns(db, at, error));
  }

  addRunEvents(runId: string, events: readonly RunEventInput[]): Promise<void> {
    return this.#guard('addRunEvents', (db) => runs.addRunEvents(db, this.#bulk, runId, events));
  }

  listRunEvents(runId: string, options?: { afterSeq?: number; limit?: number }) {
    return this.#guard('listRunEvents', (db) => runs.listRunEvents(db, runId, options));
  }

  addRecordIssues(runId: string, issues: readonly model.RecordIssue[]): Promise<void> {
    return this.#guard('addRecordIssues', (db) => runs.addRecordIssues(db, this.#bulk, runId, issues));
  }

  listRecordIssues(runId: string, options?: { limit?: number; offset?: number }) {
    return this.#guard('listRecordIssues', (db) => runs.listRecordIssues(db, runId, options));
  }

  countRecordIssues(runId: string) {
    return this.#guard('countRecordIssues', (db) => runs.countRecordIssues(db, runId));
  }

  saveScores(runId: string, rows: Iterable<scores.ScoreRowToSave>) {
    return this.#guard('saveScores', (db) => scores.saveScores(db, this.#bulk, runId, rows));
  }

  listScores(runId: string, options?: { partnerId?: model.PartnerId }) {
    return this.#guard('listScores', (db) => scores.listScores(db, runId, options));
  }

  listScoreLevels(runId: string) {
    return this.#guard('listScoreLevels', (db) => scores.listScoreLevels(db, runId));
  }

  scoreHistory(partnerId: model.PartnerId, options?: ScoreHistoryOptions) {
    return this.#guard('scoreHistory', (db) => scores.scoreHistory(db, partnerId, options));
  }

  listLastWritten(filter: { system: model.CrmSystem; object?: string }) {
    return this.#guard('listLastWritten', (db) => writeback.listLastWritten(db, filter));
  }

  saveLastWritten(values: readonly LastWrittenValue[]): Promise<void> {
    return this.#guard('saveLastWritten', (db) => writeback.saveLastWritten(db, this.#bulk, values));
  }

  recordWriteFailures(failures: readonly WriteFailureInput[], at: string): Promise<void> {
    return this.#guard('recordWriteFailures', (db) =>
      writeback.recordWriteFailures(db, this.#bulk, failures, at),
    );
  }

  listWriteFailures(filter?: { system?: model.CrmSystem; object?: string }) {
    return this.#guard('listWriteFailures', (db) => writeback.listWriteFailures(db, filter));
  }

  clearWriteFailures(system: model.CrmSystem, object: string, recordIds: readonly string[]): Promise<number> {
    return this.#guard('clearWriteFailures', (db) =>
      writeback.clearWriteFailures(db, this.#bulk, system, object, recordIds),
    );
  }

  createUser(user: model.NewUser) {
    return this.#guard('createUser', (db) => people.createUser(db, user));
  }

  listUsers() {
    return this.#guard('listUsers', (db) => people.listUsers(db));
  }

  getUser(id: string) {
    return this.#guard('getUser', (db) => people.getUser(db, id));
  }

  findUserByTokenHash(tokenHash: string) {
    return this.#guard('findUserByTokenHash', (db) => people.findUserByTokenHash(db, tokenHash));
  }

  findUserByOidc(issuer: string, subject: string) {
    return this.#guard('findUserByOidc', (db) => people.findUserByOidc(db, issuer, subject));
  }

  findUserByEmail(email: string) {
    return this.#guard('findUserByEmail', (db) => people.findUserByEmail(db, email));
  }

  updateUser(id: string, patch: Parameters<Store['updateUser']>[1]) {
    return this.#guard('updateUser', (db) => people.updateUser(db, id, patch));
  }

  saveSession(session: model.StoredSession) {
    return this.#guard('saveSession', (db) => people.saveSession(db, session));
  }

  getSession(idHash: string, now: string) {
    return this.#guard('getSession', (db) => people.getSession(db, idHash, now));
  }

  deleteSession(idHash: string) {
    return this.#guard('deleteSession', (db) => people.deleteSession(db, idHash));
  }

  deleteSessionsOf(userId: string) {
    return this.#guard('deleteSessionsOf', (db) => people.deleteSessionsOf(db, userId));
  }

  deleteExpiredSessions(now: string) {
    return this.#guard('deleteExpiredSessions', (db) => people.deleteExpiredSessions(db, now));
  }

  addAuditEvent(event: model.NewAuditEvent) {
    return this.#guard('addAuditEvent', (db) => people.addAuditEvent(db, event));
  }

  listAuditEvents(options?: ListAuditOptions) {
    return this.#guard('listAuditEvents', (db) => people.listAuditEvents(db, options));
  }

  addOverride(override: model.NewLevelOverride) {
    return this.#guard('addOverride', (db) => overrides.addOverride(db, override));
  }

  getOverride(id: string) {
    return this.#guard('getOverride', (db) => overrides.getOverride(db, id));
  }

  listOverrides(options?: ListOverridesOptions) {
    return this.#guard('listOverrides', (db) => overrides.listOverrides(db, options));
  }

  removeOverride(id: string, by: model.Actor, at: string) {
    return this.#guard('removeOverride', (db) => overrides.removeOverride(db, id, by, at));
  }

  addDemotionReviews(reviews: readonly model.NewDemotionReview[]) {
    return this.#guard('addDemotionReviews', (db) => overrides.addDemotionReviews(db, reviews));
  }

  getDemotionReview(id: string) {
    return this.#guard('getDemotionReview', (db) => overrides.getDemotionReview(db, id));
  }

  listDemotionReviews(filter?: { status?: readonly model.DemotionStatus[]; partnerId?: string }) {
    return this.#guard('listDemotionReviews', (db) => overrides.listDemotionReviews(db, filter));
  }

  updateDemotionReviews(updates: readonly DemotionReviewUpdate[]) {
    return this.#guard('updateDemotionReviews', (db) => overrides.updateDemotionReviews(db, updates));
  }

  acquireRunLock(owner: string, options: { staleAfterMs: number; now: Date }) {
    return this.#guard('acquireRunLock', (db) => lock.acquireRunLock(db, owner, options));
  }

  heartbeat(owner: string, options: { now: Date }): Promise<boolean> {
    return this.#guard('heartbeat', (db) => lock.heartbeat(db, owner, options));
  }

  releaseRunLock(owner: string): Promise<boolean> {
    return this.#guard('releaseRunLock', (db) => lock.releaseRunLock(db, owner));
  }
}
