/** API of the demotion review queue: demotions a run held back, approved or kept (as a pin) by an editor. */
import { z } from 'zod';
import { cellLabel, dayInWords } from '../../engine/index.js';
import { type DemotionReview, DemotionStatusSchema } from '../../model/index.js';
import type { DemotionReviewUpdate, Store } from '../../store/index.js';
import type { ApiRoutes } from '../api-routes.js';
import { actorOf, recordAudit } from '../audit.js';
import { httpError } from '../http-errors.js';
import type { ScoredView, ScoresSource } from '../scores-source.js';
import {
  APPLIES_AT_NEXT_RUN,
  computedLevelOf,
  dayAheadSchema,
  OverrideViewSchema,
  overrideView,
  overrideWords,
  parseInWords,
  placeOverride,
  subjectOf,
} from './overrides-api.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Decided reviews listed below the pending ones, newest decision first. */
const DECIDED_SHOWN = 50;

const STATUS_WORDS: Record<z.infer<typeof DemotionStatusSchema>, string> = {
  pending: 'Waiting for a decision',
  approved: 'Approved: the next run applies it',
  kept: 'Level kept (pinned)',
  lapsed: 'Applied after the review period ran out',
  withdrawn: 'Withdrawn: the evidence recovered',
  applied: 'Applied',
};

