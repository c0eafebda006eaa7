/** How one model field is read from a raw CRM record: path, collection, split, value map, cast, default… */
import { z } from 'zod';
import type { MappingDialect } from '../../connectors/mapping-dialect.js';
import { CAST_NAMES, CASTS } from './casts.js';
import { didYouMean } from './did-you-mean.js';
import { castForKind, type ModelFieldSpec } from './model-fields.js';
import { TRANSFORM_NAMES } from './transforms.js';

/** A YAML scalar usable as a constant, default or value-map target. */
export const ScalarSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type Scalar = z.infer<typeof ScalarSchema>;

export const TAXONOMY_AXES = ['sectors', 'technologies'] as const;
export const TaxonomyAxisSchema = z.enum(TAXONOMY_AXES);
export type TaxonomyAxis = z.infer<typeof TaxonomyAxisSchema>;

/**
 * Where a field's value comes from (exactly one of `path`, `concat`, `const`) and how it is turned into
 * the model's value: `split` → `transform` → `valueMap` | `taxonomy` → `cast` → `rescale` → `default`.
 */
export const FieldSourceSchema = z.strictObject({
  /** Dotted path on the record (`Name`, `Account.Industry`), or on each item of `collection`. */
  path: z.string().min(1).optional(),
  /** Salesforce child relationship (`OpportunityLineItems`) or HubSpot association (`line_items`) to read `path` from. */
  collection: z.string().min(1).optional(),
  /** HubSpot only: keep associated records carrying one of these association labels (case-insensitive). */
  labels: z.array(z.string().min(1)).min(1).optional(),
  /** Paths whose non-empty values are joined with a space (`[firstname, lastname]`). */
  concat: z.array(z.string().min(1)).min(2).optional(),
  /** A constant instead of a CRM value. */
  const: ScalarSchema.optional(),
  /** Separator of a multi-select value (`;` on both CRMs). */
  split: z.string().min(1).optional(),
  transform: z.enum(TRANSFORM_NAMES).optional(),
  /** Map the value through a taxonomy axis (raw value → sector / technology key). */
  taxonomy: TaxonomyAxisSchema.optional(),
  /** Map raw values (case-insensitive) to model values. */
  valueMap: z.record(z.string(), ScalarSchema).optional(),
  /** The type to read; defaults to the model field's type, and must agree with it. */
  cast: z.enum(CAST_NAMES).optional(),
  /** Linear rescale of a number, e.g. CSAT 0–10 → 0–1; values outside `from` are reported and dropped. */
  rescale: z
    .strictObject({ from: z.tuple([z.number(), z.number()]), to: z.tuple([z.number(), z.number()]) })
    .optional(),
  /** The value when the CRM has none (or one that no value map entry matches). */
  default: z.union([z.string(), z.number(), z.boolean()]).optional(),
  /**
   * The CRM may lack this field (a custom field, multi-currency, an edition's feature): when it is missing,
   * the run warns once and reads the entity without it, the model field staying empty (or `default`).
   */
  optional: z.boolean().optional(),
});
export type FieldSource = z.infer<typeof FieldSourceSchema>;

type Ctx = z.core.$RefinementCtx<FieldSource>;

function issue(ctx: Ctx, path: PropertyKey[], message: string, hint?: string): void {
  ctx.addIssue({ code: 'custom', path, message, params: hint ? { hint } : {} });
}

/** Whether a scalar can be the value of a field of this kind (taxonomy keys are checked against the taxonomy later). */
function scalarProblem(value: Scalar, spec: ModelFieldSpec): { message: string; hint?: string } | undefined {
  if (value === null) return undefined;
  if (spec.kind === 'enum') {
    const values = spec.values ?? [];
    if (typeof value === 'string' && values.includes(value.toLowerCase())) return undefined;
    return {
      message: `${JSON.stringify(value)} is not one of ${values.join(', ')}`,
      hint: didYouMean(String(value), values),
    };
  }
  const cast = castForKind(spec.kind);
  if (CASTS[cast](value) === undefined)
    return { message: `${JSON.stringify(value)} cannot be read as a ${cast}` };
  if ((spec.kind === 'sector' || spec.kind === 'technology') && typeof value !== 'string') {
    return { message: `${JSON.stringify(value)} is not a taxonomy key` };
  }
  return undefined;
}

