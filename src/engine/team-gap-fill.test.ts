import { describe, expect, it } from 'vitest';
import { SAMPLE_TAXONOMY } from '../generator/sample-taxonomy.js';
import { GapFillSchema } from '../model/score.js';
import { DEFAULT_SCORING_CONFIG } from '../model/scoring.js';
import { scoreEcosystem } from './score-ecosystem.js';
import { coDeal, evidence, proven, specialist, wins } from './team-fixtures.js';
import { fillGaps } from './team-gap-fill.js';
import { inputOf, makeDeal, makePartner, partnerId } from './test-builders.js';

const base = { taxonomy: SAMPLE_TAXONOMY, config: DEFAULT_SCORING_CONFIG };
const P = partnerId;

/**
 * Healthcare × ERP has a hundred customer deals and only P11 (Proven) and P12 (Emerging) there. P1 and
 * P2 are Specialists in other healthcare technologies, P3 Proven in one; P13 is an ERP Specialist in energy.
 */
function world(extra: Parameters<typeof evidence> = []) {
  const partners = [1, 2, 3, 11, 12, 13].map((n) => makePartner(n));
  const demand = Array.from({ length: 100 }, () =>
    makeDeal({ sector: 'healthcare', technologies: ['erp'], status: 'lost' }),
  );
  const { deals, certifications } = evidence(
    specialist(1, 'healthcare', 'data_ai'),
    specialist(2, 'healthcare', 'security'),
    proven(3, 'healthcare', 'cloud'),
    proven(11, 'healthcare', 'erp'),
    { deals: wins(12, 2, 'healthcare', 'erp'), certifications: [] },
    specialist(13, 'energy', 'erp'),
    ...extra,
  );
  const run = scoreEcosystem(inputOf({ partners, deals: [...deals, ...demand], certifications }));
  const level = (n: number, cell: string) => run.cellsOf(P(n)).find((c) => c.cell === cell)?.level ?? null;
  return { partners, run, level };
}

describe('fillGaps', () => {
  it('lists the partners closest to the top level in every gap cell, with what each is missing', () => {
    const { partners, run, level } = world();
    expect(level(11, 'healthcare|erp')).toBe('Proven');
    expect(level(12, 'healthcare|erp')).toBe('Emerging');
    const gaps = fillGaps({ ...base, scores: run, partners });
    const flagged = run.map.cells.filter((c) => c.flags.includes('gap')).map((c) => c.cell);
    expect(gaps.map((g) => g.cell)).toEqual(flagged);
    expect(flagged).toContain('healthcare|erp');
    for (const gap of gaps) expect(GapFillSchema.parse(gap)).toEqual(gap);

    const erp = gaps.find((g) => g.cell === 'healthcare|erp')!;
    expect(erp.label).toBe('Healthcare × ERP & Finance Apps');
    expect(erp.demand).toBeGreaterThanOrEqual(100);
    expect(erp.closest.map((c) => [c.partnerId, c.level])).toEqual([
      [P(11), 'Proven'],
      [P(12), 'Emerging'],
    ]);
    expect(erp.closest[0]?.missing).toContainEqual({ requirement: 'wonCustomers', have: 4, need: 5 });
    expect(erp.closest[0]?.missing).toContainEqual({ requirement: 'certifiedPeople', have: 1, need: 3 });
    expect(erp.closest[1]?.missing).toContainEqual({ requirement: 'certifiedPeople', have: 0, need: 3 });
    expect(erp.closest[0]?.summary).toMatch(
      /^Specialist in Healthcare × ERP & Finance Apps needs .*1 more won customer in Healthcare × ERP & Finance Apps \(within the level window\); 2 more certified people in ERP & Finance Apps$/,
    );
  });

  it('proposes split teams: a healthcare partner with other technologies and an ERP partner from other sectors', () => {
    const { partners, run, level } = world();
    expect(level(1, 'healthcare|*')).toBe('Specialist');
    expect(level(3, 'healthcare|*')).toBe('Proven');
    expect(level(13, '*|erp')).toBe('Specialist');
    const erp = fillGaps({ ...base, scores: run, partners }).find((g) => g.cell === 'healthcare|erp')!;
    // P11 is proven in the cell itself (already capacity) and is on neither side; P12 holds too little.
    expect(erp.teams.map((t) => [t.sectorSide.partnerId, t.technologySide.partnerId])).toEqual([
      [P(1), P(13)],
      [P(2), P(13)],
      [P(3), P(13)],
    ]);
    expect(erp.teams[0]).toMatchObject({
      sectorSide: { cell: 'healthcare|*', level: 'Specialist' },
      technologySide: { cell: '*|erp', level: 'Specialist' },
      coDeliveredWonDeals: 0,
    });
    expect(erp.teams[0]?.reason).toMatch(
      /^Partner 1 knows Healthcare customers \(Specialist, score [\d.]+\), Partner 13 knows ERP & Finance Apps \(Specialist, score [\d.]+\); neither has proven Healthcare × ERP & Finance Apps yet$/,
    );
  });

  it('puts pairs that already co-delivered first among equally strong pairs', () => {
    const { partners, run } = world([{ deals: [coDeal([2, 13], 'retail', 'crm')], certifications: [] }]);
    const erp = fillGaps({ ...base, scores: run, partners }).find((g) => g.cell === 'healthcare|erp')!;
    expect(erp.teams.map((t) => [t.sectorSide.partnerId, t.coDeliveredWonDeals])).toEqual([
      [P(2), 1],
      [P(1), 0],
      [P(3), 0],
    ]);
    expect(erp.teams[0]?.reason).toMatch(/; already co-delivered 1 won deal$/);
  });

  it('gives sector and technology gap cells no teams, and returns nothing without gaps', () => {
    const { partners, run } = world();
    const gaps = fillGaps({ ...base, scores: run, partners });
    const wide = gaps.filter((g) => g.kind !== 'pair');
    expect(wide.map((g) => g.cell)).toContain('*|erp');
    for (const gap of wide) expect(gap.teams).toEqual([]);
    const quiet = scoreEcosystem(inputOf({ partners, ...specialist(1, 'healthcare', 'data_ai') }));
    expect(fillGaps({ ...base, scores: quiet, partners })).toEqual([]);
  });
});
