import { describe, expect, it } from 'vitest';
import { SAMPLE_TAXONOMY } from '../../devkit/generator/sample-taxonomy.js';
import type { LevelDefinition } from '../model/scoring.js';
import { describeMissing } from './explain.js';
import { assignLevel, NO_LEVEL, nextAxisLevel, nextLevel } from './levels.js';

/** A level's minimums: score, won customers, certified people, confidence. */
type Minimums = [number, number, number, number];
const minimums = ([minScore, minWonCustomers, minCertifiedPeople, minConfidence]: Minimums) => ({
  minScore,
  minWonCustomers,
  minCertifiedPeople,
  minConfidence,
});
const level = (name: string, promote: Minimums, keep: Minimums, capacity: number): LevelDefinition => ({
  name,
  promote: minimums(promote),
  keep: minimums(keep),
  capacity,
});

/** A ladder of the tests' own, so that changing the defaults in scoring.yaml does not change these cases. */
const ladder: LevelDefinition[] = [
  level('Specialist', [80, 3, 1, 0.5], [75, 2, 1, 0.45], 1),
  level('Proven', [58, 1, 0, 0], [55, 1, 0, 0], 0.5),
  level('Emerging', [52, 1, 0, 0], [50, 1, 0, 0], 0.1),
];
const SPECIALIST = 0;
const PROVEN = 1;
const EMERGING = 2;
const f = (score: number, wonCustomers: number, certifiedPeople: number, confidence = 0.6) => ({
  score,
  wonCustomers,
  certifiedPeople,
  confidence,
});

describe('assignLevel', () => {
  it('needs the score, the confidence and every evidence minimum to reach a level', () => {
    expect(assignLevel(f(82, 3, 1), NO_LEVEL, ladder)).toBe(SPECIALIST);
    expect(assignLevel(f(95, 2, 9), NO_LEVEL, ladder)).toBe(PROVEN); // one won customer short
    expect(assignLevel(f(95, 9, 0), NO_LEVEL, ladder)).toBe(PROVEN); // no certified person
    expect(assignLevel(f(95, 9, 9, 0.3), NO_LEVEL, ladder)).toBe(PROVEN); // a high score on thin evidence
    expect(assignLevel(f(95, 0, 9), NO_LEVEL, ladder)).toBe(NO_LEVEL); // skills alone: no level
    expect(assignLevel(f(51, 1, 0), NO_LEVEL, ladder)).toBe(NO_LEVEL);
  });

  it('lets a partner keep its level on the lower keep thresholds (hysteresis)', () => {
    // 77 / 2 / 1 / 0.46: not enough to become Specialist, enough to stay one.
    expect(assignLevel(f(77, 2, 1, 0.46), NO_LEVEL, ladder)).toBe(PROVEN);
    expect(assignLevel(f(77, 2, 1, 0.46), SPECIALIST, ladder)).toBe(SPECIALIST);
    expect(assignLevel(f(77, 2, 1, 0.46), PROVEN, ladder)).toBe(PROVEN);
  });

  it('demotes one step at a time on keep thresholds of the levels below', () => {
    expect(assignLevel(f(70, 4, 2), SPECIALIST, ladder)).toBe(PROVEN);
    expect(assignLevel(f(54, 2, 1), PROVEN, ladder)).toBe(EMERGING);
    expect(assignLevel(f(50.5, 1, 0), EMERGING, ladder)).toBe(EMERGING);
    expect(assignLevel(f(49.9, 1, 0), EMERGING, ladder)).toBe(NO_LEVEL);
  });

  it('does not flip a partner that oscillates inside the band', () => {
    let level = NO_LEVEL;
    const history: number[] = [];
    for (const score of [81, 77, 79, 76, 80.5, 75.5]) {
      level = assignLevel(f(score, 5, 3), level, ladder);
      history.push(level);
    }
    expect(history).toEqual([SPECIALIST, SPECIALIST, SPECIALIST, SPECIALIST, SPECIALIST, SPECIALIST]);
  });
});

describe('nextLevel and describeMissing', () => {
  it('lists exactly what the next level lacks', () => {
    const next = nextLevel(f(68.7, 2, 0, 0.42), PROVEN, ladder);
    expect(next).toEqual({
      level: 'Specialist',
      missing: [
        { requirement: 'score', have: 68.7, need: 80 },
        { requirement: 'wonCustomers', have: 2, need: 3 },
        { requirement: 'certifiedPeople', have: 0, need: 1 },
        { requirement: 'confidence', have: 0.42, need: 0.5 },
      ],
    });
    expect(describeMissing(next!, 'healthcare|data_ai', SAMPLE_TAXONOMY)).toBe(
      'Specialist in Healthcare × Data & AI needs 11.3 more score points (a better win rate, better delivery or more ' +
        'of its work there); 1 more won customer in Healthcare × Data & AI (within the level ' +
        'window); 1 more certified person in Data & AI; more closed deals or certified people in Healthcare × ' +
        "Data & AI: the score rests 42% on the partner's own evidence, 50% needed",
    );
  });

  it('aims at the lowest level without one, and at nothing from the top', () => {
    expect(nextLevel(f(10, 0, 0), NO_LEVEL, ladder)?.level).toBe('Emerging');
    expect(nextLevel(f(90, 9, 9), SPECIALIST, ladder)).toBeNull();
  });

  it('names the sector for certified people in a sector cell', () => {
    const text = describeMissing(
      { level: 'Proven', missing: [{ requirement: 'certifiedPeople', have: 0, need: 1 }] },
      'healthcare|*',
      SAMPLE_TAXONOMY,
    );
    expect(text).toBe('Proven in Healthcare needs 1 more certified person in Healthcare');
  });
});

describe('nextAxisLevel', () => {
  it('asks a whole sector or technology for more pair cells at the level, in words', () => {
    // Pair levels in the axis: one Specialist, one Proven, one without a level.
    const specialist = nextAxisLevel([SPECIALIST, PROVEN, NO_LEVEL], PROVEN, ladder, 2);
    expect(specialist).toEqual({
      level: 'Specialist',
      missing: [{ requirement: 'pairCells', have: 1, need: 2 }],
    });
    expect(describeMissing(specialist!, 'healthcare|*', SAMPLE_TAXONOMY)).toBe(
      'Specialist in Healthcare needs Specialist or above in 1 more technology within Healthcare',
    );
    const proven = nextAxisLevel([EMERGING], NO_LEVEL, ladder, 2);
    expect(proven?.level).toBe('Emerging');
    expect(describeMissing(proven!, '*|data_ai', SAMPLE_TAXONOMY)).toBe(
      'Emerging in Data & AI needs Emerging or above in 1 more sector with Data & AI',
    );
    expect(nextAxisLevel([SPECIALIST, SPECIALIST], SPECIALIST, ladder, 2)).toBeNull();
  });
});
