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
import { BenefitSchema } from '../model/benefits.js';
import { DEFAULT_SCORING_CONFIG } from '../model/scoring.js';
import { simulateBenefits } from './simulate-benefits.js';

/** Partner 1: a Specialist in Healthcare × Data & AI and Healthcare × Security, among an ordinary market. */
const market = background(24, { competesIn: ['healthcare|data_ai', 'healthcare|security'] });
const model = {
  partners: [makePartner(1, { name: 'Acme Consulting' }), ...market.partners],
  deals: [
    ...['data_ai', 'security'].flatMap((technology) =>
      Array.from({ length: 8 }, () =>
        makeDeal({ partner: 1, satisfaction: 0.9, technologies: [technology] }),
      ),
    ),
    ...market.deals,
  ],
  certifications: [
    ...['a', 'b', 'c'].map((p) => makeCert(1, p, { level: 'expert' })),
    ...['d', 'e', 'f'].map((p) => makeCert(1, p, { level: 'expert', technology: 'security' })),
    ...market.certifications,
  ],
  taxonomy: SAMPLE_TAXONOMY,
};

const leadPriority = BenefitSchema.parse({
  key: 'lead-priority',
  name: 'Lead priority',
  rules: [
    { when: { level: 'Specialist' }, value: 'High' },
    { when: { level: 'Proven' }, value: 'Medium' },
  ],
  otherwise: 'Standard',
});

/** No Specialist: nobody reaches or keeps it. */
const noSpecialist = configWith((c) => {
  c.levels.ladder[0]!.promote.minScore = 99;
  c.levels.ladder[0]!.keep.minScore = 99;
});

describe('simulateBenefits', () => {
  it('reports no change when the configuration does not change', () => {
    const [shift] = simulateBenefits(model, DEFAULT_SCORING_CONFIG, DEFAULT_SCORING_CONFIG, NOW, [
      leadPriority,
    ]);
    expect(shift).toEqual({ key: 'lead-priority', name: 'Lead priority', partnersChanged: 0, values: [] });
  });

  it('counts per value the partners who would gain and lose it, naming them', () => {
    const [shift] = simulateBenefits(model, DEFAULT_SCORING_CONFIG, noSpecialist, NOW, [leadPriority]);
    expect(shift?.partnersChanged).toBe(1);
    const high = shift?.values.find((v) => v.value === 'High');
    expect(high).toEqual({ value: 'High', gained: 0, lost: 1, gainedBy: [], lostBy: ['Acme Consulting'] });
    expect(shift?.values.filter((v) => v.gained > 0).map((v) => v.gainedBy)).toEqual([['Acme Consulting']]);
  });

  it('computes nothing without benefits', () => {
    expect(simulateBenefits(model, DEFAULT_SCORING_CONFIG, noSpecialist, NOW, [])).toEqual([]);
  });
});
