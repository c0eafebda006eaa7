/** The vocabulary of expertise: customer sectors (vertical) and technologies (horizontal). */
import { z } from 'zod';

export const TaxonomyKeySchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'a taxonomy key is lower snake_case, e.g. data_ai');

export const TaxonomyEntrySchema = z.object({
  key: TaxonomyKeySchema,
  label: z.string().min(1),
  /** Short code for list names that must fit a CRM's label length ("HLS"); absent: derived from the label. */
  short: z.string().min(1).max(12).optional(),
  /** Raw CRM values (picklist values, enum values, synonyms) that mean this entry; matched case-insensitively. */
  values: z.array(z.string()),
});
export type TaxonomyEntry = z.infer<typeof TaxonomyEntrySchema>;

/** A customer region (EMEA, North America…): the ISO 3166-1 alpha-2 countries it holds. */
export const RegionEntrySchema = z.object({
  key: TaxonomyKeySchema,
  label: z.string().min(1),
  countries: z.array(z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 country code, e.g. DE')),
});
export type RegionEntry = z.infer<typeof RegionEntrySchema>;

export const TaxonomySchema = z.object({
  sectors: z.array(TaxonomyEntrySchema).min(1),
  technologies: z.array(TaxonomyEntrySchema).min(1),
  /** Raw values known and deliberately left out of every sector (e.g. "Other"); they yield no issue. */
  unmapped: z.array(z.string()),
  /** Customer regions by country; a deal's customer region comes from its customer's country. Absent: no regions. */
  regions: z.array(RegionEntrySchema).optional(),
});
export type Taxonomy = z.infer<typeof TaxonomySchema>;
