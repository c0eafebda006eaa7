/**
 * The port every CRM connector implements. The pipeline (src/sync, src/writeback) talks to a CRM only
 * through this interface; a connector knows the CRM's API and nothing of scores.
 *
 * What to read (the read plan, its filter, the raw records) is declared in read-plan.ts, in the model's
 * terms: the mapping layer compiles plans for connectors and never the other way round.
 */
import type { CrmSystem, IsoDateTime } from '../src/model/index.js';
import type { RawRecord, ReadPlan } from './read-plan.js';

export type {
  AssociationRead,
  ChildRead,
  FilterCondition,
  FilterOp,
  RawRecord,
  ReadPlan,
  ValueType,
} from './read-plan.js';

// ── Errors every connector throws with these codes (as AtlasError / CrmApiError from src/errors.ts) ──────

export const CONNECTOR_ERRORS = {
  /** The run's API budget is spent: the read stopped after a checkpointed page; the run ends `partial`. */
  budget: 'API_BUDGET_REACHED',
  /** Credentials rejected and not refreshable: nothing more can be done this run. */
  auth: 'AUTH_FAILED',
  /** A mapped field or property is missing or unreadable (see {@link SchemaProblem}). */
  schema: 'SCHEMA_DRIFT',
  /** The saved cursor does not parse: the connector starts a full read of that entity instead. */
  cursor: 'CURSOR_INVALID',
} as const;

// ── Connection check (`atlas connect <system> --check`) ──────────────────────────────────────────────────

/** Whether one mapped field can be read and written by the integration user. */
export interface FieldAccess {
  object: string;
  field: string;
  exists: boolean;
  readable: boolean;
  writable: boolean;
}

/** What `connect --check` prints: who we are, what we may do, how much API we have left. */
export interface ConnectionCheck {
  system: CrmSystem;
  /** Salesforce org id / HubSpot portal id. */
  accountId: string;
  /** The API host actually used (sandbox, My Domain, EU data centre). */
  baseUrl: string;
  /** Salesforce user name / HubSpot app or user; null when the CRM does not say. */
  user: string | null;
  usage: ApiUsage;
  /** HubSpot: scopes the mapped objects need that the token lacks (empty for Salesforce). */
  missingScopes: string[];
  /** Rate limits in force, as the CRM reports them (`X-HubSpot-RateLimit-*`, `Sforce-Limit-Info`). */
  limits: Record<string, number>;
  fields: FieldAccess[];
  /** Association labels per mapped association (HubSpot; empty for Salesforce). */
  associationLabels: AssociationLabels[];
  /** What the admin should act on, in words (a login flow being retired). */
  notices: string[];
}

/** The labels the CRM defines from one object to another, and those the mapping names that it lacks. */
export interface AssociationLabels {
  from: string;
  to: string;
  defined: string[];
  /** Labels the mapping names that the CRM does not define: no record can carry them. */
  unknown: string[];
}

/** API consumption as the connector counts it, plus the CRM's own quota figures when it reports them. */
export interface ApiUsage {
  /** Calls this connector made since it was created (or since {@link Connector.resetUsage}). */
  calls: number;
  /** The same, per operation (`query`, `queryMore`, `bulk2`, `composite`, `search`, `batch/update`, …). */
  callsByOperation: Record<string, number>;
  /** HTTP 429 answers received (a run under default limits must see none). */
  rateLimited: number;
  /** Retries made after transient errors. */
  retries: number;
  /** The CRM's daily quota: used and max, when known (Salesforce `api-usage=used/max`, HubSpot daily headers). */
  daily: { used: number; max: number } | null;
}

/** A field of a CRM object as the mapping editor's field picker lists it. */
export interface CrmField {
  /** API name (Salesforce) / internal property name (HubSpot). */
  name: string;
  label: string;
  /** The CRM's own type name (`picklist`, `reference`, `enumeration`, `datetime`, …). */
  type: string;
}

// ── Schema drift ───────────────────────────────────────────────────────────────────────────────────────

/**
 * A field (path) of a read plan the CRM does not have, or the integration user cannot read. The pipeline
 * locates it in the mapping file (file, line) and stops that entity only.
 */
