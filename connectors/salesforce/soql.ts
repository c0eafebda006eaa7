/** SOQL built from a read plan: field paths validated as identifiers, every literal escaped, never raw text. */
import { AtlasError } from '../../src/errors.js';
import type { FilterCondition, ReadPlan } from '../types.js';

/** An API name: letters, digits and underscores, starting with a letter (custom names end in `__c`, `__r`). */
const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]*$/;
/** Strict ISO date / datetime literals: SOQL takes them unquoted, and they cannot hold a quote or backslash. */
const DATE_LITERAL = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME_LITERAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})$/;

/** Throws unless `path` is a dotted chain of API names (`Account.Industry`). */
export function soqlPath(path: string): string {
  const parts = path.split('.');
  if (parts.length === 0 || parts.some((p) => !IDENTIFIER.test(p))) {
    throw new AtlasError('SOQL_INVALID_FIELD', `'${path}' is not a Salesforce field path`, {
      context: { field: path },
    });
  }
  return path;
}

/**
 * Quotes a string for SOQL: backslash, single and double quote and the control characters are escaped
 * (https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_quotedstringescapes.htm),
 * so the value can never close the literal.
 */
export function soqlString(value: string): string {
  const escaped = value.replace(/[\\'"\n\r\t\b\f]/g, (c) => {
    switch (c) {
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      case '\t':
        return '\\t';
      case '\b':
        return '\\b';
      case '\f':
        return '\\f';
      default:
        return `\\${c}`;
    }
  });
  return `'${escaped}'`;
}

/** A scalar as a SOQL literal: null, booleans and finite numbers bare, ISO dates bare, any other string quoted. */
export function soqlLiteral(value: string | number | boolean | null): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new AtlasError('SOQL_INVALID_VALUE', `${value} is not a number SOQL can compare with`);
    }
    return String(value);
  }
  if (DATE_LITERAL.test(value) || DATETIME_LITERAL.test(value)) return value;
  return soqlString(value);
}

/** A datetime literal in UTC with milliseconds (`2024-06-01T00:00:00.000Z`). */
export function soqlDateTime(iso: string | number): string {
  return new Date(iso).toISOString();
}

const OPS: Record<Exclude<FilterCondition['op'], 'in' | 'not_in' | 'is_null' | 'not_null'>, string> = {
  eq: '=',
  ne: '!=',
  gt: '>',
  gte: '>=',
  lt: '<',
  lte: '<=',
};

/** One mapping filter condition as a SOQL condition. */
export function soqlCondition(condition: FilterCondition): string {
  const field = soqlPath(condition.field);
  const { op, value } = condition;
  switch (op) {
    case 'is_null':
      return `${field} = null`;
    case 'not_null':
      return `${field} != null`;
    case 'in':
    case 'not_in': {
      const values = Array.isArray(value) ? value : [value ?? null];
      return `${field} ${op === 'in' ? 'IN' : 'NOT IN'} (${values.map(soqlLiteral).join(', ')})`;
    }
    default: {
      if (Array.isArray(value)) {
        throw new AtlasError('SOQL_INVALID_VALUE', `${op} on ${field} compares with one value, not a list`);
      }
      return `${field} ${OPS[op]} ${soqlLiteral(value ?? null)}`;
    }
  }
}

/** Where an incremental read resumes: records at or after `since` (or strictly after `(since, afterId)`). */
export interface SoqlWindow {
  modifiedField: string;
  since: string;
  /** When set, the keyset condition `(ts > since OR (ts = since AND Id > afterId))` replaces `ts >= since`. */
  afterId: string | null;
}

function windowCondition(window: SoqlWindow): string {
  const field = soqlPath(window.modifiedField);
  const ts = soqlDateTime(window.since);
  if (window.afterId === null) return `${field} >= ${ts}`;
  return `(${field} > ${ts} OR (${field} = ${ts} AND Id > ${soqlString(window.afterId)}))`;
}

/**
 * The records a window leaves out: modified before `since` (or at it, up to `afterId`). A re-read adds it so
 * that it never fetches a record the window's own read fetches anyway.
 */
export function beforeWindow(window: SoqlWindow): string {
  const field = soqlPath(window.modifiedField);
  const ts = soqlDateTime(window.since);
  if (window.afterId === null) return `${field} < ${ts}`;
  return `(${field} < ${ts} OR (${field} = ${ts} AND Id <= ${soqlString(window.afterId)}))`;
}

/** `<path> >= since`: the records whose record at `path` (a parent relationship chain, or a field) changed since. */
export function changedSince(path: string, since: string): string {
  return `${soqlPath(path)} >= ${soqlDateTime(since)}`;
}

/** `Id IN ('…', '…')` over a non-empty list of ids. */
export function idIn(ids: readonly string[]): string {
  if (ids.length === 0) throw new AtlasError('SOQL_INVALID_VALUE', 'Id IN needs at least one id');
  return `Id IN (${ids.map(soqlString).join(', ')})`;
}

/**
 * The REST request line and headers Salesforce accepts, together: 16,384 bytes; past it, 414 URI Too Long or
 * 431 Request Header Fields Too Large. A REST query travels in the URL, so this binds long before the SOQL
 * statement limit (100,000 characters).
 * https://help.salesforce.com/s/articleView?id=000386264&type=1
 * https://developer.salesforce.com/docs/atlas.en-us.salesforce_app_limits_cheatsheet.meta/salesforce_app_limits_cheatsheet/salesforce_app_limits_platform_soslsoql.htm
 */
