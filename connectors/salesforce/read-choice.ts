/** REST paging or Bulk API 2.0 for a read: the calls each path costs, and the cheaper one for the records left. */
import { SF_QUERY_BATCH_MAX } from './limits.js';

/**
 * Status checks a Bulk query job needs at the fewest. The first check waits a poll interval after the create
 * (bulk2-query.ts), so a job of a few hundred thousand rows is usually complete by then.
 */
export const BULK_STATUS_CHECKS_MIN = 1;

export type ReadPath = 'rest' | 'bulk2';

/** Calls to page `records` through REST `query` / `queryMore`: one per page, and one even for none. */
export function restCalls(records: number): number {
  return Math.max(1, Math.ceil(records / SF_QUERY_BATCH_MAX));
}

/**
 * Calls to read `records` with a Bulk API 2.0 query job: create, status check(s), results pages (one even when
 * empty). https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/queries.htm
 */
export function bulkCalls(records: number, resultsPage: number): number {
  return 1 + BULK_STATUS_CHECKS_MIN + Math.max(1, Math.ceil(records / Math.max(1, resultsPage)));
}

/** The fewest calls that read `records` from scratch, and the path that costs them (REST on a tie). */
export function cheapestRead(
  records: number,
  options: { resultsPage: number; bulkAllowed: boolean },
): { path: ReadPath; calls: number } {
  const rest = restCalls(records);
  const bulk = bulkCalls(records, options.resultsPage);
  return options.bulkAllowed && bulk < rest ? { path: 'bulk2', calls: bulk } : { path: 'rest', calls: rest };
}

export interface AfterFirstPage {
  /** `totalSize` of the first REST page: the records the query matches. */
  total: number;
  /** Records that page held (kept either way: a Bulk continuation starts after the last of them). */
  read: number;
  /** Rows per Bulk results page we ask for (`maxRecords`). */
  resultsPage: number;
  /** False for plans with subqueries (Bulk API 2.0 has none), previews, or below `bulkQueryThreshold`. */
  bulkAllowed: boolean;
}

/**
 * How to read what is left after the first REST page. That page is the count (its `totalSize`) and is never
 * thrown away, so the choice is between the rest by `queryMore` (pages of the 2,000 it asks for) and one Bulk job
 * over the records after the first page's last one; Bulk wins only when strictly cheaper (REST stays ordered,
 * and the org's daily Bulk job allocation is kept for when it pays).
 */
export function chooseAfterFirstPage(p: AfterFirstPage): ReadPath {
  const left = p.total - p.read;
  if (!p.bulkAllowed || left <= 0) return 'rest';
  return bulkCalls(left, p.resultsPage) < restCalls(left) ? 'bulk2' : 'rest';
}
