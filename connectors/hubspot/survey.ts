/** The portal's schema as `atlas mappings init` reads it: properties, custom object schemas, association labels. */
import { z } from 'zod';
import { AtlasError } from '../../src/errors.js';
import type { CrmSurvey, SurveyAssociationLabel, SurveyObject, SurveyOptions } from '../types.js';
import type { HubSpotClient } from './client.js';
import { HS_STANDARD_OBJECT_TYPE_IDS } from './limits.js';
import {
  HubSpotAssociationLabelsSchema,
  HubSpotObjectSchemaSchema,
  HubSpotPropertiesSchema,
  HubSpotPropertySchema,
} from './raw.js';

/** A property with the flag telling HubSpot's own from the portal's. */
const HubSpotSurveyPropertiesSchema = HubSpotPropertiesSchema.extend({
  results: z.array(HubSpotPropertySchema.extend({ hubspotDefined: z.boolean().optional() })),
});

/** `GET /crm/v3/schemas` with the labels and associations a survey needs. */
const HubSpotSurveySchemasSchema = z.object({
  results: z.array(
    HubSpotObjectSchemaSchema.extend({
      labels: z.object({ singular: z.string().optional(), plural: z.string().optional() }).default({}),
      associations: z.array(z.object({ toObjectTypeId: z.string() })).default([]),
    }),
  ),
});

/** Standard object names by type id (`0-2` → `companies`), to name a custom object's associations. */
const STANDARD_NAMES = new Map(Object.entries(HS_STANDARD_OBJECT_TYPE_IDS).map(([name, id]) => [id, name]));

/** Parses one answer, or fails naming the call and the object. */
function parseAnswer<T>(schema: z.ZodType<T>, body: unknown, operation: string, object: string): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  throw new AtlasError(
    'CRM_API_ERROR',
    `HubSpot answered ${operation} for ${object} with a body Atlas cannot read: ${z.prettifyError(parsed.error)}`,
    { context: { system: 'hubspot', operation, object }, cause: parsed.error },
  );
}

/** Every live property of an object type, as survey fields. */
async function surveyProperties(client: HubSpotClient, apiName: string, object: string) {
  // GET /crm/v3/properties/{objectType}: https://developers.hubspot.com/docs/api-reference/crm-properties-v3/guide
  const answer = await client.request({
    operation: 'properties',
    method: 'GET',
    path: `/crm/v3/properties/${encodeURIComponent(apiName)}`,
  });
  return parseAnswer(HubSpotSurveyPropertiesSchema, answer.body, 'properties', object)
    .results.filter((p) => !p.archived && !p.hidden)
    .map((p) => ({
      name: p.name,
      label: p.label ?? p.name,
      type: p.type,
      values: p.options.filter((o) => !o.hidden).map((o) => ({ value: o.value, label: o.label })),
      referenceTo: [],
      custom: p.hubspotDefined !== true,
    }));
}

/** The labels defined from one object to another; unlabelled association types are left out. */
async function surveyLabels(
  client: HubSpotClient,
  pair: { from: string; to: string },
): Promise<SurveyAssociationLabel[]> {
  // GET /crm/v4/associations/{fromObjectType}/{toObjectType}/labels: https://developers.hubspot.com/docs/api-reference/crm-associations-schema-v4/guide
  const answer = await client.request({
    operation: 'associations/labels',
    method: 'GET',
    path: `/crm/v4/associations/${encodeURIComponent(pair.from)}/${encodeURIComponent(pair.to)}/labels`,
  });
  const body = parseAnswer(
    HubSpotAssociationLabelsSchema,
    answer.body,
    'associations/labels',
    `${pair.from} → ${pair.to}`,
  );
  return body.results.flatMap((r) =>
    r.label ? [{ ...pair, label: r.label, userDefined: r.category === 'USER_DEFINED' }] : [],
  );
}

/** Properties of the standard objects asked for, the matching custom objects, and the association labels. */
export async function surveyHubSpotSchema(client: HubSpotClient, options: SurveyOptions): Promise<CrmSurvey> {
  // GET /crm/v3/schemas: https://developers.hubspot.com/docs/api-reference/crm-custom-objects-v3/guide
  const schemas = parseAnswer(
    HubSpotSurveySchemasSchema,
    (await client.request({ operation: 'schemas', method: 'GET', path: '/crm/v3/schemas' })).body,
    'schemas',
    'the portal',
  ).results;
  const customObjects = schemas.map((s) => ({ name: s.name, label: s.labels.plural ?? s.name }));
  const objects: SurveyObject[] = [];
  for (const name of options.objects) {
    const standard = HS_STANDARD_OBJECT_TYPE_IDS[name.toLowerCase()];
    if (!standard) continue;
    const fields = await surveyProperties(client, name.toLowerCase(), name);
    objects.push({ name: name.toLowerCase(), label: name, custom: false, fields, related: [] });
  }
  for (const s of schemas) {
    const label = s.labels.plural ?? s.labels.singular ?? s.name;
    if (!options.customObjects.test(s.name) && !options.customObjects.test(label)) continue;
    // The schema lists the object's own properties; the properties API adds HubSpot's (hs_lastmodifieddate).
    const fields = await surveyProperties(client, s.objectTypeId, s.name);
    const related = s.associations.flatMap((a) => {
      const to = STANDARD_NAMES.get(a.toObjectTypeId);
      return to ? [{ name: to, object: to }] : [];
    });
    objects.push({ name: s.name, label, custom: true, fields, related: dedupe(related) });
  }
  const associationLabels: SurveyAssociationLabel[] = [];
  for (const pair of options.associations) associationLabels.push(...(await surveyLabels(client, pair)));
  return { system: 'hubspot', objects, customObjects, associationLabels };
}

function dedupe<T extends { name: string }>(items: readonly T[]): T[] {
  return [...new Map(items.map((i) => [i.name, i])).values()];
}
