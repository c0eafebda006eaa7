import { describe, expect, it } from 'vitest';
import { SAMPLE_TAXONOMY } from '../../devkit/generator/sample-taxonomy.js';
import { makeCellScore } from '../../test/support/factories.js';
import { formatExplainedCell } from './explain-action.js';

const cell = (wonCustomers: number, certifiedPeople: number) =>
  makeCellScore('healthcare|data_ai', wonCustomers, certifiedPeople, {
    score: 31.25,
    confidence: 0.4,
    level: null,
  });

describe('formatExplainedCell', () => {
  it('says "1 won customer, 1 certified person" for exactly one of each', () => {
    expect(formatExplainedCell(cell(1, 1), SAMPLE_TAXONOMY)).toEqual([
      '  Healthcare × Data & AI: score 31.3, no level, confidence 40% — 1 won customer, 1 certified person, win rate 100%',
    ]);
  });

  it('uses the plural for zero and several', () => {
    const [line] = formatExplainedCell(cell(0, 2), SAMPLE_TAXONOMY);
    expect(line).toContain('— 0 won customers, 2 certified people, no closed deals');
  });
});
