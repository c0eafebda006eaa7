/** SOQL for the emulator: parsed by soql-parser-js, resolved against the schema, compiled to filter/sort/project. */
import type {
  Condition,
  FieldType,
  LiteralType,
  OrderByClause,
  Query,
  Subquery,
  ValueCondition,
  ValueQueryCondition,
  WhereClause,
} from 'soql-parser-js';
import soqlParser from 'soql-parser-js';
import { SalesforceApiError } from './api-error.js';
import { dateLiteralRange } from './date-literals.js';
import { to18 } from './ids.js';
import { childRelationshipsOf, type FieldDef, type ObjectDef } from './schema.js';
import type { SalesforceEmulatorState, SObjectRow } from './state.js';
import { formatSalesforceDateTime, parseSalesforceDate, parseSalesforceDateTime } from './wire-values.js';

/** Parent relationships a field path may climb (SOQL allows five levels). */
const MAX_PARENT_DEPTH = 5;

type Row = SObjectRow;
type Comparable = string | number | boolean | null;

/** A resolved field path from a root object, e.g. `Account.Owner.Name`. */
interface ResolvedPath {
  /** Lookup fields climbed, in order. */
  lookups: FieldDef[];
  field: FieldDef;
  /** Canonical path: relationship names then the field name. */
  canonical: string[];
}

/** A node of the SELECT shape: a field, a parent relationship, or a child subquery. */
type ShapeNode =
  | { kind: 'field'; key: string; field: FieldDef }
  | { kind: 'parent'; key: string; lookup: FieldDef; target: ObjectDef; children: ShapeNode[] }
  | { kind: 'children'; key: string; child: CompiledQuery; childField: string };

/** One column of a flat (Bulk API CSV) result. */
export interface QueryColumn {
  header: string;
  field: FieldDef;
  get(row: Row): unknown;
}

/** A query compiled once; a cursor keeps it and pages through the rows it selected. */
export interface CompiledQuery {
  soql: string;
  object: ObjectDef;
  kind: 'records' | 'count' | 'aggregate';
  aggregateAlias: string;
  includeDeleted: boolean;
  filter: (row: Row) => boolean;
  compare: ((a: Row, b: Row) => number) | null;
  /** True when ORDER BY is SystemModstamp[, Id] ascending: served from the table's modstamp order. */
  modstampOrder: boolean;
  /** Lower bound on SystemModstamp from a top-level AND condition, for a binary search start. */
  modstampFrom: number | null;
  limit: number | null;
  offset: number;
  hasChildren: boolean;
  columns: QueryColumn[];
  project(row: Row, apiVersion: string): Record<string, unknown>;
}

function unquote(text: string): string {
  const inner = text.startsWith("'") && text.endsWith("'") ? text.slice(1, -1) : text;
  return inner.replace(/\\(.)/g, (_, c: string) =>
    c === 'n' ? '\n' : c === 't' ? '\t' : c === 'r' ? '\r' : c,
  );
}

/** Builds Salesforce's positional query error: the query, a caret, `ERROR at Row:1:Column:N` and the text. */
export function soqlError(
  code: string,
  soql: string,
  token: string | undefined,
  text: string,
): SalesforceApiError {
  const flat = soql.replace(/\s+/g, ' ');
  const at = token ? flat.toLowerCase().indexOf(token.toLowerCase()) : -1;
  const column = at >= 0 ? at + 1 : 1;
  return new SalesforceApiError(
    400,
    code,
    `\n${flat}\n${' '.repeat(column - 1)}^\nERROR at Row:1:Column:${column}\n${text}`,
  );
}

