/**
 * Provisioning of the write-back targets: the property group, the write-back properties (types and field
 * types HubSpot accepts, enumeration options merged, never removed), and the certifications custom object
 * schema when the mapping reads it. Safe to re-run: 409 is success, and a second apply finds nothing to do.
 * https://developers.hubspot.com/docs/api-reference/crm-properties-v3/guide
 */

import { AtlasError, CrmApiError } from '../../src/errors.js';
import { benefitOptions } from '../../src/model/benefits.js';
import type { FieldOptions, ProvisionPlan, ProvisionReport, ProvisionStep } from '../types.js';
import { cellObjectSchema } from './cell-records.js';
import type { HubSpotClient } from './client.js';
import type { ObjectTypes } from './object-types.js';
import { readPropertyDefinitions } from './properties.js';
import { type HubSpotProperty, HubSpotPropertyGroupsSchema, HubSpotPropertySchema } from './raw.js';
import type { HubSpotRecommendations, HubSpotWriteback, HubSpotWritebackField } from './writeback-schema.js';

/** The certifications object the default mapping reads, as provisioning creates it. */
export const CERTIFICATIONS_SCHEMA = {
  name: 'certifications',
  description: 'Partner certifications held by people at partner companies (created by Partner Atlas).',
  labels: { singular: 'Certification', plural: 'Certifications' },
  primaryDisplayProperty: 'certification_name',
  secondaryDisplayProperties: ['technology', 'level'],
  searchableProperties: ['certification_name'],
  requiredProperties: ['certification_name'],
  associatedObjects: ['COMPANY', 'CONTACT'],
  properties: [
    { name: 'certification_name', label: 'Certification name', type: 'string', fieldType: 'text' },
    { name: 'technology', label: 'Technology', type: 'string', fieldType: 'text' },
    { name: 'industry', label: 'Industry', type: 'string', fieldType: 'text' },
    {
      name: 'level',
      label: 'Level',
      type: 'enumeration',
      fieldType: 'select',
      options: ['foundational', 'associate', 'professional', 'expert'].map((value, i) => ({
        value,
        label: value[0]?.toUpperCase() + value.slice(1),
        displayOrder: i,
      })),
    },
    { name: 'earned_date', label: 'Earned date', type: 'date', fieldType: 'date' },
    { name: 'expiry_date', label: 'Expiry date', type: 'date', fieldType: 'date' },
  ],
} as const;

export interface ProvisionContext {
  client: HubSpotClient;
  types: ObjectTypes;
  writeback: HubSpotWriteback | null;
  fieldOptions: readonly FieldOptions[];
  readObjects: readonly string[];
}

/** Values of `wanted` the property lacks, in order. */
function missingOptions(property: HubSpotProperty, wanted: readonly string[]): string[] {
  const have = new Set(property.options.map((o) => o.value));
  return [...new Set(wanted)].filter((v) => !have.has(v));
}

/** The options an enumeration property should have: its benefit's values, or those the connector was given. */
function optionsFor(ctx: ProvisionContext, property: string): string[] {
  const benefit = ctx.writeback?.fields.find((f) => f.property === property)?.benefit;
  if (benefit) return benefitOptions(benefit.definition);
  return ctx.fieldOptions.filter((o) => o.field === property).flatMap((o) => [...o.values]);
}

/** A deal property of recommended partners, as provisioning creates it. */
interface RecommendationProperty {
  name: string;
  label: string;
  type: 'string' | 'datetime';
  fieldType: 'text' | 'date';
  description: string;
}

const RECOMMENDED =
  'Written by Partner Atlas every night for open deals; edits are overwritten on the next run.';

/** The deal properties of recommended partners (issue #17 contract), slot by slot, then the time. */
export function recommendationProperties(rec: HubSpotRecommendations): RecommendationProperty[] {
  const text = (name: string, label: string): RecommendationProperty => ({
    name,
    label,
    type: 'string',
    fieldType: 'text',
    description: RECOMMENDED,
  });
  return [
    ...rec.fields.partners.flatMap((id, i) => [
      text(rec.fields.names[i] ?? '', `Atlas partner ${i + 1}`),
      text(id, `Atlas partner ${i + 1} company id`),
      text(rec.fields.reasons[i] ?? '', `Atlas partner ${i + 1} reason`),
    ]),
    {
      name: rec.fields.recommendedAt,
      label: 'Atlas recommended at',
      type: 'datetime',
      fieldType: 'date',
      description: RECOMMENDED,
    },
  ];
}

