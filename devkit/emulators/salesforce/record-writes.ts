/** Validation and application of record writes (create, update, delete) shared by single and collection routes. */
import type { EmulatorContext } from './context.js';
import { recordFailureMessage, SALESFORCE_RECORD_FAILURE_CODES } from './faults.js';
import { isSalesforceId, to18 } from './ids.js';
import type { FieldDef, ObjectDef } from './schema.js';
import type { SObjectRow } from './state.js';
import {
  formatSalesforceDate,
  formatSalesforceDateTime,
  parseSalesforceDate,
  parseSalesforceDateTime,
} from './wire-values.js';

/** One error of a SaveResult, as Collections answer it (`statusCode`, not `errorCode`). */
export interface SaveError {
  statusCode: string;
  message: string;
  fields: string[];
}

export type WriteOutcome<T> = { ok: true; value: T } | { ok: false; error: SaveError };

const fail = (
  statusCode: string,
  message: string,
  fields: string[] = [],
): { ok: false; error: SaveError } => ({
  ok: false,
  error: { statusCode, message, fields },
});

/** Salesforce's answer to a date or datetime value it cannot read (`type` is the field's type). */
const unparsable = (field: FieldDef, value: unknown) =>
  fail('JSON_PARSER_ERROR', `Cannot deserialize value of type ${field.type} from String "${String(value)}"`, [
    field.name,
  ]);

function checkValue(field: FieldDef, value: unknown): WriteOutcome<unknown> {
  if (value === null) {
    if (!field.nillable)
      return fail('REQUIRED_FIELD_MISSING', `Required fields are missing: [${field.name}]`, [field.name]);
    return { ok: true, value: null };
  }
  const label = field.label;
  switch (field.type) {
    case 'boolean':
      return typeof value === 'boolean'
        ? { ok: true, value }
        : fail(
            'JSON_PARSER_ERROR',
            `Cannot deserialize instance of boolean from ${typeof value} value ${String(value)}`,
            [field.name],
          );
    case 'currency':
    case 'double':
    case 'int':
    case 'percent': {
      const n =
        typeof value === 'number'
          ? value
          : typeof value === 'string' && value.trim() !== ''
            ? Number(value)
            : Number.NaN;
      if (Number.isNaN(n))
        return fail(
          'JSON_PARSER_ERROR',
          `Cannot deserialize instance of double from value ${String(value)}`,
          [field.name],
        );
      const intDigits = Math.trunc(Math.abs(n)).toString().length;
      if (field.precision > 0 && intDigits > field.precision - field.scale) {
        return fail(
          'NUMBER_OUTSIDE_VALID_RANGE',
          `${label}: value outside of valid range on numeric field: ${n}`,
          [field.name],
        );
      }
      return {
        ok: true,
        value: field.scale >= 0 && field.precision > 0 ? Number(n.toFixed(field.scale)) : n,
      };
    }
    case 'date': {
      const t = typeof value === 'string' ? parseSalesforceDate(value.slice(0, 10)) : Number.NaN;
      return Number.isNaN(t) ? unparsable(field, value) : { ok: true, value: formatSalesforceDate(t) };
    }
    case 'datetime': {
      const t = typeof value === 'string' ? parseSalesforceDateTime(value) : Number.NaN;
      return Number.isNaN(t) ? unparsable(field, value) : { ok: true, value: formatSalesforceDateTime(t) };
    }
    case 'id':
    case 'reference': {
      if (typeof value !== 'string' || !isSalesforceId(value)) {
        return fail('MALFORMED_ID', `${label}: id value of incorrect type: ${String(value)}`, [field.name]);
      }
      return { ok: true, value: to18(value) };
    }
    default: {
      if (typeof value !== 'string')
        return fail('JSON_PARSER_ERROR', `Cannot deserialize instance of string from ${typeof value} value`, [
          field.name,
        ]);
      if (value.length > field.length) {
        return fail(
          'STRING_TOO_LONG',
          `${label}: data value too large: ${value.slice(0, 40)} (max length=${field.length})`,
          [field.name],
        );
      }
      if (field.restrictedPicklist && (field.type === 'picklist' || field.type === 'multipicklist')) {
        const allowed = new Set(field.picklistValues.filter((p) => p.active).map((p) => p.value));
        const bad = (field.type === 'multipicklist' ? value.split(';') : [value]).find(
          (v) => v !== '' && !allowed.has(v),
        );
        if (bad !== undefined) {
          return fail(
            'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
            `${label}: bad value for restricted picklist field: ${bad}`,
            [field.name],
          );
        }
      }
      return { ok: true, value };
    }
  }
}

