/** Order-free seeded draws: a decision about record `index` depends only on (seed, salt, index), never on chunking. */

/** murmur3's 32-bit finaliser: spreads every input bit over the output. */
function fmix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A 32-bit unsigned hash of (seed, salt, index); the same on every machine and run. */
export function keyedHash(seed: number, salt: number, index: number): number {
  const a = fmix32(Math.imul(seed | 0, 0x9e3779b1) ^ salt);
  // Indexes go up to tens of millions: fold the high part in too so large indexes stay distinct.
  return fmix32(a ^ fmix32(index | 0) ^ Math.imul(Math.floor(index / 4294967296), 0x27d4eb2f));
}

/** Uniform in [0, 1) for (seed, salt, index). */
export function keyedUnit(seed: number, salt: number, index: number): number {
  return keyedHash(seed, salt, index) / 4294967296;
}

/** One element of a non-empty list, chosen by a hash. */
export function pickBy<T>(items: readonly T[], hash: number): T {
  const item = items[hash % items.length];
  if (item === undefined) throw new RangeError('pickBy() needs a non-empty list');
  return item;
}

/**
 * Salts of the seeder's independent decisions. Each kind of decision gets its own stream, so adding a
 * new one never shifts the draws of the others.
 */
export const SALT = {
  partnerCrm: 0x01,
  peopleCrm: 0x02,
  dealCrm: 0x03,
  website: 0x04,
  partnerIndustry: 0x05,
  customerName: 0x06,
  customerIndustry: 0x07,
  customerCountry: 0x08,
  customerDates: 0x09,
  dealDates: 0x0a,
  junction: 0x0b,
  partnerRole: 0x0c,
  family: 0x0d,
  quantity: 0x0e,
  certValues: 0x0f,
  dirtyIndustry: 0x10,
  dirtyFamily: 0x11,
  duplicate: 0x12,
  unicodeName: 0x13,
  danglingRef: 0x14,
  domainVariant: 0x15,
} as const;
