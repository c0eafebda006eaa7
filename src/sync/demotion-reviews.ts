/**
 * The demotion review queue between runs (issue #19), as pure functions: which demotions a run lets
 * through, and how the queue follows what the run found (new holds, holds still there, evidence recovered,
 * demotions applied).
 */
import type { HeldDemotion, LetDemotion } from '../engine/index.js';
import type { ActiveOverride, DemotionReview, LevelOverride, NewDemotionReview } from '../model/index.js';
import type { ScoringConfig } from '../model/scoring.js';
import type { Store } from '../store/index.js';

const DAY_MS = 86_400_000;

/** One change to a stored review (the store's `ReviewUpdate`, which its index does not export). */
export type ReviewUpdate = Parameters<Store['updateDemotionReviews']>[0][number];

/** The statuses a run reads: those still waiting or approved but not yet applied. */
export const OPEN_REVIEW_STATUSES = ['pending', 'approved'] as const;

const keyOf = (d: { partnerId: string; cell: string }) => `${d.partnerId}|${d.cell}`;

/** A stored override as the engine takes it: the author by name. */
export function toActiveOverride(override: LevelOverride): ActiveOverride {
  return {
    partnerId: override.partnerId,
    cell: override.cell,
    kind: override.kind,
    level: override.level,
    reason: override.reason,
    author: override.author.name,
    expiresAt: override.expiresAt,
  };
}

/** True when a pending review has waited its nights at `at`: firstSeenAt + nights days ≤ at. */
export function hasLapsed(review: Pick<DemotionReview, 'firstSeenAt'>, nights: number, at: string): boolean {
  return Date.parse(review.firstSeenAt) + nights * DAY_MS <= Date.parse(at);
}

/**
 * The demotions a run at `at` lets through: ones approved by then, and pending ones that waited `nights`
 * nights. An approval given after `at` is still pending at `at`, so re-scoring an earlier run (the web
 * app's view of the last run) shows the levels that run wrote, not tomorrow's.
 * Empty while `review.demotions` is off (the engine then holds nothing anyway).
 */
export function demotionsLetThrough(
  reviews: readonly DemotionReview[],
  config: ScoringConfig,
  at: string,
): LetDemotion[] {
  const { enabled, nights } = config.review.demotions;
  if (!enabled) return [];
  return reviews
    .filter((r) => {
      const approvedBy = r.status === 'approved' && r.decidedAt !== null && r.decidedAt <= at;
      const waiting = r.status === 'pending' || (r.status === 'approved' && !approvedBy);
      return approvedBy || (waiting && hasLapsed(r, nights, at));
    })
    .map((r) => ({ partnerId: r.partnerId, cell: r.cell }));
}

/** What a run changes in the queue. */
export interface ReviewPlan {
  add: NewDemotionReview[];
  update: ReviewUpdate[];
}

/** A (partner, cell) after a run: its level (null: none, or no longer scored) and whether an override decided it. */
export interface CellAfterRun {
  level: string | null;
  overridden: boolean;
}

/**
 * How the queue follows a run (open reviews: pending and approved):
 * - a held demotion without an open review → a new pending review;
 * - a pending review still held → `lastSeenAt` and `toLevel` follow the run;
 * - a pending review let through after its nights → `lapsed` when the run applied the demotion;
 * - a pending review whose cell lost all its evidence (nothing left to hold) → `applied`;
 * - an approved review the run let through → `applied` when it applied the demotion, else `withdrawn`;
 * - an approved review the run did not let through (approved after its scoring instant) → left for the next;
 * - any other pending review (the evidence recovered, an override took the cell over) → `withdrawn`.
 * A demotion was applied when the level after the run is below `fromLevel`.
 */
export function reconcileReviews(options: {
  reviews: readonly DemotionReview[];
  held: readonly HeldDemotion[];
  /** The demotions this run let through (demotionsLetThrough at its instant). */
  letThrough: readonly LetDemotion[];
  cellNow: (partnerId: string, cell: string) => CellAfterRun;
  config: ScoringConfig;
  runId: string;
  at: string;
}): ReviewPlan {
  const { at, config } = options;
  const rank = new Map(config.levels.ladder.map((l, i) => [l.name, i]));
  const below = (level: string | null, from: string) =>
    level === null || (rank.get(level) ?? Number.POSITIVE_INFINITY) > (rank.get(from) ?? -1);
  const held = new Map(options.held.map((h) => [keyOf(h), h]));
  const letThrough = new Set(options.letThrough.map(keyOf));
  /** Keys with a review still open after this run: a hold there needs no new one. */
  const open = new Set<string>();
  const update: ReviewUpdate[] = [];
  for (const review of options.reviews) {
    if (review.status !== 'pending' && review.status !== 'approved') continue;
    // Each update holds only while the review is as read: an editor may decide it while the run scores.
    const read = { id: review.id, ifStatus: review.status };
    const key = keyOf(review);
    const hold = held.get(key);
    if (review.status === 'pending' && hold) {
      open.add(key);
      update.push({ ...read, lastSeenAt: at, toLevel: hold.toLevel });
      continue;
    }
    if (review.status === 'approved' && !letThrough.has(key)) {
      // Approved after this run's scoring instant: the next run applies it, as the editor was told.
      open.add(key);
      continue;
    }
    const now = options.cellNow(review.partnerId, review.cell);
    const applied = below(now.level, review.fromLevel);
    if (review.status === 'approved') {
      update.push(
        applied ? { ...read, status: 'applied', toLevel: now.level } : { ...read, status: 'withdrawn' },
      );
    } else if (applied && !now.overridden) {
      // Let through after its nights, it lapsed; otherwise the cell's evidence is gone altogether (deals
      // deleted or moved, partners merged): there is no row left to hold, so the demotion happened.
      const status = letThrough.has(key) ? 'lapsed' : 'applied';
      update.push({ ...read, status, toLevel: now.level, lastSeenAt: at, decidedAt: at });
    } else {
      update.push({ ...read, status: 'withdrawn', lastSeenAt: at, decidedAt: at });
    }
  }
  const add = options.held
    .filter((h) => !open.has(keyOf(h)))
    .map((h) => ({
      partnerId: h.partnerId,
      cell: h.cell,
      fromLevel: h.fromLevel,
      toLevel: h.toLevel,
      firstRunId: options.runId,
      firstSeenAt: at,
    }));
  return { add, update };
}
