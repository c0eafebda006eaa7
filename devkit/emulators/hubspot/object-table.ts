/**
 * The records of one object type, stored column-wise so millions of records fit in memory and seed fast:
 * ids, create/update/archive times as number arrays, and one array per property holding wire strings.
 */
import type { ObjectTypeDefinition } from './object-types.js';

/** Largest gap a column write may leave before the column is padded (keeps V8 arrays in fast mode). */
const MAX_COLUMN_GAP = 1_024;

/** The records of one type. Row numbers are internal; HubSpot ids are numbers rendered as strings. */
export class ObjectTable {
  readonly def: ObjectTypeDefinition;
  readonly ids: number[] = [];
  readonly created: number[] = [];
  readonly updated: number[] = [];
  /** 0 while live; the archive time (ms) once archived. */
  readonly archivedAt: number[] = [];
  readonly columns = new Map<string, Array<string | null | undefined>>();
  /** Bumped on every write: search caches compare it to know whether to rebuild. */
  version = 0;
  /** Bumped per column, so a unique-value index survives writes to other columns. */
  readonly columnVersions = new Map<string, number>();
  liveCount = 0;
  readonly #rowOf = new Map<number, number>();
  #nextId: number;
  #sorted = true;
  #order: { version: number; rows: Int32Array } | undefined;

  constructor(def: ObjectTypeDefinition) {
    this.def = def;
    this.#nextId = def.idBase + 1;
  }

  /** Number of rows, archived included. */
  get size(): number {
    return this.ids.length;
  }

  /** Row of a record id, or undefined. */
  rowOf(id: number): number | undefined {
    return this.#rowOf.get(id);
  }

  /** Row of a record id given as a path/body string; undefined when malformed or unknown. */
  rowOfString(id: string): number | undefined {
    if (!/^\d+$/.test(id)) return undefined;
    return this.#rowOf.get(Number(id));
  }

  /** Whether a row is live (not archived). */
  isLive(row: number): boolean {
    return this.archivedAt[row] === 0;
  }

  /** Hands out the next id (used when a write does not bring its own). */
  allocateId(): number {
    return this.#nextId++;
  }

  /** Appends a record; the id must be new. Returns its row. */
  insert(id: number, created: number, updated: number, archivedAt = 0): number {
    if (this.#rowOf.has(id)) throw new Error(`record ${id} already exists in ${this.def.name}`);
    const row = this.ids.length;
    const last = this.ids[row - 1];
    if (last !== undefined && id < last) this.#sorted = false;
    this.ids.push(id);
    this.created.push(created);
    this.updated.push(updated);
    this.archivedAt.push(archivedAt);
    this.#rowOf.set(id, row);
    if (id >= this.#nextId) this.#nextId = id + 1;
    if (archivedAt === 0) this.liveCount++;
    this.version++;
    return row;
  }

  /** Writes one stored value (system properties are not stored; see `value`). */
  set(row: number, name: string, value: string | null): void {
    const col = this.columnFor(name);
    ObjectTable.pad(col, row);
    col[row] = value;
    this.columnVersions.set(name, (this.columnVersions.get(name) ?? 0) + 1);
    this.version++;
  }

  /**
   * The array of one property for bulk writes (seeding): the caller writes `col[row]` for rows it just
   * inserted, in order, then calls `bumpColumn`. Skips the per-value bookkeeping of `set`.
   */
  columnFor(name: string): Array<string | null | undefined> {
    let col = this.columns.get(name);
    if (!col) {
      col = [];
      this.columns.set(name, col);
    }
    return col;
  }

  /** Pads a column so writing `row` leaves no large hole (see MAX_COLUMN_GAP). */
  static pad(col: Array<string | null | undefined>, row: number): void {
    if (row > col.length + MAX_COLUMN_GAP) {
      while (col.length < row) col.push(undefined);
    }
  }

  /** Records a bulk write to a column. */
  bumpColumn(name: string): void {
    this.columnVersions.set(name, (this.columnVersions.get(name) ?? 0) + 1);
    this.version++;
  }

  /** Stored value of a property: undefined when never set, null when cleared. */
  stored(row: number, name: string): string | null | undefined {
    return this.columns.get(name)?.[row];
  }

  /** Wire value of any property, system ones derived from record metadata. */
  value(row: number, name: string): string | null | undefined {
    if (name === 'hs_object_id') return String(this.ids[row]);
    if (name === this.def.createdDateProperty) return new Date(this.created[row] ?? 0).toISOString();
    if (this.def.modifiedDateProperties.includes(name)) return new Date(this.updated[row] ?? 0).toISOString();
    return this.columns.get(name)?.[row];
  }

  /** Marks a write: HubSpot moves hs_lastmodifieddate on every property change. */
  touch(row: number, at: number): void {
    this.updated[row] = at;
    this.version++;
  }

  /** Archives a live record. Archiving leaves hs_lastmodifieddate alone, as HubSpot does. */
  archive(row: number, at: number): void {
    if (this.archivedAt[row] !== 0) return;
    this.archivedAt[row] = at;
    this.liveCount--;
    this.version++;
  }

  /** Rows sorted by id, built once per version when ids were not inserted in ascending order. */
  #idOrder(): Int32Array {
    if (!this.#order || this.#order.version !== this.version) {
      const rows = Int32Array.from({ length: this.ids.length }, (_, i) => i);
      const ids = this.ids;
      rows.sort((a, b) => (ids[a] ?? 0) - (ids[b] ?? 0));
      this.#order = { version: this.version, rows };
    }
    return this.#order.rows;
  }

  /** Whether rows are already in id order (then row i is the i-th record in id order). */
  get inIdOrder(): boolean {
    return this.#sorted;
  }

  /** Position (in id order) of the first record with id >= `id`. */
  positionOfId(id: number): number {
    const order = this.#sorted ? undefined : this.#idOrder();
    let lo = 0;
    let hi = this.ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const row = order ? (order[mid] ?? 0) : mid;
      if ((this.ids[row] ?? 0) < id) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Row at a position in id order. */
  rowAtPosition(position: number): number {
    if (this.#sorted) return position;
    return this.#idOrder()[position] ?? -1;
  }
}
