/**
 * Orders the evidence pass's items into groups: deal entries and certifications by partner (for the
 * partner-by-partner pass), then one partner's items by customer or person (each counts once per cell).
 */
import { LocalKeys } from './local-keys.js';

/**
 * A stable counting sort by partner: afterwards `order[start[p]..start[p + 1])` are the items of partner
 * `p`, in item order. Items whose partner is negative (unknown) are left out. `start` must be zeroed.
 */
export function groupByPartner(
  partnerOf: Int32Array,
  items: number,
  start: Int32Array,
  order: Int32Array,
): void {
  const partners = start.length - 1;
  for (let i = 0; i < items; i++) {
    const p = partnerOf[i]!;
    if (p >= 0) start[p + 1] = start[p + 1]! + 1;
  }
  for (let p = 0; p < partners; p++) start[p + 1] = start[p + 1]! + start[p]!;
  const fill = start.slice(0, partners);
  for (let i = 0; i < items; i++) {
    const p = partnerOf[i]!;
    if (p < 0) continue;
    const at = fill[p]!;
    fill[p] = at + 1;
    order[at] = i;
  }
}

/** Items are sorted by `group * 2^21 + position`, exact in a double below 2^53. */
const LOCAL_BITS = 2 ** 21;

/**
 * One partner's items (deals, certifications) sorted by group (customer, person), groups numbered in order
 * of first appearance so that a partner's numbers depend on nothing but its own records. Reused from
 * partner to partner: its buffers only grow.
 *
 * Use: `begin(n)`, then `add(k, …)` for each item k < n, `sort()`, and walk the groups with `groupEnd`.
 */
export class ItemGroups {
  private buffer = new Float64Array(1024);
  private readonly local = new LocalKeys();
  /** The sorted keys of the current items; `itemOf(keys[i])` is the item. */
  keys = this.buffer.subarray(0, 0);

  /** Starts a batch of `n` items of partner `partnerId` (named in the error when there are too many to number). */
  begin(n: number, partnerId: string): void {
    if (n >= LOCAL_BITS) {
      throw new RangeError(`partner ${partnerId} has more than ${LOCAL_BITS} deals or certifications`);
    }
    if (this.buffer.length < n) this.buffer = new Float64Array(Math.max(n, this.buffer.length * 2));
    this.keys = this.buffer.subarray(0, n);
    this.local.reset(n);
  }

  /**
   * Puts item `k` in the group of its key: `hash` is the key's hashId and `keyOf(k)` reads the key (only
   * on equal hashes). An item without a key (`hasKey` false) is a group of its own: nothing says it repeats.
   */
  add(k: number, hasKey: boolean, hash: number, keyOf: (item: number) => string | null): void {
    const group = hasKey ? this.local.index(k, hash, keyOf) : LOCAL_BITS + k;
    this.keys[k] = group * LOCAL_BITS + k;
  }

  sort(): void {
    this.keys.sort();
  }

  /** End (exclusive) of the group that starts at sorted position `g`. */
  groupEnd(g: number): number {
    const keys = this.keys;
    const group = Math.floor(keys[g]! / LOCAL_BITS);
    let h = g + 1;
    while (h < keys.length && Math.floor(keys[h]! / LOCAL_BITS) === group) h++;
    return h;
  }

  /** The item at sorted position `i`. */
  itemAt(i: number): number {
    return this.keys[i]! % LOCAL_BITS;
  }
}
