/**
 * The emulator portal's whole state: schema, records, associations, lists, tokens and rate-limit counters,
 * plus the operations both the routes and tests use. Tests seed it with `insertMany` and inspect it
 * directly; the HTTP routes only translate HubSpot requests into these calls.
 */
import { createRandom, type EmulatorClock, type Random } from '../kit/index.js';
import { AssociationStore, type AssociationTypeDefinition } from './association-store.js';
import { certificationSchemaInput, defaultStandardObjectTypes } from './default-schema.js';
import { notFound, validationError } from './errors.js';
import { ListStore } from './list-store.js';
import { ObjectTable } from './object-table.js';
import type { ObjectTypeDefinition } from './object-types.js';
import { type PropertyDefinition, PropertyGroupCreateSchema } from './property-definitions.js';
import {
  datetimeMs,
  invalidPropertiesMessage,
  normalizeProperties,
  normalizeValue,
} from './property-values.js';
import { type RateLimitConfig, RateLimiter } from './rate-limiter.js';
import { type ObjectSchemaEgg, ObjectSchemaEggSchema, SchemaRegistry } from './schema-registry.js';
import { SearchEngine } from './search-engine.js';
import { type OAuthAppConfig, TokenStore } from './token-store.js';

/** A record to seed. Property values must already be HubSpot wire strings. */
export interface SeedRecord {
  /** Record id; allocated when absent (ids are returned in input order). */
  id?: string | number;
  properties: Record<string, string | null | undefined>;
  /** Create time (ms or ISO); else the `createdate` property, else now. */
  createdAt?: number | string;
  /** Last-modified time (ms or ISO); else `hs_lastmodifieddate`, else the create time. */
  updatedAt?: number | string;
  /** Archive time (ms or ISO): the record is seeded archived. */
  archivedAt?: number | string;
}

/** An association to seed, from a record of the seeded type to a record of `toObjectType`. */
export interface SeedAssociation {
  from: string | number;
  toObjectType: string;
  to: string | number;
  /** Label texts, e.g. `Primary`, `Partner`; the unlabeled default is always implied. */
  labels?: string[];
  /** Or explicit type ids of the from→to direction. */
  typeIds?: number[];
}

/** A record as tests see it: every stored property plus the system ones. */
export interface RecordView {
  id: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  archivedAt?: string;
}

export interface HubSpotStateOptions {
  portalId: number;
  timeZone: string;
  utcOffsetMilliseconds: number;
  clock: EmulatorClock;
  seed: number | string;
  rateLimit: RateLimitConfig;
  oauth: OAuthAppConfig;
  tokenEpoch: () => number;
  productFamilies: ReadonlyArray<readonly [string, string]>;
  withCertifications: boolean;
  withPartnerLabels: boolean;
  /** The subscription allows custom objects (false: `POST /crm/v3/schemas` answers 403). */
  customObjects?: boolean;
}

/** Labels on deal→company that tell a partner's role (the brief's default schema). */
export const PARTNER_LABELS = [
  { label: 'Partner', name: 'partner' },
  { label: 'Delivery partner', name: 'delivery_partner' },
  { label: 'Influencer', name: 'influencer' },
] as const;

function toMs(value: number | string): number {
  return typeof value === 'number' ? value : datetimeMs(value);
}

/** The emulator portal. */
export class HubSpotState {
  readonly portalId: number;
  readonly timeZone: string;
  readonly utcOffsetMilliseconds: number;
  readonly clock: EmulatorClock;
  readonly schemas: SchemaRegistry;
  readonly associations = new AssociationStore();
  readonly lists: ListStore;
  readonly tokens: TokenStore;
  readonly rateLimiter: RateLimiter;
  readonly search = new SearchEngine();
  readonly customObjects: boolean;
  readonly #tables = new Map<string, ObjectTable>();
  readonly #correlation: Random;
  #nextCustomAssociationId = 1_000;