function noSuchColumn(soql: string, object: ObjectDef, name: string): SalesforceApiError {
  return soqlError(
    'INVALID_FIELD',
    soql,
    name,
    `No such column '${name}' on entity '${object.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
  );
}

/** Value of one field on a row in wire format (system fields formatted from their numbers). */
export function fieldValue(row: Row, field: FieldDef): unknown {
  switch (field.name) {
    case 'Id':
      return row.id;
    case 'IsDeleted':
      return row.deleted;
    case 'CreatedDate':
      return formatSalesforceDateTime(row.created);
    case 'LastModifiedDate':
      return formatSalesforceDateTime(row.modified);
    case 'SystemModstamp':
      return formatSalesforceDateTime(row.modstamp);
    default:
      return row.values[field.name] ?? null;
  }
}

/** A comparable form of a field's value: epoch ms for dates, lower-case text, numbers, booleans, null. */
function comparableValue(row: Row, field: FieldDef): Comparable {
  switch (field.name) {
    case 'CreatedDate':
      return row.created;
    case 'LastModifiedDate':
      return row.modified;
    case 'SystemModstamp':
      return row.modstamp;
  }
  const v = fieldValue(row, field);
  if (v === null || v === undefined) return null;
  switch (field.type) {
    case 'datetime':
      return typeof v === 'string' ? parseSalesforceDateTime(v) : Number(v);
    case 'date':
      return typeof v === 'string' ? parseSalesforceDate(v) : Number(v);
    case 'id':
    case 'reference':
      return String(v);
    case 'boolean':
      return v === true;
    case 'currency':
    case 'double':
    case 'int':
    case 'percent':
      return Number(v);
    default:
      return String(v).toLowerCase();
  }
}

/** Everything the compiler needs while walking one query. */
interface Ctx {
  state: SalesforceEmulatorState;
  soql: string;
  includeDeleted: boolean;
}

function resolvePath(ctx: Ctx, root: ObjectDef, path: string): ResolvedPath {
  const parts = path.split('.');
  const lookups: FieldDef[] = [];
  const canonical: string[] = [];
  let current = root;
  if (parts.length - 1 > MAX_PARENT_DEPTH) {
    throw soqlError(
      'MALFORMED_QUERY',
      ctx.soql,
      path,
      `SOQL statements cannot query more than ${MAX_PARENT_DEPTH} levels of parent relationships`,
    );
  }
  // A path may start with the object's own name (`Account.Name` from Account): Salesforce allows it.
  if (parts.length > 1 && parts[0]?.toLowerCase() === root.name.toLowerCase()) {
    const own = [...root.fields.values()].some(
      (f) => f.relationshipName?.toLowerCase() === parts[0]?.toLowerCase(),
    );
    if (!own) parts.shift();
  }
  for (let i = 0; i < parts.length - 1; i++) {
    const rel = (parts[i] ?? '').toLowerCase();
    const lookup = [...current.fields.values()].find(
      (f) =>
        f.type === 'reference' &&
        f.relationshipName?.toLowerCase() === rel &&
        ctx.state.fieldAccess(current, f).readable,
    );
    const targetName = lookup?.referenceTo[0];
    const target = targetName ? ctx.state.object(targetName) : undefined;
    if (!lookup || !target) {
      throw soqlError(
        'INVALID_FIELD',
        ctx.soql,
        parts[i],
        `Didn't understand relationship '${parts[i]}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
      );
    }
    lookups.push(lookup);
    canonical.push(lookup.relationshipName ?? lookup.name);
    current = target;
  }
  const last = parts[parts.length - 1] ?? '';
  const fieldName = current.fieldsLower.get(last.toLowerCase());
  const field = fieldName ? current.fields.get(fieldName) : undefined;
  if (!field || !ctx.state.fieldAccess(current, field).readable) throw noSuchColumn(ctx.soql, current, last);
  canonical.push(field.name);
  return { lookups, field, canonical };
}

/** Follows the lookups of a path from a row; undefined when a parent is missing or deleted. */
function climb(ctx: Ctx, row: Row, lookups: readonly FieldDef[]): Row | undefined {
  let current: Row | undefined = row;
  for (const lookup of lookups) {
    const ref: unknown = current.values[lookup.name];
    current = typeof ref === 'string' ? ctx.state.row(ref) : undefined;
    if (!current || current.deleted) return undefined;
  }
  return current;
}

function pathGetter(ctx: Ctx, path: ResolvedPath): (row: Row) => unknown {
  if (path.lookups.length === 0) return (row) => fieldValue(row, path.field);
  return (row) => {
    const target = climb(ctx, row, path.lookups);
    return target ? fieldValue(target, path.field) : null;
  };
}

function comparableGetter(ctx: Ctx, path: ResolvedPath): (row: Row) => Comparable {
  if (path.lookups.length === 0) return (row) => comparableValue(row, path.field);
  return (row) => {
    const target = climb(ctx, row, path.lookups);
    return target ? comparableValue(target, path.field) : null;
  };
}

// ---------------------------------------------------------------- WHERE

