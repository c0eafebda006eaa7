/** Compiles what a connector must read for one entity: fields, child or associated collections, filter, cursor field. */
import type { MappingDialect } from '../../connectors/mapping-dialect.js';
import type { FilterCondition, ReadPlan, ValueType } from '../../connectors/read-plan.js';
import type { CrossRefSource } from './entity-schema.js';
import type { FieldSource } from './field-source-schema.js';
import type { PartnerLinkage } from './linkage-schema.js';
import { castForKind, type EntityName, fieldSpec } from './model-fields.js';

export type { AssociationRead, ChildRead, ReadPlan } from '../../connectors/read-plan.js';

/** The parts of an entity mapping a read plan is made from. */
export interface ReadPlanInput {
  object: string;
  filter: FilterCondition[];
  fields: Partial<Record<string, FieldSource>>;
  partners?: PartnerLinkage[] | undefined;
  crossRefs?: CrossRefSource[] | undefined;
}

/** Adds to an ordered list, ignoring case duplicates (Salesforce names are case-insensitive). */
function addUnique(list: string[], value: string): void {
  const lower = value.toLowerCase();
  if (!list.some((v) => v.toLowerCase() === lower)) list.push(value);
}

/**
 * The types paths are read as, for connectors to decode: a path counts only when every source reading it
 * hands the raw value straight to the same non-text cast (no split, transform, value map or taxonomy).
 */
class PathTypes {
  readonly #types = new Map<string, ValueType | null>();

  /** A read of `key` as `type` (undefined: as text, or through a step that needs the CRM's own text). */
  note(key: string, type: ValueType | undefined): void {
    const seen = this.#types.get(key);
    this.#types.set(key, type === undefined || (seen !== undefined && seen !== type) ? null : type);
  }

  /** A source of a model field. */
  noteSource(entity: EntityName, field: string, source: FieldSource): void {
    const key = source.collection === undefined ? source.path : `${source.collection}.${source.path}`;
    if (key === undefined || source.path === undefined) return;
    const spec = fieldSpec(entity, field);
    const cast = source.cast ?? (spec ? castForKind(spec.kind) : 'string');
    const direct = !source.split && !source.transform && !source.valueMap && !source.taxonomy;
    this.note(key, direct && cast !== 'string' ? cast : undefined);
  }

  record(): Record<string, ValueType> {
    const out: Record<string, ValueType> = {};
    for (const [key, type] of this.#types) if (type !== null) out[key] = type;
    return out;
  }
}

/**
 * Which paths every reader marks `optional`: a path some required source, the filter, the cursor field or a
 * cross reference also reads is needed, whatever the optional ones say.
 */
class OptionalPaths {
  readonly #optional = new Map<string, string>();
  readonly #needed = new Set<string>();

  note(key: string, optional: boolean | undefined): void {
    if (optional) this.#optional.set(key.toLowerCase(), key);
    else this.#needed.add(key.toLowerCase());
  }

  list(): string[] {
    return [...this.#optional].filter(([lower]) => !this.#needed.has(lower)).map(([, key]) => key);
  }
}

/** Builds the read plan of an entity mapping, in the shape the CRM's dialect reads. */
export function buildReadPlan(dialect: MappingDialect, entity: EntityName, input: ReadPlanInput): ReadPlan {
  const fields: string[] = dialect.idField === null ? [] : [dialect.idField];
  const collections = new Map<string, { fields: string[]; labels: string[] }>();
  const collection = (name: string) => {
    let entry = collections.get(name);
    if (!entry) {
      entry = { fields: [], labels: [] };
      collections.set(name, entry);
    }
    return entry;
  };
  const addItemField = (name: string, path: string) => {
    if (path !== dialect.itemIdPath) addUnique(collection(name).fields, path);
    else collection(name);
  };

  const types = new PathTypes();
  const optional = new OptionalPaths();
  for (const [field, source] of Object.entries(input.fields)) {
    if (!source) continue;
    types.noteSource(entity, field, source);
    for (const path of source.concat ?? []) {
      types.note(path, undefined);
      optional.note(path, source.optional);
    }
    if (source.collection !== undefined && source.path !== undefined) {
      addItemField(source.collection, source.path);
      optional.note(`${source.collection}.${source.path}`, source.optional);
      for (const label of source.labels ?? []) addUnique(collection(source.collection).labels, label);
    } else if (source.path !== undefined) {
      addUnique(fields, source.path);
      optional.note(source.path, source.optional);
    }
    for (const path of source.concat ?? []) addUnique(fields, path);
  }
  for (const linkage of input.partners ?? []) {
    if (linkage.kind === 'lookup') {
      addUnique(fields, linkage.path);
      types.note(linkage.path, undefined);
      optional.note(linkage.path, linkage.optional);
    }
    if (linkage.kind === 'junction') {
      addItemField(linkage.relationship, linkage.partnerField);
      types.note(`${linkage.relationship}.${linkage.partnerField}`, undefined);
      optional.note(`${linkage.relationship}.${linkage.partnerField}`, linkage.optional);
      if (linkage.roleField !== undefined) {
        addItemField(linkage.relationship, linkage.roleField);
        types.note(`${linkage.relationship}.${linkage.roleField}`, undefined);
        optional.note(`${linkage.relationship}.${linkage.roleField}`, linkage.optional);
      }
    }
    if (linkage.kind === 'association') {
      const entry = collection(linkage.object);
      for (const label of Object.keys(linkage.labels)) addUnique(entry.labels, label);
    }
  }
  for (const ref of input.crossRefs ?? []) {
    addUnique(fields, ref.path);
    types.note(ref.path, undefined);
    optional.note(ref.path, ref.optional);
  }
  for (const condition of input.filter) optional.note(condition.field, false);

  const lastModified = input.fields['lastModified'];
  const modifiedField =
    lastModified?.path !== undefined && lastModified.collection === undefined ? lastModified.path : null;
  if (modifiedField !== null) optional.note(modifiedField, false);
  const entries = [...collections];
  return {
    system: dialect.system,
    entity,
    object: input.object,
    fields,
    children:
      dialect.collections === 'children'
        ? entries.map(([relationship, entry]) => ({ relationship, fields: entry.fields }))
        : [],
    associations:
      dialect.collections === 'associations'
        ? entries.map(([object, entry]) => ({ object, properties: entry.fields, labels: entry.labels }))
        : [],
    filter: input.filter,
    modifiedField,
    valueTypes: types.record(),
    optional: optional.list(),
  };
}

/** Whether `path` (a plan path, or `collection.path`) is among `paths`, ignoring case. */
function among(paths: ReadonlySet<string>, path: string): boolean {
  return paths.has(path.toLowerCase());
}

/**
 * The plan without `paths` (keys as in `ReadPlan.optional`): a record field, or one field of a collection's
 * items; a child read left with no field is dropped, an association keeps its ids and labels.
 */
export function omitPaths(plan: ReadPlan, paths: readonly string[]): ReadPlan {
  if (paths.length === 0) return plan;
  const gone = new Set(paths.map((p) => p.toLowerCase()));
  return {
    ...plan,
    fields: plan.fields.filter((f) => !among(gone, f)),
    children: plan.children
      .map((c) => ({ ...c, fields: c.fields.filter((f) => !among(gone, `${c.relationship}.${f}`)) }))
      .filter((c) => c.fields.length > 0),
    associations: plan.associations.map((a) => ({
      ...a,
      properties: a.properties.filter((p) => !among(gone, `${a.object}.${p}`)),
    })),
  };
}