  constructor(options: HubSpotStateOptions) {
    this.portalId = options.portalId;
    this.customObjects = options.customObjects ?? true;
    this.timeZone = options.timeZone;
    this.utcOffsetMilliseconds = options.utcOffsetMilliseconds;
    this.clock = options.clock;
    const now = () => this.clock.now();
    this.schemas = new SchemaRegistry(options.portalId, now);
    this.lists = new ListStore(now);
    this.tokens = new TokenStore({
      now,
      epoch: options.tokenEpoch,
      seed: options.seed,
      oauth: options.oauth,
    });
    this.rateLimiter = new RateLimiter(options.rateLimit, now, options.utcOffsetMilliseconds);
    this.#correlation = createRandom(`${options.seed}:correlation`);
    const at = now();
    for (const def of defaultStandardObjectTypes({
      portalId: options.portalId,
      at,
      productFamilies: options.productFamilies,
    })) {
      this.schemas.add(def);
    }
    this.#defineStandardAssociations(options.withPartnerLabels);
    if (options.withCertifications) {
      this.createCustomObject(ObjectSchemaEggSchema.parse(certificationSchemaInput(options.productFamilies)));
    }
  }

  // ---- schema -------------------------------------------------------------------------------

  /** The object type a path segment names; 400 otherwise. */
  type(objectType: string): ObjectTypeDefinition {
    return this.schemas.resolve(objectType);
  }

  /** Records of a type. */
  table(objectType: string | ObjectTypeDefinition): ObjectTable {
    const def = typeof objectType === 'string' ? this.type(objectType) : objectType;
    let table = this.#tables.get(def.objectTypeId);
    if (!table) {
      table = new ObjectTable(def);
      this.#tables.set(def.objectTypeId, table);
    }
    return table;
  }

  /** Creates a custom object type and its associations (`POST /crm/v3/schemas`). */
  createCustomObject(egg: ObjectSchemaEgg): ObjectTypeDefinition {
    const targets = egg.associatedObjects.map((entry) => this.schemas.resolveAssociatedObject(entry));
    const def = this.schemas.createCustomObject(egg);
    for (const target of targets) {
      // Custom object associations come as USER_DEFINED unlabeled types in HubSpot's labels API.
      const aToB = this.#nextCustomAssociationId++;
      const bToA = this.#nextCustomAssociationId++;
      this.associations.definePair(
        { typeId: def.objectTypeId, singular: def.name },
        { typeId: target.objectTypeId, singular: target.singularName },
        { aToB, bToA, category: 'USER_DEFINED' },
      );
    }
    return def;
  }

