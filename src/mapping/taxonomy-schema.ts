/** The schema of `mappings/taxonomy.yaml`: the model's Taxonomy as a strict file format. */
import { z } from 'zod';
import { TaxonomyKeySchema } from '../model/index.js';
import { isCountryCode } from './transforms.js';

const EntrySchema = z.strictObject({
  key: TaxonomyKeySchema,
  label: z.string().min(1),
  /** Short code for list names that must fit a CRM's label length ("HLS"); absent: derived from the label. */
  short: z.string().min(1).max(12).optional(),
  /** Raw CRM values (picklist values, enum values, synonyms), matched case-insensitively. */
  values: z.array(z.string().min(1)),
});

const RegionSchema = z.strictObject({
  key: TaxonomyKeySchema,
  label: z.string().min(1),
  /** ISO 3166-1 alpha-2 codes of the region's countries; a country sits in one region (findTaxonomyDuplicates). */
  countries: z.array(
    z.string().refine(isCountryCode, {
      message: 'not an ISO 3166-1 alpha-2 country code; write it as two capital letters, e.g. DE or US',
    }),
  ),
});

/** Strict taxonomy file; duplicate values and keys are checked by `findTaxonomyDuplicates`. Values match case-insensitively. */
export const TaxonomyFileSchema = z.strictObject({
  sectors: z.array(EntrySchema).min(1),
  technologies: z.array(EntrySchema).min(1),
  /** Raw values known and deliberately left out of every sector and technology: they yield no issue. */
  unmapped: z.array(z.string().min(1)).default([]),
  /** Customer regions by country; absent: deals carry a customer country but no region. */
  regions: z.array(RegionSchema).default([]),
});
export type TaxonomyFile = z.infer<typeof TaxonomyFileSchema>;
