/**
 * Kysely table types of the store: what each column holds, as both dialects hand it back.
 *
 * Columns name the model's branded types (PartnerId, DealId, CrmSystem...) because every row is written by
 * this store from a model value that was already parsed by its zod schema; reading 2M deals back through
 * zod again would cost ~13 s (measured: 6.5 µs per deal), so the table type is the trust boundary instead.
 */
import type { Generated, SqlBool } from 'kysely';
import type {
  CertificationId,
  CertificationLevel,
  CrmSystem,
  DealId,
  DealRole,
  PartnerId,
} from '../model/index.js';

/** JSON written as text. PostgreSQL keeps it in `jsonb` but hands it back as text (see postgres-dialect.ts). */
export type JsonText = string;
/** An ISO-8601 timestamp (`2024-05-02T14:21:07.000Z`) or date (`2024-05-02`), as text in both dialects. */
export type IsoText = string;

export interface PartnersTable {
  id: PartnerId;
  name: string;
  domain: string | null;
  country: string | null;
  region: string | null;
  partner_type: string | null;
  legacy_tier: string | null;
  last_modified: IsoText;
}

/** One CRM record that is (part of) a partner; unique per (system, object, source_id). */
export interface PartnerSourceRefsTable {
  system: CrmSystem;
  object: string;
  source_id: string;
  partner_id: PartnerId;
  /** Index in the partner's `sourceRefs`, so the array reads back in the order it was written. */
  position: number;
  /** Set when the CRM deleted that record; a partner whose refs are all deleted is gone from the model. */
  deleted_at: IsoText | null;
}

export interface PartnerCrossRefsTable {
  partner_id: PartnerId;
  system: CrmSystem;
  object: string;
  source_id: string;
  position: number;
}

export interface DealsTable {
  /** Insertion order: the key `loadModel` pages on, and the key of the deal's links. */
  seq: Generated<number>;
  id: DealId;
  source_system: CrmSystem;
  source_object: string;
  source_id: string;
  name: string | null;
  customer_id: string | null;
  sector: string | null;
  /** ISO 3166-1 alpha-2 code of the customer's country. */
  customer_country: string | null;
  /** Taxonomy region key of the customer's country. */
  customer_region: string | null;
  technologies: JsonText;
  amount: number | null;
  currency: string | null;
  stage: string | null;
  is_won: SqlBool;
  is_closed: SqlBool;
  close_date: IsoText | null;
  renewal: SqlBool | null;
  expansion: SqlBool | null;
  satisfaction: number | null;
  last_modified: IsoText;
  deleted_at: IsoText | null;
}

export interface DealPartnersTable {
  /** The deal's `seq`. */
  deal_seq: number;
  partner_id: PartnerId;
  role: DealRole;
  /** Index in the deal's `partners`. */
  position: number;
}

export interface CertificationsTable {
  id: CertificationId;
  source_system: CrmSystem;
  source_object: string;
  source_id: string;
  name: string | null;
  partner_id: PartnerId;
  person_id: string | null;
  technology: string | null;
  sector: string | null;
  level: CertificationLevel;
  earned_date: IsoText | null;
  expiry_date: IsoText | null;
  last_modified: IsoText;
  deleted_at: IsoText | null;
}

export interface PeopleTable {
  id: string;
  source_system: CrmSystem;
  source_object: string;
  source_id: string;
  name: string | null;
  email: string | null;
  partner_id: PartnerId | null;
  last_modified: IsoText;
  deleted_at: IsoText | null;
}

export interface SyncCursorsTable {
  system: CrmSystem;
  object: string;
  cursor: JsonText;
  updated_at: IsoText;
}

export interface RunsTable {
  id: string;
  kind: string;
  status: string;
  started_at: IsoText;
  finished_at: IsoText | null;
  options: JsonText;
  figures: JsonText | null;
  change_summary: JsonText | null;
  error: string | null;
}

export interface RunEventsTable {
  seq: Generated<number>;
  run_id: string;
  at: IsoText;
  level: string;
  step: string;
  message: string;
  data: JsonText | null;
}

export interface RecordIssuesTable {
  seq: Generated<number>;
  run_id: string;
  system: CrmSystem;
  object: string;
  record_id: string;
  field: string;
  value: string | null;
  reason: string;
  severity: 'error' | 'warning';
}

