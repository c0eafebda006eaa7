import { describe, expect, it } from 'vitest';
import { Arena } from './arena.js';

describe('Arena', () => {
  it('carves aligned, non-overlapping typed arrays from one buffer', () => {
    const arena = new Arena(Arena.size(3, 5 * 4, 2 * 8));
    const bytes = arena.u8(3);
    const ints = arena.i32(5);
    const doubles = arena.f64(2);
    expect(arena.buffer.byteLength).toBeGreaterThanOrEqual(8 + 24 + 16);
    ints.fill(-1);
    doubles.fill(0.5);
    bytes.fill(7);
    expect(Array.from(ints)).toEqual([-1, -1, -1, -1, -1]);
    expect(Array.from(doubles)).toEqual([0.5, 0.5]);
    expect(ints.byteOffset % 8).toBe(0);
    expect(doubles.byteOffset % 8).toBe(0);
  });

  it('refuses to hand out more than it holds', () => {
    const arena = new Arena(8);
    arena.f64(arena.buffer.byteLength / 8);
    expect(() => arena.u8(1)).toThrow('arena too small');
  });
});
