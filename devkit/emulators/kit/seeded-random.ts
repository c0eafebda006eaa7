/** Deterministic pseudo-random numbers for the emulators: same seed, same sequence, same faults. */

/** A source of numbers in [0, 1) that replays identically for the same seed. */
export interface SeededRandom {
  /** Next number in [0, 1). */
  next(): number;
  /** Next integer in [0, max). */
  int(max: number): number;
  /** The seed this source started from. */
  readonly seed: number;
}

/** 32-bit FNV-1a hash of a string: stable across runs and platforms, used to seed and to key decisions. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * mulberry32: tiny, fast and good enough to decide faults; not for anything secret.
 * @example const rnd = createSeededRandom(42); rnd.next() < 0.1
 */
export function createSeededRandom(seed: number | string = 1): SeededRandom {
  const start = typeof seed === 'string' ? hashString(seed) : seed >>> 0;
  let a = start;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { seed: start, next, int: (max) => Math.floor(next() * max) };
}

/** One-off deterministic number in [0, 1) for a key, independent of call order (same key, same answer). */
export function keyedUnit(seed: number, key: string): number {
  const h = hashString(`${seed}:${key}`);
  return createSeededRandom(h).next();
}
