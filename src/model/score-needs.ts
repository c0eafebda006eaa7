/** Schemas of the support needs the engine diagnoses per partner. */
import { z } from 'zod';
import { CellKeySchema } from './score-cell.js';

export const NeedKindSchema = z.enum([
  'technical-enablement',
  'sales-marketing-support',
  'sales-enablement',
  're-engagement',
]);
export type NeedKind = z.infer<typeof NeedKindSchema>;

/** A support need with the figures that triggered it, in one cell or (re-engagement) for the whole partner. */
export const NeedSchema = z.object({
  need: NeedKindSchema,
  /** Null for partner-wide needs. */
  cell: CellKeySchema.nullable(),
  /** The triggering figures, e.g. `{ wonCustomers: 6, wonCustomersPercentile: 82, certifiedPeople: 0, ... }`. */
  figures: z.record(z.string(), z.number().nullable()),
  /** One sentence for a partner manager. */
  summary: z.string(),
});
export type Need = z.infer<typeof NeedSchema>;
