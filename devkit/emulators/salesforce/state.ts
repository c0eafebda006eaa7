/** The emulator org's data: tables per sObject, id index, soft deletes, field permissions and stored metadata. */
import { AtlasError } from '../../../src/errors.js';
import type { EmulatorClock } from '../kit/index.js';
import { hashString } from '../kit/index.js';
import { IdFactory, isSalesforceId, to18 } from './ids.js';
import {
  createDefaultSchema,
  customField,
  customObjectDef,
  type FieldDef,
  KEY_PREFIXES,
  type ObjectDef,
  OTHER_PREFIXES,
  type PicklistOverrides,
  type SalesforceOrgShape,
} from './schema.js';
import { formatSalesforceDateTime, toEpochMs, toWireValue } from './wire-values.js';

/** One stored record. `values` holds every non-system field in wire format (what the REST API returns). */
export class SObjectRow {
  constructor(
    readonly id: string,
    readonly type: string,
    public values: Record<string, unknown>,
    public created: number,
    public modified: number,
    public modstamp: number,
    public deleted: boolean,
  ) {}
}

/** A record as tests see it: `Id`, field values and system fields in wire format. */
export type EmulatorRecord = Record<string, unknown> & { Id: string };

interface Table {
  def: ObjectDef;
  rows: SObjectRow[];
  byId: Map<string, SObjectRow>;
  sortedByModstamp: SObjectRow[] | null;
}

/** A stored Metadata API component (CustomField, PermissionSet, ListView, Layout). */
export interface MetadataEntry {
  id: string;
  type: string;
  fullName: string;
  value: Record<string, unknown>;
  createdDate: number;
  lastModifiedDate: number;
}

export interface FieldAccess {
  readable: boolean;
  editable: boolean;
}

export interface SalesforceStateOptions {
  clock: EmulatorClock;
  seed?: number | string;
  /** Picklist values per `Object.Field`, replacing the defaults (e.g. the vendor's product families). */
  picklists?: PicklistOverrides;
  /** Which org the schema imitates (default `prm`; see SALESFORCE_ORG_SHAPES). */
  orgShape?: SalesforceOrgShape | undefined;
  /** Username of the integration user every token belongs to. */
  username?: string;
  /** When false, fields created through the Metadata API are visible and editable without permission sets. */
  enforceFieldPermissions?: boolean;
}

const WRITE_BACK_FIELDS: Array<{ name: string; type: string; extra: Record<string, unknown> }> = [
  { name: 'Atlas_Primary_Segment__c', type: 'Text', extra: { length: 255 } },
  { name: 'Atlas_Segments__c', type: 'MultiselectPicklist', extra: { visibleLines: 4 } },
  { name: 'Atlas_Needs__c', type: 'MultiselectPicklist', extra: { visibleLines: 4 } },
  { name: 'Atlas_Expertise_Summary__c', type: 'LongTextArea', extra: { length: 32768, visibleLines: 5 } },
  { name: 'Atlas_Top_Score__c', type: 'Number', extra: { precision: 5, scale: 1 } },
  { name: 'Atlas_Scored_At__c', type: 'DateTime', extra: {} },
];

/**
 * In-memory org. Seed with `insertMany` (tens of thousands of rows per second), inspect with `get`,
 * `all` and `count`; the routes go through the same methods.
 * @example
 * const [id] = state.insertMany('Account', [{ Name: 'Acme', Industry: 'Banking' }]);
 * state.get(id!)?.Name; // 'Acme'
 */
export class SalesforceEmulatorState {
  readonly schema: Map<string, ObjectDef>;
  readonly clock: EmulatorClock;
  readonly ids: IdFactory;
  readonly orgId: string;
  readonly userId: string;
  readonly username: string;
  readonly enforceFieldPermissions: boolean;
  /** Metadata components by type, then fullName. */
  readonly metadata = new Map<string, Map<string, MetadataEntry>>();
  /**
   * System permissions of the integration user, as `UserPermissionAccess` answers them (`ApiEnabled` →
   * `PermissionsApiEnabled`). An admin by default; tests revoke some to play a least-privilege user.
   */
  readonly userPermissions: Record<string, boolean> = {
    ApiEnabled: true,
    ViewSetup: true,
    CustomizeApplication: true,
    ModifyMetadata: true,
    ModifyAllData: true,
    ManagePublicListViews: true,
    AssignPermissionSets: true,
  };
  readonly #tables = new Map<string, Table>();
  readonly #byPrefix = new Map<string, Table>();
  readonly #lowerNames = new Map<string, string>();
  #customObjects = 0;
  #access: Map<string, FieldAccess> | null = null;
  /** Bumped on every write, so caches (child indexes) know when to rebuild. */
  version = 0;