/**
 * Steps of the recommendation properties on the deal object: its property group, then each property.
 * Step names carry the object (`deals/atlas_partner_1`) so they never collide with the company's.
 */
/** The property groups of an object type (GET /crm/v3/properties/{objectType}/groups). */
async function propertyGroups(ctx: ProvisionContext, apiName: string) {
  const answer = await ctx.client.request({
    operation: 'properties/groups',
    method: 'GET',
    path: `/crm/v3/properties/${apiName}/groups`,
  });
  return HubSpotPropertyGroupsSchema.parse(answer.body).results;
}

async function planRecommendations(ctx: ProvisionContext, wb: HubSpotWriteback): Promise<ProvisionStep[]> {
  const rec = wb.recommendations;
  if (!rec) return [];
  const type = await ctx.types.resolve(rec.object);
  const steps: ProvisionStep[] = [];
  const groups = await propertyGroups(ctx, type.apiName);
  const hasGroup = groups.some((g) => g.name === wb.group.name);
  steps.push({
    kind: 'group',
    name: `${rec.object}/${wb.group.name}`,
    action: hasGroup ? 'unchanged' : 'create',
    detail: hasGroup ? 'exists' : `property group "${wb.group.label}" on ${rec.object}`,
  });
  const defs = await readPropertyDefinitions(ctx.client, type.apiName);
  for (const p of recommendationProperties(rec)) {
    const def = defs.get(p.name);
    const differs = def !== undefined && (def.type !== p.type || def.fieldType !== p.fieldType);
    steps.push({
      kind: 'field',
      name: `${rec.object}/${p.name}`,
      action: !def ? 'create' : differs ? 'update' : 'unchanged',
      detail: differs
        ? `${def?.type}/${def?.fieldType} → ${p.type}/${p.fieldType}`
        : `${p.type}/${p.fieldType} "${p.label}"`,
    });
  }
  return steps;
}

/** Carries out one step of {@link planRecommendations} (group or property on the deal object). */
async function applyRecommendationStep(
  ctx: ProvisionContext,
  wb: HubSpotWriteback,
  step: ProvisionStep,
): Promise<boolean> {
  const rec = wb.recommendations;
  const [object, name] = step.name.split('/');
  if (!rec || object !== rec.object || !name) return false;
  const { apiName } = await ctx.types.resolve(rec.object);
  if (step.kind === 'group') {
    // POST /crm/v3/properties/{objectType}/groups — 409: it exists, which is what we wanted.
    await ctx.client.request({
      operation: 'properties/groups/create',
      method: 'POST',
      path: `/crm/v3/properties/${apiName}/groups`,
      body: { name: wb.group.name, label: wb.group.label, displayOrder: -1 },
      accept: [409],
    });
    return true;
  }
  const p = recommendationProperties(rec).find((x) => x.name === name);
  if (!p) return false;
  const body = {
    label: p.label,
    type: p.type,
    fieldType: p.fieldType,
    groupName: wb.group.name,
    description: p.description,
  };
  // POST /crm/v3/properties/{objectType} (409: created meanwhile) or PATCH …/{propertyName}
  await ctx.client.request(
    step.action === 'create'
      ? {
          operation: 'properties/create',
          method: 'POST',
          path: `/crm/v3/properties/${apiName}`,
          body: { name: p.name, ...body },
          accept: [409],
        }
      : {
          operation: 'properties/update',
          method: 'PATCH',
          path: `/crm/v3/properties/${apiName}/${p.name}`,
          body,
        },
  );
  return true;
}

