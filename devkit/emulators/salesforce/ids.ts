/** Salesforce record ids: 15-character case-sensitive ids with the 3-character case-insensitive suffix. */

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/**
 * The 3-character suffix that makes a 15-character id case-insensitive: one character per block of
 * five, whose bits mark the upper-case letters of that block.
 * https://help.salesforce.com/s/articleView?id=000385585&type=1
 */
export function idSuffix(id15: string): string {
  let out = '';
  for (let block = 0; block < 3; block++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charCodeAt(block * 5 + i);
      if (c >= 65 && c <= 90) bits |= 1 << i;
    }
    out += SUFFIX[bits];
  }
  return out;
}

/** The 18-character form of a 15- or 18-character id (unchanged when already 18). */
export function to18(id: string): string {
  return id.length === 15 ? id + idSuffix(id) : id;
}

/** True for a syntactically valid 15- or 18-character id (18: with a matching suffix). */
export function isSalesforceId(id: string): boolean {
  if (!/^[a-zA-Z0-9]{15}([A-Z0-5]{3})?$/.test(id)) return false;
  return id.length === 15 || idSuffix(id.slice(0, 15)) === id.slice(15);
}

/** Issues ids per key prefix from counters, so a seeded world always gets the same ids. */
export class IdFactory {
  readonly #pod: string;
  readonly #counters = new Map<string, number>();

  /** `pod` is the 2-character instance part of every id (derived from the seed). */
  constructor(pod: string) {
    this.#pod = pod.padEnd(2, '0').slice(0, 2);
  }

  /** Next 18-character id for `keyPrefix` (e.g. `001` for Account). */
  next(keyPrefix: string): string {
    const n = (this.#counters.get(keyPrefix) ?? 0) + 1;
    this.#counters.set(keyPrefix, n);
    return to18(`${keyPrefix}${this.#pod}0${encodeBase62(n, 9)}`);
  }
}

function encodeBase62(n: number, width: number): string {
  let out = '';
  let v = n;
  while (v > 0) {
    out = BASE62[v % 62] + out;
    v = Math.floor(v / 62);
  }
  return out.padStart(width, '0');
}
