/** The result values Partner Atlas can write back to a CRM record, and the shape of each. */
import { z } from 'zod';

export const WRITEBACK_RESULTS = [
  'primarySegment',
  'segments',
  'needs',
  'topScore',
  'expertiseSummary',
  'scoredAt',
  'suggestedTeammates',
  'expertiseCells',
  'benefit',
] as const;
export const WritebackResultSchema = z.enum(WRITEBACK_RESULTS);
export type WritebackResult = z.infer<typeof WritebackResultSchema>;

/**
 * `text` fits 255 characters; `longText` may not; `list` is several values; `datetime` an ISO instant;
 * `choice` one value of a set known before the run (a picklist's options).
 */
export type ResultShape = 'text' | 'longText' | 'list' | 'number' | 'datetime' | 'choice';

export const RESULT_SHAPES: Record<WritebackResult, ResultShape> = {
  /** "Healthcare × Data & AI — Specialist". */
  primarySegment: 'text',
  /** Every segment the partner reached. */
  segments: 'list',
  /** The support the partner needs next. */
  needs: 'list',
  /** Best expertise score, 0–100. */
  topScore: 'number',
  /** A few lines explaining the scores and what is missing for the next level. */
  expertiseSummary: 'longText',
  /** When the scores were computed. */
  scoredAt: 'datetime',
  /** Partners that complement this one. */
  suggestedTeammates: 'list',
  /**
   * One line per levelled sector × technology cell, best first: the per-cell results where a CRM has no
   * per-cell records (HubSpot without custom objects).
   */
  expertiseCells: 'longText',
  /** The value of the benefit the field names (`benefit:`, defined in benefits.yaml): "High", "Eligible". */
  benefit: 'choice',
};

/** Which list kinds group records by: one list per segment or per need. */
export const LIST_GROUPINGS = ['segment', 'need'] as const;
export const ListGroupingSchema = z.enum(LIST_GROUPINGS);
export type ListGrouping = z.infer<typeof ListGroupingSchema>;

/** The list-valued result a grouping reads. */
export const GROUPING_RESULT: Record<ListGrouping, WritebackResult> = { segment: 'segments', need: 'needs' };