type Token =
  | { t: '(' }
  | { t: ')' }
  | { t: 'AND' }
  | { t: 'OR' }
  | { t: 'NOT' }
  | { t: 'cond'; cond: Condition | ValueQueryCondition };

function flattenWhere(where: WhereClause | undefined, out: Token[]): void {
  if (!where) return;
  const left = where.left as
    | (Condition | ValueQueryCondition | { openParen?: number; closeParen?: number })
    | null;
  if (left) {
    const parens = left as { openParen?: number; closeParen?: number };
    for (let i = 0; i < (parens.openParen ?? 0); i++) out.push({ t: '(' });
    if ('field' in left || 'fn' in left) {
      out.push({ t: 'cond', cond: left as Condition });
      for (let i = 0; i < (parens.closeParen ?? 0); i++) out.push({ t: ')' });
    }
  }
  if ('operator' in where && where.operator) {
    out.push({ t: where.operator });
    flattenWhere((where as { right: WhereClause }).right, out);
  }
}

type Predicate = (row: Row) => boolean;

function buildPredicate(ctx: Ctx, object: ObjectDef, tokens: Token[]): Predicate {
  let pos = 0;
  const peek = () => tokens[pos];
  const expr = (): Predicate => {
    const parts = [and()];
    while (peek()?.t === 'OR') {
      pos++;
      parts.push(and());
    }
    return parts.length === 1 ? (parts[0] as Predicate) : (row) => parts.some((p) => p(row));
  };
  const and = (): Predicate => {
    const parts = [unary()];
    while (peek()?.t === 'AND') {
      pos++;
      parts.push(unary());
    }
    return parts.length === 1 ? (parts[0] as Predicate) : (row) => parts.every((p) => p(row));
  };
  const unary = (): Predicate => {
    const tok = peek();
    if (tok?.t === 'NOT') {
      pos++;
      const inner = unary();
      return (row) => !inner(row);
    }
    if (tok?.t === '(') {
      pos++;
      const inner = expr();
      if (peek()?.t === ')') pos++;
      return inner;
    }
    if (tok?.t === 'cond') {
      pos++;
      return compileCondition(ctx, object, tok.cond);
    }
    throw soqlError('MALFORMED_QUERY', ctx.soql, 'WHERE', 'unexpected token in WHERE clause');
  };
  return tokens.length === 0 ? () => true : expr();
}

function literalTypeAt(lt: LiteralType | LiteralType[] | undefined, i: number): LiteralType | undefined {
  return Array.isArray(lt) ? lt[i] : lt;
}

/** Parses one literal into the comparable form of `field`; throws Salesforce's type errors. */
function parseLiteral(ctx: Ctx, field: FieldDef, raw: string, lt: LiteralType | undefined): Comparable {
  if (lt === 'NULL') return null;
  const isDateField = field.type === 'date' || field.type === 'datetime';
  const mustBe = (kind: string) =>
    soqlError(
      'INVALID_FIELD',
      ctx.soql,
      raw,
      `value of filter criterion for field '${field.name}' must be of type ${kind} and should not be enclosed in quotes`,
    );
  if (field.type === 'datetime') {
    if (lt !== 'DATETIME') throw mustBe('dateTime');
    return parseSalesforceDateTime(raw);
  }
  if (field.type === 'date') {
    if (lt !== 'DATE') throw mustBe('date');
    return parseSalesforceDate(raw);
  }
  if (!isDateField && (lt === 'DATE' || lt === 'DATETIME')) throw mustBe(field.type);
  switch (field.type) {
    case 'boolean':
      if (lt !== 'BOOLEAN') throw mustBe('boolean');
      return raw.toUpperCase() === 'TRUE';
    case 'currency':
    case 'double':
    case 'int':
    case 'percent':
      if (lt !== 'INTEGER' && lt !== 'DECIMAL')
        throw mustBe(field.type === 'currency' ? 'currency' : 'double');
      return Number(raw);
    case 'id':
    case 'reference': {
      const text = unquote(raw);
      return text.length === 15 ? to18(text) : text;
    }
    default:
      if (lt !== 'STRING') {
        throw soqlError(
          'INVALID_FIELD',
          ctx.soql,
          raw,
          `value of filter criterion for field '${field.name}' must be of type string and should be enclosed in quotes`,
        );
      }
      return unquote(raw).toLowerCase();
  }
}

