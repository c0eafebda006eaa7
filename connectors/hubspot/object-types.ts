/**
 * Object type names → the names the API accepts. Standard objects go by name; a custom object's bare name
 * (`certifications`) is not an API name, so it is looked up in the schemas API for its objectTypeId.
 * https://developers.hubspot.com/docs/api-reference/crm-custom-objects-v3/guide
 */
import { AtlasError } from '../../src/errors.js';
import type { HubSpotClient } from './client.js';
import { HS_STANDARD_OBJECT_TYPE_IDS } from './limits.js';
import { HubSpotSchemasSchema } from './raw.js';

export interface ObjectTypeInfo {
  /** What goes in API paths (`companies`, `2-1234567`). */
  apiName: string;
  /** `0-2`, `2-1234567`. */
  objectTypeId: string;
  custom: boolean;
}

export class ObjectTypes {
  readonly #client: HubSpotClient;
  #custom: Map<string, ObjectTypeInfo> | null = null;

  constructor(client: HubSpotClient) {
    this.#client = client;
  }

  /** Forgets the custom schemas read so far (provisioning may have created one). */
  forget(): void {
    this.#custom = null;
  }

  /** The type of `name`, or null when the portal has no such object. */
  async find(name: string): Promise<ObjectTypeInfo | null> {
    const key = name.toLowerCase();
    const standard = HS_STANDARD_OBJECT_TYPE_IDS[key];
    if (standard) return { apiName: key, objectTypeId: standard, custom: false };
    if (/^\d+-\d+$/.test(name)) return { apiName: name, objectTypeId: name, custom: !name.startsWith('0-') };
    const custom = await this.#customTypes();
    return custom.get(key) ?? null;
  }

  /** Like find, but a missing type is an error naming it. */
  async resolve(name: string): Promise<ObjectTypeInfo> {
    const found = await this.find(name);
    if (!found) {
      throw new AtlasError(
        'SCHEMA_DRIFT',
        `HubSpot has no object type "${name}" (not a standard object, and no custom object schema of that name); run \`atlas provision hubspot --apply\` if the mapping needs it.`,
        { context: { system: 'hubspot', object: name } },
      );
    }
    return found;
  }

  async #customTypes(): Promise<Map<string, ObjectTypeInfo>> {
    if (this.#custom) return this.#custom;
    // GET /crm/v3/schemas: https://developers.hubspot.com/docs/api-reference/crm-custom-objects-v3/guide
    const answer = await this.#client.request({
      operation: 'schemas',
      method: 'GET',
      path: '/crm/v3/schemas',
    });
    const map = new Map<string, ObjectTypeInfo>();
    for (const s of HubSpotSchemasSchema.parse(answer.body).results) {
      const info = { apiName: s.objectTypeId, objectTypeId: s.objectTypeId, custom: true };
      map.set(s.name.toLowerCase(), info);
      if (s.fullyQualifiedName) map.set(s.fullyQualifiedName.toLowerCase(), info);
    }
    this.#custom = map;
    return map;
  }
}