  constructor(options: SalesforceStateOptions) {
    this.clock = options.clock;
    const seedHash = hashString(String(options.seed ?? 1));
    const pod = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'[seedHash % 52] ?? 'x';
    this.ids = new IdFactory(`${pod}${seedHash % 10}`);
    this.schema = createDefaultSchema(options.picklists, options.orgShape);
    this.enforceFieldPermissions = options.enforceFieldPermissions ?? true;
    for (const def of this.schema.values()) this.#register(def);
    this.orgId = this.ids.next(OTHER_PREFIXES.organization);
    this.username = options.username ?? 'integration@atlas.emulator';
    [this.userId] = this.insertMany('User', [
      { Username: this.username, Name: 'Atlas Integration', Email: this.username, IsActive: true },
    ]) as [string];
  }

  #register(def: ObjectDef): void {
    const table: Table = { def, rows: [], byId: new Map(), sortedByModstamp: null };
    this.#tables.set(def.name, table);
    this.#byPrefix.set(def.keyPrefix, table);
    this.#lowerNames.set(def.name.toLowerCase(), def.name);
  }

  /** The object definition for a name in any case, or undefined. */
  object(name: string): ObjectDef | undefined {
    const canonical = this.#lowerNames.get(name.toLowerCase());
    return canonical ? this.schema.get(canonical) : undefined;
  }

  #table(name: string): Table {
    const canonical = this.#lowerNames.get(name.toLowerCase());
    const table = canonical ? this.#tables.get(canonical) : undefined;
    if (!table) {
      throw new AtlasError('EMULATOR_UNKNOWN_OBJECT', `Salesforce emulator has no sObject '${name}'`, {
        context: { object: name },
      });
    }
    return table;
  }

  /**
   * Inserts rows as they would exist in the org (no validation beyond field names; system fields may be
   * given: `Id`, `CreatedDate`, `LastModifiedDate`, `SystemModstamp`, `IsDeleted`). Returns the ids.
   */
  insertMany(object: string, rows: ReadonlyArray<Record<string, unknown>>): string[] {
    const table = this.#table(object);
    const def = table.def;
    const now = this.clock.now();
    const out = new Array<string>(rows.length);
    // Rows from a generator share their keys: plan each distinct key list once, not per row.
    let planKeys: string[] = [];
    let plan: KeyPlan[] = [];
    for (let i = 0; i < rows.length; i++) {
      const input = rows[i] ?? {};
      const keys = Object.keys(input);
      if (!sameKeys(keys, planKeys)) {
        planKeys = keys;
        plan = keys.map((key) => planKey(def, key, i));
      }
      const values: Record<string, unknown> = {};
      let created = now;
      let modified = Number.NaN;
      let modstamp = Number.NaN;
      let deleted = false;
      let id: string | undefined;
      for (let k = 0; k < plan.length; k++) {
        const step = plan[k] as KeyPlan;
        const v = input[step.key];
        switch (step.kind) {
          case 'value':
            values[step.key] = v ?? null;
            break;
          case 'convert':
            values[step.key] = toWireValue(step.field, v);
            break;
          case 'reference':
            values[step.key] = typeof v === 'string' && v.length === 15 ? to18(v) : (v ?? null);
            break;
          case 'Id':
            if (typeof v === 'string') id = to18(v);
            break;
          case 'CreatedDate':
            created = toEpochMs(v);
            break;
          case 'LastModifiedDate':
            modified = toEpochMs(v);
            break;
          case 'SystemModstamp':
            modstamp = toEpochMs(v);
            break;
          case 'IsDeleted':
            deleted = v === true;
            break;
        }
      }
      if (Number.isNaN(created)) created = now;
      if (Number.isNaN(modified)) modified = created;
      if (Number.isNaN(modstamp)) modstamp = modified;
      deriveValues(def.name, values);
      id ??= this.ids.next(def.keyPrefix);
      if (table.byId.has(id)) {
        throw new AtlasError('EMULATOR_DUPLICATE_ID', `Salesforce emulator: duplicate id ${id}`, {
          context: { id },
        });
      }
      const row = new SObjectRow(id, def.name, values, created, modified, modstamp, deleted);
      table.rows.push(row);
      table.byId.set(id, row);
      out[i] = id;
    }
    this.#touched(table);
    return out;
  }

  #touched(table: Table): void {
    table.sortedByModstamp = null;
    this.version++;
    if (table.def.name === 'PermissionSetAssignment' || table.def.name === 'PermissionSet')
      this.#access = null;
  }

  /** The stored row for an id (15 or 18 characters), deleted or not. */
  row(id: string): SObjectRow | undefined {
    if (!isSalesforceId(id)) return undefined;
    return this.#byPrefix.get(id.slice(0, 3))?.byId.get(to18(id));
  }

  /** A record by id as the REST API would show every field (undefined when unknown). */
  get(id: string): EmulatorRecord | undefined {
    const row = this.row(id);
    return row ? this.toRecord(row) : undefined;
  }

  /** All records of an object in insertion order; soft-deleted ones only with `includeDeleted`. */
  all(object: string, options: { includeDeleted?: boolean } = {}): EmulatorRecord[] {
    return this.rows(object)
      .filter((r) => options.includeDeleted || !r.deleted)
      .map((r) => this.toRecord(r));
  }

  /** Number of records of an object; soft-deleted ones only with `includeDeleted`. */
  count(object: string, options: { includeDeleted?: boolean } = {}): number {
    const rows = this.rows(object);
    if (options.includeDeleted) return rows.length;
    let n = 0;
    for (const r of rows) if (!r.deleted) n++;
    return n;
  }

  /** Stored rows of an object in insertion order (shared array: do not mutate). */
  rows(object: string): readonly SObjectRow[] {
    return this.#table(object).rows;
  }

  /** Rows ordered by (SystemModstamp, Id), cached until the table next changes. */
  rowsByModstamp(object: string): readonly SObjectRow[] {
    const table = this.#table(object);
    table.sortedByModstamp ??= [...table.rows].sort((a, b) =>
      a.modstamp !== b.modstamp ? a.modstamp - b.modstamp : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
    );
    return table.sortedByModstamp;
  }

  /** Plain view of a row: `Id`, values, then system fields in wire format. */
  toRecord(row: SObjectRow): EmulatorRecord {
    return {
      Id: row.id,
      ...row.values,
      IsDeleted: row.deleted,
      CreatedDate: formatSalesforceDateTime(row.created),
      LastModifiedDate: formatSalesforceDateTime(row.modified),
      SystemModstamp: formatSalesforceDateTime(row.modstamp),
    };
  }

  /** Creates one record through the API path (values already validated); returns its id. */
  createRecord(object: string, values: Record<string, unknown>): string {
    const table = this.#table(object);
    const now = this.clock.now();
    const stored = { ...values };
    deriveValues(table.def.name, stored);
    const row = new SObjectRow(
      this.ids.next(table.def.keyPrefix),
      table.def.name,
      stored,
      now,
      now,
      now,
      false,
    );
    table.rows.push(row);
    table.byId.set(row.id, row);
    this.#touched(table);
    return row.id;
  }

  /** Applies validated values to a row and stamps LastModifiedDate / SystemModstamp from the clock. */
  updateRecord(row: SObjectRow, values: Record<string, unknown>): void {
    Object.assign(row.values, values);
    // IsWon/IsClosed are read-only and follow the stage, so a stage change recomputes them.
    if ('StageName' in values) {
      row.values.IsWon = null;
      row.values.IsClosed = null;
    }
    deriveValues(row.type, row.values);
    const now = this.clock.now();
    row.modified = now;
    row.modstamp = now;
    this.#touched(this.#table(row.type));
  }

  /** Soft delete: the row stays, flagged, visible to queryAll and the deleted-records resource. */
  deleteRecord(row: SObjectRow): void {
    row.deleted = true;
    const now = this.clock.now();
    row.modified = now;
    row.modstamp = now;
    this.#touched(this.#table(row.type));
  }

  /**
   * Records removed for good (recycle bin emptied, Bulk API hardDelete): gone from every query, queryAll
   * included, and still listed by sObject Get Deleted for its 15-day window.
   */
  readonly purged: Array<{ id: string; type: string; deletedAt: number }> = [];

  /** Hard delete: the row disappears from its table; only the deleted-records resource still names it. */
  hardDeleteRecord(row: SObjectRow): void {
    const table = this.#table(row.type);
    table.byId.delete(row.id);
    const at = table.rows.indexOf(row);
    if (at >= 0) table.rows.splice(at, 1);
    this.purged.push({ id: row.id, type: row.type, deletedAt: this.clock.now() });
    this.#touched(table);
  }

  /** Takes a snapshot of rows' mutable parts, for all-or-none rollback. */
  snapshot(rows: readonly SObjectRow[]): () => void {
    const saved = rows.map((r) => ({
      r,
      values: { ...r.values },
      modified: r.modified,
      modstamp: r.modstamp,
      deleted: r.deleted,
    }));
    return () => {
      for (const s of saved) {
        s.r.values = s.values;
        s.r.modified = s.modified;
        s.r.modstamp = s.modstamp;
        s.r.deleted = s.deleted;
        this.#touched(this.#table(s.r.type));
      }
    };
  }

  /** Removes rows created during a rolled-back call. */
  removeCreated(ids: readonly string[]): void {
    for (const id of ids) {
      const row = this.row(id);
      if (!row) continue;
      const table = this.#table(row.type);
      table.byId.delete(id);
      const at = table.rows.lastIndexOf(row);
      if (at >= 0) table.rows.splice(at, 1);
      this.#touched(table);
    }
  }

  /** Read/edit access of the integration user to a field (permission sets for Metadata-API fields). */
  fieldAccess(object: ObjectDef, field: FieldDef): FieldAccess {
    if (!field.requiresPermission || !this.enforceFieldPermissions) {
      return { readable: true, editable: field.createable || field.updateable };
    }
    this.#access ??= this.#computeAccess();
    return this.#access.get(`${object.name}.${field.name}`) ?? { readable: false, editable: false };
  }

  /** Fields of an object the integration user can see (describe and SOQL use this). */
  visibleFields(object: ObjectDef): FieldDef[] {
    return [...object.fields.values()].filter((f) => this.fieldAccess(object, f).readable);
  }

  /** Takes system permissions away from the integration user (e.g. `ModifyMetadata`, `ModifyAllData`). */
  revokeUserPermissions(...names: string[]): void {
    for (const name of names) this.userPermissions[name] = false;
  }

  /** Call after a PermissionSet's metadata changes. */
  permissionsChanged(): void {
    this.#access = null;
  }

  #computeAccess(): Map<string, FieldAccess> {
    const access = new Map<string, FieldAccess>();
    const names = new Set<string>();
    for (const a of this.#table('PermissionSetAssignment').rows) {
      if (a.deleted || a.values.AssigneeId !== this.userId) continue;
      const ps = this.row(String(a.values.PermissionSetId ?? ''));
      if (ps && !ps.deleted && typeof ps.values.Name === 'string') names.add(ps.values.Name);
    }
    for (const name of names) {
      const entry = this.metadata.get('PermissionSet')?.get(name);
      const perms = entry?.value.fieldPermissions;
      for (const p of Array.isArray(perms) ? perms : perms ? [perms] : []) {
        if (typeof p !== 'object' || p === null) continue;
        const rec = p as Record<string, unknown>;
        const key = String(rec.field ?? '');
        const editable = rec.editable === true || rec.editable === 'true';
        const readable = editable || rec.readable === true || rec.readable === 'true';
        const prev = access.get(key) ?? { readable: false, editable: false };
        access.set(key, { readable: prev.readable || readable, editable: prev.editable || editable });
      }
    }
    return access;
  }

  /**
   * Adds a custom object as a CustomObject deploy does (an existing one keeps its fields and records);
   * returns its definition.
   */
  defineObject(name: string, label: string, labelPlural: string, nameLabel: string): ObjectDef {
    const existing = this.object(name);
    if (existing) {
      existing.label = label;
      existing.labelPlural = labelPlural;
      return existing;
    }
    // Custom object key prefixes are org-specific: a01, a02, … after the seeded objects' a0X / a0Y.
    const prefix = `a${(++this.#customObjects).toString(36).padStart(2, '0')}`;
    const def = customObjectDef(name, label, labelPlural, nameLabel, prefix);
    this.schema.set(name, def);
    this.#register(def);
    this.#access = null;
    this.version++;
    return def;
  }

  /** Adds (or replaces) a field definition on an object, as a CustomField deploy does. */
  defineField(object: string, field: FieldDef): void {
    const def = this.#table(object).def;
    def.fields.set(field.name, field);
    def.fieldsLower.set(field.name.toLowerCase(), field.name);
    this.#access = null;
    this.version++;
  }

  /** Removes a custom field and its values, as deleteMetadata does. */
  removeField(object: string, fieldName: string): void {
    const table = this.#table(object);
    table.def.fields.delete(fieldName);
    table.def.fieldsLower.delete(fieldName.toLowerCase());
    for (const row of table.rows) delete row.values[fieldName];
    this.version++;
  }

  /** Stores a metadata component (id kept across upserts); returns whether it was created. */
  putMetadata(type: string, fullName: string, value: Record<string, unknown>, idPrefix: string): boolean {
    let byName = this.metadata.get(type);
    if (!byName) {
      byName = new Map();
      this.metadata.set(type, byName);
    }
    const now = this.clock.now();
    const existing = byName.get(fullName);
    byName.set(fullName, {
      id: existing?.id ?? this.ids.next(idPrefix),
      type,
      fullName,
      value: { ...value, fullName },
      createdDate: existing?.createdDate ?? now,
      lastModifiedDate: now,
    });
    if (type === 'PermissionSet') this.#access = null;
    return !existing;
  }

  /** A permission set group an admin made in Setup (its metadata and its record); returns the record id. */
  addPermissionSetGroup(
    developerName: string,
    label: string,
    permissionSets: readonly string[] = [],
  ): string {
    this.putMetadata(
      'PermissionSetGroup',
      developerName,
      { label, permissionSets: [...permissionSets], status: 'Updated' },
      KEY_PREFIXES.PermissionSetGroup,
    );
    const [id] = this.insertMany('PermissionSetGroup', [
      { DeveloperName: developerName, MasterLabel: label, Status: 'Updated' },
    ]);
    return id ?? '';
  }

  /** A profile and `active` active plus `inactive` inactive users holding it; returns the users' ids, active first. */
  addProfileUsers(profile: string, active: number, inactive = 0): string[] {
    const found = this.all('Profile').find((r) => r.Name === profile);
    const profileId =
      typeof found?.Id === 'string' ? found.Id : (this.insertMany('Profile', [{ Name: profile }])[0] ?? '');
    const slug = profile.toLowerCase().replace(/[^a-z0-9]+/g, '.');
    const first = this.count('User');
    return this.insertMany(
      'User',
      Array.from({ length: active + inactive }, (_, i) => ({
        Username: `${slug}.${first + i}@atlas.emulator`,
        Email: `${slug}.${first + i}@atlas.emulator`,
        Name: `${profile} ${i + 1}`,
        IsActive: i < active,
        ProfileId: profileId,
      })),
    );
  }

  /**
   * Creates the brief's six Account write-back fields, as provisioning would, and by default a permission
   * set granting the integration user edit access. For tests of write-back that skip provisioning.
   */
  provisionWriteBackFields(options: { grant?: boolean; values?: readonly string[] } = {}): void {
    const values = options.values ?? [];
    for (const f of WRITE_BACK_FIELDS) {
      const metadata: Record<string, unknown> = {
        fullName: `Account.${f.name}`,
        label: f.name
          .replace(/^Atlas_/, 'Atlas ')
          .replace(/__c$/, '')
          .replace(/_/g, ' '),
        type: f.type,
        ...f.extra,
      };
      if (f.type === 'MultiselectPicklist') {
        metadata.valueSet = {
          restricted: 'false',
          valueSetDefinition: {
            sorted: 'false',
            value: values.map((v) => ({ fullName: v, default: 'false', label: v })),
          },
        };
      }
      this.putMetadata('CustomField', `Account.${f.name}`, metadata, OTHER_PREFIXES.customField);
      this.defineField('Account', fieldFromMetadata(f.name, metadata));
    }
    if (options.grant === false) return;
    const psName = 'Partner_Atlas_Integration';
    this.putMetadata(
      'PermissionSet',
      psName,
      {
        label: 'Partner Atlas Integration',
        fieldPermissions: WRITE_BACK_FIELDS.map((f) => ({
          field: `Account.${f.name}`,
          editable: 'true',
          readable: 'true',
        })),
      },
      KEY_PREFIXES.PermissionSet,
    );
    const [psId] = this.insertMany('PermissionSet', [
      { Name: psName, Label: 'Partner Atlas Integration', IsOwnedByProfile: false },
    ]);
    this.insertMany('PermissionSetAssignment', [{ AssigneeId: this.userId, PermissionSetId: psId }]);
  }
}

