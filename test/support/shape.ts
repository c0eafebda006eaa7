// Compares JSON shapes: same keys and JSON types, recursively; used to hold emulator answers to documented examples.

type Kind = 'null' | 'array' | 'object' | 'string' | 'number' | 'boolean';

function kindOf(v: unknown): Kind {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  const t = typeof v;
  return t === 'object' ? 'object' : t === 'string' ? 'string' : t === 'number' ? 'number' : 'boolean';
}

/**
 * Differences between the documented example's shape and the actual value. A `null` in the example
 * accepts any value (documented examples use null for optional values); array elements are compared
 * index by index when the example has as many, otherwise each with the example's first element; with `exact`, keys the example lacks count
 * as differences too.
 */
export function shapeDiff(
  expected: unknown,
  actual: unknown,
  options: { exact?: boolean } = {},
  path = '$',
): string[] {
  const ek = kindOf(expected);
  const ak = kindOf(actual);
  if (ek === 'null') return [];
  if (ek !== ak) return [`${path}: expected ${ek}, got ${ak}`];
  if (ek === 'array') {
    const examples = expected as unknown[];
    const items = actual as unknown[];
    // Several example items of the same count (e.g. one success, one failure) are matched index by index.
    if (examples.length > 1 && examples.length === items.length) {
      return items.flatMap((item, i) => shapeDiff(examples[i], item, options, `${path}[${i}]`));
    }
    const example = examples[0];
    if (example === undefined) return [];
    return items.flatMap((item, i) => shapeDiff(example, item, options, `${path}[${i}]`));
  }
  if (ek !== 'object') return [];
  const e = expected as Record<string, unknown>;
  const a = actual as Record<string, unknown>;
  const out: string[] = [];
  for (const key of Object.keys(e)) {
    if (!(key in a)) out.push(`${path}.${key}: missing`);
    else out.push(...shapeDiff(e[key], a[key], options, `${path}.${key}`));
  }
  if (options.exact)
    for (const key of Object.keys(a))
      if (!(key in e)) out.push(`${path}.${key}: not in the documented example`);
  return out;
}
