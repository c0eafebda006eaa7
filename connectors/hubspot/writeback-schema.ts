/** The HubSpot write-back section: company properties in a property group, and MANUAL company lists. */
import { z } from 'zod';
import { BenefitRefSchema, benefitFieldProblem } from '../../src/model/benefits.js';
import {
  ListGroupingSchema,
  RESULT_SHAPES,
  type ResultShape,
  WritebackResultSchema,
} from '../../src/model/index.js';
import { ListOptionsShape } from '../../src/model/list-options.js';
import { HS_LIST_LIMIT_DEFAULT, HS_PROPERTY_NAME } from './limits.js';

export const HUBSPOT_PROPERTY_TYPES = [
  'string',
  'number',
  'enumeration',
  'datetime',
  'date',
  'bool',
] as const;
export const HUBSPOT_FIELD_TYPES = [
  'text',
  'textarea',
  'number',
  'checkbox',
  'select',
  'radio',
  'booleancheckbox',
  'date',
] as const;
type HubSpotPropertyType = (typeof HUBSPOT_PROPERTY_TYPES)[number];
type HubSpotFieldType = (typeof HUBSPOT_FIELD_TYPES)[number];

/**
 * Valid fieldType values per property type.
 * https://developers.hubspot.com/docs/api/crm/properties ("Property type and fieldType values")
 */
const FIELD_TYPES_OF: Record<HubSpotPropertyType, readonly HubSpotFieldType[]> = {
  string: ['text', 'textarea'],
  number: ['number'],
  enumeration: ['checkbox', 'select', 'radio', 'booleancheckbox'],
  datetime: ['date'],
  date: ['date'],
  bool: ['booleancheckbox'],
};

/** Property types that can hold each result shape. */
const ACCEPTS: Record<ResultShape, readonly HubSpotPropertyType[]> = {
  text: ['string'],
  longText: ['string'],
  list: ['enumeration', 'string'],
  number: ['number'],
  datetime: ['datetime'],
  choice: ['enumeration', 'string'],
};

export const HubSpotWritebackFieldSchema = z
  .strictObject({
    result: WritebackResultSchema,
    /** `result: benefit`: the key of the benefit in benefits.yaml. */
    benefit: BenefitRefSchema.optional(),
    /** Internal name of the company property; provisioning creates it. */
    property: z.string().regex(HS_PROPERTY_NAME, 'a lower-case internal name such as atlas_segments'),
    label: z.string().min(1),
    type: z.enum(HUBSPOT_PROPERTY_TYPES),
    fieldType: z.enum(HUBSPOT_FIELD_TYPES),
    description: z.string().optional(),
  })
  .superRefine((f, ctx) => {
    const add = (path: string, message: string, hint?: string) =>
      ctx.addIssue({ code: 'custom', path: [path], message, params: hint ? { hint } : {} });
    const accepts = ACCEPTS[RESULT_SHAPES[f.result]];
    if (!accepts.includes(f.type))
      add('type', `${f.result} cannot be written to a ${f.type} property`, `use ${accepts.join(' or ')}`);
    const fieldTypes = FIELD_TYPES_OF[f.type];
    if (!fieldTypes.includes(f.fieldType)) {
      add(
        'fieldType',
        `a ${f.type} property cannot use fieldType ${f.fieldType}`,
        `use ${fieldTypes.join(' or ')}`,
      );
    }
    if (RESULT_SHAPES[f.result] === 'longText' && f.fieldType !== 'textarea') {
      add('fieldType', `${f.result} is several lines long`, 'use fieldType: textarea');
    }
    // A benefit has one value: checkboxes would let the property hold several.
    if (
      RESULT_SHAPES[f.result] === 'choice' &&
      f.type === 'enumeration' &&
      f.fieldType !== 'select' &&
      f.fieldType !== 'radio'
    ) {
      add('fieldType', `${f.result} holds one value`, 'use fieldType: select or radio');
    }
    const benefit = benefitFieldProblem(f);
    if (benefit) add('benefit', benefit.message, benefit.hint);
  });
export type HubSpotWritebackField = z.infer<typeof HubSpotWritebackFieldSchema>;

/** Lists v3 company lists with `processingType: MANUAL`: one per segment or per need, memberships set by us. */
export const HubSpotListSchema = z.strictObject({
  kind: z.literal('company_lists'),
  per: ListGroupingSchema,
  processingType: z.literal('MANUAL').default('MANUAL'),
  namePrefix: z.string().min(1),
  ...ListOptionsShape,
  /**
   * Lists the portal may hold in all (Atlas's and everyone else's); Atlas creates none beyond it. HubSpot's
   * limit depends on the subscription: https://legal.hubspot.com/hubspot-product-and-services-catalog
   */
  listLimit: z.number().int().positive().default(HS_LIST_LIMIT_DEFAULT),
  /** HubSpot list names have room for full sector and technology names: never shortened. */
  nameMax: z.null().default(null),
});
export type HubSpotList = z.infer<typeof HubSpotListSchema>;