/** One change of one cell score: its values from `run_id` on, or (`removed`) the cell no longer scored. */
export interface ScoreChangesTable {
  seq: Generated<number>;
  run_id: string;
  partner_id: PartnerId;
  /** `sector|technology`, `*` for a null axis: the cell's key in score_cells. */
  cell: string;
  sector: string | null;
  technology: string | null;
  removed: SqlBool;
  /** Null only on a removal, as are level, confidence and details. */
  score: number | null;
  level: string | null;
  confidence: number | null;
  details: JsonText | null;
}

/** Each cell scored now: the change holding its values and a digest of them, to find what the next run changes. */
export interface ScoreCellsTable {
  partner_id: PartnerId;
  cell: string;
  change_seq: number;
  /** Null for cells converted from the old snapshots: compared as changed on the next save. */
  hash: string | null;
}

/** A run that saved scores: its snapshot is every cell's latest change up to `last_seq`. */
export interface ScoreRunsTable {
  run_id: string;
  last_seq: number;
}

export interface LastWrittenTable {
  system: CrmSystem;
  object: string;
  record_id: string;
  field: string;
  value: JsonText;
  written_at: IsoText;
}

export interface WriteFailuresTable {
  system: CrmSystem;
  object: string;
  record_id: string;
  fields: JsonText;
  /** Null for failures recorded before 2026-11-24. */
  values_sent: JsonText | null;
  code: string;
  message: string;
  transient: SqlBool;
  attempts: number;
  first_at: IsoText;
  last_at: IsoText;
}

/** A single row (name `run`) held by whoever runs the pipeline; see run-lock.ts. */
export interface RunLockTable {
  name: string;
  owner: string;
  acquired_at: IsoText;
  heartbeat_at: IsoText;
}

export interface UsersTable {
  id: string;
  name: string;
  email: string | null;
  role: string;
  /** SHA-256 hex of the user's token; the token itself is never stored. */
  token_hash: string | null;
  oidc_issuer: string | null;
  oidc_subject: string | null;
  created_at: IsoText;
  disabled_at: IsoText | null;
}

export interface SessionsTable {
  /** SHA-256 hex of the session id the cookie holds. */
  id_hash: string;
  user_id: string | null;
  csrf_token: string;
  created_at: IsoText;
  expires_at: IsoText;
  via: string;
}

export interface AuditEventsTable {
  id: Generated<number>;
  at: IsoText;
  actor_user_id: string | null;
  actor_name: string;
  action: string;
  subject: string;
  details: JsonText;
}

export interface LevelOverridesTable {
  id: string;
  partner_id: string;
  cell: string;
  kind: string;
  level: string | null;
  reason: string;
  author_user_id: string | null;
  author_name: string;
  created_at: IsoText;
  expires_at: IsoText | null;
  removed_at: IsoText | null;
  removed_by_user_id: string | null;
  removed_by_name: string | null;
}

export interface DemotionReviewsTable {
  id: string;
  partner_id: string;
  cell: string;
  from_level: string;
  to_level: string | null;
  status: string;
  first_run_id: string;
  first_seen_at: IsoText;
  last_seen_at: IsoText;
  decided_at: IsoText | null;
  decided_by_user_id: string | null;
  decided_by_name: string | null;
  note: string | null;
}

export interface Database {
  partners: PartnersTable;
  partner_source_refs: PartnerSourceRefsTable;
  partner_cross_refs: PartnerCrossRefsTable;
  deals: DealsTable;
  deal_partners: DealPartnersTable;
  certifications: CertificationsTable;
  people: PeopleTable;
  sync_cursors: SyncCursorsTable;
  runs: RunsTable;
  run_events: RunEventsTable;
  record_issues: RecordIssuesTable;
  score_changes: ScoreChangesTable;
  score_cells: ScoreCellsTable;
  score_runs: ScoreRunsTable;
  last_written: LastWrittenTable;
  write_failures: WriteFailuresTable;
  run_lock: RunLockTable;
  users: UsersTable;
  sessions: SessionsTable;
  audit_events: AuditEventsTable;
  level_overrides: LevelOverridesTable;
  demotion_reviews: DemotionReviewsTable;
}