/** What provisioning would create or change (reads only). */
export async function planProvisioning(ctx: ProvisionContext): Promise<ProvisionPlan> {
  const steps: ProvisionStep[] = [];
  const wb = ctx.writeback;
  if (wb) {
    const type = await ctx.types.resolve(wb.object);
    const groups = await propertyGroups(ctx, type.apiName);
    const hasGroup = groups.some((g) => g.name === wb.group.name);
    steps.push({
      kind: 'group',
      name: wb.group.name,
      action: hasGroup ? 'unchanged' : 'create',
      detail: hasGroup ? 'exists' : `property group "${wb.group.label}" on ${wb.object}`,
    });
    const defs = await readPropertyDefinitions(ctx.client, type.apiName);
    for (const f of wb.fields) {
      const def = defs.get(f.property);
      const options = f.type === 'enumeration' ? optionsFor(ctx, f.property) : [];
      if (!def) {
        // HubSpot refuses an enumeration without options: with no values known yet, the first write-back
        // creates it with its values (ensureFieldOptions).
        const waits = f.type === 'enumeration' && options.length === 0;
        steps.push({
          kind: 'field',
          name: f.property,
          action: 'create',
          detail: waits
            ? `${f.type}/${f.fieldType} "${f.label}": no values known yet, created by the first write-back with its values`
            : `${f.type}/${f.fieldType} "${f.label}" in ${wb.group.name}${options.length ? ` with its options (${options.length})` : ''}`,
        });
        continue;
      }
      const differs = def.type !== f.type || def.fieldType !== f.fieldType;
      steps.push({
        kind: 'field',
        name: f.property,
        action: differs ? 'update' : 'unchanged',
        detail: differs
          ? `${def.type}/${def.fieldType} → ${f.type}/${f.fieldType}`
          : `${f.type}/${f.fieldType}`,
      });
      if (f.type === 'enumeration') {
        const missing = missingOptions(def, options);
        steps.push({
          kind: 'options',
          name: f.property,
          action: missing.length > 0 ? 'update' : 'unchanged',
          detail:
            missing.length > 0 ? `add ${missing.join(', ')}` : `none missing (of ${def.options.length})`,
        });
      }
    }
  }
  if (wb) steps.push(...(await planRecommendations(ctx, wb)));
  if (ctx.readObjects.some((o) => o.toLowerCase() === CERTIFICATIONS_SCHEMA.name)) {
    ctx.types.forget();
    const exists = (await ctx.types.find(CERTIFICATIONS_SCHEMA.name)) !== null;
    steps.push({
      kind: 'object-schema',
      name: CERTIFICATIONS_SCHEMA.name,
      action: exists ? 'unchanged' : 'create',
      detail: exists ? 'exists' : 'custom object associated with companies and contacts',
    });
  }
  if (wb?.cellRecords) {
    ctx.types.forget();
    const exists = (await ctx.types.find(wb.cellRecords.object)) !== null;
    steps.push({
      kind: 'object-schema',
      name: wb.cellRecords.object,
      action: exists ? 'unchanged' : 'create',
      detail: exists
        ? 'exists'
        : 'custom object of per-cell records associated with companies (needs an Enterprise subscription)',
    });
  }
  return { system: 'hubspot', steps };
}

/**
 * Creates the per-cell records object. A portal whose subscription has no custom objects refuses with 403
 * (custom objects need Enterprise: https://developers.hubspot.com/docs/api-reference/crm-custom-objects-v3/guide);
 * that is said in words, with the fallback the mapping already has.
 */
async function createCellObject(ctx: ProvisionContext, object: string): Promise<void> {
  try {
    // POST /crm/v3/schemas — 409: it exists, which is what we wanted.
    await ctx.client.request({
      operation: 'schemas/create',
      method: 'POST',
      path: '/crm/v3/schemas',
      body: cellObjectSchema(object),
      accept: [409],
    });
  } catch (error) {
    if (error instanceof CrmApiError && error.details.status === 403) {
      throw new AtlasError(
        'CUSTOM_OBJECTS_UNAVAILABLE',
        `HubSpot refused to create the custom object "${object}" for per-cell records: this portal's subscription does not allow custom objects (they need an Enterprise subscription), or the app lacks the crm.schemas.custom.write scope. Everything else was provisioned. Remove \`cellRecords\` from the writeback section of mappings/hubspot.yaml: the atlas_expertise_cells company property holds the same cells as text lines on every subscription.`,
        { context: { system: 'hubspot', object }, cause: error },
      );
    }
    throw error;
  }
  ctx.types.forget();
}

/** Creates a write-back property (HubSpot answers 409 when it exists: then the options are merged). */
export async function createWritebackProperty(
  client: HubSpotClient,
  apiName: string,
  wb: HubSpotWriteback,
  f: HubSpotWritebackField,
  options: readonly string[],
): Promise<void> {
  // POST /crm/v3/properties/{objectType}
  const answer = await client.request({
    operation: 'properties/create',
    method: 'POST',
    path: `/crm/v3/properties/${apiName}`,
    body: propertyBody(wb, f, options),
    accept: [409],
  });
  if (answer.status === 409 && options.length > 0) await mergeOptions(client, apiName, f.property, options);
}

