/** Case- and space-insensitive lookup of CRM text values, memoising the raw spellings it meets. */

const MISS = Symbol('miss');
/** Distinct raw spellings remembered per lookup: picklists repeat a handful of values millions of times. */
const SEEN_MAX = 10_000;

/** Normal form of a raw text value for matching: trimmed, lower case. */
export function normaliseText(value: string): string {
  return value.trim().toLowerCase();
}

export class TextLookup<V> {
  private readonly normal = new Map<string, V>();
  private readonly seen = new Map<string, V | typeof MISS>();

  /** Earlier entries win when two keys normalise alike. */
  constructor(entries: Iterable<readonly [string, V]>) {
    for (const [key, value] of entries) {
      const norm = normaliseText(key);
      if (!this.normal.has(norm)) this.normal.set(norm, value);
    }
  }

  /** The value of `raw` compared trimmed and case-insensitively, or undefined. */
  get(raw: string): V | undefined {
    const hit = this.seen.get(raw);
    if (hit !== undefined) return hit === MISS ? undefined : hit;
    const norm = normaliseText(raw);
    const value = this.normal.has(norm) ? this.normal.get(norm) : undefined;
    if (this.seen.size < SEEN_MAX) this.seen.set(raw, value === undefined ? MISS : value);
    return value;
  }

  has(raw: string): boolean {
    return this.get(raw) !== undefined;
  }
}