export const ReviewViewSchema = z.object({
  id: z.string(),
  partnerId: z.string(),
  partnerName: z.string(),
  cell: z.string(),
  cellLabel: z.string(),
  fromLevel: z.string(),
  toLevel: z.string().nullable(),
  status: DemotionStatusSchema,
  statusWords: z.string(),
  firstSeenAt: z.string().describe('When a run first found the demotion'),
  /** Whole nights before a pending demotion applies without a decision; null when decided or without a limit. */
  nightsLeft: z.number().int().nullable(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  note: z.string().nullable(),
});

export const ReviewsResponseSchema = z.object({
  /** Whether runs hold demotions for review (scoring.yaml `review.demotions.enabled`). */
  enabled: z.boolean(),
  /** Nights a demotion waits before it applies anyway. */
  nights: z.number().int(),
  pending: z.array(ReviewViewSchema),
  decided: z.array(ReviewViewSchema),
});

function reviewView(view: ScoredView, r: DemotionReview, nights: number, now: Date) {
  const current = view.merged.get(r.partnerId) ?? r.partnerId;
  const lapsesAt = Date.parse(r.firstSeenAt) + nights * DAY_MS;
  return {
    id: r.id,
    partnerId: current,
    partnerName: view.partners.get(current)?.name ?? 'a partner no longer in the CRM',
    cell: r.cell,
    cellLabel: cellLabel(r.cell, view.mappings.taxonomy),
    fromLevel: r.fromLevel,
    toLevel: r.toLevel,
    status: r.status,
    statusWords: STATUS_WORDS[r.status],
    firstSeenAt: r.firstSeenAt,
    nightsLeft: r.status === 'pending' ? Math.max(0, Math.ceil((lapsesAt - now.getTime()) / DAY_MS)) : null,
    decidedAt: r.decidedAt,
    decidedBy: r.decidedBy?.name ?? null,
    note: r.note,
  };
}

/** The review of `id`, pending; 404 / 409 in words naming the partner and cell otherwise. */
async function requirePending(store: Store, view: ScoredView, id: string) {
  const review = await store.getDemotionReview(id);
  if (!review) throw httpError(404, 'no such demotion review', 'id');
  const subject = subjectOf(view, review.partnerId, review.cell);
  if (review.status !== 'pending') {
    const when = review.decidedAt ? ` on ${dayInWords(review.decidedAt)}` : '';
    const who = review.decidedBy ? ` by ${review.decidedBy.name}` : '';
    throw httpError(
      409,
      `${subject}: this demotion was already decided${who}${when} (${STATUS_WORDS[review.status].toLowerCase()})`,
      'id',
    );
  }
  return { review, subject };
}

/**
 * Records a decision on a review read as pending, only if it still is (check-and-set): of two editors
 * deciding at once, or an editor and a run, the second is told who decided first.
 */
async function decidePending(
  store: Store,
  view: ScoredView,
  review: DemotionReview,
  decided: Omit<DemotionReviewUpdate, 'id' | 'ifStatus'>,
): Promise<void> {
  const applied = await store.updateDemotionReviews([{ id: review.id, ifStatus: 'pending', ...decided }]);
  if (applied === 0) await requirePending(store, view, review.id);
}

const ReviewIdParams = z.object({ id: z.string().min(1).max(100) });
const levelWords = (level: string | null) => level ?? 'no level';

export function registerReviewsApi(
  api: ApiRoutes,
  scores: ScoresSource,
  store: Store,
  now: () => Date,
): void {
  api.add({
    method: 'get',
    path: '/api/reviews',
    tag: 'reviews',
    summary: 'Demotions waiting for review (oldest first), then the latest decided ones',
    response: ReviewsResponseSchema,
    handler: async () => {
      const reviews = await store.listDemotionReviews();
      const view = await scores.view();
      const { enabled, nights } = view.mappings.scoring.review.demotions;
      const at = now();
      const shown = reviews.map((r) => reviewView(view, r, nights, at));
      return {
        enabled,
        nights,
        pending: shown.filter((r) => r.status === 'pending'),
        decided: shown
          .filter((r) => r.status !== 'pending')
          .sort((a, b) => (b.decidedAt ?? b.firstSeenAt).localeCompare(a.decidedAt ?? a.firstSeenAt))
          .slice(0, DECIDED_SHOWN),
      };
    },
  });

  api.add({
    method: 'post',
    path: '/api/reviews/:id/approve',
    tag: 'reviews',
    summary: 'Approves a pending demotion: the next run applies the lower level',
    role: 'editor',
    doing: 'Approving a demotion',
    params: ReviewIdParams,
    body: z.strictObject({ note: z.string().trim().max(500).optional() }),
    response: z.object({ review: ReviewViewSchema, message: z.string() }),
    handler: async ({ params, body }, req) => {
      const view = await scores.view();
      const { review, subject } = await requirePending(store, view, params.id);
      const at = now();
      const decided = {
        status: 'approved' as const,
        decidedAt: at.toISOString(),
        decidedBy: actorOf(req),
        note: body.note ? body.note : null,
      };
      await decidePending(store, view, review, decided);
      await recordAudit(store, req, 'demotion-approved', subject, {
        summary: `Approved the demotion from ${review.fromLevel} to ${levelWords(review.toLevel)}${decided.note ? ` — ${decided.note}` : ''}`,
        reviewId: review.id,
        fromLevel: review.fromLevel,
        toLevel: review.toLevel,
        note: decided.note,
      });
      return {
        review: reviewView(
          view,
          { ...review, ...decided },
          view.mappings.scoring.review.demotions.nights,
          at,
        ),
        message: `Approved: ${subject} goes from ${review.fromLevel} to ${levelWords(review.toLevel)}. ${APPLIES_AT_NEXT_RUN}`,
      };
    },
  });

  api.add({
    method: 'post',
    path: '/api/reviews/:id/keep',
    tag: 'reviews',
    summary: 'Keeps the level of a pending demotion by pinning it (with a reason, until a day or removed)',
    role: 'editor',
    doing: 'Keeping a level',
    params: ReviewIdParams,
    body: z.strictObject({
      reason: z.string().trim().max(500),
      until: z.iso
        .date()
        .optional()
        .describe('The last day the pin applies (YYYY-MM-DD); until removed when absent'),
    }),
    response: z.object({ review: ReviewViewSchema, override: OverrideViewSchema, message: z.string() }),
    handler: async ({ params, body }, req) => {
      const view = await scores.view();
      const { review, subject } = await requirePending(store, view, params.id);
      const at = now();
      parseInWords(
        z.object({
          reason: z.string().min(1, `${subject}: give a reason for keeping ${review.fromLevel}`),
          until: dayAheadSchema(subject, at).optional(),
        }),
        body,
      );
      const author = actorOf(req);
      const decided = {
        status: 'kept' as const,
        decidedAt: at.toISOString(),
        decidedBy: author,
        note: body.reason,
      };
      // The pin and the decision together, or neither: a review kept twice would pin twice.
      const { override } = await store.transaction(async (tx) => {
        await decidePending(tx, view, review, decided);
        return placeOverride(
          tx,
          {
            partnerId: review.partnerId,
            cell: review.cell,
            kind: 'pin',
            level: review.fromLevel,
            reason: body.reason,
            until: body.until ?? null,
            author,
          },
          at,
        );
      });
      await recordAudit(store, req, 'demotion-kept', subject, {
        summary: `Kept ${review.fromLevel} instead of ${levelWords(review.toLevel)}: ${overrideWords(override, computedLevelOf(view, review.partnerId, review.cell), at)}`,
        reviewId: review.id,
        overrideId: override.id,
        level: review.fromLevel,
        reason: body.reason,
        expiresAt: override.expiresAt,
      });
      return {
        review: reviewView(
          view,
          { ...review, ...decided },
          view.mappings.scoring.review.demotions.nights,
          at,
        ),
        override: overrideView(view, override, at),
        message: `Kept ${subject} at ${review.fromLevel}${override.expiresAt ? ` until ${dayInWords(override.expiresAt)}` : ''}. ${APPLIES_AT_NEXT_RUN}`,
      };
    },
  });
}