export interface SchemaProblem {
  entity: ReadPlan['entity'];
  object: string;
  /** The field path exactly as it appears in the read plan (`Account.Industry`, `hs_lastmodifieddate`). */
  field: string;
  reason: 'missing' | 'unreadable' | 'unwritable';
  message: string;
}

// ── Reads ──────────────────────────────────────────────────────────────────────────────────────────────

export interface ReadOptions {
  /** The cursor saved after the last page of the previous read (connector-owned JSON); null = full read. */
  cursor: unknown;
  /** When the run started: a saved cursor is never later than this. */
  runStartedAt: IsoDateTime;
  /** How far before the cursor to read again, for clock skew and long transactions. */
  lookbackMs: number;
  /** Extra fields to read on the same records (write-back fields, to see what is in the CRM now). */
  extraFields?: readonly string[];
  /**
   * At most this many records in all (the mapping editor's preview): one small page, REST / list API only,
   * never a Bulk job. Unset for sync reads.
   */
  limit?: number;
  /**
   * Records a full read is expected to return: how many the store holds from the entity's last read. A hint
   * to choose how to read (REST pages or a bulk job) without spending a call on counting; never trusted for
   * what is read. Unset when unknown (a first run, an incremental read).
   */
  expectedRecords?: number;
  /**
   * Records Atlas itself wrote back, by id, with when: a related record whose change is only that write (its
   * stamp is no later) is not a change the mapping reads, so what is read through it is not read again.
   */
  ownWrites?: ReadonlyMap<string, string>;
  signal?: AbortSignal;
}

/** One page of a read. The caller stores the records and the cursor in one transaction, then asks for more. */
export interface ReadPage {
  records: RawRecord[];
  /** Where a read resumes after this page (connector-owned JSON, saved as is). */
  cursor: unknown;
  /** Records the read expects in total, when known (for progress); null otherwise. */
  expectedTotal: number | null;
  /**
   * `rest`, `bulk2`, `list`, `search`, … (reported in the run figures); `related` for records read again
   * because records they are read through changed (a customer account, a line item, a partner role).
   */
  via: string;
}

export interface DeletedOptions {
  /** When deletions were last looked for (the previous good run's start); null = never. */
  since: IsoDateTime | null;
  runStartedAt: IsoDateTime;
  signal?: AbortSignal;
}

/** Ids of deleted / archived records, or `reconcile` when the CRM can no longer tell (window passed). */
export type DeletedPage = { kind: 'deleted'; ids: string[] } | { kind: 'reconcile' };

// ── Writes ─────────────────────────────────────────────────────────────────────────────────────────────

/** A field value as the pipeline hands it over; the connector formats lists and dates for its CRM. */
export type WriteValue = string | number | boolean | null | readonly string[];

/** The fields to set on one record. Only changed fields are included: the diff is the pipeline's. */
export interface FieldUpdate {
  recordId: string;
  values: Record<string, WriteValue>;
}

/** What happened to one record's update. */
export type WriteOutcome =
  | { recordId: string; ok: true }
  | {
      recordId: string;
      ok: false;
      /** Vendor code (`FIELD_CUSTOM_VALIDATION_EXCEPTION`, `INVALID_OPTION`, `UNABLE_TO_LOCK_ROW`, …). */
      code: string;
      message: string;
      /** True when a later run may succeed without anything changing (lock, rate limit, 5xx). */
      transient: boolean;
      /** Fields the CRM blamed, when it said. */
      fields: string[];
    };

/** One list Atlas keeps: a segment or a need, with the CRM ids of the records that belong to it. */
export interface DesiredList {
  /** `segment` or `need`. */
  per: 'segment' | 'need';
  /** Stable key of the segment / need (e.g. `healthcare|data_ai|specialist`, `technical_enablement`). */
  key: string;
  /** The label users see, prefix included ("Atlas: Healthcare × Data & AI — Specialist"). */
  name: string;
  /** CRM record ids of the members (HubSpot list memberships; Salesforce list views filter on a field). */
  memberIds: string[];
  /** The value a Salesforce list view filters on (the segment's value in the multi-select picklist). */
  filterValue: string;
}

/** The changes a list sync makes (or would make, in a dry run). */
export interface ListPlan {
  system: CrmSystem;
  create: { key: string; name: string; members: number }[];
  /** Lists kept: renamed or with membership changes. */
  update: { key: string; name: string; listId: string; add: string[]; remove: string[]; rename?: string }[];
  /** Lists of segments / needs that no longer exist: emptied and marked retired, or removed. */
  retire: { listId: string; name: string; remove: number; action: 'empty-and-mark' | 'delete' }[];
  unchanged: number;
}