function likeRegex(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] ?? '';
    if (c === '\\' && i + 1 < pattern.length) {
      re += (pattern[++i] ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    } else if (c === '%') re += '.*';
    else if (c === '_') re += '.';
    else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'is');
}

function compileCondition(ctx: Ctx, object: ObjectDef, cond: Condition | ValueQueryCondition): Predicate {
  if (!('field' in cond)) {
    throw soqlError(
      'MALFORMED_QUERY',
      ctx.soql,
      'WHERE',
      'functions in WHERE are not supported by the Partner Atlas emulator',
    );
  }
  const path = resolvePath(ctx, object, cond.field);
  const field = path.field;
  const get = comparableGetter(ctx, path);
  const op = cond.operator;
  if ('valueQuery' in cond) return semiJoin(ctx, cond, get);
  const c = cond as Condition & { value: string | string[]; literalType?: LiteralType | LiteralType[] };
  const lt = c.literalType;
  if (lt === 'DATE_LITERAL' || lt === 'DATE_N_LITERAL') {
    if (field.type !== 'date' && field.type !== 'datetime') {
      throw soqlError(
        'INVALID_FIELD',
        ctx.soql,
        String(c.value),
        `Date literal is not valid for field '${field.name}' of type ${field.type}`,
      );
    }
    const range = dateLiteralRange(String(c.value), ctx.state.clock.now());
    if (!range)
      throw soqlError('MALFORMED_QUERY', ctx.soql, String(c.value), `unexpected token: ${String(c.value)}`);
    const { start, end } = range;
    const test = (v: number): boolean => {
      switch (op) {
        case '=':
          return v >= start && v < end;
        case '!=':
          return v < start || v >= end;
        case '<':
          return v < start;
        case '<=':
          return v < end;
        case '>':
          return v >= end;
        case '>=':
          return v >= start;
        default:
          return false;
      }
    };
    return (row) => {
      const v = get(row);
      return typeof v === 'number' ? test(v) : op === '!=';
    };
  }
  if (op === 'INCLUDES' || op === 'EXCLUDES') {
    if (field.type !== 'multipicklist') {
      throw soqlError(
        'INVALID_FIELD',
        ctx.soql,
        cond.field,
        `includes or excludes operator only valid on multipicklist field`,
      );
    }
    const groups = (Array.isArray(c.value) ? c.value : [c.value]).map((v) =>
      unquote(v)
        .toLowerCase()
        .split(';')
        .map((s) => s.trim()),
    );
    return (row) => {
      const v = get(row);
      const have = new Set(typeof v === 'string' && v !== '' ? v.split(';') : []);
      const hit = groups.some((g) => g.every((x) => have.has(x)));
      return op === 'INCLUDES' ? hit : !hit;
    };
  }
  if (op === 'IN' || op === 'NOT IN') {
    const raws = Array.isArray(c.value) ? c.value : [c.value];
    const set = new Set(raws.map((r, i) => parseLiteral(ctx, field, r, literalTypeAt(lt, i))));
    return (row) => {
      const v = get(row);
      const hit = v !== null && set.has(v);
      return op === 'IN' ? hit : !hit;
    };
  }
  const raw = Array.isArray(c.value) ? (c.value[0] ?? '') : c.value;
  if (op === 'LIKE') {
    if (lt !== 'STRING') throw soqlError('MALFORMED_QUERY', ctx.soql, raw, 'LIKE needs a quoted string');
    const re = likeRegex(unquote(raw));
    return (row) => {
      const v = get(row);
      return v !== null && re.test(String(v));
    };
  }
  const lit = parseLiteral(ctx, field, raw, literalTypeAt(lt, 0));
  switch (op) {
    case '=':
      return (row) => get(row) === lit;
    case '!=':
      return (row) => get(row) !== lit;
    case '<':
      return (row) => {
        const v = get(row);
        return v !== null && lit !== null && v < lit;
      };
    case '<=':
      return (row) => {
        const v = get(row);
        return v !== null && lit !== null && v <= lit;
      };
    case '>':
      return (row) => {
        const v = get(row);
        return v !== null && lit !== null && v > lit;
      };
    case '>=':
      return (row) => {
        const v = get(row);
        return v !== null && lit !== null && v >= lit;
      };
    default:
      throw soqlError('MALFORMED_QUERY', ctx.soql, op, `unexpected token: ${op}`);
  }
}