const PropertyName = z.string().regex(HS_PROPERTY_NAME, 'a lower-case internal name such as atlas_partner_1');

/**
 * Recommended partners on open deals: per slot the partner company's name, its company id (for a link) and
 * the reason, best first, and when they were worked out; string properties (datetime for the time) in the
 * write-back group. The default names are the ones the UI extension card reads (contract of issue #17).
 */
export const HubSpotRecommendationsSchema = z
  .strictObject({
    object: z.literal('deals').default('deals'),
    /** Partners per deal (1–10), one slot each. */
    count: z.number().int().min(1).max(10).default(3),
    fields: z
      .strictObject({
        partners: z.array(PropertyName).min(1),
        names: z.array(PropertyName).min(1),
        reasons: z.array(PropertyName).min(1),
        recommendedAt: PropertyName,
      })
      .default({
        partners: ['atlas_partner_1_company_id', 'atlas_partner_2_company_id', 'atlas_partner_3_company_id'],
        names: ['atlas_partner_1', 'atlas_partner_2', 'atlas_partner_3'],
        reasons: ['atlas_partner_1_reason', 'atlas_partner_2_reason', 'atlas_partner_3_reason'],
        recommendedAt: 'atlas_recommended_at',
      }),
    /** Only open deals at these stages (dealstage internal values); absent = every open one. */
    stages: z.array(z.string().min(1)).min(1).optional(),
  })
  .superRefine((r, ctx) => {
    for (const key of ['partners', 'names', 'reasons'] as const) {
      if (r.fields[key].length !== r.count) {
        ctx.addIssue({
          code: 'custom',
          path: ['fields', key],
          message: `${r.count} recommendations need ${r.count} ${key} properties; ${r.fields[key].length} are named`,
          params: { hint: 'name one property per recommendation, best first' },
        });
      }
    }
  });
export type HubSpotRecommendations = z.infer<typeof HubSpotRecommendationsSchema>;

/**
 * Per-cell records in a custom object (`atlas_expertise`, one record per levelled partner × sector × technology
 * cell, associated with its company), for reports grouped by sector and technology. Custom objects need an
 * Enterprise subscription; elsewhere leave this out: the `expertiseCells` company property holds the same
 * cells as text lines on every tier.
 * https://developers.hubspot.com/docs/api-reference/crm-custom-objects-v3/guide
 */
export const HubSpotCellRecordsSchema = z.strictObject({
  object: z.literal('atlas_expertise').default('atlas_expertise'),
  /** Levels whose cells get a record; cells at other levels (or none) have none. */
  levels: z.array(z.string().min(1)).min(1).default(['Specialist', 'Proven', 'Emerging']),
});
export type HubSpotCellRecords = z.infer<typeof HubSpotCellRecordsSchema>;

export const HubSpotWritebackSchema = z
  .strictObject({
    object: z.string().min(1).default('companies'),
    /** The property group holding every write-back property. */
    group: z.strictObject({
      name: z.string().regex(HS_PROPERTY_NAME, 'a lower-case internal name such as partner_atlas'),
      label: z.string().min(1),
    }),
    fields: z.array(HubSpotWritebackFieldSchema).min(1),
    lists: z.array(HubSpotListSchema).default([]),
    /** Recommended partners on open deals (absent = none). */
    recommendations: HubSpotRecommendationsSchema.optional(),
    /** Per-cell records in a custom object (absent = none; needs custom objects, i.e. Enterprise). */
    cellRecords: HubSpotCellRecordsSchema.optional(),
  })
  .superRefine((wb, ctx) => {
    if (wb.cellRecords && wb.object !== 'companies') {
      ctx.addIssue({
        code: 'custom',
        path: ['cellRecords'],
        message: `per-cell records are associated with companies; the write-back object is ${wb.object}`,
        params: { hint: 'write back to companies, or leave cellRecords out' },
      });
    }
    const seen = new Map<string, number>();
    wb.fields.forEach((f, i) => {
      const first = seen.get(f.property);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['fields', i, 'property'],
          message: `${f.property} already receives fields[${first}]`,
        });
      } else seen.set(f.property, i);
    });
    const groupings = new Map<string, number>();
    wb.lists.forEach((list, i) => {
      const first = groupings.get(list.per);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['lists', i, 'per'],
          message: `lists per ${list.per} are already lists[${first}]`,
        });
      } else groupings.set(list.per, i);
    });
  });
export type HubSpotWriteback = z.infer<typeof HubSpotWritebackSchema>;
