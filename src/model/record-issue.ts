/** A CRM record that could not be mapped cleanly: kept, stored and reported, never a crash or a silent drop. */
import { z } from 'zod';
import { CrmSystemSchema } from './source-ref.js';

export const RecordIssueSchema = z.object({
  system: CrmSystemSchema,
  object: z.string(),
  recordId: z.string(),
  /** The model field being read, e.g. `deals.closeDate`. */
  field: z.string(),
  /** The offending raw value, cut to a readable length. */
  value: z.string().nullable(),
  reason: z.string(),
  /** `error`: the record was skipped; `warning`: it was kept with the field left empty. */
  severity: z.enum(['error', 'warning']),
});
export type RecordIssue = z.infer<typeof RecordIssueSchema>;
