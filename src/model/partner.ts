/** A partner company of the vendor's programme, possibly present in several CRMs. */
import { z } from 'zod';
import { IsoDateTimeSchema } from './dates.js';
import { SourceRefSchema } from './source-ref.js';

/**
 * Our id of a partner. For a record straight from a CRM it is the `refKey` of that record;
 * identity resolution rewrites it to the id of the record it was merged into.
 */
export const PartnerIdSchema = z.string().min(1).brand<'PartnerId'>();
export type PartnerId = z.infer<typeof PartnerIdSchema>;

export const PartnerSchema = z.object({
  id: PartnerIdSchema,
  name: z.string().min(1),
  /** Normalised web domain (`example.com`): lower case, no scheme, no `www.`, no path. */
  domain: z.string().nullable(),
  /** ISO 3166-1 alpha-2 where the CRM value could be recognised, otherwise the CRM's text. */
  country: z.string().nullable(),
  region: z.string().nullable(),
  partnerType: z.string().nullable(),
  /** The revenue tier this product retires, kept only to compare against expertise. */
  legacyTier: z.string().nullable(),
  /** Every CRM record that is this partner (one per CRM after identity resolution). */
  sourceRefs: z.array(SourceRefSchema).min(1),
  /** Records in other CRMs that this one claims to be, e.g. HubSpot's `salesforceaccountid`. */
  crossRefs: z.array(SourceRefSchema),
  lastModified: IsoDateTimeSchema,
});
export type Partner = z.infer<typeof PartnerSchema>;
