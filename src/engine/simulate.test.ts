import { describe, expect, it } from 'vitest';
import { SAMPLE_TAXONOMY } from '../generator/sample-taxonomy.js';
import { DEFAULT_SCORING_CONFIG } from '../model/scoring.js';
import { simulateLevels } from './simulate.js';
import { configWith, makeCert, makeDeal, makePartner, NOW } from './test-builders.js';

const model = {
  partners: [makePartner(1), makePartner(2)],
  deals: [
    ...Array.from({ length: 8 }, () => makeDeal({ partner: 1, satisfaction: 0.9 })),
    ...Array.from({ length: 3 }, () => makeDeal({ partner: 2, satisfaction: 0.9, sector: 'retail' })),
  ],
  certifications: ['a', 'b', 'c', 'd'].map((p) => makeCert(1, p, { level: 'expert' })),
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
    expect(report.partnersChanged).toBe(1);
    expect(report.cellsChanged).toBe(3);
    expect(report.levelsBefore).toMatchObject({ Specialist: 3 });
    expect(report.levelsAfter).toMatchObject({ Specialist: 0 });
    expect(report.byCell.map((c) => c.cell)).toEqual(['*|data_ai', 'healthcare|*', 'healthcare|data_ai']);
    expect(report.byCell[0]).toEqual({
      cell: '*|data_ai',
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
    expect(report.partnersChanged).toBe(2);
  });
});
