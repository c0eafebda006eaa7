/** Compiles the source of one model field into a fast reader: raw record values → model value, with issues. */
import { AtlasError } from '../errors.js';
import { type CrmSystem, refKey } from '../model/index.js';
import { CAST_FAILURE, CASTS, castNumber, castString } from './casts.js';
import type { FieldSource, Scalar, TaxonomyAxis } from './field-source-schema.js';
import { castForKind, type EntityName, type ModelFieldSpec, PLAUSIBLE_YEARS } from './model-fields.js';
import { recordIdPattern } from './record-ids.js';
import { cutText, type RecordScope } from './record-issues.js';
import { compilePath, readCollection, someLabel } from './resolve-path.js';
import type { TaxonomyIndex } from './taxonomy-index.js';
import { TextLookup } from './text-lookup.js';
import { applyTransform } from './transforms.js';

/** What a field reader needs to know beyond its source. */
export interface FieldCompileContext {
  system: CrmSystem;
  entity: EntityName;
  taxonomy: TaxonomyIndex;
  /** CRM object of partner and customer records: refs to accounts become `system:object:id`. */
  accountObject: string;
  /** CRM object of person records. */
  personObject: string;
  /** Currency codes scoring.yaml has a rate for; a deal in another currency is reported (unset: not checked). */
  currencies?: ReadonlySet<string>;
}

/** Reads one model field from a raw record's values; reports problems into the scope. */
export type FieldReader = (values: Record<string, unknown>, scope: RecordScope) => unknown;

/** A raw value that could not be mapped, and why. */
class Failure {
  constructor(
    readonly value: unknown,
    readonly reason: string,
  ) {}
}

type PieceMapper = (raw: unknown) => unknown;

function axisOf(spec: ModelFieldSpec): TaxonomyAxis | undefined {
  return spec.kind === 'sector' ? 'sectors' : spec.kind === 'technology' ? 'technologies' : undefined;
}

function refObject(spec: ModelFieldSpec, ctx: FieldCompileContext): string | undefined {
  if (spec.kind === 'personRef') return ctx.personObject;
  if (spec.kind === 'partnerRef' || spec.kind === 'accountRef') return ctx.accountObject;
  return undefined;
}

/** Turns a value that is already in the model's vocabulary (const, default, value-map target) into the model value. */
function toModelValue(value: unknown, spec: ModelFieldSpec, ctx: FieldCompileContext): unknown {
  if (value === null || value === undefined) return null;
  const object = refObject(spec, ctx);
  if (object !== undefined) {
    const id = castString(value);
    return id === undefined || id === null ? undefined : refKey({ system: ctx.system, object, id });
  }
  if (spec.kind === 'enum') {
    const text = castString(value)?.toLowerCase();
    return text !== undefined && text !== null && spec.values?.includes(text) ? text : undefined;
  }
  const axis = axisOf(spec);
  if (axis !== undefined)
    return typeof value === 'string' && ctx.taxonomy.keys[axis].includes(value) ? value : undefined;
  return CASTS[castForKind(spec.kind)](value);
}

function constant(
  value: Scalar | undefined,
  spec: ModelFieldSpec,
  ctx: FieldCompileContext,
  what: string,
): unknown {
  if (value === undefined) return null;
  const model = toModelValue(value, spec, ctx);
  if (model === undefined) {
    throw new AtlasError(
      'MAPPING_INVALID',
      `${what} ${JSON.stringify(value)} is not a valid ${ctx.entity} value`,
      {
        context: { entity: ctx.entity },
      },
    );
  }
  return model;
}

