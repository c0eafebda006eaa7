import { describe, expect, it } from 'vitest';
import { SAMPLE_TAXONOMY } from '../../devkit/generator/sample-taxonomy.js';
import {
  BACKGROUND_FROM,
  inputOf,
  makeDeal,
  makePartner,
  partnerId,
} from '../../test/support/engine-builders.js';
import * as fixtures from '../../test/support/team-fixtures.js';
import { GapFillSchema } from '../model/score-gaps.js';
import { DEFAULT_SCORING_CONFIG } from '../model/scoring.js';
import { scoreEcosystem } from './score-ecosystem.js';
import { fillGaps } from './team-gap-fill.js';
import { TEAM_SCORE_STEP } from './team-match.js';

const { certs, coDeal, evidence, market, proven, specialist, wins } = fixtures;

const base = { taxonomy: SAMPLE_TAXONOMY, config: DEFAULT_SCORING_CONFIG };
const P = partnerId;

/**
 * Healthcare × ERP has a hundred customer deals and, of the partners under test, only P11 (Proven, nobody
 * certified) and P12 (Emerging: one customer won of five deals there, with poor delivery, and lost deals
 * elsewhere) there. P1 and P2 are Specialists in two other healthcare technologies each
 * (so in Healthcare), P3 Proven in two (so Proven in Healthcare); P13 is an ERP Specialist in energy and in
 * manufacturing (so in ERP). An ordinary market (partners 900+, no ERP work of its own, no certified
 * people in ERP) bids in all those cells: it sets their norms and holds no level there.
 */
function world(extra: Parameters<typeof evidence> = []) {
  const cast = [1, 2, 3, 11, 12, 13].map((n) => makePartner(n));
  const others = market(
    [
      ...['data_ai', 'crm', 'security', 'cloud', 'erp'].map((t) => `healthcare|${t}`),
      'energy|erp',
      'manufacturing|erp',
    ],
    ['*|erp'],
  );
  const demand = Array.from({ length: 100 }, () =>
    makeDeal({ sector: 'healthcare', technologies: ['erp'], status: 'lost' }),
  );
  const { deals, certifications } = evidence(
    specialist(1, 'healthcare', 'data_ai'),
    specialist(1, 'healthcare', 'crm'),
    specialist(2, 'healthcare', 'security'),
    specialist(2, 'healthcare', 'cloud'),
    proven(3, 'healthcare', 'cloud'),
    proven(3, 'healthcare', 'crm'),
    { deals: wins(11, 2, 'healthcare', 'erp', 1), certifications: [] },
    {
      deals: [
        ...wins(12, 1, 'healthcare', 'erp', 4, { satisfaction: 0.3 }),
        ...wins(12, 0, 'public_sector', 'cloud', 3),
      ],
      certifications: [],
    },
    specialist(13, 'energy', 'erp'),
    specialist(13, 'manufacturing', 'erp'),
    others,
    ...extra,
  );
  const partners = [...cast, ...others.partners];
  const run = scoreEcosystem(inputOf({ partners, deals: [...deals, ...demand], certifications }));
  const level = (n: number, cell: string) => run.cellsOf(P(n)).find((c) => c.cell === cell)?.level ?? null;
  return { partners, run, level };
}

const fromMarket = (id: string) => Number(id.split(':P')[1]) >= BACKGROUND_FROM;

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
    // P11 and P12 are closest; after them, the market's partners (no level, further from the top).
    expect(erp.closest.slice(0, 2).map((c) => [c.partnerId, c.level])).toEqual([
      [P(11), 'Proven'],
      [P(12), 'Emerging'],
    ]);
    for (const c of erp.closest.slice(2)) expect(fromMarket(c.partnerId)).toBe(true);
    // Specialist asks 3 won customers and a certified person.
    expect(erp.closest[0]?.missing).toContainEqual({ requirement: 'wonCustomers', have: 2, need: 3 });
    expect(erp.closest[0]?.missing).toContainEqual({ requirement: 'certifiedPeople', have: 0, need: 1 });
    expect(erp.closest[1]?.missing).toContainEqual({ requirement: 'wonCustomers', have: 1, need: 3 });
    expect(erp.closest[1]?.missing).toContainEqual({ requirement: 'certifiedPeople', have: 0, need: 1 });
    expect(erp.closest[0]?.summary).toMatch(
      /^Specialist in Healthcare × ERP & Finance Apps needs .*1 more won customer in Healthcare × ERP & Finance Apps \(within the level window\); 1 more certified person in ERP & Finance Apps(; more closed deals or certified people in Healthcare × ERP & Finance Apps: the score rests \d+% on the partner's own evidence, \d+% needed)?$/,
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
    // An ERP deal P2 and P13 won together for a customer of no known sector: P2's Healthcare record stays
    // the same as P1's (a deal in another sector would dilute P2's share of work in Healthcare).
    const { partners, run } = world([{ deals: [coDeal([2, 13], null, 'erp')], certifications: [] }]);
    const erp = fillGaps({ ...base, scores: run, partners }).find((g) => g.cell === 'healthcare|erp')!;
    // The premise: P1's and P2's pairs are equally strong at the ranking's grain (one score step).
    const step = (score: number) => Math.floor(score / TEAM_SCORE_STEP);
    const weakest = (n: number) => erp.teams.find((t) => t.sectorSide.partnerId === P(n))!.weakestScore;
    expect(step(weakest(2))).toBe(step(weakest(1)));
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
    // A partner whose deals all closed before the demand window: no demand, so no gap anywhere.
    const old = { closeDate: '2024-03-31' };
    const quiet = scoreEcosystem(
      inputOf({
        partners,
        deals: wins(1, 8, 'healthcare', 'data_ai', 1, old),
        certifications: certs(1, 3, 'data_ai'),
      }),
    );
    expect(quiet.map.cells.filter((c) => c.flags.includes('gap'))).toEqual([]);
    expect(fillGaps({ ...base, scores: quiet, partners })).toEqual([]);
  });
});
