/** Which records an entity reads: a structured filter (never raw SOQL), so connectors can escape every literal. */
import { z } from 'zod';
import type { PathRules } from '../../connectors/mapping-dialect.js';
import { FILTER_OPS, type FilterCondition, type FilterOp } from '../../connectors/read-plan.js';
import { ScalarSchema } from './field-source-schema.js';

export { FILTER_OPS, type FilterCondition, type FilterOp };

/** One condition of the port's FilterCondition; an entity's conditions are combined with AND. */
export const FilterConditionSchema: z.ZodType<FilterCondition> = z.strictObject({
  /** Field path (Salesforce may reach parent fields, `Account.IsPartner`; HubSpot properties are flat). */
  field: z.string().min(1),
  op: z.enum(FILTER_OPS),
  /** A scalar for comparisons, a non-empty list for in / not_in, absent for is_null / not_null. */
  value: z.union([ScalarSchema, z.array(ScalarSchema)]).optional(),
});

/** The filter condition schema with the value-shape rules and the CRM's path rules. */
export function filterConditionSchema(rules: PathRules) {
  return FilterConditionSchema.superRefine((condition, ctx) => {
    const add = (path: PropertyKey[], message: string, hint?: string) =>
      ctx.addIssue({ code: 'custom', path, message, params: hint ? { hint } : {} });
    const problem = rules.checkPath(condition.field, 'filter');
    if (problem) add(['field'], problem.message, problem.hint);
    const { op, value } = condition;
    if (op === 'is_null' || op === 'not_null') {
      if (value !== undefined) add(['value'], `${op} takes no value`);
    } else if (op === 'in' || op === 'not_in') {
      if (!Array.isArray(value) || value.length === 0)
        add(['value'], `${op} needs a non-empty list of values`);
    } else if (value === undefined || value === null) {
      add(
        ['value'],
        `${op} needs a value`,
        op === 'eq' || op === 'ne' ? 'to test for empty, use is_null / not_null' : undefined,
      );
    } else if (Array.isArray(value)) {
      add(
        ['value'],
        `${op} compares with one value, not a list`,
        op === 'eq' ? 'use op: in' : op === 'ne' ? 'use op: not_in' : undefined,
      );
    } else if ((op === 'gt' || op === 'gte' || op === 'lt' || op === 'lte') && typeof value === 'boolean') {
      add(['value'], `${op} needs a number or a date, not a boolean`);
    }
  });
}
