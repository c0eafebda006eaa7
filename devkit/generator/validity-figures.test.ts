import { describe, expect, it } from 'vitest';
import { PartnerIdSchema } from '../../src/model/partner.js';
import type { GroundTruth } from './generate-ecosystem.js';
import { countSpread, type LevelRows, levelChurn, levelFigures, rankFigures } from './validity-figures.js';

/**
 * Two sectors × one technology, three partners. Grid cells: pairs 0 (s0) and 1 (s1), sectors 2 and 3,
 * technology 4. True experts: A in pair 0, B in pair 1. Sizes make A small, C medium, B large.
 */
function truth(): GroundTruth {
  return {
    sectors: ['retail', 'energy'],
    technologies: ['crm'],
    partnerIds: ['A', 'B', 'C'].map((id) => PartnerIdSchema.parse(id)),
    expertise: Float32Array.from([0.9, 0.1, 0.2, 0.8, 0.1, 0.1]),
    archetypes: new Uint8Array(3),
    size: Float32Array.from([1, 3, 2]),
  };
}

const rows = (list: [partner: number, cell: number, level: number][]): LevelRows => ({
  count: list.length,
  partner: list.map((r) => r[0]),
  cell: list.map((r) => r[1]),
  level: list.map((r) => r[2]),
});

describe('levelFigures', () => {
  it('counts recall over every true-expert pair, precision over top-level and top-two-level rows, and axis rows by their pairs', () => {
    const figures = levelFigures(
      truth(),
      rows([
        [0, 0, 0], // A, top level where it is expert: found (small), a precise Specialist
        [1, 1, 2], // B, third level where it is expert: not found
        [2, 0, 0], // C, top level where it is not expert
        [2, 1, 1], // C, second level where it is not expert: lowers Proven+ precision only
        [2, 2, 0], // C, top in sector retail: no expert pair there
        [1, 3, 0], // B, top in sector energy: expert in energy × crm
        [0, 4, -1], // no level: ignored
      ]),
    );
    expect(figures).toEqual({
      expertRecallProvenPlus: 0.5,
      specialistPrecision: 0.5,
      provenPlusPrecision: 1 / 3,
      axisSpecialistPrecision: 0.5,
      recallBySize: { small: 1, medium: null, large: 0 },
    });
  });
});

describe('rankFigures', () => {
  it('gives R-precision 1 to a ranking that puts each cell’s experts first', () => {
    // Dense scores p * 2 + c: A leads pair 0, B leads pair 1.
    expect(rankFigures(truth(), [5, 0, 1, 4, 0, 2]).rprec).toBe(1);
    expect(rankFigures(truth(), [0, 5, 5, 0, 1, 1]).rprec).toBe(0);
  });
});

describe('levelChurn', () => {
  it('is the share of rows with a level on either night whose level differs', () => {
    const before = rows([
      [0, 0, 0],
      [1, 1, 2],
      [2, 1, -1],
    ]);
    const after = rows([
      [0, 0, 0],
      [1, 1, 1],
      [2, 0, 2],
    ]);
    expect(levelChurn(before, after, 5)).toBeCloseTo(2 / 3, 12);
    expect(levelChurn(rows([]), rows([]), 5)).toBeNull();
  });
});

describe('countSpread', () => {
  it('takes nearest-rank percentiles', () => {
    expect(countSpread([10, 9, 8, 7, 6, 5, 4, 3, 2, 1])).toEqual({ p50: 5, p90: 9, max: 10 });
    expect(countSpread([])).toBeNull();
  });
});
