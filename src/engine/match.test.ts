import { describe, expect, it } from 'vitest';
import { SAMPLE_TAXONOMY } from '../../devkit/generator/sample-taxonomy.js';
import { inputOf, makeCert, makeDeal, makePartner, partnerId } from '../../test/support/engine-builders.js';
import { AtlasError } from '../errors.js';
import { DEFAULT_SCORING_CONFIG } from '../model/scoring.js';
import { matchPartners } from './match.js';
import { scoreEcosystem } from './score-ecosystem.js';

const wins = (n: number, count: number, sector = 'healthcare', technology = 'data_ai') =>
  Array.from({ length: count }, () =>
    makeDeal({ partner: n, sector, technologies: [technology], satisfaction: 0.9 }),
  );

function setup() {
  const partners = [
    makePartner(1, { name: 'Healthcare data specialist' }),
    makePartner(2, { name: 'Data generalist' }),
    makePartner(3, { name: 'American specialist', region: 'North America' }),
    makePartner(4, { name: 'Unrelated' }),
  ];
  const deals = [...wins(1, 8), ...wins(2, 8, 'retail'), ...wins(3, 5), ...wins(4, 8, 'energy', 'security')];
  const certifications = ['a', 'b', 'c', 'd'].map((p) => makeCert(1, p, { level: 'expert' }));
  const input = inputOf({ partners, deals, certifications });
  return { partners, run: scoreEcosystem(input) };
}