function checkShape(source: FieldSource, ctx: Ctx, rules: MappingDialect): void {
  const origins = (['path', 'concat', 'const'] as const).filter((k) => source[k] !== undefined);
  if (origins.length === 0) {
    issue(ctx, [], 'say where the value comes from: path, concat or const', 'e.g. { path: Name }');
  } else if (origins.length > 1) {
    issue(
      ctx,
      [origins[1] ?? 'const'],
      `use only one of path, concat and const (found ${origins.join(', ')})`,
    );
  }
  if (source.const !== undefined) {
    const extra = (
      ['collection', 'split', 'transform', 'taxonomy', 'valueMap', 'rescale', 'default'] as const
    ).filter((k) => source[k] !== undefined);
    if (extra.length > 0)
      issue(ctx, [extra[0] ?? 'const'], `a const stands alone; remove ${extra.join(', ')}`);
  }
  if (source.collection !== undefined && source.path === undefined) {
    issue(ctx, ['collection'], 'a collection needs a path to read from each of its items');
  }
  if (source.labels !== undefined) {
    if (rules.collections !== 'associations') {
      issue(
        ctx,
        ['labels'],
        `labels select association labels; ${rules.system} mappings read child records, which have none`,
      );
    } else if (source.collection === undefined) {
      issue(ctx, ['labels'], 'labels select associated records, so they need a collection');
    }
  }
  if (source.taxonomy !== undefined && source.valueMap !== undefined) {
    issue(ctx, ['valueMap'], 'use either taxonomy or valueMap, not both');
  }
  if (source.rescale !== undefined && source.rescale.from[0] === source.rescale.from[1]) {
    issue(ctx, ['rescale', 'from'], 'the rescale range is empty');
  }
  if (source.collection !== undefined) {
    const problem = rules.checkCollection(source.collection);
    if (problem) issue(ctx, ['collection'], problem.message, problem.hint);
  }
  if (source.path !== undefined) {
    const problem = rules.checkPath(source.path, source.collection === undefined ? 'record' : 'item');
    if (problem) issue(ctx, ['path'], problem.message, problem.hint);
  }
  source.concat?.forEach((path, i) => {
    const problem = rules.checkPath(path, 'record');
    if (problem) issue(ctx, ['concat', i], problem.message, problem.hint);
  });
}

function checkAgainstField(source: FieldSource, ctx: Ctx, spec: ModelFieldSpec, field: string): void {
  const natural = castForKind(spec.kind);
  if (source.cast !== undefined && source.cast !== natural) {
    issue(
      ctx,
      ['cast'],
      `${field} holds a ${natural}; cast: ${source.cast} cannot feed it`,
      `use cast: ${natural}`,
    );
  }
  const taxonomyAxis =
    spec.kind === 'sector' ? 'sectors' : spec.kind === 'technology' ? 'technologies' : undefined;
  if (source.taxonomy !== undefined && source.taxonomy !== taxonomyAxis) {
    issue(
      ctx,
      ['taxonomy'],
      taxonomyAxis
        ? `${field} holds a ${spec.kind} key; map it through taxonomy: ${taxonomyAxis}`
        : `${field} is not a taxonomy field; taxonomy: ${source.taxonomy} does not apply`,
    );
  }
  if (source.rescale !== undefined && spec.kind !== 'number') {
    issue(ctx, ['rescale'], `rescale applies to numbers; ${field} holds a ${natural}`);
  }
  if (source.transform !== undefined && natural !== 'string') {
    issue(ctx, ['transform'], `transform: ${source.transform} works on text; ${field} holds a ${natural}`);
  }
  for (const [key, target] of Object.entries(source.valueMap ?? {})) {
    const problem = scalarProblem(target, spec);
    if (problem) issue(ctx, ['valueMap', key], `valueMap target ${problem.message}`, problem.hint);
  }
  for (const key of ['const', 'default'] as const) {
    const value = source[key];
    if (value === undefined) continue;
    const problem = scalarProblem(value, spec);
    if (problem) issue(ctx, [key], `${key} ${problem.message}`, problem.hint);
  }
}

/** The schema of the source of one model field, checked against that field's type and the CRM's path rules. */
export function fieldSourceSchema(rules: MappingDialect, spec: ModelFieldSpec, field: string) {
  return FieldSourceSchema.superRefine((source, ctx) => {
    checkShape(source, ctx, rules);
    checkAgainstField(source, ctx, spec, field);
    if (source.optional && spec.required && source.default === undefined) {
      issue(
        ctx,
        ['optional'],
        `${field} is required, so its field cannot be optional`,
        'give it a default, or map a field every record has',
      );
    }
  });
}
