/** Finds raw values mapped twice and keys defined twice in a taxonomy file, reported at the later occurrence. */
import type { MappingProblem } from '../errors.js';
import { normaliseText } from './text-lookup.js';
import type { KeyPath, YamlLocator } from './yaml-positions.js';

interface Occurrence {
  path: KeyPath;
  /** Where it is: `sectors "healthcare"`, `unmapped`. */
  owner: string;
  raw: string;
  line: number;
  column: number;
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? Reflect.get(value, key) : undefined;
}

function entries(data: unknown, axis: string): unknown[] {
  const list = field(data, axis);
  return Array.isArray(list) ? list : [];
}

function laterFirst(a: Occurrence, b: Occurrence): number {
  return a.line - b.line || a.column - b.column;
}

function report(
  groups: Map<string, Occurrence[]>,
  locator: YamlLocator,
  describe: (first: Occurrence, dup: Occurrence) => string,
  hint: string,
): MappingProblem[] {
  const problems: MappingProblem[] = [];
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    group.sort(laterFirst);
    const [first, ...rest] = group;
    if (!first) continue;
    for (const dup of rest) problems.push(locator.problem(dup.path, describe(first, dup), hint));
  }
  return problems;
}

/** Countries listed in two regions (or twice in one), and region keys defined twice. */
function regionDuplicates(
  data: unknown,
  at: (path: KeyPath, owner: string, raw: string) => Occurrence,
  locator: YamlLocator,
): MappingProblem[] {
  const countries = new Map<string, Occurrence[]>();
  const keys = new Map<string, Occurrence[]>();
  entries(data, 'regions').forEach((entry, i) => {
    const key = field(entry, 'key');
    const list = field(entry, 'countries');
    const owner = `regions "${typeof key === 'string' ? key : i}"`;
    if (typeof key === 'string')
      keys.set(key, [...(keys.get(key) ?? []), at(['regions', i, 'key'], owner, key)]);
    if (!Array.isArray(list)) return;
    list.forEach((country, j) => {
      if (typeof country !== 'string') return;
      const norm = country.trim().toUpperCase();
      countries.set(norm, [
        ...(countries.get(norm) ?? []),
        at(['regions', i, 'countries', j], owner, country),
      ]);
    });
  });
  return [
    ...report(
      countries,
      locator,
      (first, dup) => `country "${dup.raw}" is listed twice: already in ${first.owner} (line ${first.line})`,
      'a country belongs to exactly one region; remove one of the two',
    ),
    ...report(
      keys,
      locator,
      (first) => `duplicate regions key "${first.raw}" (first at line ${first.line})`,
      'keys are unique per axis',
    ),
  ];
}

/**
 * Checks the raw (possibly invalid) taxonomy data, so these problems come out together with schema problems.
 * A value may sit in one sector, one technology, and not also in `unmapped`; sector and technology axes are
 * separate vocabularies, so the same word may appear once in each.
 */
export function findTaxonomyDuplicates(data: unknown, locator: YamlLocator): MappingProblem[] {
  const at = (path: KeyPath, owner: string, raw: string): Occurrence => ({
    path,
    owner,
    raw,
    ...locator.locate(path),
  });
  const unmapped: Occurrence[] = [];
  entries(data, 'unmapped').forEach((value, i) => {
    if (typeof value === 'string') unmapped.push(at(['unmapped', i], 'unmapped', value));
  });
  const problems: MappingProblem[] = [];
  for (const axis of ['sectors', 'technologies'] as const) {
    const values = new Map<string, Occurrence[]>();
    const keys = new Map<string, Occurrence[]>();
    for (const u of unmapped) {
      const norm = normaliseText(u.raw);
      values.set(norm, [...(values.get(norm) ?? []), u]);
    }
    entries(data, axis).forEach((entry, i) => {
      const key = field(entry, 'key');
      const list = field(entry, 'values');
      const owner = `${axis} "${typeof key === 'string' ? key : i}"`;
      if (typeof key === 'string')
        keys.set(key, [...(keys.get(key) ?? []), at([axis, i, 'key'], owner, key)]);
      if (!Array.isArray(list)) return;
      list.forEach((value, j) => {
        if (typeof value !== 'string') return;
        const norm = normaliseText(value);
        values.set(norm, [...(values.get(norm) ?? []), at([axis, i, 'values', j], owner, value)]);
      });
    });
    // Duplicates inside `unmapped` itself are reported once, in the sectors pass.
    const relevant = new Map(
      [...values].filter(([, group]) => axis === 'sectors' || group.some((o) => o.owner !== 'unmapped')),
    );
    problems.push(
      ...report(
        relevant,
        locator,
        (first, dup) => `"${dup.raw}" is mapped twice: already in ${first.owner} (line ${first.line})`,
        'a raw value belongs to exactly one sector, one technology, or unmapped; remove one of the two',
      ),
      ...report(
        keys,
        locator,
        (first) => `duplicate ${axis} key "${first.raw}" (first at line ${first.line})`,
        'keys are unique per axis',
      ),
    );
  }
  problems.push(...regionDuplicates(data, at, locator));
  // An unmapped value repeated in `unmapped` and in a technology is found by both passes: report it once.
  const seen = new Set<string>();
  return problems.filter((p) => {
    const where = `${p.line}:${p.column}`;
    if (seen.has(where)) return false;
    seen.add(where);
    return true;
  });
}
