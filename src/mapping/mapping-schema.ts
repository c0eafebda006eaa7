/** The schema of a CRM's mapping file (`mappings/<system>.yaml`), built from its plugin's dialect and write-back schema. */
import { z } from 'zod';
import type { CrmPlugin } from '../../connectors/plugin.js';
import { CRM_PLUGINS, crmPlugin } from '../../connectors/registry.js';
import type { CrmSystem } from '../model/index.js';
import { entitySchemas } from './entity-schema.js';

function buildMappingSchema(plugin: CrmPlugin) {
  const entities = entitySchemas(plugin.mapping);
  return z.strictObject({
    system: z.literal(plugin.system),
    entities: z.strictObject({
      /** Required: partner and customer references point at this object's records. */
      partners: entities.partners,
      deals: entities.deals.optional(),
      certifications: entities.certifications.optional(),
      people: entities.people.optional(),
    }),
    /** Fields and lists receiving the results; absent means read-only. */
    writeback: plugin.writebackSchema.optional(),
  });
}

export type MappingSchema = ReturnType<typeof buildMappingSchema>;

const SCHEMAS = new Map<CrmSystem, MappingSchema>(CRM_PLUGINS.map((p) => [p.system, buildMappingSchema(p)]));

/**
 * The schema of one CRM's mapping file.
 * @example
 * const parsed = parseYamlFile('mappings/hubspot.yaml', text, mappingSchema('hubspot'));
 */
export function mappingSchema(system: CrmSystem): MappingSchema {
  return SCHEMAS.get(system) ?? buildMappingSchema(crmPlugin(system));
}
