/** Query locators: the ordered rows a query selected, kept so each `nextRecordsUrl` page is a slice, not a re-run. */
import type { EmulatorClock } from '../kit/index.js';
import { SalesforceApiError } from './api-error.js';
import type { IdFactory } from './ids.js';
import { OTHER_PREFIXES } from './schema.js';
import type { CompiledQuery } from './soql.js';
import type { SObjectRow } from './state.js';

/** Salesforce keeps an idle locator for 15 minutes. */
const LOCATOR_IDLE_MS = 15 * 60_000;
/** Open locators kept at once (Salesforce allows 10 per user; the emulator is lenient for parallel tests). */
const MAX_OPEN_LOCATORS = 200;

interface Cursor {
  id: string;
  query: CompiledQuery;
  rows: SObjectRow[];
  pageSize: number;
  lastUsed: number;
}

/** One page of a query result, shaped like the REST response. */
export interface QueryPage {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: Record<string, unknown>[];
}

/** The open locators of one emulator. */
export class QueryCursors {
  readonly #cursors = new Map<string, Cursor>();
  readonly #clock: EmulatorClock;
  readonly #ids: IdFactory;

  constructor(clock: EmulatorClock, ids: IdFactory) {
    this.#clock = clock;
    this.#ids = ids;
  }

  /** Number of locators currently open. */
  get size(): number {
    return this.#cursors.size;
  }

  /** First page of a freshly run query; opens a locator when more pages follow. */
  first(query: CompiledQuery, rows: SObjectRow[], pageSize: number, apiVersion: string): QueryPage {
    if (rows.length <= pageSize) return this.#page(undefined, query, rows, 0, pageSize, apiVersion);
    this.#evict();
    const cursor: Cursor = {
      id: this.#ids.next(OTHER_PREFIXES.queryLocator),
      query,
      rows,
      pageSize,
      lastUsed: this.#clock.now(),
    };
    this.#cursors.set(cursor.id, cursor);
    return this.#page(cursor.id, query, rows, 0, pageSize, apiVersion);
  }

  /**
   * The page a locator (`01g...-2000`) points at, whether asked through `/query/` or `/queryAll/`; the same
   * locator can be fetched again after a failure.
   */
  next(locator: string, apiVersion: string): QueryPage {
    const m = /^([a-zA-Z0-9]{15,18})-(\d+)$/.exec(locator);
    const cursor = m ? this.#cursors.get(m[1] ?? '') : undefined;
    const offset = Number(m?.[2] ?? Number.NaN);
    if (
      !cursor ||
      !(offset >= 0 && offset <= cursor.rows.length) ||
      this.#clock.now() - cursor.lastUsed > LOCATOR_IDLE_MS
    ) {
      if (cursor) this.#cursors.delete(cursor.id);
      throw new SalesforceApiError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
    }
    cursor.lastUsed = this.#clock.now();
    const page = this.#page(cursor.id, cursor.query, cursor.rows, offset, cursor.pageSize, apiVersion);
    if (page.done) this.#cursors.delete(cursor.id);
    return page;
  }

  #page(
    id: string | undefined,
    query: CompiledQuery,
    rows: SObjectRow[],
    offset: number,
    pageSize: number,
    apiVersion: string,
  ): QueryPage {
    const end = Math.min(rows.length, offset + pageSize);
    const records = new Array<Record<string, unknown>>(end - offset);
    for (let i = offset; i < end; i++) records[i - offset] = query.project(rows[i] as SObjectRow, apiVersion);
    const done = end >= rows.length;
    // The last page has no nextRecordsUrl key at all, as on Salesforce. The URL says `query` even for a
    // queryAll locator: "The URI specified in the nextRecordsUrl field of a QueryAll response body contains
    // query instead of queryAll" (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_queryall_more_results.htm).
    return done || !id
      ? { totalSize: rows.length, done: true, records }
      : {
          totalSize: rows.length,
          done: false,
          nextRecordsUrl: `/services/data/v${apiVersion}/query/${id}-${end}`,
          records,
        };
  }

  #evict(): void {
    const now = this.#clock.now();
    for (const [id, c] of this.#cursors) if (now - c.lastUsed > LOCATOR_IDLE_MS) this.#cursors.delete(id);
    while (this.#cursors.size >= MAX_OPEN_LOCATORS) {
      const oldest = [...this.#cursors.values()].sort((a, b) => a.lastUsed - b.lastUsed)[0];
      if (!oldest) break;
      this.#cursors.delete(oldest.id);
    }
  }
}