function semiJoin(ctx: Ctx, cond: ValueQueryCondition, get: (row: Row) => Comparable): Predicate {
  const inner = compileQuery(ctx.state, cond.valueQuery, ctx.soql, { includeDeleted: false });
  const column = inner.columns[0];
  if (inner.columns.length !== 1 || !column) {
    throw soqlError('MALFORMED_QUERY', ctx.soql, 'SELECT', 'semi join sub-selects can only select one field');
  }
  let values: Set<unknown> | undefined;
  return (row) => {
    values ??= new Set(executeQuery(ctx.state, inner).map((r) => column.get(r)));
    const v = get(row);
    const hit = v !== null && values.has(v);
    return cond.operator === 'NOT IN' ? !hit : hit;
  };
}

/** Finds `SystemModstamp >= X` (or `>`) among top-level AND conditions, for an indexed start. */
function modstampLowerBound(tokens: Token[]): number | null {
  if (tokens.some((t) => t.t === 'OR' || t.t === 'NOT' || t.t === '(')) return null;
  let bound: number | null = null;
  for (const tok of tokens) {
    if (tok.t !== 'cond' || !('field' in tok.cond) || 'valueQuery' in tok.cond) continue;
    const c = tok.cond as ValueCondition;
    if (c.field.toLowerCase() !== 'systemmodstamp' || (c.operator !== '>' && c.operator !== '>=')) continue;
    if (c.literalType !== 'DATETIME' || Array.isArray(c.value)) continue;
    const t = parseSalesforceDateTime(c.value);
    if (!Number.isNaN(t)) bound = bound === null ? t : Math.max(bound, t);
  }
  return bound;
}

// ---------------------------------------------------------------- ORDER BY

function buildComparator(ctx: Ctx, object: ObjectDef, orderBy: OrderByClause[]): (a: Row, b: Row) => number {
  const keys = orderBy.map((o) => {
    if (!('field' in o))
      throw soqlError(
        'MALFORMED_QUERY',
        ctx.soql,
        'ORDER BY',
        'ORDER BY functions are not supported by the Partner Atlas emulator',
      );
    const get = comparableGetter(ctx, resolvePath(ctx, object, o.field));
    const desc = o.order === 'DESC';
    const nullsFirst = o.nulls ? o.nulls === 'FIRST' : !desc;
    return { get, desc, nullsFirst };
  });
  return (a, b) => {
    for (const k of keys) {
      const va = k.get(a);
      const vb = k.get(b);
      if (va === vb) continue;
      if (va === null) return k.nullsFirst ? -1 : 1;
      if (vb === null) return k.nullsFirst ? 1 : -1;
      const c = va < vb ? -1 : 1;
      return k.desc ? -c : c;
    }
    return 0;
  };
}

// ---------------------------------------------------------------- SELECT

function insertPath(ctx: Ctx, nodes: ShapeNode[], path: ResolvedPath, depth: number, from: ObjectDef): void {
  if (depth === path.lookups.length) {
    if (!nodes.some((n) => n.kind === 'field' && n.key === path.field.name)) {
      nodes.push({ kind: 'field', key: path.field.name, field: path.field });
    }
    return;
  }
  const lookup = path.lookups[depth] as FieldDef;
  const key = lookup.relationshipName ?? lookup.name;
  let node = nodes.find(
    (n): n is Extract<ShapeNode, { kind: 'parent' }> => n.kind === 'parent' && n.key === key,
  );
  if (!node) {
    const target = ctx.state.object(lookup.referenceTo[0] ?? '') ?? from;
    node = { kind: 'parent', key, lookup, target, children: [] };
    nodes.push(node);
  }
  insertPath(ctx, node.children, path, depth + 1, node.target);
}

function recordUrl(apiVersion: string, type: string, id: string): string {
  return `/services/data/v${apiVersion}/sobjects/${type}/${id}`;
}

function projectNodes(ctx: Ctx, row: Row, nodes: ShapeNode[], apiVersion: string): Record<string, unknown> {
  const out: Record<string, unknown> = {
    attributes: { type: row.type, url: recordUrl(apiVersion, row.type, row.id) },
  };
  for (const node of nodes) {
    if (node.kind === 'field') out[node.key] = fieldValue(row, node.field);
    else if (node.kind === 'parent') {
      const ref: unknown = row.values[node.lookup.name];
      const parent = typeof ref === 'string' ? ctx.state.row(ref) : undefined;
      out[node.key] = parent && !parent.deleted ? projectNodes(ctx, parent, node.children, apiVersion) : null;
    } else {
      const kids = childRows(ctx, node, row);
      out[node.key] =
        kids.length === 0
          ? null
          : {
              totalSize: kids.length,
              done: true,
              records: kids.map((k) => node.child.project(k, apiVersion)),
            };
    }
  }
  return out;
}

