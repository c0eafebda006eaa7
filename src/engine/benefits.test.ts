import { describe, expect, it } from 'vitest';
import { type Benefit, BenefitSchema } from '../model/benefits.js';
import { DEFAULT_SCORING_CONFIG } from '../model/scoring.js';
import { benefitValue, partnerBenefits } from './benefits.js';

const ladder = DEFAULT_SCORING_CONFIG.levels.ladder;
const benefit = (input: unknown): Benefit => BenefitSchema.parse(input);

const mdf = benefit({
  key: 'mdf-eligibility',
  name: 'MDF eligibility',
  rules: [
    { when: { level: 'Specialist' }, value: 'Eligible' },
    { when: { level: 'Proven', atLeast: 2 }, value: 'Eligible with co-funding' },
  ],
  otherwise: 'Not eligible',
});

describe('benefit rules', () => {
  it('are the ladder the tests assume', () => {
    expect(ladder.map((l) => l.name)).toEqual(['Specialist', 'Proven', 'Emerging']);
  });

  it('take the value of the first rule that matches, even when a later one matches too', () => {
    const cells = [
      { cell: 'healthcare|data_ai', level: 'Specialist' },
      { cell: 'retail_consumer|data_ai', level: 'Proven' },
      { cell: 'retail_consumer|security', level: 'Proven' },
    ];
    expect(benefitValue(mdf, cells, ladder)).toBe('Eligible');
  });

  it('count a cell at a higher level toward a lower one, and need atLeast cells', () => {
    const oneProven = [{ cell: 'healthcare|data_ai', level: 'Proven' }];
    expect(benefitValue(mdf, oneProven, ladder)).toBe('Not eligible');
    const twoAtProvenOrMore = [...oneProven, { cell: 'retail_consumer|security', level: 'Specialist' }];
    const withoutSpecialistRule = benefit({ ...mdf, rules: mdf.rules.slice(1) });
    expect(benefitValue(withoutSpecialistRule, twoAtProvenOrMore, ladder)).toBe('Eligible with co-funding');
    const emerging = [...oneProven, { cell: 'retail_consumer|security', level: 'Emerging' }];
    expect(benefitValue(mdf, emerging, ladder)).toBe('Not eligible');
  });

  it('count only the cells of the sector, technology or pair a rule names', () => {
    const programme = (cells: unknown) =>
      benefit({ key: 'p', name: 'P', rules: [{ when: { level: 'Proven', in: cells }, value: 'Member' }] });
    const cells = [{ cell: 'retail_consumer|data_ai', level: 'Specialist' }];
    expect(benefitValue(programme({ sector: 'healthcare' }), cells, ladder)).toBeNull();
    expect(benefitValue(programme({ sector: 'retail_consumer' }), cells, ladder)).toBe('Member');
    expect(benefitValue(programme({ technology: 'data_ai' }), cells, ladder)).toBe('Member');
    expect(benefitValue(programme({ technology: 'security' }), cells, ladder)).toBeNull();
    expect(
      benefitValue(programme({ sector: 'retail_consumer', technology: 'security' }), cells, ladder),
    ).toBeNull();
    expect(benefitValue(programme({ sector: 'retail_consumer', technology: 'data_ai' }), cells, ladder)).toBe(
      'Member',
    );
  });

  it('leave whole-sector and whole-technology cells out, so one pair is not counted three times', () => {
    const derived = [
      { cell: 'healthcare|data_ai', level: 'Proven' },
      { cell: 'healthcare|*', level: 'Proven' },
      { cell: '*|data_ai', level: 'Proven' },
    ];
    expect(benefitValue(mdf, derived, ladder)).toBe('Not eligible');
  });

  it('give nothing for a cell without a level (none reached, or excluded by an override)', () => {
    const excluded = [
      { cell: 'healthcare|data_ai', level: null },
      { cell: 'healthcare|security', level: null },
    ];
    expect(benefitValue(mdf, excluded, ladder)).toBe('Not eligible');
  });

  it('give null when no rule matches and there is no otherwise (the field is cleared)', () => {
    const band = benefit({
      key: 'band',
      name: 'Discount band',
      rules: [{ when: { level: 'Emerging' }, value: 'C' }],
    });
    expect(benefitValue(band, [], ladder)).toBeNull();
    expect(partnerBenefits([mdf, band], [], ladder)).toEqual([
      { key: 'mdf-eligibility', name: 'MDF eligibility', value: 'Not eligible' },
      { key: 'band', name: 'Discount band', value: null },
    ]);
  });
});