function propertyBody(wb: HubSpotWriteback, f: HubSpotWritebackField, options: readonly string[]) {
  return {
    name: f.property,
    label: f.label,
    type: f.type,
    fieldType: f.fieldType,
    groupName: wb.group.name,
    description: f.description ?? `Written by Partner Atlas (${f.result}).`,
    ...(f.type === 'enumeration'
      ? { options: options.map((value, i) => ({ value, label: value, displayOrder: i, hidden: false })) }
      : {}),
  };
}

/** Merges `values` into an enumeration property's options; returns the values added. */
export async function mergeOptions(
  client: HubSpotClient,
  apiName: string,
  property: string,
  values: readonly string[],
): Promise<string[]> {
  // GET then PATCH /crm/v3/properties/{objectType}/{propertyName}: options are replaced as a whole, so
  // the existing ones are sent back with the new ones appended.
  const current = HubSpotPropertySchema.parse(
    (
      await client.request({
        operation: 'properties/read',
        method: 'GET',
        path: `/crm/v3/properties/${apiName}/${property}`,
      })
    ).body,
  );
  const missing = missingOptions(current, values);
  if (missing.length === 0) return [];
  const start = current.options.length;
  await client.request({
    operation: 'properties/update',
    method: 'PATCH',
    path: `/crm/v3/properties/${apiName}/${property}`,
    body: {
      options: [
        ...current.options.map((o, i) => ({
          label: o.label,
          value: o.value,
          displayOrder: o.displayOrder ?? i,
          hidden: o.hidden ?? false,
        })),
        ...missing.map((value, i) => ({ label: value, value, displayOrder: start + i, hidden: false })),
      ],
    },
  });
  return missing;
}

/** Carries out the plan's create / update steps. */
export async function applyProvisioning(
  ctx: ProvisionContext,
  plan: ProvisionPlan,
): Promise<ProvisionReport> {
  let applied = 0;
  let cellObject: string | undefined;
  const wb = ctx.writeback;
  const apiName = wb ? (await ctx.types.resolve(wb.object)).apiName : '';
  for (const step of plan.steps) {
    if (step.action === 'unchanged') continue;
    if (wb && step.name.includes('/') && (await applyRecommendationStep(ctx, wb, step))) {
      applied++;
    } else if (step.kind === 'group' && wb) {
      // POST /crm/v3/properties/{objectType}/groups — 409: it exists, which is what we wanted.
      await ctx.client.request({
        operation: 'properties/groups/create',
        method: 'POST',
        path: `/crm/v3/properties/${apiName}/groups`,
        body: { name: wb.group.name, label: wb.group.label, displayOrder: -1 },
        accept: [409],
      });
      applied++;
    } else if (step.kind === 'field' && wb) {
      const f = wb.fields.find((x) => x.property === step.name);
      if (!f) continue;
      const options = f.type === 'enumeration' ? optionsFor(ctx, f.property) : [];
      if (step.action === 'create') {
        if (f.type === 'enumeration' && options.length === 0) continue;
        // 409 when someone created it meanwhile: the options are merged instead.
        await createWritebackProperty(ctx.client, apiName, wb, f, options);
      } else {
        const { name: _name, options: _options, ...patch } = propertyBody(wb, f, options);
        await ctx.client.request({
          operation: 'properties/update',
          method: 'PATCH',
          path: `/crm/v3/properties/${apiName}/${f.property}`,
          body: patch,
        });
        if (options.length > 0) await mergeOptions(ctx.client, apiName, f.property, options);
      }
      applied++;
    } else if (step.kind === 'options') {
      await mergeOptions(ctx.client, apiName, step.name, optionsFor(ctx, step.name));
      applied++;
    } else if (step.kind === 'object-schema' && step.name === wb?.cellRecords?.object) {
      // Last, after every other step: a portal without custom objects still gets the rest.
      cellObject = step.name;
    } else if (step.kind === 'object-schema') {
      // POST /crm/v3/schemas: https://developers.hubspot.com/docs/api-reference/crm-custom-objects-v3/guide
      await ctx.client.request({
        operation: 'schemas/create',
        method: 'POST',
        path: '/crm/v3/schemas',
        body: CERTIFICATIONS_SCHEMA,
        accept: [409],
      });
      ctx.types.forget();
      applied++;
    }
  }
  if (cellObject) {
    await createCellObject(ctx, cellObject);
    applied++;
  }
  return { ...plan, applied };
}