/** Child rows of `parent` for a subquery node, via an index built once per state version. */
const childIndexes = new WeakMap<CompiledQuery, { version: number; index: Map<string, Row[]> }>();

function childRows(ctx: Ctx, node: Extract<ShapeNode, { kind: 'children' }>, parent: Row): Row[] {
  let cached = childIndexes.get(node.child);
  if (!cached || cached.version !== ctx.state.version) {
    const index = new Map<string, Row[]>();
    for (const r of ctx.state.rows(node.child.object.name)) {
      const ref = r.values[node.childField];
      if (typeof ref !== 'string') continue;
      const list = index.get(ref);
      if (list) list.push(r);
      else index.set(ref, [r]);
    }
    cached = { version: ctx.state.version, index };
    childIndexes.set(node.child, cached);
  }
  let rows = (cached.index.get(parent.id) ?? []).filter(
    (r) => (node.child.includeDeleted || !r.deleted) && node.child.filter(r),
  );
  if (node.child.compare) rows = [...rows].sort(node.child.compare);
  if (node.child.limit !== null) rows = rows.slice(0, node.child.limit);
  return rows;
}

function compileChildren(
  ctx: Ctx,
  object: ObjectDef,
  sub: Subquery,
): Extract<ShapeNode, { kind: 'children' }> {
  const rel = childRelationshipsOf(ctx.state.schema, object.name).find(
    (r) => r.relationshipName.toLowerCase() === sub.relationshipName.toLowerCase(),
  );
  const childObject = rel ? ctx.state.object(rel.childSObject) : undefined;
  if (!rel || !childObject) {
    throw soqlError(
      'INVALID_TYPE',
      ctx.soql,
      sub.relationshipName,
      `Didn't understand relationship '${sub.relationshipName}' in FROM part of query call. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
    );
  }
  const child = compileQuery(ctx.state, { ...sub, sObject: childObject.name }, ctx.soql, {
    includeDeleted: ctx.includeDeleted,
  });
  return { kind: 'children', key: rel.relationshipName, child, childField: rel.field };
}

function asArray<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/**
 * Compiles a parsed query (or a subquery given its object) against the state's schema and permissions.
 * `soql` is the full text, for error positions.
 */
export function compileQuery(
  state: SalesforceEmulatorState,
  query: Query,
  soql: string,
  options: { includeDeleted: boolean },
): CompiledQuery {
  const ctx: Ctx = { state, soql, includeDeleted: options.includeDeleted };
  const objectName = query.sObject ?? '';
  const object = state.object(objectName);
  if (!object) {
    throw soqlError(
      'INVALID_TYPE',
      soql,
      objectName,
      `sObject type '${objectName}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
    );
  }
  if (query.groupBy || query.having) {
    throw soqlError(
      'MALFORMED_QUERY',
      soql,
      'GROUP BY',
      'GROUP BY and HAVING are not supported by the Partner Atlas emulator',
    );
  }
  const fields: FieldType[] = query.fields ?? [];
  let kind: CompiledQuery['kind'] = 'records';
  let aggregateAlias = 'expr0';
  const nodes: ShapeNode[] = [];
  const columns: QueryColumn[] = [];
  for (const f of fields) {
    if (f.type === 'FieldFunctionExpression') {
      if (f.functionName.toUpperCase() !== 'COUNT' || fields.length !== 1) {
        throw soqlError(
          'MALFORMED_QUERY',
          soql,
          f.functionName,
          `function ${f.functionName} is not supported by the Partner Atlas emulator`,
        );
      }
      kind = f.parameters.length === 0 ? 'count' : 'aggregate';
      aggregateAlias = f.alias ?? 'expr0';
      for (const p of f.parameters) if (typeof p === 'string') resolvePath(ctx, object, p);
      continue;
    }
    if (f.type === 'FieldSubquery') {
      nodes.push(compileChildren(ctx, object, f.subquery));
      continue;
    }
    if (f.type === 'FieldTypeof') {
      throw soqlError(
        'MALFORMED_QUERY',
        soql,
        'TYPEOF',
        'TYPEOF is not supported by the Partner Atlas emulator',
      );
    }
    const text = f.type === 'Field' ? f.field : (f.rawValue ?? [...f.relationships, f.field].join('.'));
    const path = resolvePath(ctx, object, text);
    insertPath(ctx, nodes, path, 0, object);
    const header = path.canonical.join('.');
    if (!columns.some((c) => c.header === header))
      columns.push({ header, field: path.field, get: pathGetter(ctx, path) });
  }
  if (fields.length === 0) throw soqlError('MALFORMED_QUERY', soql, 'FROM', 'unexpected token: FROM');
  const tokens: Token[] = [];
  flattenWhere(query.where, tokens);
  const where = buildPredicate(ctx, object, tokens);
  const includeDeleted = options.includeDeleted;
  const filter: Predicate = includeDeleted ? where : (row) => !row.deleted && where(row);
  const orderBy = asArray<OrderByClause>(query.orderBy);
  const compare = orderBy.length > 0 ? buildComparator(ctx, object, orderBy) : null;
  const modstampOrder =
    orderBy.length > 0 &&
    orderBy.length <= 2 &&
    orderBy.every((o) => 'field' in o && (o.order ?? 'ASC') === 'ASC') &&
    (orderBy[0] as { field: string }).field.toLowerCase() === 'systemmodstamp' &&
    (orderBy.length === 1 || (orderBy[1] as { field: string }).field.toLowerCase() === 'id');
  if (query.offset !== undefined && query.offset > 2000) {
    throw new SalesforceApiError(400, 'NUMBER_OUTSIDE_VALID_RANGE', 'Maximum SOQL offset allowed is 2000');
  }
  const compiled: CompiledQuery = {
    soql,
    object,
    kind,
    aggregateAlias,
    includeDeleted,
    filter,
    compare,
    modstampOrder,
    modstampFrom: modstampOrder ? modstampLowerBound(tokens) : null,
    limit: query.limit ?? null,
    offset: query.offset ?? 0,
    hasChildren: nodes.some((n) => n.kind === 'children'),
    columns,
    project: (row, apiVersion) => projectNodes(ctx, row, nodes, apiVersion),
  };
  return compiled;
}

