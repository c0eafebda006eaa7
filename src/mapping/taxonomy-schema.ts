/** The schema of `mappings/taxonomy.yaml`: the model's Taxonomy as a strict file format. */
import { z } from 'zod';
import { TaxonomyKeySchema } from '../model/index.js';

const EntrySchema = z.strictObject({
  key: TaxonomyKeySchema,
  label: z.string().min(1),
  /** Raw CRM values (picklist values, enum values, synonyms), matched case-insensitively. */
  values: z.array(z.string().min(1)),
});

/** Strict taxonomy file; duplicate values and keys are checked by `findTaxonomyDuplicates`. Values match case-insensitively. */
export const TaxonomyFileSchema = z.strictObject({
  sectors: z.array(EntrySchema).min(1),
  technologies: z.array(EntrySchema).min(1),
  /** Raw values known and deliberately left out of every sector and technology: they yield no issue. */
  unmapped: z.array(z.string().min(1)).default([]),
});
export type TaxonomyFile = z.infer<typeof TaxonomyFileSchema>;