/** The mapper of one raw scalar: trim → transform → value map | taxonomy → cast → rescale. */
function compilePiece(source: FieldSource, spec: ModelFieldSpec, ctx: FieldCompileContext): PieceMapper {
  const { transform, rescale } = source;
  const hasDefault = source.default !== undefined;
  // Targets are model values already; `null` targets are wrapped so a miss (undefined) stays distinct.
  const valueMap =
    source.valueMap === undefined
      ? undefined
      : new TextLookup(
          Object.entries(source.valueMap).map(
            ([raw, target]) => [raw, { value: constant(target, spec, ctx, 'valueMap target') }] as const,
          ),
        );
  const axis = source.taxonomy ?? (valueMap === undefined ? axisOf(spec) : undefined);
  const taxonomyValues = axis === undefined ? undefined : ctx.taxonomy.values[axis];
  const object = refObject(spec, ctx);
  const idPattern = recordIdPattern(ctx.system);
  const castTo = CASTS[castForKind(spec.kind)];
  const castFailure = CAST_FAILURE[castForKind(spec.kind)];
  const enumValues = spec.kind === 'enum' ? (spec.values ?? []) : undefined;
  const enumLookup =
    enumValues === undefined ? undefined : new TextLookup(enumValues.map((v) => [v, v] as const));

  return (raw) => {
    let value = raw;
    if (typeof value === 'string') {
      value = value.trim();
      if (value === '') return null;
    } else if (value === null || value === undefined) {
      return null;
    }
    if (transform !== undefined) {
      const text = castString(value);
      if (text === undefined || text === null) return new Failure(raw, CAST_FAILURE.string);
      const transformed = applyTransform(transform, text);
      if (transformed === undefined) return new Failure(raw, `not a ${transform} (transform: ${transform})`);
      value = transformed;
    }
    if (valueMap !== undefined) {
      const mapped = valueMap.get(typeof value === 'string' ? value : String(value));
      if (mapped !== undefined) return mapped.value;
      return hasDefault ? null : new Failure(raw, 'no valueMap entry for this value');
    }
    if (taxonomyValues !== undefined) {
      const text = castString(value);
      if (text === undefined || text === null) return new Failure(raw, CAST_FAILURE.string);
      const key = taxonomyValues.get(text);
      if (key !== undefined) return key;
      if (ctx.taxonomy.unmapped.has(text) || hasDefault) return null;
      return new Failure(
        raw,
        `not in the taxonomy's ${axis}: add it to an entry or to unmapped in taxonomy.yaml`,
      );
    }
    if (enumLookup !== undefined) {
      const text = castString(value);
      const member = text === undefined || text === null ? undefined : enumLookup.get(text);
      return member ?? new Failure(raw, `not one of ${enumValues?.join(', ')}`);
    }
    if (object !== undefined) {
      const id = castString(value);
      if (id === undefined || id === null || !idPattern.test(id))
        return new Failure(raw, `not a ${ctx.system} record id`);
      return refKey({ system: ctx.system, object, id });
    }
    if (rescale !== undefined) {
      const n = castNumber(value);
      if (n === undefined || n === null) return n === null ? null : new Failure(raw, CAST_FAILURE.number);
      const [f0, f1] = rescale.from;
      const [t0, t1] = rescale.to;
      if (n < Math.min(f0, f1) || n > Math.max(f0, f1))
        return new Failure(raw, `outside the rescale range ${f0}–${f1}`);
      return t0 + ((n - f0) * (t1 - t0)) / (f1 - f0);
    }
    const cast = castTo(value);
    return cast === undefined ? new Failure(raw, castFailure) : cast;
  };
}

/** Returns the raw values a source reads: one per record, or one per collection item. */
function compileGather(source: FieldSource): (values: Record<string, unknown>) => unknown {
  if (source.concat !== undefined) {
    const accessors = source.concat.map(compilePath);
    return (values) => {
      const parts: string[] = [];
      for (const accessor of accessors) {
        const text = castString(accessor(values));
        if (text) {
          const trimmed = text.trim();
          if (trimmed !== '') parts.push(trimmed);
        }
      }
      return parts.length === 0 ? null : parts.join(' ');
    };
  }
  const accessor = compilePath(source.path ?? '');
  const { collection } = source;
  if (collection === undefined) return accessor;
  const labels =
    source.labels === undefined ? undefined : new TextLookup(source.labels.map((l) => [l, true] as const));
  const wanted = (label: string) => labels?.has(label) === true;
  return (values) => {
    const out: unknown[] = [];
    for (const item of readCollection(values, collection)) {
      if (labels !== undefined && !someLabel(item, wanted)) continue;
      out.push(accessor(item));
    }
    return out;
  };
}

/**
 * Compiles the reader of one model field. Bad values become issues: a warning when the field is left empty
 * (or keeps its other values), an error when a required field ends up empty — the record is then skipped.
 */
