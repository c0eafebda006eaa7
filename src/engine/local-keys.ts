/** Fast string lookups for the evidence pass: a fixed index of ids, and per-batch numbering of distinct keys. */

/**
 * Hash of a CRM id: FNV-1a over its last 16 characters and its length. CRM ids differ at the end
 * (`salesforce:Account:0015g00000AbCdE…`), so the tail spreads them well at a third of the cost of the
 * whole string; equal hashes are always confirmed by comparing the strings.
 */
export function hashId(s: string): number {
  let h = Math.imul(0x811c9dc5 ^ s.length, 0x01000193);
  for (let i = Math.max(0, s.length - 16); i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * A read-only index of distinct strings (partner ids). Why not a Map: an open-addressing table of
 * 32-bit slots for 100 000 ids fits in the CPU cache, which a Map of that size does not.
 */
export class StringIndex {
  private readonly slots: Int32Array;
  private readonly mask: number;

  /** Indexes `keys`; for a repeated key the first position wins. */
  constructor(private readonly keys: readonly string[]) {
    const size = 2 ** Math.ceil(Math.log2(Math.max(16, keys.length * 2)));
    this.slots = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    keys.forEach((key, i) => {
      let at = hashId(key) & this.mask;
      for (;;) {
        const slot = this.slots[at]!;
        if (slot < 0) {
          this.slots[at] = i;
          return;
        }
        if (keys[slot] === key) return;
        at = (at + 1) & this.mask;
      }
    });
  }

  /** Position of `key`, or -1. */
  get(key: string): number {
    let at = hashId(key) & this.mask;
    for (;;) {
      const slot = this.slots[at]!;
      if (slot < 0) return -1;
      if (this.keys[slot] === key) return slot;
      at = (at + 1) & this.mask;
    }
  }
}

/**
 * Numbers the distinct keys of a small batch (one partner's customers or people) in order of first
 * appearance, from precomputed hashes. The strings themselves are only read when two hashes are equal,
 * to confirm it is the same key (so hash collisions never merge two customers).
 */
export class LocalKeys {
  private slots = new Int32Array(64);
  private slotHash = new Uint32Array(64);
  private mask = 63;
  /** First item of each distinct key, by key number. */
  private firsts: number[] = [];

  /** Forgets all keys and makes room for up to `n` of them. */
  reset(n: number): void {
    const size = 2 ** Math.ceil(Math.log2(Math.max(16, n * 2)));
    if (size > this.slots.length) {
      this.slots = new Int32Array(size);
      this.slotHash = new Uint32Array(size);
    }
    this.mask = size - 1;
    this.slots.fill(-1, 0, size);
    this.firsts.length = 0;
  }

  /**
   * The number of item `item`'s key (0 for the first distinct key since reset, 1 for the next, …).
   * `hash` is its key's hashId; `keyOf(item)` reads the key, only when hashes collide.
   */
  index(item: number, hash: number, keyOf: (item: number) => string | null): number {
    let at = hash & this.mask;
    for (;;) {
      const slot = this.slots[at]!;
      if (slot < 0) {
        const number = this.firsts.length;
        this.firsts.push(item);
        this.slots[at] = number;
        this.slotHash[at] = hash;
        return number;
      }
      if (this.slotHash[at] === hash && keyOf(this.firsts[slot]!) === keyOf(item)) return slot;
      at = (at + 1) & this.mask;
    }
  }
}
