/** A certification held by a person at a partner: the proof of skills in a technology (or an industry). */
import { z } from 'zod';
import { IsoDateSchema, IsoDateTimeSchema } from './dates.js';
import { PartnerIdSchema } from './partner.js';
import { SourceRefSchema } from './source-ref.js';

export const CertificationLevelSchema = z.enum(['foundational', 'associate', 'professional', 'expert']);
export type CertificationLevel = z.infer<typeof CertificationLevelSchema>;

export const CertificationIdSchema = z.string().min(1).brand<'CertificationId'>();
export type CertificationId = z.infer<typeof CertificationIdSchema>;

export const CertificationSchema = z.object({
  id: CertificationIdSchema,
  source: SourceRefSchema,
  name: z.string().nullable(),
  partnerId: PartnerIdSchema,
  /** The certified person (a Contact / contact id key); null when the CRM does not say who holds it. */
  personId: z.string().nullable(),
  technology: z.string().nullable(),
  /** Set for industry certifications (e.g. a healthcare compliance credential). */
  sector: z.string().nullable(),
  level: CertificationLevelSchema,
  earnedDate: IsoDateSchema.nullable(),
  expiryDate: IsoDateSchema.nullable(),
  lastModified: IsoDateTimeSchema,
});
export type Certification = z.infer<typeof CertificationSchema>;