export function compileField(
  field: string,
  spec: ModelFieldSpec,
  source: FieldSource | undefined,
  ctx: FieldCompileContext,
): FieldReader {
  const name = `${ctx.entity}.${field}`;
  if (source === undefined) {
    return spec.many ? () => [] : () => null;
  }
  if (source.const !== undefined) {
    const value = constant(source.const, spec, ctx, 'const');
    if (spec.many) return () => (value === null ? [] : [value]);
    return () => value;
  }
  const fallback = constant(source.default, spec, ctx, 'default');
  const piece = compilePiece(source, spec, ctx);
  const gather = compileGather(source);
  const { split } = source;
  const { maxLength, range, required } = spec;
  const many = spec.many === true;
  const dated = spec.kind === 'date' || spec.kind === 'datetime';
  /** Why a mapped number or date is out of its field's range, or undefined when it is in range. */
  const outOfRangeReason = (value: unknown): string | undefined => {
    if (typeof value === 'number' && range !== undefined && (value < range[0] || value > range[1]))
      return `outside ${range[0]}–${range[1]}`;
    if (dated && typeof value === 'string') {
      const year = Number(value.slice(0, 4));
      if (year < PLAUSIBLE_YEARS[0] || year > PLAUSIBLE_YEARS[1])
        return `not between the years ${PLAUSIBLE_YEARS[0]} and ${PLAUSIBLE_YEARS[1]}`;
    }
    return undefined;
  };

  const finish = (value: unknown, failures: Failure[] | undefined, scope: RecordScope): unknown => {
    let result = value;
    if (result === null && fallback !== null) result = fallback;
    const outOfRange = outOfRangeReason(result);
    if (outOfRange !== undefined) {
      failures = [...(failures ?? []), new Failure(result, outOfRange)];
      result = null;
    }
    if (typeof result === 'string' && maxLength !== undefined && result.length > maxLength) {
      const cut = cutText(result, maxLength);
      if (cut !== result) scope.add(name, result, `longer than ${maxLength} characters; cut`, 'warning');
      result = cut;
    }
    const skipped = required && result === null;
    if (failures !== undefined) {
      for (const f of failures) scope.add(name, f.value, f.reason, skipped ? 'error' : 'warning');
    } else if (skipped) {
      scope.add(name, null, 'required value is empty', 'error');
    }
    return result;
  };

  /** Distinct mapped values, and the failures (allocated only when there is one). */
  interface Collected {
    values: unknown[];
    failures: Failure[] | undefined;
  }
  const add = (raw: unknown, into: Collected): void => {
    const value = piece(raw);
    if (value instanceof Failure) {
      if (into.failures === undefined) into.failures = [value];
      else into.failures.push(value);
    } else if (value !== null && value !== undefined && !into.values.includes(value)) {
      into.values.push(value);
    }
  };
  const collect = (raw: unknown, into: Collected): void => {
    if (Array.isArray(raw)) {
      for (const item of raw) collect(item, into);
      return;
    }
    if (split !== undefined && typeof raw === 'string') {
      for (const part of raw.split(split)) add(part, into);
      return;
    }
    add(raw, into);
  };

  if (!many && split === undefined && source.collection === undefined) {
    // The common case: one raw value, one model value; no arrays allocated.
    // Nothing to check on a good value: skip `finish`.
    const plain = fallback === null && range === undefined && !dated && maxLength === undefined && !required;
    return (values, scope) => {
      const raw = gather(values);
      if (Array.isArray(raw)) return readMany(raw, scope);
      const value = piece(raw);
      if (value instanceof Failure) return finish(null, [value], scope);
      if (plain) return value ?? null;
      return finish(value ?? null, undefined, scope);
    };
  }
  return (values, scope) => readMany(gather(values), scope);

  function readMany(raw: unknown, scope: RecordScope): unknown {
    const into: Collected = { values: [], failures: undefined };
    collect(raw, into);
    const { values: distinct, failures } = into;
    if (many) {
      if (distinct.length === 0 && fallback !== null) distinct.push(fallback);
      for (const f of failures ?? []) scope.add(name, f.value, f.reason, 'warning');
      return distinct;
    }
    if (distinct.length > 1) {
      scope.add(name, distinct, `${distinct.length} different values; kept the first`, 'warning');
    }
    return finish(distinct[0] ?? null, failures, scope);
  }
}
