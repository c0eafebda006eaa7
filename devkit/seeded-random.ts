/** Seeded, deterministic randomness for the whole dev wing: one sfc32 stream per seed, and order-free keyed draws. */

/** Seeded random numbers: the same seed gives the same sequence on every machine and run. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** Uniform in [lo, hi). */
  between(lo: number, hi: number): number;
  /** Standard normal draw. */
  normal(): number;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
}

/** 32-bit FNV-1a hash of a string: stable across runs and platforms, so text can seed a stream or key a draw. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** splitmix32 step: spreads a small integer seed over the 128 bits sfc32 needs. */
function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * Creates a seeded random source (a string seed is hashed first). sfc32 passes PractRand to 2^40 bytes and is one of the fastest
 * 32-bit generators in plain JavaScript, which matters when drawing tens of millions of values.
 */
export function createRandom(seed: number | string): Random {
  const init = { s: (typeof seed === 'string' ? hashString(seed) : seed) | 0 };
  let a = splitmix32(init);
  let b = splitmix32(init);
  let c = splitmix32(init);
  let d = splitmix32(init);
  let spare: number | null = null;

  const next = (): number => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // Warm up: the first outputs of sfc32 still show the seed's structure.
  for (let i = 0; i < 12; i++) next();

  return {
    next,
    int: (n) => Math.floor(next() * n),
    chance: (p) => next() < p,
    between: (lo, hi) => lo + (hi - lo) * next(),
    normal: () => {
      if (spare !== null) {
        const value = spare;
        spare = null;
        return value;
      }
      // Box–Muller; 1 - next() keeps the logarithm away from 0.
      const r = Math.sqrt(-2 * Math.log(1 - next()));
      const theta = 2 * Math.PI * next();
      spare = r * Math.sin(theta);
      return r * Math.cos(theta);
    },
    pick: (items) => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new RangeError('pick() needs a non-empty array');
      return item;
    },
  };
}

/** Index drawn from cumulative weights `cdf[0..length)` (non-decreasing, last = total) by binary search. */
export function pickCumulative(cdf: ArrayLike<number>, length: number, u: number): number {
  const target = u * (cdf[length - 1] ?? 0);
  let lo = 0;
  let hi = length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cdf[mid] ?? 0) > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

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

/**
 * A 32-bit unsigned hash of (seed, salt, index); the same on every machine and run. Keyed draws depend only
 * on their key, never on how many draws came before, so chunked or reordered work decides the same way.
 */
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
