/** Schemas of `mappings/benefits.yaml`: what a programme gives partners at each level, as ordered rules. */
import { z } from 'zod';

/** Taxonomy keys narrowing the sector × technology cells a rule counts: a sector, a technology, or both (one pair). */
export const BenefitCellsSchema = z
  .strictObject({
    sector: z.string().min(1).optional(),
    technology: z.string().min(1).optional(),
  })
  .refine((cells) => cells.sector !== undefined || cells.technology !== undefined, {
    message: 'name a sector, a technology or both',
  });
export type BenefitCells = z.infer<typeof BenefitCellsSchema>;

/** When a rule applies: at least `atLeast` sector × technology cells (within `in`) at `level` or higher. */
export const BenefitConditionSchema = z.strictObject({
  /** A level of the scoring ladder; a cell at this level or a higher one counts. */
  level: z.string().min(1),
  /** Only cells of this sector, technology or pair count; absent = every cell. */
  in: BenefitCellsSchema.optional(),
  /** Cells needed (default 1). */
  atLeast: z.number().int().min(1).default(1),
});
export type BenefitCondition = z.infer<typeof BenefitConditionSchema>;

/** Words people read in the CRM: a picklist value fits 255 characters. */
const BenefitValueSchema = z.string().trim().min(1).max(255);

export const BenefitRuleSchema = z.strictObject({
  when: BenefitConditionSchema,
  value: BenefitValueSchema,
});
export type BenefitRule = z.infer<typeof BenefitRuleSchema>;

const BENEFIT_KEY = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

export const BenefitSchema = z.strictObject({
  /** Names the benefit in write-back mappings (`benefit: lead-priority`). */
  key: z.string().regex(BENEFIT_KEY, 'a lower-case key such as lead-priority'),
  /** What people read ("Lead priority"). */
  name: z.string().trim().min(1).max(80),
  /** Tried in order; the first that matches gives the value. */
  rules: z.array(BenefitRuleSchema).min(1),
  /** The value when no rule matches; absent = the field is left empty. */
  otherwise: BenefitValueSchema.optional(),
});
export type Benefit = z.infer<typeof BenefitSchema>;

export const BenefitsFileSchema = z
  .strictObject({
    version: z.literal(1),
    benefits: z.array(BenefitSchema),
  })
  .superRefine((file, ctx) => {
    const seen = new Map<string, number>();
    file.benefits.forEach((benefit, i) => {
      const first = seen.get(benefit.key);
      if (first === undefined) seen.set(benefit.key, i);
      else
        ctx.addIssue({
          code: 'custom',
          path: ['benefits', i, 'key'],
          message: `${benefit.key} is already the key of benefits[${first}]`,
          params: { hint: 'give each benefit its own key' },
        });
    });
  });
export type BenefitsFile = z.infer<typeof BenefitsFileSchema>;

/** One benefit of one partner: `value` is null when no rule matched and the benefit has no `otherwise`. */
export const PartnerBenefitSchema = z.object({
  key: z.string(),
  name: z.string(),
  value: z.string().nullable(),
});
export type PartnerBenefit = z.infer<typeof PartnerBenefitSchema>;

/**
 * The benefit a write-back field receives: its key in the CRM's mapping file (`benefit: lead-priority`), and
 * its definition, which lives in `benefits.yaml` and is bound when the mapping directory loads (null until
 * then, or for a key the check reports as unknown), so the write-back section carries all it needs to compute
 * and provision the field. Connectors validate their options again: a bound reference passes as it is.
 */
export const BenefitRefSchema = z.preprocess(
  (value) => (typeof value === 'string' ? { key: value, definition: null } : value),
  z.strictObject({
    key: z.string().regex(BENEFIT_KEY, 'a benefit key of benefits.yaml such as lead-priority'),
    definition: BenefitSchema.nullable(),
  }),
);
export type BenefitRef = z.infer<typeof BenefitRefSchema>;

/** Why a write-back field's `benefit:` does not fit its `result:` (only `result: benefit` names one, and must). */
export function benefitFieldProblem(field: {
  result: string;
  benefit?: unknown;
}): { message: string; hint?: string } | undefined {
  if (field.result === 'benefit' && field.benefit === undefined)
    return {
      message: 'a benefit field names its benefit',
      hint: 'add benefit: <the key of a benefit in benefits.yaml>',
    };
  if (field.result !== 'benefit' && field.benefit !== undefined)
    return { message: `benefit applies only to result: benefit, not to ${field.result}` };
  return undefined;
}

/**
 * The values a benefit can take, in rule order, without repeats: the options of its picklist or enumeration.
 * None for a field whose benefit is not bound (the mapping check reports it).
 */
export function benefitOptions(benefit: Benefit | null): string[] {
  if (!benefit) return [];
  const values = benefit.rules.map((r) => r.value);
  if (benefit.otherwise !== undefined) values.push(benefit.otherwise);
  return [...new Set(values)];
}
