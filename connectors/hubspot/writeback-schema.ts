/** The HubSpot write-back section: company properties in a property group, and MANUAL company lists. */
import { z } from 'zod';
import {
  ListGroupingSchema,
  RESULT_SHAPES,
  type ResultShape,
  WritebackResultSchema,
} from '../../src/model/index.js';
import { HS_PROPERTY_NAME } from './limits.js';

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
};

export const HubSpotWritebackFieldSchema = z
  .strictObject({
    result: WritebackResultSchema,
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
  });
export type HubSpotWritebackField = z.infer<typeof HubSpotWritebackFieldSchema>;

/** Lists v3 company lists with `processingType: MANUAL`: one per segment or per need, memberships set by us. */
export const HubSpotListSchema = z.strictObject({
  kind: z.literal('company_lists'),
  per: ListGroupingSchema,
  processingType: z.literal('MANUAL').default('MANUAL'),
  namePrefix: z.string().min(1),
});
export type HubSpotList = z.infer<typeof HubSpotListSchema>;

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
  })
  .superRefine((wb, ctx) => {
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
