import { describe, expect, it } from 'vitest';
import { SAMPLE_TAXONOMY } from '../generator/sample-taxonomy.js';
import { DEFAULT_SCORING_CONFIG } from '../model/scoring.js';
import { describeMissing } from './explain.js';
import { assignLevel, NO_LEVEL, nextLevel } from './levels.js';

const ladder = DEFAULT_SCORING_CONFIG.levels.ladder;
const SPECIALIST = 0;
const PROVEN = 1;
const EMERGING = 2;
const f = (score: number, wonCustomers: number, certifiedPeople: number) => ({
  score,
  wonCustomers,
  certifiedPeople,
});

describe('assignLevel', () => {
  it('needs the score and every evidence minimum to reach a level', () => {
    expect(assignLevel(f(72, 5, 3), NO_LEVEL, ladder)).toBe(SPECIALIST);
    expect(assignLevel(f(95, 4, 9), NO_LEVEL, ladder)).toBe(PROVEN); // one won customer short
    expect(assignLevel(f(95, 9, 2), NO_LEVEL, ladder)).toBe(PROVEN); // one certified person short
    expect(assignLevel(f(38, 1, 0), NO_LEVEL, ladder)).toBe(NO_LEVEL);
  });

  it('lets a partner keep its level on the lower keep thresholds (hysteresis)', () => {
    // 66 / 4 / 2: not enough to become Specialist, enough to stay one.
    expect(assignLevel(f(66, 4, 2), NO_LEVEL, ladder)).toBe(PROVEN);
    expect(assignLevel(f(66, 4, 2), SPECIALIST, ladder)).toBe(SPECIALIST);
    expect(assignLevel(f(66, 4, 2), PROVEN, ladder)).toBe(PROVEN);
  });

  it('demotes one step at a time on keep thresholds of the levels below', () => {
    expect(assignLevel(f(60, 4, 2), SPECIALIST, ladder)).toBe(PROVEN);
    expect(assignLevel(f(48, 2, 1), PROVEN, ladder)).toBe(EMERGING);
    expect(assignLevel(f(38, 1, 0), EMERGING, ladder)).toBe(EMERGING);
    expect(assignLevel(f(34, 1, 0), EMERGING, ladder)).toBe(NO_LEVEL);
  });

  it('does not flip a partner that oscillates inside the band', () => {
    let level = NO_LEVEL;
    const history: number[] = [];
    for (const score of [71, 67, 69, 66, 70.5, 65.5]) {
      level = assignLevel(f(score, 5, 3), level, ladder);
      history.push(level);
    }
    expect(history).toEqual([SPECIALIST, SPECIALIST, SPECIALIST, SPECIALIST, SPECIALIST, SPECIALIST]);
  });
});

describe('nextLevel and describeMissing', () => {
  it('lists exactly what the next level lacks', () => {
    const next = nextLevel(f(58.7, 4, 1), PROVEN, ladder);
    expect(next).toEqual({
      level: 'Specialist',
      missing: [
        { requirement: 'score', have: 58.7, need: 70 },
        { requirement: 'wonCustomers', have: 4, need: 5 },
        { requirement: 'certifiedPeople', have: 1, need: 3 },
      ],
    });
    expect(describeMissing(next!, 'healthcare|data_ai', SAMPLE_TAXONOMY)).toBe(
      'Specialist in Healthcare × Data & AI needs 11.3 more score points (recent wins, win rate, delivery); ' +
        '1 more won customer in Healthcare × Data & AI (within the level window); 2 more certified people in Data & AI',
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
