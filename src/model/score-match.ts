/** Schemas of opportunity matching: a customer's need and the single partners ranked for it. */
import { z } from 'zod';
import { PartnerIdSchema } from './partner.js';
import { CellKeySchema } from './score-cell.js';

/** A customer's need, as matching reads it. */
export const OpportunitySchema = z
  .object({
    sector: z.string().nullable(),
    technologies: z.array(z.string()),
    /** Only partners of this region (as on the partner record) are proposed. */
    region: z.string().nullable().optional(),
  })
  .refine(
    (o) => o.sector !== null || o.technologies.length > 0,
    'an opportunity needs a sector or a technology',
  );
export type Opportunity = z.infer<typeof OpportunitySchema>;

export const MatchSchema = z.object({
  rank: z.number().int().min(1),
  partnerId: PartnerIdSchema,
  name: z.string().nullable(),
  region: z.string().nullable(),
  /**
   * `cell`: proven (score ≥ `match.minScore`) in a sector × technology cell asked for; `adjacent`: not proven
   * there — weak evidence in the exact cell, or none and expertise in the sector or the technology alone.
   */
  tier: z.enum(['cell', 'adjacent']),
  /**
   * 0–100, averaged over the technologies asked for: the exact cell's score wherever the partner has evidence
   * there, else its best adjacent cell's score times `match.adjacentWeight`.
   */
  score: z.number(),
  confidence: z.number(),
  /** Best level held in an exact cell. */
  level: z.string().nullable(),
  reason: z.string(),
  cells: z.array(
    z.object({
      cell: CellKeySchema,
      exact: z.boolean(),
      score: z.number(),
      confidence: z.number(),
      level: z.string().nullable(),
    }),
  ),
});
export type Match = z.infer<typeof MatchSchema>;
