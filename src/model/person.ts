/** A person at a partner (a Contact), who holds certifications. */
import { z } from 'zod';
import { IsoDateTimeSchema } from './dates.js';
import { PartnerIdSchema } from './partner.js';
import { SourceRefSchema } from './source-ref.js';

export const PersonSchema = z.object({
  /** The `refKey` of the person's CRM record. */
  id: z.string().min(1),
  source: SourceRefSchema,
  name: z.string().nullable(),
  email: z.string().nullable(),
  partnerId: PartnerIdSchema.nullable(),
  lastModified: IsoDateTimeSchema,
});
export type Person = z.infer<typeof PersonSchema>;
