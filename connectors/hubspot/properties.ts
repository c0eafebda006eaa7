/** Property definitions of an object type, read fresh (`GET /crm/v3/properties/{objectType}`). */
import type { HubSpotClient } from './client.js';
import { HubSpotPropertiesSchema, type HubSpotProperty } from './raw.js';

/** Every live property of the type, by name. https://developers.hubspot.com/docs/api-reference/crm-properties-v3/guide */
export async function readPropertyDefinitions(
  client: HubSpotClient,
  apiName: string,
): Promise<Map<string, HubSpotProperty>> {
  const answer = await client.request({
    operation: 'properties',
    method: 'GET',
    path: `/crm/v3/properties/${apiName}`,
  });
  const map = new Map<string, HubSpotProperty>();
  for (const p of HubSpotPropertiesSchema.parse(answer.body).results) {
    if (!p.archived) map.set(p.name, p);
  }
  return map;
}

/** Properties HubSpot maintains itself (always readable, never writable, not always listed). */
export const SYSTEM_PROPERTIES = new Set(['hs_object_id']);
