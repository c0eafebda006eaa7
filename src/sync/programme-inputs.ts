/**
 * What a programme team decided that scoring must respect (issue #19), read from the store for one scoring
 * instant: the overrides in force and the demotions the review lets through. The run, `explain`, `match`,
 * `simulate` and the web app all score with it, so they agree on every level.
 */
import type { LetDemotion } from '../engine/index.js';
import type { ActiveOverride, DemotionReview } from '../model/index.js';
import type { ScoringConfig } from '../model/scoring.js';
import type { Store } from '../store/index.js';
import { demotionsLetThrough, OPEN_REVIEW_STATUSES, toActiveOverride } from './demotion-reviews.js';

export interface ProgrammeInputs {
  /** In force at the instant (not removed, not expired), newest first. */
  overrides: ActiveOverride[];
  letDemotions: LetDemotion[];
  /** The open reviews (pending and approved) read, for the run to reconcile after scoring. */
  reviews: DemotionReview[];
}

/** The overrides and demotion reviews that apply to a scoring at `at` (ISO date or instant, as the engine's `now`). */
export async function programmeInputs(
  store: Store,
  config: ScoringConfig,
  scoringAt: string,
): Promise<ProgrammeInputs> {
  // A scoring date means its first instant (midnight UTC), as the engine reads it; the store compares instants.
  const at = new Date(scoringAt).toISOString();
  const overrides = (await store.listOverrides({ activeAt: at })).map(toActiveOverride);
  const reviews = config.review.demotions.enabled
    ? await store.listDemotionReviews({ status: OPEN_REVIEW_STATUSES })
    : [];
  return { overrides, letDemotions: demotionsLetThrough(reviews, config, at), reviews };
}
