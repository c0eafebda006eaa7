/** A customer deal a partner took part in: the proof of expertise in a sector × technology cell. */
import { z } from 'zod';
import { IsoDateSchema, IsoDateTimeSchema, MoneySchema } from './dates.js';
import { PartnerIdSchema } from './partner.js';
import { SourceRefSchema } from './source-ref.js';

export const DealRoleSchema = z.enum(['sourced', 'delivered', 'influenced']);
export type DealRole = z.infer<typeof DealRoleSchema>;

export const DealPartnerSchema = z.object({ partnerId: PartnerIdSchema, role: DealRoleSchema });
export type DealPartner = z.infer<typeof DealPartnerSchema>;

/** Optional delivery / customer-success signals, fed where the CRM has them. */
export const DeliverySignalsSchema = z.object({
  renewal: z.boolean().nullable(),
  expansion: z.boolean().nullable(),
  /** Customer satisfaction on a 0–1 scale (the mapping rescales CSAT / NPS fields). */
  satisfaction: z.number().min(0).max(1).nullable(),
});
export type DeliverySignals = z.infer<typeof DeliverySignalsSchema>;

export const DealIdSchema = z.string().min(1).brand<'DealId'>();
export type DealId = z.infer<typeof DealIdSchema>;

export const DealSchema = z.object({
  id: DealIdSchema,
  source: SourceRefSchema,
  name: z.string().nullable(),
  partners: z.array(DealPartnerSchema),
  /** The customer's own record id (for counting distinct customers), when the CRM links one. */
  customerId: z.string().nullable(),
  /** Taxonomy sector key of the customer, or null when unknown / unmapped. */
  sector: z.string().nullable(),
  /** The customer's country, an ISO 3166-1 alpha-2 code (absent or null when unknown / unmapped). */
  customerCountry: z.string().nullable().optional(),
  /** Taxonomy region key of the customer's country (taxonomy.yaml `regions:`); absent or null when unknown. */
  customerRegion: z.string().nullable().optional(),
  /** Taxonomy technology keys, deduplicated. */
  technologies: z.array(z.string()),
  amount: MoneySchema.nullable(),
  stage: z.string().nullable(),
  isWon: z.boolean(),
  isClosed: z.boolean(),
  closeDate: IsoDateSchema.nullable(),
  signals: DeliverySignalsSchema,
  lastModified: IsoDateTimeSchema,
});
export type Deal = z.infer<typeof DealSchema>;
