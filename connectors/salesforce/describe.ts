/** sObject describes for one job (a schema check) or one connector's run (its Bulk reads): fetched fresh, then shared. */
import { AtlasError, CrmApiError } from '../../src/errors.js';
import type { CrmField } from '../types.js';
import type { SalesforceClient } from './client.js';
import { type SalesforceDescribe, type SalesforceDescribeField, SalesforceDescribeSchema } from './raw.js';

/** Where a path leads: the last field's describe, the object holding it, or why it cannot be followed. */
export type PathResolution =
  | { ok: true; object: string; field: SalesforceDescribeField }
  | { ok: false; object: string; missing: string };

/** Describes fetched during one job or run; a new session per run, so nothing is stale. */
export class DescribeSession {
  readonly #client: SalesforceClient;
  readonly #cache = new Map<string, Promise<SalesforceDescribe | null>>();

  constructor(client: SalesforceClient) {
    this.#client = client;
  }

  /** The describe of an object, or null when the org has no such object (or the user cannot see it). */
  describe(object: string): Promise<SalesforceDescribe | null> {
    const key = object.toLowerCase();
    let pending = this.#cache.get(key);
    if (!pending) {
      // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_sobject_describe.htm
      pending = this.#client
        .get('describe', `/sobjects/${encodeURIComponent(object)}/describe`)
        .then((body) => SalesforceDescribeSchema.parse(body))
        .catch((error: unknown) => {
          if (
            error instanceof CrmApiError &&
            (error.details.status === 404 || error.details.vendorCode === 'NOT_FOUND')
          ) {
            return null;
          }
          throw error;
        });
      this.#cache.set(key, pending);
    }
    return pending;
  }

  /** Follows `Account.Owner.Name` through relationship names to the last field. */
  async resolve(object: string, path: string): Promise<PathResolution> {
    const parts = path.split('.');
    let current = object;
    for (let i = 0; i < parts.length; i++) {
      const part = (parts[i] as string).toLowerCase();
      const d = await this.describe(current);
      if (!d) return { ok: false, object: current, missing: current };
      if (i === parts.length - 1) {
        const field = d.fields.find((f) => f.name.toLowerCase() === part);
        return field
          ? { ok: true, object: d.name, field }
          : { ok: false, object: d.name, missing: parts[i] as string };
      }
      const rel = d.fields.find(
        (f) => f.relationshipName?.toLowerCase() === part && (f.referenceTo?.length ?? 0) > 0,
      );
      const target = rel?.referenceTo?.[0];
      if (!rel || !target) return { ok: false, object: d.name, missing: parts[i] as string };
      current = target;
    }
    return { ok: false, object: current, missing: path };
  }

  /** The child object of a child relationship (`OpportunityLineItems` → `OpportunityLineItem`). */
  async childObject(object: string, relationship: string): Promise<string | null> {
    const d = await this.describe(object);
    const rel = d?.childRelationships.find(
      (r) => r.relationshipName?.toLowerCase() === relationship.toLowerCase(),
    );
    return rel?.childSObject ?? null;
  }
}

/** Every field of an object the integration user can see, for the mapping editor's pickers. */
export async function describeObjectFields(client: SalesforceClient, object: string): Promise<CrmField[]> {
  const d = await new DescribeSession(client).describe(object);
  if (!d) {
    throw new AtlasError(
      'UNKNOWN_OBJECT',
      `Salesforce has no sObject ${object} the integration user can read`,
      {
        context: { system: 'salesforce', object },
      },
    );
  }
  return d.fields.map((f) => ({ name: f.name, label: f.label ?? f.name, type: f.type }));
}