/** How `insertMany` treats one input key. */
type KeyPlan =
  | {
      key: string;
      kind:
        | 'value'
        | 'reference'
        | 'Id'
        | 'CreatedDate'
        | 'LastModifiedDate'
        | 'SystemModstamp'
        | 'IsDeleted';
    }
  | { key: string; kind: 'convert'; field: FieldDef };

function planKey(def: ObjectDef, key: string, row: number): KeyPlan {
  switch (key) {
    case 'Id':
    case 'CreatedDate':
    case 'LastModifiedDate':
    case 'SystemModstamp':
    case 'IsDeleted':
      return { key, kind: key };
  }
  const f = def.fields.get(key);
  if (!f) {
    throw new AtlasError('EMULATOR_UNKNOWN_FIELD', `Salesforce emulator: no field '${key}' on ${def.name}`, {
      context: { object: def.name, field: key, row },
    });
  }
  if (f.type === 'datetime' || f.type === 'date' || f.type === 'multipicklist')
    return { key, kind: 'convert', field: f };
  return { key, kind: f.type === 'reference' ? 'reference' : 'value' };
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Values Salesforce computes itself: Contact/User Name, Opportunity IsWon/IsClosed from the stage. */
function deriveValues(object: string, values: Record<string, unknown>): void {
  if ((object === 'Contact' || object === 'User') && ('FirstName' in values || 'LastName' in values)) {
    const name = [values.FirstName, values.LastName]
      .filter((v) => typeof v === 'string' && v !== '')
      .join(' ');
    values.Name = name || null;
  }
  if (object === 'Opportunity' && typeof values.StageName === 'string') {
    if (!('IsWon' in values) || values.IsWon === null) values.IsWon = values.StageName === 'Closed Won';
    if (!('IsClosed' in values) || values.IsClosed === null)
      values.IsClosed = values.StageName.startsWith('Closed');
  }
}

/** Maps Metadata API `CustomField.type` to the describe type and sizes. */
export function fieldFromMetadata(name: string, md: Record<string, unknown>): FieldDef {
  const num = (v: unknown, d: number) => (v === undefined || v === null || v === '' ? d : Number(v));
  const label = typeof md.label === 'string' ? md.label : name;
  const type = String(md.type ?? 'Text');
  const valueSet = md.valueSet as Record<string, unknown> | undefined;
  const definition = valueSet?.valueSetDefinition as Record<string, unknown> | undefined;
  const rawValues = definition?.value;
  const values = (Array.isArray(rawValues) ? rawValues : rawValues ? [rawValues] : [])
    .filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null)
    .map((v) => String(v.fullName ?? v.label ?? ''));
  const restricted = valueSet?.restricted === true || valueSet?.restricted === 'true';
  const flag = (v: unknown) => v === true || v === 'true';
  const base = { label, metadata: md, externalId: flag(md.externalId), unique: flag(md.unique) };
  switch (type) {
    case 'Text':
      return customField(name, 'string', { ...base, length: num(md.length, 255) });
    case 'Lookup':
      return customField(name, 'reference', {
        ...base,
        referenceTo: [String(md.referenceTo ?? '')],
        relationshipName: name.replace(/__c$/, '__r'),
        // The parent's child relationship takes the metadata's relationshipName with `__r`.
        childRelationshipName: md.relationshipName ? `${String(md.relationshipName)}__r` : null,
      });
    case 'TextArea':
      return customField(name, 'textarea', { ...base, length: 255 });
    case 'LongTextArea':
    case 'Html':
      return customField(name, 'textarea', { ...base, length: num(md.length, 32768) });
    case 'Number':
      return customField(name, 'double', {
        ...base,
        precision: num(md.precision, 18),
        scale: num(md.scale, 0),
      });
    case 'Currency':
      return customField(name, 'currency', {
        ...base,
        precision: num(md.precision, 18),
        scale: num(md.scale, 2),
      });
    case 'Percent':
      return customField(name, 'percent', {
        ...base,
        precision: num(md.precision, 18),
        scale: num(md.scale, 0),
      });
    case 'Checkbox':
      return customField(name, 'boolean', { ...base, nillable: false });
    case 'Date':
      return customField(name, 'date', base);
    case 'DateTime':
      return customField(name, 'datetime', base);
    case 'Url':
      return customField(name, 'url', base);
    case 'Email':
      return customField(name, 'email', base);
    case 'Picklist':
      return customField(name, 'picklist', { ...base, values, restrictedPicklist: restricted });
    case 'MultiselectPicklist':
      return customField(name, 'multipicklist', { ...base, values, restrictedPicklist: restricted });
    default:
      throw new AtlasError(
        'EMULATOR_UNSUPPORTED_FIELD_TYPE',
        `Salesforce emulator does not model CustomField type ${type}`,
        {
          context: { field: name, type },
        },
      );
  }
}
