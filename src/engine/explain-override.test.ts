import { describe, expect, it } from 'vitest';
import { dayInWords, describeOverride } from './explain-override.js';

describe('describeOverride', () => {
  it('says who pinned the level, until when, why, and what the evidence gives', () => {
    expect(
      describeOverride(
        {
          kind: 'pin',
          computedLevel: 'Proven',
          reason: 'audited in October',
          author: 'Ana Souza',
          expiresAt: '2027-03-01T00:00:00.000Z',
        },
        'Specialist',
      ),
    ).toBe(
      'Pinned at Specialist by Ana Souza until 1 Mar 2027: audited in October (the evidence gives Proven)',
    );
  });

  it('leaves out the end date of an override until removed', () => {
    expect(
      describeOverride(
        {
          kind: 'exclude',
          computedLevel: null,
          reason: 'reseller only',
          author: 'Ana Souza',
          expiresAt: null,
        },
        null,
      ),
    ).toBe('Excluded by Ana Souza: reseller only (the evidence gives no level)');
  });

  it('says a held demotion waits for review, and since when', () => {
    const hold = {
      kind: 'hold' as const,
      computedLevel: 'Proven',
      reason: 'Demotion from Specialist to Proven waits for review',
      author: 'Review queue',
      expiresAt: null,
    };
    expect(
      describeOverride(hold, 'Specialist', {
        heldSince: '2026-12-03T02:00:00.000Z',
        now: '2026-12-08T02:00:00Z',
      }),
    ).toBe('Held at Specialist: demotion to Proven waits for review since 3 Dec');
    expect(describeOverride({ ...hold, computedLevel: null }, 'Specialist')).toBe(
      'Held at Specialist: demotion to no level waits for review',
    );
  });
});

describe('dayInWords', () => {
  it('writes the year only when it is not the current one, and never an ISO timestamp', () => {
    expect(dayInWords('2026-12-31T23:30:00Z', '2026-01-01')).toBe('31 Dec');
    expect(dayInWords('2027-01-02T00:00:00Z', '2026-12-08')).toBe('2 Jan 2027');
    expect(dayInWords('2027-01-02')).toBe('2 Jan 2027');
  });
});
