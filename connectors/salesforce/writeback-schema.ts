/** The Salesforce write-back section: custom Account fields per result value, and list views per segment. */
import { z } from 'zod';
import { BenefitRefSchema, benefitFieldProblem } from '../../src/model/benefits.js';
import {
  GROUPING_RESULT,
  ListGroupingSchema,
  RESULT_SHAPES,
  type ResultShape,
  WritebackResultSchema,
} from '../../src/model/index.js';
import { ListOptionsShape } from '../../src/model/list-options.js';
import {
  SF_LIST_VIEW_LABEL_MAX,
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
  'Picklist',
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
  choice: ['Picklist', 'Text'],
};

export const SalesforceWritebackFieldSchema = z
  .strictObject({
    result: WritebackResultSchema,
    /** `result: benefit`: the key of the benefit in benefits.yaml. */
    benefit: BenefitRefSchema.optional(),
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
    const benefit = benefitFieldProblem(f);
    if (benefit) add('benefit', benefit.message, benefit.hint);
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
  ...ListOptionsShape,
  /** Characters a list view label holds: fixed by Salesforce, set here so list names are built to fit. */
  nameMax: z.literal(SF_LIST_VIEW_LABEL_MAX).default(SF_LIST_VIEW_LABEL_MAX),
});
export type SalesforceList = z.infer<typeof SalesforceListSchema>;

/**
 * Per-cell records: one `Atlas_Expertise__c` record (a child of the write-back object) per sector ×
 * technology cell holding one of `levels`. The object and field names are fixed: the in-record components read them.
 */
export const SalesforceCellRecordsSchema = z.strictObject({
  object: z.literal('Atlas_Expertise__c').default('Atlas_Expertise__c'),
  /** Levels whose cells get a record; cells at other levels (or none) have none. */
  levels: z.array(z.string().min(1)).min(1).default(['Specialist', 'Proven', 'Emerging']),
});
export type SalesforceCellRecords = z.infer<typeof SalesforceCellRecordsSchema>;

/** A custom field API name (provisioning creates it). */
const CustomFieldName = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]*__c$/, 'a custom field API name ending in __c');

/**
 * Recommended partners on open opportunities: per slot a Lookup(Account) to the partner and a Text 255
 * reason, best first, and when they were worked out. The default names are the ones the Lightning component
 * `atlasRecommendedPartners` reads (contract of issue #17).
 */
export const SalesforceRecommendationsSchema = z
  .strictObject({
    object: z.literal('Opportunity').default('Opportunity'),
    /** Partners per opportunity (1–10), one slot each. */
    count: z.number().int().min(1).max(10).default(3),
    fields: z
      .strictObject({
        partners: z.array(CustomFieldName).min(1),
        reasons: z.array(CustomFieldName).min(1),
        recommendedAt: CustomFieldName,
      })
      .default({
        partners: ['Atlas_Partner_1__c', 'Atlas_Partner_2__c', 'Atlas_Partner_3__c'],
        reasons: ['Atlas_Partner_1_Reason__c', 'Atlas_Partner_2_Reason__c', 'Atlas_Partner_3_Reason__c'],
        recommendedAt: 'Atlas_Recommended_At__c',
      }),
    /** Only open opportunities at these stages (StageName API values); absent = every open one. */
    stages: z.array(z.string().min(1)).min(1).optional(),
  })
  .superRefine((r, ctx) => {
    for (const key of ['partners', 'reasons'] as const) {
      if (r.fields[key].length !== r.count) {
        ctx.addIssue({
          code: 'custom',
          path: ['fields', key],
          message: `${r.count} recommendations need ${r.count} ${key} fields; ${r.fields[key].length} are named`,
          params: { hint: 'name one field per recommendation, best first' },
        });
      }
    }
  });
export type SalesforceRecommendations = z.infer<typeof SalesforceRecommendationsSchema>;

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
    /** Per-cell records for reports (absent = none). */
    cellRecords: SalesforceCellRecordsSchema.optional(),
    /** Recommended partners on open opportunities (absent = none). */
    recommendations: SalesforceRecommendationsSchema.optional(),
  })
  .superRefine((wb, ctx) => {
    if (wb.cellRecords && wb.object !== 'Account') {
      ctx.addIssue({
        code: 'custom',
        path: ['cellRecords'],
        message: `per-cell records hang off Account; the write-back object is ${wb.object}`,
        params: { hint: 'write back to Account, or leave cellRecords out' },
      });
    }
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
