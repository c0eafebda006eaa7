/** The vocabulary of expertise: customer sectors (vertical) and technologies (horizontal). */
import { z } from 'zod';

export const TaxonomyKeySchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'a taxonomy key is lower snake_case, e.g. data_ai');

export const TaxonomyEntrySchema = z.object({
  key: TaxonomyKeySchema,
  label: z.string().min(1),
  /** Raw CRM values (picklist values, enum values, synonyms) that mean this entry; matched case-insensitively. */
  values: z.array(z.string()),
});
export type TaxonomyEntry = z.infer<typeof TaxonomyEntrySchema>;

export const TaxonomySchema = z.object({
  sectors: z.array(TaxonomyEntrySchema).min(1),
  technologies: z.array(TaxonomyEntrySchema).min(1),
  /** Raw values known and deliberately left out of every sector (e.g. "Other"); they yield no issue. */
  unmapped: z.array(z.string()),
});
export type Taxonomy = z.infer<typeof TaxonomySchema>;
