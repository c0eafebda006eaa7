/** The schema of `mappings/hubspot.yaml`. */
import { z } from 'zod';
import { entitySchemas } from './entity-schema.js';
import { HubSpotWritebackSchema } from './hubspot-writeback-schema.js';
import { HubSpotLinkageSchema } from './linkage-schema.js';
import { PATH_RULES } from './path-rules.js';

const entities = entitySchemas(PATH_RULES.hubspot, HubSpotLinkageSchema);

export const HubSpotMappingSchema = z.strictObject({
  system: z.literal('hubspot'),
  entities: z.strictObject({
    /** Required: partner and customer references point at this object's records. */
    partners: entities.partners,
    deals: entities.deals.optional(),
    certifications: entities.certifications.optional(),
    people: entities.people.optional(),
  }),
  /** Properties and lists receiving the results; absent means read-only. */
  writeback: HubSpotWritebackSchema.optional(),
});
export type HubSpotMapping = z.infer<typeof HubSpotMappingSchema>;