export interface ListSyncReport {
  created: number;
  updated: number;
  retired: number;
  membersAdded: number;
  membersRemoved: number;
  failures: { list: string; message: string }[];
  /** Lists left alone, and why in words (e.g. the integration user lacks the rights to change them). */
  warnings?: string[];
}

/** One step of provisioning: a field / property, an option set, a permission, a layout section, a schema. */
export interface ProvisionStep {
  kind: 'group' | 'field' | 'options' | 'permission' | 'layout' | 'object-schema' | 'list-view';
  name: string;
  action: 'create' | 'update' | 'unchanged';
  detail: string;
}

export interface ProvisionPlan {
  system: CrmSystem;
  steps: ProvisionStep[];
}

/** What provisioning does besides the write-back targets. */
export interface ProvisionOptions {
  /** Salesforce permission set groups or profiles whose people get the read-only viewer permission set. */
  assignViewers?: readonly string[];
}

export interface ProvisionReport extends ProvisionPlan {
  applied: number;
}

/** Write-back options: the values each multi-value field will hold, so option sets can be widened first. */
export interface FieldOptions {
  field: string;
  values: readonly string[];
}

/**
 * One per-cell record Atlas keeps in a CRM (Salesforce `Atlas_Expertise__c`): a partner's levelled
 * sector × technology cell, child of the partner's record. Values are in the model's terms (ISO instant,
 * 0–100 score and confidence); the connector names the CRM fields.
 */
export interface CellRecord {
  /** Stable upsert key: the partner's CRM record id and the cell key (`001…|healthcare|data_ai`). */
  key: string;
  /** The partner's CRM record (Account) the record hangs off. */
  parentId: string;
  /** The cell in words ("Healthcare & Life Sciences × Data & AI"). */
  name: string;
  sector: string;
  technology: string;
  level: string;
  /** 0–100, whole points. */
  score: number;
  /** 0–100, whole percent. */
  confidence: number;
  wonCustomers: number;
  certifiedPeople: number;
  /** What the next level needs, in words; empty at the top level. */
  nextLevel: string;
  scoredAt: IsoDateTime;
}

/** A per-cell record as the CRM holds it now, with its CRM id (to delete it when the cell is gone). */
export interface HeldCellRecord extends CellRecord {
  recordId: string;
}

/**
 * Per-cell records, where the CRM and the write-back section have them. Outcomes of `upsert` carry the
 * record's `key` as their `recordId`; those of `remove` the CRM id.
 */
export interface CellRecordPort {
  /** Every per-cell record in the CRM now (read once per run, for the diff). */
  read(): Promise<HeldCellRecord[]>;
  /** Creates or updates records by their key, batched as the CRM allows. */
  upsert(records: readonly CellRecord[]): Promise<WriteOutcome[]>;
  /** Deletes records by CRM id, batched as the CRM allows. */
  remove(recordIds: readonly string[]): Promise<WriteOutcome[]>;
}

// ── The port ───────────────────────────────────────────────────────────────────────────────────────────

export interface Connector {
  readonly system: CrmSystem;

  /** Proves the credentials and reports access to the given plans' fields and the write-back fields. */
  check(plans: readonly ReadPlan[], writeFields: readonly string[]): Promise<ConnectionCheck>;

  /** Every field of one object (Salesforce describe / HubSpot properties), for the mapping editor's pickers. */
  describeFields(object: string): Promise<CrmField[]>;

  /** Describes the mapped objects now (never a stale cache) and lists every mapped field that is unusable. */
  checkSchema(plans: readonly ReadPlan[]): Promise<SchemaProblem[]>;

  /**
   * Reads the records of a plan changed since the cursor (all when it is null), in pages ordered so that
   * the cursor after each page is a safe resume point. Throws AtlasError `API_BUDGET_REACHED` between
   * pages when the run's budget is spent.
   */
  read(plan: ReadPlan, options: ReadOptions): AsyncIterable<ReadPage>;

  /** Ids of records of the plan's object deleted or archived since `since`. */
  readDeleted(plan: ReadPlan, options: DeletedOptions): AsyncIterable<DeletedPage>;

