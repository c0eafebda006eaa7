/** Schemas of what changed between two scoring runs, per cell and per coverage, with reasons. */
import { z } from 'zod';
import { PartnerIdSchema } from './partner.js';
import { CellKeySchema } from './score-cell.js';
import { MapFlagSchema } from './score-map.js';

/** Why a cell's score or level moved between two snapshots, read from the change in its figures. */
export const ChangeReasonSchema = z.object({
  kind: z.enum([
    'new-cell',
    'cell-gone',
    'won-deals-added',
    'won-deals-removed',
    'lost-deals-added',
    'certifications-added',
    'certifications-expired',
    'certifications-removed',
    'customers-left-window',
    'evidence-decayed',
    'certifications-aged',
    'ecosystem-shift',
  ]),
  /** How many records, where the reason counts records. */
  count: z.number().int().nullable(),
  detail: z.string(),
});
export type ChangeReason = z.infer<typeof ChangeReasonSchema>;

export const CellChangeSchema = z.object({
  partnerId: PartnerIdSchema,
  cell: CellKeySchema,
  scoreBefore: z.number().nullable(),
  scoreAfter: z.number().nullable(),
  /** after − before (a missing side counts as 0). */
  delta: z.number(),
  levelBefore: z.string().nullable(),
  levelAfter: z.string().nullable(),
  change: z.enum(['promoted', 'demoted', 'same-level', 'appeared', 'disappeared']),
  reasons: z.array(ChangeReasonSchema),
});
export type CellChange = z.infer<typeof CellChangeSchema>;

export const CoverageChangeSchema = z.object({
  cell: CellKeySchema,
  coverageBefore: z.number().nullable(),
  coverageAfter: z.number().nullable(),
  demandBefore: z.number().int(),
  demandAfter: z.number().int(),
  capacityBefore: z.number(),
  capacityAfter: z.number(),
  flagsAdded: z.array(MapFlagSchema),
  flagsRemoved: z.array(MapFlagSchema),
});
export type CoverageChange = z.infer<typeof CoverageChangeSchema>;

/** What changed between two scoring runs. */
export const EvolutionSchema = z.object({
  from: z.string(),
  to: z.string(),
  /** Cells whose score moved by at least the threshold, whose level changed, or that appeared / disappeared. */
  cells: z.array(CellChangeSchema),
  coverage: z.array(CoverageChangeSchema),
  summary: z.object({
    promoted: z.number().int(),
    demoted: z.number().int(),
    appeared: z.number().int(),
    disappeared: z.number().int(),
    partnersWithChanges: z.number().int(),
  }),
});
export type Evolution = z.infer<typeof EvolutionSchema>;
