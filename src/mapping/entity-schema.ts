/** The mapping of one model entity: which CRM object, which records, and how each model field is read. */
import { z } from 'zod';
import type { MappingDialect, PathRules } from '../../connectors/mapping-dialect.js';
import { CrmSystemSchema } from '../model/index.js';
import { type FieldSource, fieldSourceSchema } from './field-source-schema.js';
import { filterConditionSchema } from './filter-schema.js';
import { linkageListSchema, type PartnerLinkage } from './linkage-schema.js';
import { type EntityName, fieldNames, fieldSpec, MODEL_FIELDS } from './model-fields.js';

/** The `fields:` block of an entity: model field name (see MODEL_FIELDS) → source. */
export type EntityFields = Partial<Record<string, FieldSource>>;

function fieldsSchema(rules: MappingDialect, entity: EntityName): z.ZodType<EntityFields> {
  const shape: Record<string, z.ZodOptional<ReturnType<typeof fieldSourceSchema>>> = {};
  for (const field of fieldNames(entity)) {
    const spec = fieldSpec(entity, field);
    if (spec) shape[field] = fieldSourceSchema(rules, spec, `${entity}.${field}`).optional();
  }
  return z.strictObject(shape).superRefine((fields, ctx) => {
    for (const [field, spec] of Object.entries(MODEL_FIELDS[entity])) {
      if (spec.required && fields[field] === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [],
          message: `no mapping for required field ${field} (${spec.description})`,
          params: { hint: `add ${field}: { path: … }`, at: 'key' },
        });
      }
    }
  });
}

/** A cross reference from a partner to its record in another CRM, e.g. HubSpot's `salesforceaccountid`. */
export const CrossRefSchema = z.strictObject({
  path: z.string().min(1),
  system: CrmSystemSchema,
  object: z.string().min(1),
  /** The CRM may lack the field (no Salesforce integration in this portal): warn and read without it. */
  optional: z.boolean().optional(),
});
export type CrossRefSource = z.infer<typeof CrossRefSchema>;

const base = (rules: PathRules) => ({
  /** CRM object: `Account`, `Opportunity`, `companies`, `deals`, a custom object. */
  object: z.string().min(1),
  /** Conditions (AND) selecting the records to read; empty reads every record. */
  filter: z.array(filterConditionSchema(rules)).default([]),
});

/** Entity schemas of one CRM, built with its mapping dialect (path rules, linkage kinds, collections). */
export function entitySchemas(rules: MappingDialect) {
  const partners = z
    .strictObject({
      ...base(rules),
      fields: fieldsSchema(rules, 'partners'),
      /** Records in other CRMs that this partner claims to be. */
      crossRefs: z.array(CrossRefSchema).default([]),
    })
    .superRefine((entity, ctx) => {
      entity.crossRefs.forEach((ref, i) => {
        if (ref.system === rules.system) {
          ctx.addIssue({
            code: 'custom',
            path: ['crossRefs', i, 'system'],
            message: 'a cross reference points to another CRM',
          });
        }
        const problem = rules.checkPath(ref.path, 'record');
        if (problem) {
          ctx.addIssue({
            code: 'custom',
            path: ['crossRefs', i, 'path'],
            message: problem.message,
            params: { hint: problem.hint },
          });
        }
      });
    });
  const deals = z
    .strictObject({
      ...base(rules),
      fields: fieldsSchema(rules, 'deals'),
      /** How the deal names its partners; at least one. */
      partners: linkageListSchema(rules.linkageKinds, rules).optional(),
    })
    .superRefine((entity, ctx) => {
      const links: PartnerLinkage[] | undefined = entity.partners;
      if (links === undefined || links.length === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['partners'],
          message: 'a deal mapping needs at least one partner linkage, or no deal would have a partner',
          params: {
            hint: rules.linkageExample,
            at: 'key',
          },
        });
      }
    });
  const certifications = z.strictObject({ ...base(rules), fields: fieldsSchema(rules, 'certifications') });
  const people = z.strictObject({ ...base(rules), fields: fieldsSchema(rules, 'people') });
  return { partners, deals, certifications, people };
}