/**
 * Parses and compiles a SOQL string; parse failures answer `MALFORMED_QUERY` like Salesforce does.
 * @example compileSoql(state, 'SELECT Id FROM Account WHERE Industry = \'Banking\'', { includeDeleted: false })
 */
export function compileSoql(
  state: SalesforceEmulatorState,
  soql: string,
  options: { includeDeleted: boolean },
): CompiledQuery {
  let query: Query;
  try {
    query = soqlParser.parseQuery(soql);
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    const found = /but found: '([^']*)'/.exec(text)?.[1];
    throw soqlError(
      'MALFORMED_QUERY',
      soql,
      found,
      found ? `unexpected token: ${found}` : 'unexpected end of query',
    );
  }
  return compileQuery(state, query, soql, options);
}

/** Runs a compiled query: the matching rows in order, after OFFSET and LIMIT (a snapshot). */
export function executeQuery(state: SalesforceEmulatorState, q: CompiledQuery): Row[] {
  const want = q.limit === null ? Number.POSITIVE_INFINITY : q.offset + q.limit;
  let matched: Row[] = [];
  if (q.modstampOrder) {
    // Served from the table's (SystemModstamp, Id) order: no sort per query, and a binary search
    // skips rows below `SystemModstamp >= X`, so incremental reads stay cheap on large tables.
    const sorted = state.rowsByModstamp(q.object.name);
    let lo = 0;
    if (q.modstampFrom !== null) {
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((sorted[mid] as Row).modstamp < q.modstampFrom) lo = mid + 1;
        else hi = mid;
      }
    }
    for (let i = lo; i < sorted.length && matched.length < want; i++) {
      const row = sorted[i] as Row;
      if (q.filter(row)) matched.push(row);
    }
  } else {
    for (const row of state.rows(q.object.name)) if (q.filter(row)) matched.push(row);
    if (q.compare) matched.sort(q.compare);
  }
  if (q.offset > 0 || q.limit !== null) matched = matched.slice(q.offset, want);
  return matched;
}