describe('matchPartners', () => {
  const base = { taxonomy: SAMPLE_TAXONOMY, config: DEFAULT_SCORING_CONFIG };

  it('ranks expertise in the exact cell first, adjacent expertise second, with reasons', () => {
    const { partners, run } = setup();
    const matches = matchPartners({
      ...base,
      scores: run,
      partners,
      opportunity: { sector: 'healthcare', technologies: ['data_ai'] },
    });
    // The two partners proven in the cell first (by their score there), then the adjacent one.
    expect(matches.map((m) => [m.rank, m.tier])).toEqual([
      [1, 'cell'],
      [2, 'cell'],
      [3, 'adjacent'],
    ]);
    expect(matches.slice(0, 2).map((m) => m.partnerId)).toEqual(
      expect.arrayContaining([partnerId(1), partnerId(3)]),
    );
    expect(matches[0]!.score).toBeGreaterThanOrEqual(matches[1]!.score);
    expect(matches[2]?.partnerId).toBe(partnerId(2));
    // A proven partner's reason is its exact cell, with its level there.
    const proven = matches.find((m) => m.partnerId === partnerId(1))!;
    const exact = run.cellsOf(partnerId(1)).find((c) => c.cell === 'healthcare|data_ai')!;
    expect(proven.level).toBe(exact.level);
    expect(proven.reason).toBe(
      `Healthcare × Data & AI${exact.level ? ` — ${exact.level}` : ''}: score ${proven.score} (confidence ${proven.confidence})`,
    );
    expect(matches[2]?.reason).toMatch(
      /^no evidence in Healthcare × Data & AI; Data & AI( — \w+)?: score [\d.]+ × 0\.5 \(adjacent\)$/,
    );
    // The adjacent partner counts at half its technology score.
    const adjacent = run.cellsOf(partnerId(2)).find((c) => c.cell === '*|data_ai')!;
    expect(Math.abs(matches[2]!.score - adjacent.score * 0.5)).toBeLessThanOrEqual(0.05 + 1e-9);
  });

  it('ranks a partner with a low exact score and a high adjacent score by its exact score, and never says "no proof"', () => {
    const partners = [1, 5, 6, 7].map((n) => makePartner(n));
    const read = (n: number, cell: string, score: number, level: string | null = null) => ({
      partnerId: partnerId(n),
      cell,
      score,
      confidence: 0.5,
      level,
    });
    const cells = [
      read(1, 'healthcare|data_ai', 85, 'Specialist'),
      // Evidence below the cell's norm in the exact cell, a Specialist in the technology: half of 90 would be 45.
      read(5, 'healthcare|data_ai', 40),
      read(5, '*|data_ai', 90, 'Specialist'),
      // No evidence in the exact cell: half its technology score.
      read(6, '*|data_ai', 70, 'Proven'),
      // Proven in the exact cell, stronger in the sector: its exact score still counts.
      read(7, 'healthcare|data_ai', 55),
      read(7, 'healthcare|*', 95, 'Specialist'),
    ];
    const matches = matchPartners({
      ...base,
      scores: { cells },
      partners,
      opportunity: { sector: 'healthcare', technologies: ['data_ai'] },
    });
    expect(matches.map((m) => [m.partnerId, m.tier, m.score])).toEqual([
      [partnerId(1), 'cell', 85],
      [partnerId(7), 'cell', 55],
      [partnerId(5), 'adjacent', 40],
      [partnerId(6), 'adjacent', 35],
    ]);
    const weak = matches.find((m) => m.partnerId === partnerId(5))!;
    expect(weak.reason).toBe(
      'Healthcare × Data & AI: score 40 (confidence 0.5), below the 50 of a proven partner',
    );
    for (const m of matches.filter((x) => x.partnerId !== partnerId(6))) {
      expect(m.reason).not.toMatch(/no proof|no evidence|adjacent/);
    }
  });

  it('gives a partner without evidence in the exact cell half its adjacent score', () => {
    const partners = [makePartner(6)];
    const matches = matchPartners({
      ...base,
      scores: {
        cells: [
          { partnerId: partnerId(6), cell: 'healthcare|*', score: 44, confidence: 0.4, level: 'Emerging' },
          { partnerId: partnerId(6), cell: '*|data_ai', score: 60, confidence: 0.6, level: 'Proven' },
        ],
      },
      partners,
      opportunity: { sector: 'healthcare', technologies: ['data_ai'] },
    });
    expect(matches).toHaveLength(1);
    expect(matches[0]).toMatchObject({ tier: 'adjacent', score: 30, confidence: 0.6 });
    expect(matches[0]?.reason).toBe(
      'no evidence in Healthcare × Data & AI; Data & AI — Proven: score 60 × 0.5 (adjacent)',
    );
  });

  it('keeps only partners of the region asked for', () => {
    const { partners, run } = setup();
    const matches = matchPartners({
      ...base,
      scores: run,
      partners,
      opportunity: { sector: 'healthcare', technologies: ['data_ai'], region: 'north america' },
    });
    expect(matches.map((m) => m.partnerId)).toEqual([partnerId(3)]);
  });

  it("proposes only partners of the customer's region, named by its taxonomy key, and says so", () => {
    const { partners, run } = setup();
    const taxonomy = {
      ...SAMPLE_TAXONOMY,
      regions: [
        { key: 'emea', label: 'EMEA', countries: ['DE'] },
        { key: 'north_america', label: 'North America', countries: ['US'] },
      ],
    };
    const match = (region: string) =>
      matchPartners({
        ...base,
        taxonomy,
        scores: run,
        partners,
        opportunity: { sector: 'healthcare', technologies: ['data_ai'], region },
      });
    const american = match('north_america');
    expect(american.map((m) => m.partnerId)).toEqual([partnerId(3)]);
    expect(american[0]?.reason).toMatch(/; based in North America, the customer's region$/);
    const european = match('emea');
    expect(european.map((m) => m.partnerId)).toEqual([partnerId(1), partnerId(2)]);
    expect(european.every((m) => m.reason.endsWith("based in EMEA, the customer's region"))).toBe(true);
    expect(match('latam')).toEqual([]);
  });

  it('gives the same ranking from a stored snapshot as from a fresh run', () => {
    const { partners, run } = setup();
    const opportunity = { sector: 'healthcare', technologies: ['data_ai'] };
    const fromRun = matchPartners({ ...base, scores: run, partners, opportunity });
    const fromSnapshot = matchPartners({ ...base, scores: run.toSnapshot(), partners, opportunity });
    expect(fromSnapshot).toEqual(fromRun);
  });

  it('matches a technology alone on technology cells', () => {
    const { partners, run } = setup();
    const matches = matchPartners({
      ...base,
      scores: run,
      partners,
      opportunity: { sector: null, technologies: ['security'] },
    });
    expect(matches.map((m) => m.partnerId)).toEqual([partnerId(4)]);
    expect(matches[0]?.cells.map((c) => c.cell)).toEqual(['*|security']);
  });

  it('rejects unknown sectors and empty opportunities clearly', () => {
    const { partners, run } = setup();
    expect(() =>
      matchPartners({ ...base, scores: run, partners, opportunity: { sector: 'moon', technologies: [] } }),
    ).toThrow('unknown sector "moon"');
    expect(() =>
      matchPartners({ ...base, scores: run, partners, opportunity: { sector: null, technologies: [] } }),
    ).toThrow(AtlasError);
  });
});
