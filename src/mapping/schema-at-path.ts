/** Walks a zod schema along a key path (following the data through unions) to find what keys an object allows. */
import { z } from 'zod';
import type { KeyPath } from './yaml-positions.js';

type AnySchema = z.core.$ZodType;

function isRecord(value: unknown): value is Record<PropertyKey, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unwrap(schema: AnySchema, data: unknown): AnySchema {
  let current = schema;
  for (let guard = 0; guard < 32; guard++) {
    if (
      current instanceof z.ZodOptional ||
      current instanceof z.ZodNullable ||
      current instanceof z.ZodDefault ||
      current instanceof z.ZodReadonly ||
      current instanceof z.ZodCatch ||
      current instanceof z.ZodLazy
    ) {
      current = current.unwrap();
    } else if (current instanceof z.ZodPipe) {
      current = current.in instanceof z.ZodTransform ? current.out : current.in;
    } else if (current instanceof z.ZodUnion) {
      const option = pickOption(current, data);
      if (option === undefined) return current;
      current = option;
    } else {
      return current;
    }
  }
  return current;
}

/** The union option the data most likely meant: by discriminator, else the object option sharing most keys. */
function pickOption(union: z.ZodUnion, data: unknown): AnySchema | undefined {
  if (!isRecord(data)) return undefined;
  const options: readonly AnySchema[] = union.options;
  const discriminator = union instanceof z.ZodDiscriminatedUnion ? union.def.discriminator : undefined;
  if (discriminator !== undefined) {
    const match = options.find((option) => {
      const inner = unwrap(option, data);
      const field = inner instanceof z.ZodObject ? inner.shape[discriminator] : undefined;
      return field instanceof z.ZodType && field.safeParse(data[discriminator]).success;
    });
    if (match) return match;
  }
  let best: AnySchema | undefined;
  let bestScore = -1;
  for (const option of options) {
    const inner = unwrap(option, data);
    if (!(inner instanceof z.ZodObject)) continue;
    const score = Object.keys(data).filter((key) => key in inner.shape).length;
    if (score > bestScore) {
      best = option;
      bestScore = score;
    }
  }
  return best;
}

function child(schema: AnySchema, segment: PropertyKey): AnySchema | undefined {
  if (schema instanceof z.ZodObject) return schema.shape[String(segment)];
  if (schema instanceof z.ZodArray) return schema.element;
  if (schema instanceof z.ZodRecord) return schema.valueType;
  if (schema instanceof z.ZodTuple) return schema.def.items[Number(segment)];
  return undefined;
}

/** The keys an object schema at `path` accepts, or undefined when the path does not lead to an object schema. */
export function allowedKeysAt(root: AnySchema, rootData: unknown, path: KeyPath): string[] | undefined {
  let schema = unwrap(root, rootData);
  let data = rootData;
  for (const segment of path) {
    const next = child(schema, segment);
    if (next === undefined) return undefined;
    data = valueAt(data, [segment]);
    schema = unwrap(next, data);
  }
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : undefined;
}

/** The value at `path` inside plain data, or undefined. */
export function valueAt(data: unknown, path: KeyPath): unknown {
  let current = data;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = Reflect.get(current, segment);
  }
  return current;
}
