import { describe, expect, it } from 'vitest';
import { configWith } from '../../test/support/engine-builders.js';
import type { DemotionReview, LevelOverride } from '../model/index.js';
import { DEFAULT_SCORING_CONFIG } from '../model/scoring.js';
import { demotionsLetThrough, hasLapsed, reconcileReviews, toActiveOverride } from './demotion-reviews.js';

const config = configWith((c) => {
  c.review.demotions = { enabled: true, nights: 7 };
});
const AT = '2026-12-10T02:00:00.000Z';

function review(id: string, patch: Partial<DemotionReview> = {}): DemotionReview {
  return {
    id,
    partnerId: `p-${id}`,
    cell: 'healthcare|data_ai',
    fromLevel: 'Specialist',
    toLevel: 'Proven',
    status: 'pending',
    firstRunId: 'run-1',
    firstSeenAt: '2026-12-08T02:00:00.000Z',
    lastSeenAt: '2026-12-09T02:00:00.000Z',
    decidedAt: null,
    decidedBy: null,
    note: null,
    ...patch,
  };
}

const held = (id: string, toLevel: string | null = 'Proven') => ({
  partnerId: `p-${id}`,
  cell: 'healthcare|data_ai',
  fromLevel: 'Specialist',
  toLevel,
});

describe('demotionsLetThrough', () => {
  it('lets approved demotions and pending ones past their nights through, nothing while the review is off', () => {
    const reviews = [
      review('a', { status: 'approved', decidedAt: '2026-12-09T10:00:00.000Z' }),
      review('b'),
      review('c', { firstSeenAt: '2026-12-03T02:00:00.000Z' }),
    ];
    expect(demotionsLetThrough(reviews, config, AT).map((d) => d.partnerId)).toEqual(['p-a', 'p-c']);
    expect(demotionsLetThrough(reviews, DEFAULT_SCORING_CONFIG, AT)).toEqual([]);
  });

  it('treats an approval given after the scoring instant as still pending, so an earlier run re-scores as it was', () => {
    const later = review('a', { status: 'approved', decidedAt: '2026-12-10T09:00:00.000Z' });
    expect(demotionsLetThrough([later], config, AT)).toEqual([]);
    expect(demotionsLetThrough([later], config, '2026-12-11T02:00:00.000Z')).toEqual([
      { partnerId: 'p-a', cell: 'healthcare|data_ai' },
    ]);
  });

  it('counts a review as lapsed exactly when its nights have passed', () => {
    const r = { firstSeenAt: '2026-12-03T02:00:00.000Z' };
    expect(hasLapsed(r, 7, '2026-12-10T01:59:59.000Z')).toBe(false);
    expect(hasLapsed(r, 7, '2026-12-10T02:00:00.000Z')).toBe(true);
  });
});

describe('reconcileReviews', () => {
  const plan = (
    reviews: DemotionReview[],
    holds: ReturnType<typeof held>[],
    levels: Record<string, string | null>,
    overridden: readonly string[] = [],
  ) =>
    reconcileReviews({
      reviews,
      held: holds,
      // What a run at AT lets through, as the pipeline computes it.
      letThrough: demotionsLetThrough(reviews, config, AT),
      cellNow: (partnerId) => ({
        level: levels[partnerId] ?? null,
        overridden: overridden.includes(partnerId),
      }),
      config,
      runId: 'run-9',
      at: AT,
    });
  const approvedBefore = { status: 'approved' as const, decidedAt: '2026-12-09T10:00:00.000Z' };

  it('queues a new held demotion as pending, first seen by this run', () => {
    expect(plan([], [held('a', null)], {})).toEqual({
      add: [
        {
          partnerId: 'p-a',
          cell: 'healthcare|data_ai',
          fromLevel: 'Specialist',
          toLevel: null,
          firstRunId: 'run-9',
          firstSeenAt: AT,
        },
      ],
      update: [],
    });
  });

  it('keeps a pending demotion that is still held, following its latest level', () => {
    expect(plan([review('a')], [held('a', 'Emerging')], { 'p-a': 'Specialist' })).toEqual({
      add: [],
      update: [{ id: 'a', ifStatus: 'pending', lastSeenAt: AT, toLevel: 'Emerging' }],
    });
  });

  it('withdraws a pending demotion whose evidence recovered', () => {
    expect(plan([review('a')], [], { 'p-a': 'Specialist' }).update).toEqual([
      { id: 'a', ifStatus: 'pending', status: 'withdrawn', lastSeenAt: AT, decidedAt: AT },
    ]);
  });

  it('marks an approved demotion applied once the run applied it, withdrawn if the level held anyway', () => {
    const result = plan([review('a', approvedBefore), review('b', approvedBefore)], [], {
      'p-a': 'Proven',
      'p-b': 'Specialist',
    });
    expect(result.update).toEqual([
      { id: 'a', ifStatus: 'approved', status: 'applied', toLevel: 'Proven' },
      { id: 'b', ifStatus: 'approved', status: 'withdrawn' },
    ]);
  });

  it('marks a pending demotion lapsed when it waited its nights and the run applied it', () => {
    const old = review('a', { firstSeenAt: '2026-12-03T02:00:00.000Z' });
    expect(plan([old], [], { 'p-a': null }).update).toEqual([
      { id: 'a', ifStatus: 'pending', status: 'lapsed', toLevel: null, lastSeenAt: AT, decidedAt: AT },
    ]);
  });

  it('marks a pending demotion applied when its cell lost all evidence before its nights (nothing left to hold)', () => {
    expect(plan([review('a')], [], { 'p-a': null }).update).toEqual([
      { id: 'a', ifStatus: 'pending', status: 'applied', toLevel: null, lastSeenAt: AT, decidedAt: AT },
    ]);
  });

  it('leaves a review approved after the run’s scoring instant for the next run, opening no new one', () => {
    const late = review('a', { status: 'approved', decidedAt: '2026-12-10T09:00:00.000Z' });
    expect(plan([late], [held('a')], { 'p-a': 'Specialist' })).toEqual({ add: [], update: [] });
  });

  it('withdraws a pending demotion an override took over, rather than calling it applied', () => {
    expect(plan([review('a')], [], { 'p-a': null }, ['p-a']).update).toEqual([
      { id: 'a', ifStatus: 'pending', status: 'withdrawn', lastSeenAt: AT, decidedAt: AT },
    ]);
  });

  it('leaves decided reviews alone', () => {
    const decided = (['kept', 'lapsed', 'withdrawn', 'applied'] as const).map((status) =>
      review(status, { status }),
    );
    expect(plan(decided, [], {})).toEqual({ add: [], update: [] });
  });
});

describe('toActiveOverride', () => {
  it('names the author as people read it', () => {
    const stored: LevelOverride = {
      id: 'o1',
      partnerId: 'p1',
      cell: 'healthcare|*',
      kind: 'pin',
      level: 'Proven',
      reason: 'strategic',
      author: { userId: 'u1', name: 'Ana Souza' },
      createdAt: '2026-12-01T10:00:00.000Z',
      expiresAt: null,
      removedAt: null,
      removedBy: null,
    };
    expect(toActiveOverride(stored)).toEqual({
      partnerId: 'p1',
      cell: 'healthcare|*',
      kind: 'pin',
      level: 'Proven',
      reason: 'strategic',
      author: 'Ana Souza',
      expiresAt: null,
    });
  });
});
