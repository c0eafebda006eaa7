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

describe('formatExplainedCell with an override', () => {
  it('says under the cell who pinned it and what the evidence gives', () => {
    const pinned = {
      ...cell(1, 1),
      level: 'Specialist',
      override: {
        kind: 'pin' as const,
        computedLevel: null,
        reason: 'audited in October',
        author: 'Ana Souza',
        expiresAt: '2027-03-01T00:00:00.000Z',
      },
    };
    expect(formatExplainedCell(pinned, SAMPLE_TAXONOMY)[1]).toBe(
      '      Pinned at Specialist by Ana Souza until 1 Mar 2027: audited in October (the evidence gives no level)',
    );
  });

  it('dates a held demotion from the review queue', () => {
    const held = {
      ...cell(1, 1),
      level: 'Specialist',
      override: {
        kind: 'hold' as const,
        computedLevel: 'Proven',
        reason: 'Demotion from Specialist to Proven waits for review',
        author: 'Review queue',
        expiresAt: null,
      },
    };
    const heldSince = new Map([[`${held.partnerId}|${held.cell}`, '2026-12-03T02:00:00.000Z']]);
    expect(formatExplainedCell(held, SAMPLE_TAXONOMY, { heldSince, now: '2026-12-08' })[1]).toBe(
      '      Held at Specialist: demotion to Proven waits for review since 3 Dec',
    );
  });
});
