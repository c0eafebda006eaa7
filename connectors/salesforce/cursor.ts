/** The read cursor this connector saves after each page, and its validation when the store hands it back. */
import { z } from 'zod';

/** A Bulk API 2.0 query job being paged, so a crash resumes at the same results page. */
const BulkProgressSchema = z.object({
  jobId: z.string().min(15),
  /** `Sforce-Locator` of the next results page. */
  locator: z.string().min(1),
  /** Newest modified stamp seen so far in the job (results are unordered). */
  seenMax: z.iso.datetime().nullable(),
  /** Largest Id among the records at `seenMax`, so the next read resumes exactly after them. */
  seenMaxId: z.string().nullable().default(null),
});

export const SalesforceCursorSchema = z.object({
  v: z.literal(1),
  /** Read records modified at or after this (ISO UTC), never later than the run's start. */
  modifiedSince: z.iso.datetime(),
  /** With no lookback: the last record read at `modifiedSince` (keyset resume). */
  afterId: z.string().nullable(),
  /**
   * Changes of related records (related-changes.ts) were looked for up to here (the start of the run that did):
   * the next read looks from here, not from `modifiedSince`, which moves only when the entity's own records
   * change, so a night without them would re-read the same related changes again. Absent: `modifiedSince`.
   */
  relatedSince: z.iso.datetime().optional(),
  bulk: BulkProgressSchema.optional(),
});
export type SalesforceCursor = z.infer<typeof SalesforceCursorSchema>;
export type BulkProgress = z.infer<typeof BulkProgressSchema>;

/** The cursor of a page: the last record's stamp and id, capped at the run's start (then without id). */
export function cursorAfter(
  modified: string | null,
  id: string | null,
  runStartedAt: string,
  previous: SalesforceCursor | null,
): SalesforceCursor {
  if (modified === null) return previous ?? { v: 1, modifiedSince: runStartedAt, afterId: null };
  const ts = Date.parse(modified);
  const cap = Date.parse(runStartedAt);
  if (Number.isNaN(ts) || ts > cap)
    return { v: 1, modifiedSince: new Date(cap).toISOString(), afterId: null };
  return { v: 1, modifiedSince: new Date(ts).toISOString(), afterId: id };
}