  /** Every live record id matching the plan (for reconciliation after the delete window has passed). */
  listIds(plan: ReadPlan, options: { signal?: AbortSignal }): AsyncIterable<string[]>;

  /** Makes sure multi-value fields accept the given values (HubSpot enumeration options; SF picklist values). */
  ensureFieldOptions(object: string, options: readonly FieldOptions[]): Promise<ProvisionStep[]>;

  /** Sets fields on records, batched as the CRM allows; one outcome per update, in any order. */
  writeFields(object: string, updates: readonly FieldUpdate[]): Promise<WriteOutcome[]>;

  /** What syncing the lists would change: reads the CRM's current lists and memberships. */
  planLists(desired: readonly DesiredList[]): Promise<ListPlan>;
  /** Carries out a plan from {@link planLists}. */
  applyLists(plan: ListPlan, desired: readonly DesiredList[]): Promise<ListSyncReport>;

  /** What provisioning the write-back targets would create or change (dry run). */
  planProvision(options?: ProvisionOptions): Promise<ProvisionPlan>;
  /** Creates what {@link planProvision} found missing; running it twice changes nothing the second time. */
  applyProvision(plan: ProvisionPlan, options?: ProvisionOptions): Promise<ProvisionReport>;

  /** Per-cell records (Salesforce `Atlas_Expertise__c`); absent when the CRM or the mapping has none. */
  readonly cellRecords?: CellRecordPort;

  usage(): ApiUsage;
  resetUsage(): void;
  close(): Promise<void>;

  /** Objects, fields, picklists, lookups and association labels, for `atlas mappings init` to start a mapping from. */
  surveySchema(options: SurveyOptions): Promise<CrmSurvey>;
}

// ── Schema survey (`atlas mappings init --from-crm`) ─────────────────────────────────────────────────────

/** What to survey: the starter mapping of each CRM knows which objects it reads. */
export interface SurveyOptions {
  /** Objects to describe in full; one the CRM lacks (or hides from the user) is left out of the answer. */
  objects: readonly string[];
  /** Custom objects whose API name or label matches are described too; the others are only listed. */
  customObjects: RegExp;
  /** Object pairs whose association labels to list (HubSpot; Salesforce has none and answers none). */
  associations: readonly { from: string; to: string }[];
}

/** One field of a surveyed object. */
export interface SurveyField {
  /** API name (Salesforce) / internal property name (HubSpot). */
  name: string;
  label: string;
  /** The CRM's own type name (`picklist`, `reference`, `double`, `enumeration`, `number`, …). */
  type: string;
  /** Active picklist / enumeration values (API values, not labels); empty for other types. */
  values: readonly { value: string; label: string }[];
  /** Objects a lookup points to (Salesforce reference fields); empty otherwise. */
  referenceTo: readonly string[];
  /** Created by the CRM's admins rather than shipped with the CRM. */
  custom: boolean;
}

/** One surveyed object. */
export interface SurveyObject {
  /** The name a mapping's `object:` takes (`Account`, `Partner_Certification__c`, `companies`, `certifications`). */
  name: string;
  label: string;
  custom: boolean;
  fields: readonly SurveyField[];
  /**
   * How records of other objects hang off this one: Salesforce child relationships (`OpportunityLineItems`
   * → `OpportunityLineItem`), HubSpot associations (`companies` → `companies`). The name is what a mapping's
   * `collection:` or junction `relationship:` takes.
   */
  related: readonly { name: string; object: string }[];
}

/** An association label defined between two objects (HubSpot). */
export interface SurveyAssociationLabel {
  from: string;
  to: string;
  label: string;
  /** Defined by the portal's admins (USER_DEFINED) rather than by the CRM (the primary company). */
  userDefined: boolean;
}

/** A CRM-neutral summary of the schema Atlas could read. */
export interface CrmSurvey {
  system: CrmSystem;
  /** The objects asked for that exist, and the matching custom objects, described in full. */
  objects: readonly SurveyObject[];
  /** Every custom object the user can see, by name and label. */
  customObjects: readonly { name: string; label: string }[];
  associationLabels: readonly SurveyAssociationLabel[];
}

/** A starter mapping file (`atlas mappings init`): its text, and what the admin should review, in words. */
export interface StarterMapping {
  text: string;
  review: string[];
}
