import { describe, expect, it } from 'vitest';
import { SAMPLE_TAXONOMY } from '../../devkit/generator/sample-taxonomy.js';
import { makeCellScore } from '../../test/support/factories.js';
import { writtenSegments } from '../engine/index.js';
import { PartnerIdSchema, type PartnerScore, type Segment } from '../model/index.js';
import { DEFAULT_SCORING_CONFIG } from '../model/scoring.js';
import { type ResultContext, resultValue } from './result-values.js';

const partnerId = PartnerIdSchema.parse('salesforce:Account:P1');

function partnerWith(cells: [string, number, number][]): { score: PartnerScore; context: ResultContext } {
  const segments = cells.map(
    ([cell]): Segment => ({
      cell,
      kind: cell.endsWith('|*') ? 'sector' : cell.startsWith('*|') ? 'technology' : 'pair',
      level: 'Emerging',
      score: 40,
      label: `${cell} — Emerging`,
    }),
  );
  return {
    score: { partnerId, segments, primarySegment: segments[0] ?? null, topScore: 40, needs: [] },
    context: {
      taxonomy: SAMPLE_TAXONOMY,
      scoredAt: '2025-06-30T02:00:00.000Z',
      cells: cells.map(([cell, won, people]) => makeCellScore(cell, won, people)),
      segments: writtenSegments(segments, DEFAULT_SCORING_CONFIG),
      teammates: [],
      ladder: DEFAULT_SCORING_CONFIG.levels.ladder,
    },
  };
}

describe('segments written to the record', () => {
  it('writes the best few segments, sector × technology cells first, and counts the rest in the summary', () => {
    const pairs = ['data_ai', 'cloud', 'security', 'crm', 'erp', 'data_ai'].map(
      (t, i): [string, number, number] => [`${i < 5 ? 'healthcare' : 'retail'}|${t}`, 2, 2],
    );
    const { score, context } = partnerWith([['healthcare|*', 9, 9], ...pairs]);
    const written = resultValue('segments', score, context) as string[];
    expect(written).toHaveLength(DEFAULT_SCORING_CONFIG.segments.maxWritten);
    expect(written.every((label) => !label.startsWith('healthcare|* '))).toBe(true);
    expect(resultValue('expertiseSummary', score, context)).toMatch(/\n…and 2 more segments$/);
  });
});

describe('expertiseSummary', () => {
  it('says "1 won customer, 1 certified person" for exactly one of each', () => {
    const { score, context } = partnerWith([['healthcare|data_ai', 1, 1]]);
    expect(resultValue('expertiseSummary', score, context)).toBe(
      'healthcare|data_ai — Emerging (1 won customer, 1 certified person)',
    );
  });

  it('uses the plural for zero and several', () => {
    const { score, context } = partnerWith([['healthcare|data_ai', 3, 0]]);
    expect(resultValue('expertiseSummary', score, context)).toBe(
      'healthcare|data_ai — Emerging (3 won customers, 0 certified people)',
    );
  });

  it('counts the segments left out, in the singular for one', () => {
    const cells = ['data_ai', 'cloud', 'security', 'crm', 'erp'].map((t): [string, number, number] => [
      `healthcare|${t}`,
      2,
      2,
    ]);
    const six = partnerWith([...cells, ['retail|crm', 2, 2]]);
    expect(resultValue('expertiseSummary', six.score, six.context)).toMatch(/\n…and 1 more segment$/);
    const seven = partnerWith([...cells, ['retail|crm', 2, 2], ['retail|erp', 2, 2]]);
    expect(resultValue('expertiseSummary', seven.score, seven.context)).toMatch(/\n…and 2 more segments$/);
  });
});

describe('expertiseCells', () => {
  it('writes one line per levelled sector × technology cell, best first, in words', () => {
    const { score, context } = partnerWith([]);
    const cells = [
      makeCellScore('retail|crm', 2, 1, { score: 52.4, confidence: 0.456, level: 'Emerging' }),
      makeCellScore('healthcare|data_ai', 5, 3, {
        score: 86.2,
        confidence: 0.72,
        level: 'Specialist',
        next: null,
      }),
      makeCellScore('healthcare|*', 9, 9, { score: 90, level: 'Specialist' }),
      makeCellScore('retail|cloud', 0, 1, { score: 12, level: null }),
      makeCellScore('energy|security', 3, 2, {
        score: 70,
        confidence: 0.6,
        level: 'Proven',
        next: {
          level: 'Specialist',
          missing: [
            { requirement: 'wonCustomers', have: 3, need: 5 },
            { requirement: 'score', have: 70, need: 75 },
          ],
        },
      }),
    ];
    expect(String(resultValue('expertiseCells', score, { ...context, cells })).split('\n')).toEqual([
      'Healthcare × Data & AI — Specialist · score 86 · 72% confidence',
      'Energy & Utilities × Security — Proven · score 70 · 60% confidence · next: Specialist in Energy & Utilities × Security needs 2 more won customers in Energy & Utilities × Security (within the level window); a higher score (more won, delivered or certified work in Energy & Utilities × Security)',
      'Retail × CRM & Customer Experience — Emerging · score 52 · 46% confidence',
    ]);
  });

  it('is empty for a partner without a levelled cell', () => {
    const { score, context } = partnerWith([]);
    expect(resultValue('expertiseCells', score, context)).toBe('');
  });
});