/**
 * Validates the fields of a create or update body against the schema and the integration user's field
 * permissions; returns the values to store or the first error.
 */
export function validateWrite(
  ctx: EmulatorContext,
  object: ObjectDef,
  body: Record<string, unknown>,
  mode: 'create' | 'update',
  /** The record an update writes to (a unique value it already holds is no duplicate). */
  selfId?: string,
): WriteOutcome<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === 'attributes' || (mode === 'update' && (key === 'Id' || key === 'id'))) continue;
    const name = object.fieldsLower.get(key.toLowerCase());
    const field = name ? object.fields.get(name) : undefined;
    const access = field ? ctx.state.fieldAccess(object, field) : undefined;
    if (!field || !access?.readable) {
      return fail('INVALID_FIELD', `No such column '${key}' on sobject of type ${object.name}`, [key]);
    }
    const allowed = mode === 'create' ? field.createable : field.updateable;
    if (!allowed || !access.editable) {
      return fail(
        'INVALID_FIELD_FOR_INSERT_UPDATE',
        `Unable to create/update fields: ${field.name}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
        [field.name],
      );
    }
    const checked = checkValue(field, value);
    if (!checked.ok) return checked;
    if (field.type === 'reference' && typeof checked.value === 'string') {
      const target = ctx.state.row(checked.value);
      const targetType = target ? ctx.state.object(target.type) : undefined;
      if (!target || target.deleted)
        return fail('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', [field.name]);
      if (!targetType || !field.referenceTo.includes(targetType.name)) {
        return fail(
          'FIELD_INTEGRITY_EXCEPTION',
          `${field.label}: id value of incorrect type: ${checked.value}`,
          [field.name],
        );
      }
    }
    if (field.unique && typeof checked.value === 'string') {
      const holder = rowsHolding(ctx, object, field, checked.value).find((r) => r.id !== selfId);
      if (holder) {
        return fail(
          'DUPLICATE_VALUE',
          `duplicate value found: ${field.name} duplicates value on record with id: ${holder.id}`,
          [field.name],
        );
      }
    }
    out[field.name] = checked.value;
  }
  if (mode === 'create' && object.name === 'PermissionSetAssignment') {
    const duplicate = ctx.state
      .rows('PermissionSetAssignment')
      .some(
        (r) =>
          !r.deleted &&
          r.values.AssigneeId === out.AssigneeId &&
          r.values.PermissionSetId === out.PermissionSetId,
      );
    if (duplicate)
      return fail('DUPLICATE_VALUE', 'Duplicate PermissionSetAssignment', ['AssigneeId', 'PermissionSetId']);
  }
  if (mode === 'create') {
    const missing = [...object.fields.values()]
      .filter(
        (f) =>
          f.createable &&
          !f.nillable &&
          f.type !== 'boolean' &&
          (out[f.name] === undefined || out[f.name] === null),
      )
      .map((f) => f.name);
    if (missing.length > 0)
      return fail('REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, missing);
  }
  return { ok: true, value: out };
}

/** Live rows whose text field holds `value` (case-insensitive, as unique and external id text fields compare by default). */
export function rowsHolding(
  ctx: EmulatorContext,
  object: ObjectDef,
  field: FieldDef,
  value: string,
): SObjectRow[] {
  const wanted = value.toLowerCase();
  return ctx.state
    .rows(object.name)
    .filter((r) => !r.deleted && String(r.values[field.name] ?? '').toLowerCase() === wanted);
}

/** Finds the live row an update or delete targets, with Salesforce's errors for bad or stale ids. */
export function targetRow(ctx: EmulatorContext, object: ObjectDef, id: unknown): WriteOutcome<SObjectRow> {
  if (typeof id !== 'string' || !isSalesforceId(id) || !to18(id).startsWith(object.keyPrefix)) {
    return fail('MALFORMED_ID', `${object.label} ID: id value of incorrect type: ${String(id)}`, ['Id']);
  }
  const row = ctx.state.row(id);
  if (!row) return fail('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', []);
  if (row.deleted) return fail('ENTITY_IS_DELETED', 'entity is deleted', []);
  return { ok: true, value: row };
}

/** An injected per-record failure for this id, if the fault config says so. */
export function injectedFailure(ctx: EmulatorContext, recordId: string): SaveError | undefined {
  const code = ctx.faults.recordFailure(recordId, SALESFORCE_RECORD_FAILURE_CODES);
  return code ? { statusCode: code, message: recordFailureMessage(code, recordId), fields: [] } : undefined;
}
