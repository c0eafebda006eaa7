/**
 * CRM search (`POST /crm/v3/objects/{objectType}/search`): filter groups (OR of ANDed filters), one or
 * more sorts and offset paging. The matching, sorted row list is computed once per distinct query and
 * table version, so paging through 200k results costs one sort, not one per page.
 * https://developers.hubspot.com/docs/api-reference/search/guide
 */
import { z } from 'zod';
import { validationError } from './errors.js';
import type { ObjectTable } from './object-table.js';
import type { PropertyDefinition } from './property-definitions.js';
import { dateMs, datetimeMs } from './property-values.js';
import {
  HS_SEARCH_MAX_FILTER_GROUPS,
  HS_SEARCH_MAX_FILTERS_PER_GROUP,
  HS_SEARCH_MAX_FILTERS_TOTAL,
} from './vendor-limits.js';

export const FilterOperatorSchema = z.enum([
  'EQ',
  'NEQ',
  'LT',
  'LTE',
  'GT',
  'GTE',
  'BETWEEN',
  'IN',
  'NOT_IN',
  'HAS_PROPERTY',
  'NOT_HAS_PROPERTY',
  'CONTAINS_TOKEN',
  'NOT_CONTAINS_TOKEN',
]);
export type FilterOperator = z.infer<typeof FilterOperatorSchema>;

const Scalar = z.union([z.string(), z.number(), z.boolean()]).transform((v) => String(v));

export const FilterSchema = z.object({
  propertyName: z.string().min(1),
  operator: FilterOperatorSchema,
  value: Scalar.optional(),
  highValue: Scalar.optional(),
  values: z.array(Scalar).optional(),
});
export type Filter = z.infer<typeof FilterSchema>;

/** A sort: HubSpot documents `{ propertyName, direction }`; the client types it as a string (`-name` = descending). */
export const SortSchema = z.union([
  z
    .string()
    .transform((s) =>
      s.startsWith('-')
        ? { propertyName: s.slice(1), direction: 'DESCENDING' as const }
        : { propertyName: s, direction: 'ASCENDING' as const },
    ),
  z.object({
    propertyName: z.string().min(1),
    direction: z.enum(['ASCENDING', 'DESCENDING']).default('ASCENDING'),
  }),
]);
export type Sort = z.infer<typeof SortSchema>;

/** Body of a search request (PublicObjectSearchRequest). */
export const SearchRequestSchema = z.object({
  query: z.string().optional(),
  limit: z.number().int().min(0).optional(),
  after: z.union([z.string(), z.number()]).optional(),
  sorts: z.array(SortSchema).default([]),
  properties: z.array(z.string()).optional(),
  filterGroups: z.array(z.object({ filters: z.array(FilterSchema).default([]) })).default([]),
});
export type SearchRequest = z.infer<typeof SearchRequestSchema>;

type Numeric = (row: number) => number;
type Textual = (row: number) => string | undefined;

interface Accessor {
  numeric: boolean;
  num: Numeric;
  text: Textual;
}

/** How to read a property of a row for comparison: numbers and dates as ms, the rest as lower-case text. */
function accessor(table: ObjectTable, prop: PropertyDefinition): Accessor {
  const def = table.def;
  const name = prop.name;
  if (name === 'hs_object_id') {
    const ids = table.ids;
    return { numeric: true, num: (r) => ids[r] ?? Number.NaN, text: (r) => String(ids[r]) };
  }
  if (name === def.createdDateProperty) {
    const c = table.created;
    return { numeric: true, num: (r) => c[r] ?? Number.NaN, text: (r) => new Date(c[r] ?? 0).toISOString() };
  }
  if (def.modifiedDateProperties.includes(name)) {
    const u = table.updated;
    return { numeric: true, num: (r) => u[r] ?? Number.NaN, text: (r) => new Date(u[r] ?? 0).toISOString() };
  }
  const col = table.columns.get(name) ?? [];
  const text: Textual = (r) => {
    const v = col[r];
    return v === undefined || v === null || v === '' ? undefined : v.toLowerCase();
  };
  if (prop.type === 'number') {
    return {
      numeric: true,
      num: (r) => {
        const v = col[r];
        return v === undefined || v === null || v === '' ? Number.NaN : Number(v);
      },
      text,
    };
  }
  if (prop.type === 'datetime' || prop.type === 'date') {
    const parse = prop.type === 'date' ? dateMs : datetimeMs;
    return {
      numeric: true,
      num: (r) => {
        const v = col[r];
        return v === undefined || v === null || v === '' ? Number.NaN : parse(v);
      },
      text,
    };
  }
  return { numeric: false, num: () => Number.NaN, text };
}

