/** Narrowing helpers for values coming out of field readers (typed without casts), and the shared record shell. */
import { AtlasError } from '../errors.js';
import type { CrmSystem } from '../model/index.js';
import { compileField, type FieldCompileContext, type FieldReader } from './compile-field.js';
import type { FieldSource } from './field-source-schema.js';
import { type EntityName, MODEL_FIELDS, type ModelFieldSpec } from './model-fields.js';
import type { MapResult } from './raw-record.js';
import { RecordScope } from './record-issues.js';

/** The value if it is text, else null. */
export function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** The value if it is a number, else null. */
export function num(value: unknown): number | null {
  return typeof value === 'number' ? value : null;
}

/** The value if it is a boolean, else null. */
export function bool(value: unknown): boolean | null {
  return typeof value === 'boolean' ? value : null;
}

/** The text items of a list value. */
export function texts(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/**
 * Compiles a reader for every model field of an entity (unmapped optional fields read as empty) and returns
 * a lookup by field name, used once at compile time so the per-record code calls the readers directly.
 */
export function compileFields(
  entity: EntityName,
  fields: Partial<Record<string, FieldSource>>,
  ctx: FieldCompileContext,
): (field: string) => FieldReader {
  const specs: Record<string, ModelFieldSpec> = MODEL_FIELDS[entity];
  const readers = new Map<string, FieldReader>();
  for (const [field, spec] of Object.entries(specs))
    readers.set(field, compileField(field, spec, fields[field], ctx));
  return (field) => {
    const reader = readers.get(field);
    if (!reader)
      throw new AtlasError('MAPPING_FIELD_UNKNOWN', `${entity} has no model field ${field}`, {
        context: { entity, field },
      });
    return reader;
  };
}

function isValues(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Maps one raw record with `build`, never throwing: a raw record without an id or values, or any error issue,
 * gives `record: null` with the issues saying why.
 */
export function mapRecord<T>(
  raw: unknown,
  system: CrmSystem,
  object: string,
  entity: EntityName,
  build: (id: string, values: Record<string, unknown>, scope: RecordScope) => T | null,
): MapResult<T> {
  const id = isValues(raw) && typeof raw['id'] === 'string' ? raw['id'].trim() : '';
  const values = isValues(raw) ? raw['values'] : undefined;
  const scope = new RecordScope(system, object, id);
  if (id === '' || !isValues(values)) {
    scope.add(`${entity}.id`, raw, id === '' ? 'raw record has no id' : 'raw record has no values', 'error');
    return { record: null, issues: scope.issues };
  }
  try {
    const record = build(id, values, scope);
    return { record: scope.hasError || record === null ? null : record, issues: scope.issues };
  } catch (error) {
    // A mapper bug must not stop the page: the record is reported and skipped.
    scope.add(
      `${entity}`,
      null,
      `could not be mapped: ${error instanceof Error ? error.message : String(error)}`,
      'error',
    );
    return { record: null, issues: scope.issues };
  }
}
