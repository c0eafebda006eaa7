import { describe, expect, it } from 'vitest';
import { AtlasError } from '../errors.js';
import { SAMPLE_TAXONOMY } from '../generator/sample-taxonomy.js';
import { DEFAULT_SCORING_CONFIG } from '../model/scoring.js';
import { matchPartners } from './match.js';
import { scoreEcosystem } from './score-ecosystem.js';
import { inputOf, makeCert, makeDeal, makePartner, partnerId } from './test-builders.js';

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
    expect(matches.map((m) => [m.rank, m.partnerId, m.tier])).toEqual([
      [1, partnerId(1), 'cell'],
      [2, partnerId(3), 'cell'],
      [3, partnerId(2), 'adjacent'],
    ]);
    expect(matches[0]?.level).toBe('Specialist');
    expect(matches[0]?.reason).toMatch(
      /^Healthcare × Data & AI — Specialist: score \d+(\.\d)? \(confidence 0\.\d+\)$/,
    );
    expect(matches[2]?.reason).toMatch(
      /^no proof in Healthcare × Data & AI; Data & AI — \w+: score [\d.]+ × 0\.5 \(adjacent\)$/,
    );
    // The adjacent partner counts at half its technology score.
    const adjacent = run.cellsOf(partnerId(2)).find((c) => c.cell === '*|data_ai')!;
    expect(Math.abs(matches[2]!.score - adjacent.score * 0.5)).toBeLessThanOrEqual(0.05 + 1e-9);
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