function parseNumber(prop: PropertyDefinition, value: string): number {
  if (prop.type === 'date') return dateMs(value);
  if (prop.type === 'datetime') return datetimeMs(value);
  return Number(value);
}

function tokens(text: string): string[] {
  const words = text.split(/\s+/).filter((w) => w !== '');
  const pieces = text.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
  return [text, ...words, ...pieces];
}

function tokenMatcher(pattern: string): (text: string) => boolean {
  const p = pattern.toLowerCase();
  if (!p.includes('*')) return (text) => tokens(text).includes(p);
  const re = new RegExp(
    `^${p
      .split('*')
      .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return (text) => tokens(text).some((t) => re.test(t));
}

function compileFilter(table: ObjectTable, prop: PropertyDefinition, f: Filter): (row: number) => boolean {
  const a = accessor(table, prop);
  const need = (v: string | undefined, what = 'value'): string => {
    if (v === undefined)
      throw validationError(`filter on ${f.propertyName} with ${f.operator} needs a ${what}`);
    return v;
  };
  switch (f.operator) {
    case 'HAS_PROPERTY':
      return a.numeric ? (r) => !Number.isNaN(a.num(r)) : (r) => a.text(r) !== undefined;
    case 'NOT_HAS_PROPERTY':
      return a.numeric ? (r) => Number.isNaN(a.num(r)) : (r) => a.text(r) === undefined;
    case 'CONTAINS_TOKEN':
    case 'NOT_CONTAINS_TOKEN': {
      const match = tokenMatcher(need(f.value));
      const hit = (r: number) => {
        const t = a.text(r);
        return t !== undefined && match(t);
      };
      return f.operator === 'CONTAINS_TOKEN' ? hit : (r) => !hit(r);
    }
    case 'IN':
    case 'NOT_IN': {
      const values = f.values ?? [];
      if (values.length === 0)
        throw validationError(`filter on ${f.propertyName} with ${f.operator} needs values`);
      let hit: (r: number) => boolean;
      if (a.numeric) {
        const set = new Set(values.map((v) => parseNumber(prop, v)));
        hit = (r) => set.has(a.num(r));
      } else {
        const set = new Set(values.map((v) => v.toLowerCase()));
        hit = (r) => {
          const t = a.text(r);
          return t !== undefined && set.has(t);
        };
      }
      return f.operator === 'IN' ? hit : (r) => !hit(r);
    }
    default:
      break;
  }
  const raw = need(f.value);
  if (a.numeric) {
    const v = parseNumber(prop, raw);
    if (Number.isNaN(v)) throw validationError(`${raw} is not a valid value for ${f.propertyName}`);
    const x = a.num;
    switch (f.operator) {
      case 'EQ':
        return (r) => x(r) === v;
      case 'NEQ':
        return (r) => x(r) !== v;
      case 'GT':
        return (r) => x(r) > v;
      case 'GTE':
        return (r) => x(r) >= v;
      case 'LT':
        return (r) => x(r) < v;
      case 'LTE':
        return (r) => x(r) <= v;
      case 'BETWEEN': {
        const hi = parseNumber(prop, need(f.highValue, 'highValue'));
        return (r) => {
          const n = x(r);
          return n >= v && n <= hi;
        };
      }
    }
  }
  const v = raw.toLowerCase();
  const t = a.text;
  switch (f.operator) {
    case 'EQ':
      return (r) => t(r) === v;
    case 'NEQ':
      return (r) => t(r) !== v;
    case 'GT':
      return (r) => (t(r) ?? '') > v;
    case 'GTE':
      return (r) => (t(r) ?? '') >= v;
    case 'LT':
      return (r) => {
        const s = t(r);
        return s !== undefined && s < v;
      };
    case 'LTE':
      return (r) => {
        const s = t(r);
        return s !== undefined && s <= v;
      };
    case 'BETWEEN': {
      const hi = need(f.highValue, 'highValue').toLowerCase();
      return (r) => {
        const s = t(r);
        return s !== undefined && s >= v && s <= hi;
      };
    }
  }
  throw validationError(`operator ${f.operator} is not supported`);
}

interface CacheEntry {
  version: number;
  rows: Int32Array;
}

/** Runs searches against object tables, caching each query's sorted matches until the table changes. */
export class SearchEngine {
  readonly #cache = new Map<string, CacheEntry>();
  readonly #maxEntries: number;
  /** How many times a result list was computed (tests assert paging does not recompute). */
  computations = 0;

  constructor(maxEntries = 32) {
    this.#maxEntries = maxEntries;
  }

  /** All matching live rows of a query, sorted; cached per (type, query, table version). */
  matches(table: ObjectTable, request: SearchRequest): Int32Array {
    this.#checkLimits(request);
    const key = `${table.def.objectTypeId}:${JSON.stringify([request.filterGroups, request.sorts, request.query ?? ''])}`;
    const hit = this.#cache.get(key);
    if (hit && hit.version === table.version) {
      this.#cache.delete(key);
      this.#cache.set(key, hit);
      return hit.rows;
    }
    const rows = this.#compute(table, request);
    this.computations++;
    this.#cache.set(key, { version: table.version, rows });
    while (this.#cache.size > this.#maxEntries) {
      const oldest = this.#cache.keys().next().value;
      if (oldest === undefined) break;
      this.#cache.delete(oldest);
    }
    return rows;
  }

  #checkLimits(request: SearchRequest): void {
    const groups = request.filterGroups;
    const total = groups.reduce((n, g) => n + g.filters.length, 0);
    if (groups.length > HS_SEARCH_MAX_FILTER_GROUPS) {
      throw validationError(
        `Too many filter groups: ${groups.length}. A search may have up to ${HS_SEARCH_MAX_FILTER_GROUPS} filterGroups.`,
      );
    }
    if (groups.some((g) => g.filters.length > HS_SEARCH_MAX_FILTERS_PER_GROUP)) {
      throw validationError(
        `Too many filters in a group. A filterGroup may have up to ${HS_SEARCH_MAX_FILTERS_PER_GROUP} filters.`,
      );
    }
    if (total > HS_SEARCH_MAX_FILTERS_TOTAL) {
      throw validationError(
        `Too many filters: ${total}. A search may have up to ${HS_SEARCH_MAX_FILTERS_TOTAL} filters in total.`,
      );
    }
  }

  #property(table: ObjectTable, name: string): PropertyDefinition {
    const prop = table.def.properties.get(name);
    if (!prop || prop.archived) {
      throw validationError(
        `There was a problem with the request: property ${name} does not exist on ${table.def.name}`,
      );
    }
    return prop;
  }

  #compute(table: ObjectTable, request: SearchRequest): Int32Array {
    const groups = request.filterGroups
      .filter((g) => g.filters.length > 0)
      .map((g) => g.filters.map((f) => compileFilter(table, this.#property(table, f.propertyName), f)));
    const query = this.#queryMatcher(table, request.query);
    const archived = table.archivedAt;
    const n = table.size;
    const out = new Int32Array(n);
    let count = 0;
    for (let r = 0; r < n; r++) {
      if (archived[r] !== 0) continue;
      if (groups.length > 0 && !groups.some((g) => g.every((f) => f(r)))) continue;
      if (query && !query(r)) continue;
      out[count++] = r;
    }
    const rows = out.slice(0, count);
    this.#sort(table, rows, request.sorts);
    return rows;
  }

  #queryMatcher(table: ObjectTable, query: string | undefined): ((row: number) => boolean) | undefined {
    const q = query?.trim().toLowerCase();
    if (!q) return undefined;
    const wanted = q.split(/\s+/);
    const readers = table.def.searchableProperties
      .map((name) => table.def.properties.get(name))
      .filter((p): p is PropertyDefinition => p !== undefined)
      .map((p) => accessor(table, p).text);
    return (r) => {
      const words = readers.flatMap((read) => {
        const t = read(r);
        return t === undefined ? [] : tokens(t);
      });
      return wanted.every((w) => words.some((t) => t.startsWith(w)));
    };
  }

  #sort(table: ObjectTable, rows: Int32Array, sorts: Sort[]): void {
    const ids = table.ids;
    const keys = sorts.map((s) => {
      const a = accessor(table, this.#property(table, s.propertyName));
      const dir = s.direction === 'DESCENDING' ? -1 : 1;
      if (a.numeric) {
        const k = new Float64Array(table.size);
        for (const r of rows) k[r] = a.num(r);
        return (x: number, y: number) => {
          const kx = k[x] ?? Number.NaN;
          const ky = k[y] ?? Number.NaN;
          if (Number.isNaN(kx) || Number.isNaN(ky))
            return Number(Number.isNaN(kx)) - Number(Number.isNaN(ky));
          return (kx - ky) * dir;
        };
      }
      const k = new Map<number, string | undefined>();
      for (const r of rows) k.set(r, a.text(r));
      return (x: number, y: number) => {
        const kx = k.get(x);
        const ky = k.get(y);
        if (kx === undefined || ky === undefined) return Number(kx === undefined) - Number(ky === undefined);
        return kx < ky ? -dir : kx > ky ? dir : 0;
      };
    });
    rows.sort((x, y) => {
      for (const cmp of keys) {
        const c = cmp(x, y);
        if (c !== 0) return c;
      }
      return (ids[x] ?? 0) - (ids[y] ?? 0);
    });
  }
}
