import { describe, expect, it } from 'vitest';
import { SAMPLE_TAXONOMY } from '../../devkit/generator/sample-taxonomy.js';
import {
  background,
  configWith,
  makeCert,
  makeDeal,
  makePartner,
  NOW,
} from '../../test/support/engine-builders.js';
import { DEFAULT_SCORING_CONFIG } from '../model/scoring.js';
import { simulateLevels } from './simulate.js';

/**
 * Partner 1: a Specialist in Healthcare × Data & AI and in Healthcare × Security, so in Healthcare as a
 * whole; partner 2: three wins in Retail × Data & AI. An ordinary market (partners 900+) competes in partner
 * 1's cells: it sets the norm partner 1 stands out from.
 */
const market = background(24, { competesIn: ['healthcare|data_ai', 'healthcare|security'] });
const model = {
  partners: [makePartner(1), makePartner(2), ...market.partners],
  deals: [
    ...['data_ai', 'security'].flatMap((technology) => [
      ...Array.from({ length: 8 }, () =>
        makeDeal({ partner: 1, satisfaction: 0.9, technologies: [technology] }),
      ),
      makeDeal({ partner: 1, status: 'lost', technologies: [technology] }),
    ]),
    ...Array.from({ length: 3 }, () => makeDeal({ partner: 2, satisfaction: 0.9, sector: 'retail' })),
    ...market.deals,
  ],
  certifications: [
    ...['a', 'b', 'c'].map((p) => makeCert(1, p, { level: 'expert' })),
    ...['d', 'e', 'f'].map((p) => makeCert(1, p, { level: 'expert', technology: 'security' })),
    ...market.certifications,
  ],
  taxonomy: SAMPLE_TAXONOMY,
};

describe('simulateLevels', () => {
  it('reports nothing when the configuration does not change', () => {
    const report = simulateLevels(model, DEFAULT_SCORING_CONFIG, DEFAULT_SCORING_CONFIG, NOW);
    expect(report.partnersChanged).toBe(0);
    expect(report.cellsChanged).toBe(0);
    expect(report.byCell).toEqual([]);
    expect(report.levelsAfter).toEqual(report.levelsBefore);
  });

  it('counts, cell by cell, the partners a stricter Specialist level would demote', () => {
    const stricter = configWith((c) => {
      c.levels.ladder[0]!.promote.minScore = 99;
      c.levels.ladder[0]!.keep.minScore = 99;
    });
    const report = simulateLevels(model, DEFAULT_SCORING_CONFIG, stricter, NOW);
    // Partner 1's two pair cells, and Healthcare, which it holds through them.
    expect(report.partnersChanged).toBe(1);
    expect(report.cellsChanged).toBe(3);
    expect(report.levelsBefore).toMatchObject({ Specialist: 3 });
    expect(report.levelsAfter).toMatchObject({ Specialist: 0 });
    expect(report.byCell.map((c) => c.cell)).toEqual([
      'healthcare|*',
      'healthcare|data_ai',
      'healthcare|security',
    ]);
    expect(report.byCell[0]).toEqual({
      cell: 'healthcare|*',
      promoted: 0,
      demoted: 1,
      other: 0,
      transitions: [{ from: 'Specialist', to: 'Proven', count: 1 }],
    });
  });

  it('counts promotions when thresholds are lowered', () => {
    const looser = configWith((c) => {
      c.levels.ladder[2]!.promote.minScore = 0;
      c.levels.ladder[2]!.keep.minScore = 0;
    });
    const strict = configWith((c) => {
      c.levels.ladder[2]!.promote.minScore = 100;
      c.levels.ladder[1]!.promote.minScore = 100;
      c.levels.ladder[0]!.promote.minScore = 100;
    });
    const report = simulateLevels(model, strict, looser, NOW);
    expect(report.byCell.every((c) => c.demoted === 0 && c.promoted > 0)).toBe(true);
    // Every partner with a won customer in a sector × technology cell (partners 1, 2 and most of the
    // market) reaches Emerging at least; nobody else changes.
    const winners = new Set(
      model.deals
        .filter((d) => d.isWon && d.sector !== null && d.technologies.length > 0)
        .flatMap((d) => d.partners.map((p) => p.partnerId)),
    );
    expect(winners.size).toBeGreaterThan(2);
    expect(report.partnersChanged).toBe(winners.size);
  });
});
