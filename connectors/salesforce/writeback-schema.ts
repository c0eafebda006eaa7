/** The Salesforce write-back section: custom Account fields per result value, and list views per segment. */
import { z } from 'zod';
import {
  GROUPING_RESULT,
  ListGroupingSchema,
  RESULT_SHAPES,
  type ResultShape,
  WritebackResultSchema,
} from '../../src/model/index.js';
import {
  SF_LIST_VIEW_PREFIX_MAX,
  SF_LONG_TEXT_MAX_LENGTH,
  SF_LONG_TEXT_MIN_LENGTH,
  SF_MULTISELECT_MAX_LINES,
  SF_MULTISELECT_MIN_LINES,
  SF_NUMBER_MAX_PRECISION,
  SF_TEXT_MAX_LENGTH,
} from './limits.js';

export const SALESFORCE_FIELD_TYPES = [
  'Text',
  'TextArea',
  'LongTextArea',
  'MultiselectPicklist',
  'Number',
  'DateTime',
] as const;
export type SalesforceFieldType = (typeof SALESFORCE_FIELD_TYPES)[number];

/** Field types that can hold each result shape. */
const ACCEPTS: Record<ResultShape, readonly SalesforceFieldType[]> = {
  text: ['Text', 'TextArea', 'LongTextArea'],
  longText: ['LongTextArea', 'TextArea'],
  list: ['MultiselectPicklist', 'LongTextArea', 'TextArea'],
  number: ['Number'],
  datetime: ['DateTime'],
};

export const SalesforceWritebackFieldSchema = z
  .strictObject({
    result: WritebackResultSchema,
    /** API name of the custom field; provisioning creates it. */
    field: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*__c$/, 'a custom field API name ending in __c'),
    label: z.string().min(1).max(40),
    type: z.enum(SALESFORCE_FIELD_TYPES),
    /** Text: 1–255; LongTextArea: 256–131,072. */
    length: z.number().int().optional(),
    /** Number: total digits (1–18) and decimals. */
    precision: z.number().int().optional(),
    scale: z.number().int().optional(),
    /** MultiselectPicklist: 3–10; LongTextArea: lines shown in the editor. */
    visibleLines: z.number().int().optional(),
    description: z.string().optional(),
  })
  .superRefine((f, ctx) => {
    const add = (path: string, message: string, hint?: string) =>
      ctx.addIssue({ code: 'custom', path: [path], message, params: hint ? { hint } : {} });
    const accepts = ACCEPTS[RESULT_SHAPES[f.result]];
    if (!accepts.includes(f.type)) {
      add('type', `${f.result} cannot be written to a ${f.type} field`, `use ${accepts.join(' or ')}`);
    }
    const only = (keys: readonly ('length' | 'precision' | 'scale' | 'visibleLines')[]) => {
      for (const key of ['length', 'precision', 'scale', 'visibleLines'] as const) {
        if (f[key] !== undefined && !keys.includes(key))
          add(key, `${key} does not apply to ${f.type} fields`);
      }
    };
    switch (f.type) {
      case 'Text':
        only(['length']);
        if (f.length === undefined || f.length < 1 || f.length > SF_TEXT_MAX_LENGTH) {
          add('length', `a Text field needs a length from 1 to ${SF_TEXT_MAX_LENGTH}`);
        }
        break;
      case 'LongTextArea':
        only(['length', 'visibleLines']);
        if (
          f.length === undefined ||
          f.length < SF_LONG_TEXT_MIN_LENGTH ||
          f.length > SF_LONG_TEXT_MAX_LENGTH
        ) {
          add(
            'length',
            `a LongTextArea needs a length from ${SF_LONG_TEXT_MIN_LENGTH} to ${SF_LONG_TEXT_MAX_LENGTH}`,
          );
        }
        break;
      case 'Number':
        only(['precision', 'scale']);
        if (f.precision === undefined || f.precision < 1 || f.precision > SF_NUMBER_MAX_PRECISION) {
          add('precision', `a Number field needs a precision from 1 to ${SF_NUMBER_MAX_PRECISION}`);
        } else if (f.scale === undefined || f.scale < 0 || f.scale > f.precision) {
          add('scale', `a Number field needs a scale from 0 to its precision (${f.precision})`);
        }
        break;
      case 'MultiselectPicklist':
        only(['visibleLines']);
        if (
          f.visibleLines !== undefined &&
          (f.visibleLines < SF_MULTISELECT_MIN_LINES || f.visibleLines > SF_MULTISELECT_MAX_LINES)
        ) {
          add(
            'visibleLines',
            `visibleLines of a multi-select picklist is ${SF_MULTISELECT_MIN_LINES} to ${SF_MULTISELECT_MAX_LINES}`,
          );
        }
        break;
      default:
        only([]);
    }
  });
export type SalesforceWritebackField = z.infer<typeof SalesforceWritebackFieldSchema>;

/** One list view per segment (or need), filtered on the multi-select picklist field that holds them. */
export const SalesforceListSchema = z.strictObject({
  kind: z.literal('list_views'),
  per: ListGroupingSchema,
  /** The MultiselectPicklist write-back field the list views filter on. */
  field: z.string().min(1),
  /** Label prefix; the segment name follows it within Salesforce's 40-character label. */
  namePrefix: z.string().max(SF_LIST_VIEW_PREFIX_MAX),
});
export type SalesforceList = z.infer<typeof SalesforceListSchema>;

export const SalesforceWritebackSchema = z
  .strictObject({
    object: z.string().min(1).default('Account'),
    fields: z.array(SalesforceWritebackFieldSchema).min(1),
    lists: z.array(SalesforceListSchema).default([]),
    /** Page layouts (`Object-Layout Name`) that get a "Partner expertise" section holding the fields. */
    layouts: z
      .array(
        z.string().regex(/^[A-Za-z][A-Za-z0-9_]*-.+$/, 'a layout full name such as Account-Account Layout'),
      )
      .default([]),
    /** Permission set granting the integration user read/edit on the fields (API name). */
    permissionSet: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'a permission set API name such as Partner_Atlas')
      .max(80)
      .default('Partner_Atlas'),
  })
  .superRefine((wb, ctx) => {
    const seen = new Map<string, number>();
    wb.fields.forEach((f, i) => {
      const first = seen.get(f.field.toLowerCase());
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['fields', i, 'field'],
          message: `${f.field} already receives fields[${first}]`,
        });
      } else seen.set(f.field.toLowerCase(), i);
    });
    wb.lists.forEach((list, i) => {
      const target = wb.fields.find((f) => f.field.toLowerCase() === list.field.toLowerCase());
      const wanted = GROUPING_RESULT[list.per];
      if (target?.type !== 'MultiselectPicklist' || target.result !== wanted) {
        ctx.addIssue({
          code: 'custom',
          path: ['lists', i, 'field'],
          message: `list views per ${list.per} filter on the MultiselectPicklist field receiving ${wanted}; ${list.field} is not one`,
          params: { hint: 'name a write-back field of type MultiselectPicklist with that result' },
        });
      }
    });
  });
export type SalesforceWriteback = z.infer<typeof SalesforceWritebackSchema>;
