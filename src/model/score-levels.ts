/** Schemas of levels held in cells: segments, the levels passed back to the next run, and simulated level changes. */
import { z } from 'zod';
import { PartnerIdSchema } from './partner.js';
import { CellKeySchema, CellKindSchema } from './score-cell.js';

/** A level held in a cell, as passed back to the engine on the next run. */
export const PreviousLevelSchema = z.object({
  partnerId: PartnerIdSchema,
  cell: CellKeySchema,
  level: z.string().nullable(),
});
export type PreviousLevel = z.infer<typeof PreviousLevelSchema>;

/** A cell where a partner holds a level. */
export const SegmentSchema = z.object({
  cell: CellKeySchema,
  kind: CellKindSchema,
  level: z.string(),
  score: z.number(),
  /** "Healthcare × Data & AI — Specialist". */
  label: z.string(),
});
export type Segment = z.infer<typeof SegmentSchema>;

/** What switching the scoring configuration would do to levels (nothing is written). */
export const SimulationSchema = z.object({
  partnersChanged: z.number().int(),
  cellsChanged: z.number().int(),
  /** Cells held at each level, per configuration (by level name). */
  levelsBefore: z.record(z.string(), z.number().int()),
  levelsAfter: z.record(z.string(), z.number().int()),
  byCell: z.array(
    z.object({
      cell: CellKeySchema,
      promoted: z.number().int(),
      demoted: z.number().int(),
      /** Level name changes that are neither (e.g. a renamed level). */
      other: z.number().int(),
      transitions: z.array(
        z.object({ from: z.string().nullable(), to: z.string().nullable(), count: z.number().int() }),
      ),
    }),
  ),
});
export type Simulation = z.infer<typeof SimulationSchema>;
