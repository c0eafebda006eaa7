/**
 * Schema drift and the connection check: the properties API read fresh for every mapped object, the
 * token's scopes against what the mapped objects need, and the limits HubSpot reports.
 */
import type { Logger } from 'pino';
import type { AssociationLabels, ConnectionCheck, FieldAccess, ReadPlan, SchemaProblem } from '../types.js';
import type { HubSpotClient } from './client.js';
import type { ObjectTypes } from './object-types.js';
import { readPropertyDefinitions, SYSTEM_PROPERTIES } from './properties.js';
import {
  HubSpotAccountDetailsSchema,
  HubSpotAssociationLabelsSchema,
  type HubSpotProperty,
  HubSpotTokenInfoSchema,
} from './raw.js';

type Definitions = Map<string, HubSpotProperty> | null;

/** Reads each object's properties once per call; null when the object type does not exist. */
class DefinitionReader {
  readonly #cache = new Map<string, Definitions>();
  constructor(
    readonly client: HubSpotClient,
    readonly types: ObjectTypes,
  ) {}

  async of(object: string): Promise<Definitions> {
    const key = object.toLowerCase();
    if (this.#cache.has(key)) return this.#cache.get(key) ?? null;
    const type = await this.types.find(object);
    const defs = type ? await readPropertyDefinitions(this.client, type.apiName) : null;
    this.#cache.set(key, defs);
    return defs;
  }
}

/** Every mapped property the portal lacks, per plan (entity, object, property). */
export async function checkPlans(
  client: HubSpotClient,
  types: ObjectTypes,
  plans: readonly ReadPlan[],
): Promise<SchemaProblem[]> {
  types.forget();
  const reader = new DefinitionReader(client, types);
  const problems: SchemaProblem[] = [];
  const check = async (plan: ReadPlan, object: string, fields: readonly string[], via?: string) => {
    const defs = await reader.of(object);
    for (const field of fields) {
      if (SYSTEM_PROPERTIES.has(field)) continue;
      if (defs?.has(field)) continue;
      problems.push({
        entity: plan.entity,
        object,
        field,
        reason: 'missing',
        message: defs
          ? `HubSpot ${object} has no property "${field}"${via ? ` (read on the ${via} association)` : ''}; create it or fix the mapping.`
          : `HubSpot has no object type "${object}"; run \`atlas provision hubspot --apply\` or fix the mapping.`,
      });
    }
  };
  for (const plan of plans) {
    await check(plan, plan.object, plan.fields);
    for (const a of plan.associations)
      await check(plan, a.object, a.properties, `${plan.object} → ${a.object}`);
  }
  return problems;
}

/** Scopes a read of `object` needs: https://developers.hubspot.com/docs/apps/legacy-apps/authentication/scopes */
function readScopes(object: string, custom: boolean): string[] {
  return custom ? ['crm.objects.custom.read', 'crm.schemas.custom.read'] : [`crm.objects.${object}.read`];
}

/**
 * The labels the portal defines for every mapped association that tells labels apart, and the mapped ones
 * it lacks: a deal → company label the portal never defined links no partner, so it is named here. Not an
 * error by itself: a mapping may list spellings of one label (HubSpot renamed "Primary" in 2024).
 */
async function associationLabels(
  client: HubSpotClient,
  plans: readonly ReadPlan[],
): Promise<AssociationLabels[]> {
  const out: AssociationLabels[] = [];
  for (const plan of plans) {
    for (const a of plan.associations) {
      if (a.labels.length === 0) continue;
      // GET /crm/v4/associations/{fromObjectType}/{toObjectType}/labels: https://developers.hubspot.com/docs/api-reference/crm-associations-schema-v4/guide
      const path = `/crm/v4/associations/${encodeURIComponent(plan.object)}/${encodeURIComponent(a.object)}/labels`;
      const body = HubSpotAssociationLabelsSchema.parse(
        (await client.request({ operation: 'associations/labels', method: 'GET', path })).body,
      );
      const defined = [...new Set(body.results.flatMap((t) => (t.label ? [t.label] : [])))].sort();
      const known = new Set(defined.map((l) => l.toLowerCase()));
      out.push({
        from: plan.object,
        to: a.object,
        defined,
        unknown: a.labels.filter((l) => !known.has(l.toLowerCase())),
      });
    }
  }
  return out;
}

export interface CheckInput {
  plans: readonly ReadPlan[];
  writeFields: readonly string[];
  writeObject: string;
  lists: boolean;
  /** The object recommended partners are written to (deals), when the write-back has `recommendations`. */
  recommendationObject?: string;
  /** Whether the write-back keeps per-cell records in a custom object (`cellRecords`). */
  cellRecords?: boolean;
}

/** What `atlas connect hubspot --check` prints. */
export async function checkConnection(
  client: HubSpotClient,
  types: ObjectTypes,
  input: CheckInput,
  logger?: Logger,
): Promise<ConnectionCheck> {
  // GET /account-info/v3/details: https://developers.hubspot.com/docs/api-reference/account-account-info-v3/guide
  const details = HubSpotAccountDetailsSchema.parse(
    (await client.request({ operation: 'account', method: 'GET', path: '/account-info/v3/details' })).body,
  );
  // GET /oauth/v1/access-tokens/{token}: scopes of the token. A token this endpoint cannot introspect (some
  // private app tokens) leaves the scopes unknown: nothing is reported missing, and the log says why.
  const token = await client.tokens.token();
  const info = await client.request({
    operation: 'oauth/access-token',
    method: 'GET',
    path: `/oauth/v1/access-tokens/${encodeURIComponent(token)}`,
    displayPath: '/oauth/v1/access-tokens/{token}',
    accept: [400, 401, 403, 404],
  });
  const tokenInfo = info.status >= 400 ? null : HubSpotTokenInfoSchema.parse(info.body);
  if (!tokenInfo) {
    logger?.warn(
      { status: info.status },
      'hubspot: the token cannot be introspected; missing scopes are not checked',
    );
  }

  const required = new Set<string>();
  const reader = new DefinitionReader(client, types);
  const fields: FieldAccess[] = [];
  const access = async (object: string, field: string, write: boolean) => {
    const defs = await reader.of(object);
    const def = defs?.get(field);
    const exists = def !== undefined || SYSTEM_PROPERTIES.has(field);
    const readOnly = def?.modificationMetadata?.readOnlyValue === true || def?.calculated === true;
    fields.push({ object, field, exists, readable: exists, writable: exists && !readOnly && write });
  };
  for (const plan of input.plans) {
    const type = await types.find(plan.object);
    for (const s of readScopes(plan.object, type?.custom ?? false)) required.add(s);
    for (const f of plan.fields) await access(plan.object, f, false);
    for (const a of plan.associations) {
      const t = await types.find(a.object);
      for (const s of readScopes(a.object, t?.custom ?? false)) required.add(s);
      for (const p of a.properties) await access(a.object, p, false);
    }
  }
  if (input.writeFields.length > 0) {
    required.add(`crm.objects.${input.writeObject}.write`);
    required.add(`crm.schemas.${input.writeObject}.write`);
    for (const f of input.writeFields) await access(input.writeObject, f, true);
  }
  if (input.lists) {
    required.add('crm.lists.read');
    required.add('crm.lists.write');
  }
  if (input.recommendationObject) {
    required.add(`crm.objects.${input.recommendationObject}.write`);
    required.add(`crm.schemas.${input.recommendationObject}.write`);
  }
  if (input.cellRecords) {
    required.add('crm.objects.custom.write');
    required.add('crm.schemas.custom.write');
  }
  const granted = new Set(tokenInfo?.scopes ?? []);
  const missingScopes = tokenInfo ? [...required].filter((s) => !granted.has(s)).sort() : [];

  const o = client.observed;
  const limits: Record<string, number> = {
    requestsPerWindow: o.max ?? client.limits.requestsPerWindow,
    windowMs: o.intervalMs ?? client.limits.windowMs,
    searchPerSecond: client.limits.searchPerSecond,
    ourRequestsPerWindow: Math.min(client.limits.requestsPerWindow, o.max ?? Number.POSITIVE_INFINITY),
  };
  if (o.daily !== undefined) limits.daily = o.daily;
  if (o.dailyRemaining !== undefined) limits.dailyRemaining = o.dailyRemaining;
  if (client.limits.runBudget !== null) limits.runBudget = client.limits.runBudget;

  return {
    system: 'hubspot',
    accountId: String(tokenInfo?.hub_id ?? details.portalId),
    baseUrl: client.baseUrl,
    user: tokenInfo?.user ?? null,
    usage: client.usage(),
    missingScopes,
    limits,
    fields,
    associationLabels: await associationLabels(client, input.plans),
    notices: [],
  };
}
