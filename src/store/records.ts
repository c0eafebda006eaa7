/** Shapes the store keeps besides the model: runs, run events, score snapshots, write-back bookkeeping, the lock. */
import { z } from 'zod';
import { CrmSystemSchema, IsoDateTimeSchema, type PartnerId, PartnerIdSchema } from '../model/index.js';

export const RunStatusSchema = z.enum(['running', 'succeeded', 'partial', 'failed', 'interrupted']);
export type RunStatus = z.infer<typeof RunStatusSchema>;

/** One run of the pipeline (or of one of its steps), as the UI and the scheduler read it back. */
export const RunSchema = z.object({
  id: z.string().min(1),
  /** What ran, e.g. `sync`, `score`, `writeback`, `nightly`; the store does not interpret it. */
  kind: z.string().min(1),
  status: RunStatusSchema,
  startedAt: IsoDateTimeSchema,
  finishedAt: IsoDateTimeSchema.nullable(),
  /** The options the run was started with (JSON). */
  options: z.unknown(),
  /** Counts and timings (JSON), null until the run reports them. */
  figures: z.unknown(),
  /** What changed (JSON): segments gained / lost, fields written; null until known. */
  changeSummary: z.unknown(),
  error: z.string().nullable(),
});
export type Run = z.infer<typeof RunSchema>;

export const RunEventLevelSchema = z.enum(['debug', 'info', 'warn', 'error']);
export type RunEventLevel = z.infer<typeof RunEventLevelSchema>;

/** What a caller records about a run as it goes. */
export const RunEventInputSchema = z.object({
  at: IsoDateTimeSchema,
  level: RunEventLevelSchema,
  /** The pipeline step, e.g. `pull:salesforce:Opportunity`, `score`, `writeback:hubspot`. */
  step: z.string(),
  message: z.string(),
  /** Optional JSON details (ids and counts, never secrets). */
  data: z.unknown().optional(),
});
export type RunEventInput = z.infer<typeof RunEventInputSchema>;

export const RunEventSchema = RunEventInputSchema.extend({
  /** Increasing across the store: page with `afterSeq` to follow a live run. */
  seq: z.number().int(),
  runId: z.string(),
  data: z.unknown(),
});
export type RunEvent = z.infer<typeof RunEventSchema>;

/** One score of one partner in one run: for a sector × technology cell, or a whole axis when a key is null. */
export const ScoreSnapshotRowSchema = z.object({
  partnerId: PartnerIdSchema,
  sector: z.string().nullable(),
  technology: z.string().nullable(),
  score: z.number().finite(),
  level: z.string().nullable(),
  confidence: z.number().finite(),
  /** The explanation (evidence, what is missing for the next level), JSON. */
  details: z.unknown(),
});
export type ScoreSnapshotRow = z.infer<typeof ScoreSnapshotRowSchema>;

/** The level of one cell of a run's snapshot, keyed as the engine keys cells (`sector|technology`, `*` for none). */
export const ScoreLevelRowSchema = z.object({
  partnerId: PartnerIdSchema,
  cell: z.string().min(1),
  level: z.string().nullable(),
});
export type ScoreLevelRow = z.infer<typeof ScoreLevelRowSchema>;

/** A snapshot row with the run it belongs to: one point of a partner's history. */
export const ScoreHistoryPointSchema = ScoreSnapshotRowSchema.extend({
  runId: z.string(),
  runStartedAt: IsoDateTimeSchema,
});
export type ScoreHistoryPoint = z.infer<typeof ScoreHistoryPointSchema>;

/** What saving a run's scores wrote: the log grows by `changed + removed` rows, whatever the snapshot's size. */
export interface SavedScores {
  /** Cells new or with values different from the last snapshot's. */
  changed: number;
  /** Cells the last snapshot held and this one does not. */
  removed: number;
  /** The partners with any changed or removed cell. */
  partners: PartnerId[];
}

/** One CRM record, as write-back bookkeeping keys it. */
const CrmRecordKeySchema = z.object({
  system: CrmSystemSchema,
  object: z.string().min(1),
  recordId: z.string().min(1),
});

/** The value Atlas last wrote to one field of one CRM record; write-back diffs against it. */
export const LastWrittenValueSchema = CrmRecordKeySchema.extend({
  field: z.string().min(1),
  /** The JSON value written (null when the field was cleared). */
  value: z.unknown(),
  writtenAt: IsoDateTimeSchema,
});
export type LastWrittenValue = z.infer<typeof LastWrittenValueSchema>;

/** One record whose write-back failed in a run. */
export const WriteFailureInputSchema = CrmRecordKeySchema.extend({
  /** The fields the failed write carried. */
  fields: z.array(z.string()),
  /** The values it tried to set, by field: a permanent failure is retried only once they change. */
  values: z.record(z.string(), z.unknown()).nullable().optional(),
  code: z.string(),
  message: z.string(),
  /** True when retrying may succeed (rate limit, lock, 5xx); false for validation errors. */
  transient: z.boolean(),
});
export type WriteFailureInput = z.infer<typeof WriteFailureInputSchema>;

/** A write failure as kept across runs, with how many times it has failed. */
export const WriteFailureSchema = WriteFailureInputSchema.extend({
  attempts: z.number().int().min(1),
  firstAt: IsoDateTimeSchema,
  lastAt: IsoDateTimeSchema,
});
export type WriteFailure = z.infer<typeof WriteFailureSchema>;

/** A saved sync cursor, as listed for the status page. */
export const SyncCursorSchema = z.object({
  system: CrmSystemSchema,
  object: z.string(),
  /** Whatever the connector saved; the connector validates it with its own schema when it reads it back. */
  cursor: z.unknown(),
  updatedAt: IsoDateTimeSchema,
});
export type SyncCursor = z.infer<typeof SyncCursorSchema>;

export const RunLockSchema = z.object({
  owner: z.string().min(1),
  acquiredAt: IsoDateTimeSchema,
  heartbeatAt: IsoDateTimeSchema,
});
export type RunLock = z.infer<typeof RunLockSchema>;

/** `heldBy` is null in the rare case the holder released the lock between our attempt and our look. */
export type RunLockResult = { acquired: true; lock: RunLock } | { acquired: false; heldBy: RunLock | null };