export const SF_REST_REQUEST_MAX_BYTES = 16_384;
/** Left of {@link SF_REST_REQUEST_MAX_BYTES} for the headers (bearer token, query options) and the `/services/data/vXX.X/query?q=` prefix. */
const REQUEST_OVERHEAD_BYTES = 4_096;
/** The longest percent-encoded SOQL a REST query sends. */
export const SOQL_URL_BUDGET = SF_REST_REQUEST_MAX_BYTES - REQUEST_OVERHEAD_BYTES;

/**
 * Splits ids into the fewest chunks whose query, `soqlOf(chunk)`, stays within {@link SOQL_URL_BUDGET} once
 * percent-encoded (about 350 Salesforce ids per chunk next to a deals read plan).
 */
export function idChunks(
  ids: readonly string[],
  soqlOf: (chunk: readonly string[]) => string,
  budget = SOQL_URL_BUDGET,
): string[][] {
  const encoded = (text: string) => encodeURIComponent(text).length;
  const first = ids[0];
  if (first === undefined) return [];
  // The statement without its list; each id adds itself quoted, and ", " after the first.
  const base = encoded(soqlOf([first])) - encoded(soqlString(first));
  const separator = encoded(', ');
  const chunks: string[][] = [];
  let chunk: string[] = [];
  let length = base;
  for (const id of ids) {
    const quoted = encoded(soqlString(id));
    if (chunk.length > 0 && length + separator + quoted > budget) {
      chunks.push(chunk);
      chunk = [];
      length = base;
    }
    length += quoted + (chunk.length > 0 ? separator : 0);
    if (length > budget) {
      throw new AtlasError(
        'SOQL_INVALID_VALUE',
        'the query is too long for a REST request even with one id',
        {
          context: { length, budget },
        },
      );
    }
    chunk.push(id);
  }
  chunks.push(chunk);
  return chunks;
}

/** Records after `id` in Id order: where a read ordered by Id resumes. */
export function idAfter(id: string): string {
  return `Id > ${soqlString(id)}`;
}

export interface SelectOptions {
  /** Fields read besides the plan's (write-back fields). */
  extraFields?: readonly string[];
  window?: SoqlWindow | null;
  /** Extra conditions (e.g. `IsDeleted = true`), already SOQL, built by this module's functions. */
  where?: readonly string[];
  /** Leave out child subqueries (Bulk API 2.0 has none). */
  withoutChildren?: boolean;
  /** `count` gives `SELECT COUNT() …`; `ids` gives `SELECT Id …` (plus `idColumns`). */
  shape?: 'records' | 'count' | 'ids';
  /** Paths selected next to `Id` in the `ids` shape (a parent's `Account.Id`, `Account.SystemModstamp`). */
  idColumns?: readonly string[];
  orderBy?: 'modified' | 'id' | 'none';
}

/** The fields a plan selects on its object, plus extra fields, without duplicates (names are case-insensitive). */
export function selectedFields(plan: ReadPlan, extraFields: readonly string[] = []): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (f: string) => {
    const key = f.toLowerCase();
    if (!seen.has(key)) {
      seen.add(key);
      out.push(soqlPath(f));
    }
  };
  add('Id');
  for (const f of plan.fields) add(f);
  for (const f of extraFields) add(f);
  if (plan.modifiedField) add(plan.modifiedField);
  return out;
}

/**
 * The SOQL of a read plan.
 * @example
 * buildSoql(plan, { window: { modifiedField: 'SystemModstamp', since: '2024-06-01T00:00:00.000Z', afterId: null } });
 * // SELECT Id, Name, … FROM Account WHERE IsPartner = true AND SystemModstamp >= 2024-06-01T00:00:00.000Z ORDER BY SystemModstamp, Id
 */
export function buildSoql(plan: ReadPlan, options: SelectOptions = {}): string {
  const object = soqlPath(plan.object);
  if (object.includes('.'))
    throw new AtlasError('SOQL_INVALID_OBJECT', `'${plan.object}' is not an sObject name`);
  const shape = options.shape ?? 'records';
  let select: string;
  if (shape === 'count') select = 'COUNT()';
  else if (shape === 'ids') select = ['Id', ...(options.idColumns ?? []).map(soqlPath)].join(', ');
  else {
    const parts = selectedFields(plan, options.extraFields);
    if (!options.withoutChildren) {
      for (const child of plan.children) {
        const fields = child.fields.length > 0 ? child.fields.map(soqlPath) : ['Id'];
        parts.push(`(SELECT ${fields.join(', ')} FROM ${soqlPath(child.relationship)})`);
      }
    }
    select = parts.join(', ');
  }
  const conditions = plan.filter.map(soqlCondition);
  if (options.window) conditions.push(windowCondition(options.window));
  conditions.push(...(options.where ?? []));
  const where = conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '';
  let order = '';
  if (shape !== 'count') {
    const by = options.orderBy ?? (plan.modifiedField ? 'modified' : 'id');
    if (by === 'modified' && plan.modifiedField) order = ` ORDER BY ${soqlPath(plan.modifiedField)}, Id`;
    else if (by === 'id' || (by === 'modified' && !plan.modifiedField)) order = ' ORDER BY Id';
  }
  return `SELECT ${select} FROM ${object}${where}${order}`;
}
