/** The schema of `mappings/salesforce.yaml`. */
import { z } from 'zod';
import { entitySchemas } from './entity-schema.js';
import { SalesforceLinkageSchema } from './linkage-schema.js';
import { PATH_RULES } from './path-rules.js';
import { SalesforceWritebackSchema } from './salesforce-writeback-schema.js';

const entities = entitySchemas(PATH_RULES.salesforce, SalesforceLinkageSchema);

export const SalesforceMappingSchema = z.strictObject({
  system: z.literal('salesforce'),
  entities: z.strictObject({
    /** Required: partner and customer references point at this object's records. */
    partners: entities.partners,
    deals: entities.deals.optional(),
    certifications: entities.certifications.optional(),
    people: entities.people.optional(),
  }),
  /** Fields and list views receiving the results; absent means read-only. */
  writeback: SalesforceWritebackSchema.optional(),
});
export type SalesforceMapping = z.infer<typeof SalesforceMappingSchema>;
