/** The org's schema as `atlas mappings init` reads it: a global describe, then describes of the objects asked for. */
import { z } from 'zod';
import { CrmApiError } from '../../src/errors.js';
import { parseAnswer } from '../kit/parse-answer.js';
import type { CrmSurvey, SurveyField, SurveyObject, SurveyOptions } from '../types.js';
import type { SalesforceClient } from './client.js';
import { SalesforceDescribeFieldSchema, SalesforceDescribeSchema } from './raw.js';

/** `GET /sobjects`: https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_describeGlobal.htm */
const SalesforceDescribeGlobalSchema = z.object({
  sobjects: z.array(
    z.object({ name: z.string(), label: z.string(), custom: z.boolean(), queryable: z.boolean() }),
  ),
});

/** The describe with what a survey needs besides the schema check's fields: labels and the custom flags. */
const SalesforceSurveyDescribeSchema = SalesforceDescribeSchema.extend({
  label: z.string(),
  custom: z.boolean(),
  fields: z.array(SalesforceDescribeFieldSchema.extend({ custom: z.boolean() })),
});

/** The full describe of one object, or null when the org has no such object the user can see. */
async function describeForSurvey(client: SalesforceClient, object: string): Promise<SurveyObject | null> {
  let body: unknown;
  try {
    // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_sobject_describe.htm
    body = await client.get('describe', `/sobjects/${encodeURIComponent(object)}/describe`);
  } catch (error) {
    if (
      error instanceof CrmApiError &&
      (error.details.status === 404 || error.details.vendorCode === 'NOT_FOUND')
    )
      return null;
    throw error;
  }
  const d = parseAnswer(SalesforceSurveyDescribeSchema, body, {
    crm: 'Salesforce',
    operation: 'describe',
    object: object,
  });
  const fields: SurveyField[] = d.fields.map((f) => ({
    name: f.name,
    label: f.label ?? f.name,
    type: f.type,
    // Inactive values are kept on old records but can no longer be chosen: a starter maps what is in use.
    values: (f.picklistValues ?? [])
      .filter((p) => p.active !== false)
      .map((p) => ({ value: p.value, label: p.label ?? p.value })),
    referenceTo: f.referenceTo ?? [],
    custom: f.custom,
  }));
  const related = d.childRelationships.flatMap((r) =>
    r.relationshipName ? [{ name: r.relationshipName, object: r.childSObject }] : [],
  );
  return { name: d.name, label: d.label, custom: d.custom, fields, related };
}

/** Describes the objects asked for and the matching custom objects; lists every queryable custom object. */
export async function surveySalesforceSchema(
  client: SalesforceClient,
  options: SurveyOptions,
): Promise<CrmSurvey> {
  const global = parseAnswer(
    SalesforceDescribeGlobalSchema,
    await client.get('describeGlobal', '/sobjects'),
    { crm: 'Salesforce', operation: 'describeGlobal', object: 'the org' },
  );
  const customObjects = global.sobjects
    .filter((o) => o.custom && o.queryable)
    .map((o) => ({ name: o.name, label: o.label }));
  const matching = customObjects
    .filter((o) => options.customObjects.test(o.name) || options.customObjects.test(o.label))
    .map((o) => o.name);
  const names = [...new Set([...options.objects, ...matching])];
  const objects: SurveyObject[] = [];
  // One describe at a time: the client's queue and retries are per call, and a survey is a one-off.
  for (const name of names) {
    const described = await describeForSurvey(client, name);
    if (described) objects.push(described);
  }
  return { system: 'salesforce', objects, customObjects, associationLabels: [] };
}