  #defineStandardAssociations(withPartnerLabels: boolean): void {
    const contact = { typeId: '0-1', singular: 'contact' };
    const company = { typeId: '0-2', singular: 'company' };
    const deal = { typeId: '0-3', singular: 'deal' };
    const lineItem = { typeId: '0-8', singular: 'line_item' };
    // Type ids from HubSpot's association type table (associations v4 guide).
    this.associations.definePair(contact, company, { aToB: 279, bToA: 280, unlabeledSuffix: true });
    this.associations.defineHubSpotLabel(contact, company, { aToB: 1, bToA: 2, label: 'Primary' });
    this.associations.definePair(deal, company, { aToB: 341, bToA: 342, unlabeledSuffix: true });
    this.associations.defineHubSpotLabel(deal, company, { aToB: 5, bToA: 6, label: 'Primary' });
    this.associations.definePair(deal, contact, { aToB: 3, bToA: 4 });
    this.associations.definePair(lineItem, deal, { aToB: 20, bToA: 19 });
    if (withPartnerLabels) {
      for (const l of PARTNER_LABELS) this.associations.createLabel('0-3', '0-2', l);
    }
  }

  // ---- records ------------------------------------------------------------------------------

  /**
   * Seeds records (and associations from them) in bulk, without HTTP and without value checks beyond
   * "the property exists". Tens of thousands of records per second; returns the ids in input order.
   * @example state.insertMany('deals', [{ id: 1, properties: { dealname: 'A' } }], [{ from: 1, toObjectType: 'companies', to: 7, labels: ['Primary'] }])
   */
  insertMany(
    objectType: string,
    records: readonly SeedRecord[],
    associations: readonly SeedAssociation[] = [],
    options: { validate?: boolean } = {},
  ): string[] {
    const table = this.table(objectType);
    const def = table.def;
    const now = this.clock.now();
    const system = new Set(['hs_object_id', def.createdDateProperty, ...def.modifiedDateProperties]);
    const columns = new Map<string, Array<string | null | undefined>>();
    const known = new Map<string, PropertyDefinition>();
    const ids: string[] = [];
    const isDeal = def.objectTypeId === '0-3';
    const stageCol = isDeal ? table.columnFor('dealstage') : undefined;
    const wonCol = isDeal ? table.columnFor('hs_is_closed_won') : undefined;
    const closedCol = isDeal ? table.columnFor('hs_is_closed') : undefined;
    // Check everything first so a refused batch leaves the table untouched.
    const given = new Set<number>();
    for (const rec of records) {
      const givenId = rec.id ?? rec.properties.hs_object_id ?? undefined;
      if (givenId !== undefined && givenId !== null) {
        const n = Number(givenId);
        if (!Number.isSafeInteger(n) || n <= 0) throw validationError(`invalid record id ${String(givenId)}`);
        if (given.has(n) || table.rowOf(n) !== undefined)
          throw validationError(`record ${n} already exists in ${def.name}`);
        given.add(n);
      }
      for (const name in rec.properties) {
        if (system.has(name)) continue;
        let prop = known.get(name);
        if (!prop) {
          const found = def.properties.get(name);
          if (!found || found.archived)
            throw validationError(`Property "${name}" does not exist on ${def.name}`);
          prop = found;
          known.set(name, found);
        }
        const raw = rec.properties[name];
        if (options.validate && raw !== undefined) {
          const r = normalizeValue(prop, raw);
          if (!r.ok) throw validationError(invalidPropertiesMessage([r.problem]));
        }
      }
    }
    const applyAssociations = this.#prepareAssociations(def, associations);
    for (const rec of records) {
      const props = rec.properties;
      const givenId = rec.id ?? props.hs_object_id ?? undefined;
      const id = givenId === undefined || givenId === null ? table.allocateId() : Number(givenId);
      const createdRaw = rec.createdAt ?? props[def.createdDateProperty] ?? undefined;
      const created = createdRaw === undefined || createdRaw === null ? now : toMs(createdRaw);
      let updatedRaw: number | string | null | undefined = rec.updatedAt;
      for (const m of def.modifiedDateProperties) updatedRaw ??= props[m];
      const updated = updatedRaw === undefined || updatedRaw === null ? created : toMs(updatedRaw);
      const archivedAt = rec.archivedAt === undefined ? 0 : toMs(rec.archivedAt);
      const row = table.insert(id, created, updated, archivedAt);
      for (const name in props) {
        if (system.has(name)) continue;
        const raw = props[name];
        if (raw === undefined) continue;
        let value: string | null = raw;
        if (options.validate) {
          const prop = known.get(name);
          const r = prop ? normalizeValue(prop, raw) : undefined;
          if (r?.ok) value = r.value;
        }
        let col = columns.get(name);
        if (!col) {
          col = table.columnFor(name);
          columns.set(name, col);
        }
        ObjectTable.pad(col, row);
        col[row] = value;
      }
      if (stageCol && wonCol && closedCol) {
        // HubSpot computes the closed flags from the stage; seeding may also set them directly.
        const stage = stageCol[row];
        if (stage !== undefined && stage !== null) {
          if (props.hs_is_closed_won === undefined) {
            ObjectTable.pad(wonCol, row);
            wonCol[row] = stage === 'closedwon' ? 'true' : 'false';
          }
          if (props.hs_is_closed === undefined) {
            ObjectTable.pad(closedCol, row);
            closedCol[row] = stage === 'closedwon' || stage === 'closedlost' ? 'true' : 'false';
          }
        }
      }
      ids.push(String(id));
    }
    for (const name of columns.keys()) table.bumpColumn(name);
    if (isDeal) {
      table.bumpColumn('hs_is_closed_won');
      table.bumpColumn('hs_is_closed');
    }
    applyAssociations();
    return ids;
  }

  /**
   * Resolves every (target type, labels) combination of the associations up front, so unknown labels
   * refuse the batch before anything is written; the returned function then writes each edge with two
   * array pushes.
   */
  #prepareAssociations(def: ObjectTypeDefinition, associations: readonly SeedAssociation[]): () => void {
    const writers = new Map<string, Map<string, (fromId: number, toId: number) => void>>();
    const writerOf = (a: SeedAssociation) => {
      let byTypes = writers.get(a.toObjectType);
      if (!byTypes) {
        byTypes = new Map();
        writers.set(a.toObjectType, byTypes);
      }
      const labels = a.labels ?? [];
      const typeKey =
        labels.length === 1 && a.typeIds === undefined
          ? (labels[0] ?? '')
          : `${labels.join('\u0000')}#${(a.typeIds ?? []).join(',')}`;
      let write = byTypes.get(typeKey);
      if (!write) {
        const target = this.type(a.toObjectType);
        const types = this.#associationTypes(def, target, labels, a.typeIds ?? []);
        write = this.associations.bulkWriter(def.objectTypeId, target.objectTypeId, types);
        byTypes.set(typeKey, write);
      }
      return write;
    };
    for (const a of associations) writerOf(a);
    return () => {
      for (const a of associations) writerOf(a)(Number(a.from), Number(a.to));
    };
  }

  #associationTypes(
    from: ObjectTypeDefinition,
    to: ObjectTypeDefinition,
    labels: readonly string[],
    typeIds: readonly number[],
  ): AssociationTypeDefinition[] {
    const types = [this.associations.defaultType(from.objectTypeId, to.objectTypeId)];
    for (const label of labels) {
      const t = this.associations.typeByLabel(from.objectTypeId, to.objectTypeId, label);
      if (!t) throw validationError(`No association label '${label}' from ${from.name} to ${to.name}`);
      types.push(t);
    }
    for (const typeId of typeIds)
      types.push(this.associations.type(from.objectTypeId, to.objectTypeId, typeId));
    return types;
  }

  /** HubSpot computes the closed flags of a deal from its stage; seeding may also set them directly. */
  #deriveDealFlags(table: ObjectTable, row: number, written: Record<string, unknown>): void {
    const stage = table.stored(row, 'dealstage');
    if (stage === undefined || stage === null) return;
    if (written.hs_is_closed_won === undefined)
      table.set(row, 'hs_is_closed_won', String(stage === 'closedwon'));
    if (written.hs_is_closed === undefined) {
      table.set(row, 'hs_is_closed', String(stage === 'closedwon' || stage === 'closedlost'));
    }
  }

  /** A record with all its properties, or undefined (archived records included). */
  get(objectType: string, id: string | number): RecordView | undefined {
    const table = this.table(objectType);
    const row = table.rowOf(Number(id));
    if (row === undefined) return undefined;
    return this.view(table, row);
  }

  /** A row as a RecordView. */
  view(table: ObjectTable, row: number): RecordView {
    const properties: Record<string, string | null> = {};
    for (const name of ['hs_object_id', table.def.createdDateProperty, ...table.def.modifiedDateProperties]) {
      properties[name] = table.value(row, name) ?? null;
    }
    for (const [name, col] of table.columns) {
      const v = col[row];
      if (v !== undefined) properties[name] = v;
    }
    const archivedAt = table.archivedAt[row] ?? 0;
    return {
      id: String(table.ids[row]),
      properties,
      createdAt: new Date(table.created[row] ?? 0).toISOString(),
      updatedAt: new Date(table.updated[row] ?? 0).toISOString(),
      archived: archivedAt !== 0,
      ...(archivedAt === 0 ? {} : { archivedAt: new Date(archivedAt).toISOString() }),
    };
  }

  /** Number of live (or archived) records of a type. */
  count(objectType: string, options: { archived?: boolean } = {}): number {
    const table = this.table(objectType);
    return options.archived ? table.size - table.liveCount : table.liveCount;
  }

  /** Creates a record through the API's rules; 400 with HubSpot's message on bad values. */
  createRecord(def: ObjectTypeDefinition, properties: Record<string, unknown>): number {
    const { values, problems } = normalizeProperties(def, properties, { creating: true });
    if (problems.length > 0) throw validationError(invalidPropertiesMessage(problems));
    this.#checkUnique(def, values);
    const table = this.table(def);
    const now = this.clock.now();
    const createdValue = values.get(def.createdDateProperty);
    values.delete(def.createdDateProperty);
    const created = createdValue ? datetimeMs(createdValue) : now;
    const row = table.insert(table.allocateId(), created, now);
    for (const [name, value] of values) table.set(row, name, value);
    if (def.objectTypeId === '0-3') this.#deriveDealFlags(table, row, properties);
    return row;
  }

  /** Checks a write's values without applying them (batch calls validate every input first). */
  checkWrite(def: ObjectTypeDefinition, properties: Record<string, unknown>, creating: boolean) {
    return normalizeProperties(def, properties, { creating });
  }

  /** Applies an update; hs_lastmodifieddate moves only when a value changes. */
  updateRecord(def: ObjectTypeDefinition, row: number, properties: Record<string, unknown>): void {
    const { values, problems } = normalizeProperties(def, properties, { creating: false });
    if (problems.length > 0) throw validationError(invalidPropertiesMessage(problems));
    this.#checkUnique(def, values, row);
    const table = this.table(def);
    let changed = false;
    for (const [name, value] of values) {
      const before = table.stored(row, name) ?? null;
      if (before === value) continue;
      table.set(row, name, value);
      changed = true;
    }
    if (changed) {
      if (def.objectTypeId === '0-3' && values.has('dealstage')) this.#deriveDealFlags(table, row, {});
      table.touch(row, this.clock.now());
    }
  }

  /**
   * Refuses a value another live record holds in a property created with `hasUniqueValue` (compared without
   * case, as `idProperty` lookups are). HubSpot-defined unique properties (a contact's email) are left to their
   * own rules. https://developers.hubspot.com/docs/api-reference/crm-properties-v3/guide
   */
  #checkUnique(def: ObjectTypeDefinition, values: ReadonlyMap<string, string | null>, self?: number): void {
    const table = this.table(def);
    for (const [name, value] of values) {
      const prop = def.properties.get(name);
      if (!prop?.hasUniqueValue || prop.hubspotDefined || value === null) continue;
      const col = table.columns.get(name);
      const wanted = value.toLowerCase();
      const clash = col?.findIndex((v, r) => r !== self && table.isLive(r) && v?.toLowerCase() === wanted);
      if (clash !== undefined && clash >= 0) {
        throw validationError(
          invalidPropertiesMessage([
            {
              isValid: false,
              message: `${value} already has that value on record ${table.ids[clash]}; ${name} requires unique values.`,
              error: 'INVALID_UNIQUE_VALUE',
              name,
            },
          ]),
        );
      }
    }
  }

  /** Archives a record (no change to hs_lastmodifieddate). */
  archiveRecord(def: ObjectTypeDefinition, row: number): void {
    this.table(def).archive(row, this.clock.now());
  }

  /** A live record's row by id string, or undefined. */
  liveRow(def: ObjectTypeDefinition, id: string): number | undefined {
    const table = this.table(def);
    const row = table.rowOfString(id);
    return row !== undefined && table.isLive(row) ? row : undefined;
  }

  /** Rows by a unique property's value (`idProperty` reads and upserts). */
  rowByProperty(def: ObjectTypeDefinition, propertyName: string, value: string): number | undefined {
    const prop = def.properties.get(propertyName);
    if (!prop || prop.archived) throw validationError(`Property "${propertyName}" does not exist`);
    if (!prop.hasUniqueValue) {
      throw validationError(
        `${propertyName} is not a unique identifier property; idProperty needs a property with hasUniqueValue.`,
      );
    }
    const table = this.table(def);
    const col = table.columns.get(propertyName);
    if (!col) return undefined;
    const wanted = value.toLowerCase();
    for (let r = 0; r < col.length; r++) {
      if (table.archivedAt[r] === 0 && col[r]?.toLowerCase() === wanted) return r;
    }
    return undefined;
  }

  // ---- associations ---------------------------------------------------------------------------

  /** Associates two live records with types (labels) of the pair; 400/404 like HubSpot otherwise. */
  associate(
    from: ObjectTypeDefinition,
    fromId: string,
    to: ObjectTypeDefinition,
    toId: string,
    types: readonly AssociationTypeDefinition[],
  ): void {
    if (this.liveRow(from, fromId) === undefined) throw notFound(`No ${from.name} with ID ${fromId} exists`);
    if (this.liveRow(to, toId) === undefined) throw notFound(`No ${to.name} with ID ${toId} exists`);
    this.associations.associate(from.objectTypeId, Number(fromId), to.objectTypeId, Number(toId), types);
  }

  /** Associations of a record to live records of another type, with labels (tests read this). */
  associationsOf(
    fromType: string,
    id: string | number,
    toType: string,
  ): Array<{ id: string; labels: Array<string | null>; typeIds: number[] }> {
    const from = this.type(fromType);
    const to = this.type(toType);
    const targets = this.table(to);
    return this.associations
      .read(from.objectTypeId, Number(id), to.objectTypeId)
      .filter((a) => {
        const row = targets.rowOf(a.toId);
        return row !== undefined && targets.isLive(row);
      })
      .map((a) => ({
        id: String(a.toId),
        labels: a.types.map((t) => t.label),
        typeIds: a.types.map((t) => t.typeId),
      }));
  }

  /** Resolves `[{ associationCategory, associationTypeId }]` of a write to type definitions. */
  associationSpecs(
    from: ObjectTypeDefinition,
    to: ObjectTypeDefinition,
    specs: ReadonlyArray<{ associationCategory?: string | undefined; associationTypeId: number }>,
  ): AssociationTypeDefinition[] {
    if (!this.associations.hasPair(from.objectTypeId, to.objectTypeId)) {
      throw validationError(`${from.name} can not be associated with ${to.name}`);
    }
    if (specs.length === 0) return [this.associations.defaultType(from.objectTypeId, to.objectTypeId)];
    return specs.map((s) =>
      this.associations.type(from.objectTypeId, to.objectTypeId, s.associationTypeId, s.associationCategory),
    );
  }

  // ---- misc -----------------------------------------------------------------------------------

  /** A fresh property group (provisioning's `partner_atlas` group goes through here too). */
  createGroup(objectType: string, input: { name: string; label: string; displayOrder?: number }) {
    return this.schemas.createGroup(this.type(objectType), PropertyGroupCreateSchema.parse(input));
  }

  /** Deterministic correlation id for an error body (same seed, same ids). */
  correlationId(): string {
    const hex = (n: number) =>
      Array.from({ length: n }, () => Math.floor(this.#correlation.next() * 16).toString(16)).join('');
    return `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
  }
}
