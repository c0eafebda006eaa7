import { describe, expect, it } from 'vitest';
import { parseExpertiseCells } from '../src/app/cards/expertise-cells.ts';

describe('parseExpertiseCells', () => {
  it('reads each line of atlas_expertise_cells into label, level, score, confidence and next level', () => {
    const text = [
      'Healthcare & Life Sciences × Data & AI — Specialist · score 86 · 72% confidence',
      '',
      'Financial Services × Cloud — Emerging · score 41.4 · 35% confidence · next: Proven needs 2 more won customers',
    ].join('\n');
    expect(parseExpertiseCells(text)).toEqual([
      {
        label: 'Healthcare & Life Sciences × Data & AI',
        level: 'Specialist',
        score: 86,
        confidence: 72,
        nextLevel: null,
      },
      {
        label: 'Financial Services × Cloud',
        level: 'Emerging',
        score: 41,
        confidence: 35,
        nextLevel: 'Proven needs 2 more won customers',
      },
    ]);
  });

  it('keeps a line in another shape whole and reads nothing from an empty property', () => {
    expect(parseExpertiseCells('Retail × Security: strong')).toEqual([
      { label: 'Retail × Security: strong', level: null, score: null, confidence: null, nextLevel: null },
    ]);
    expect(parseExpertiseCells(null)).toEqual([]);
  });
});
