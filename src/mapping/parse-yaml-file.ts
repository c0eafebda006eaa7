/** Parses one YAML file against a zod schema, reporting every problem with its file, line, column and key path. */
import type { z } from 'zod';
import type { MappingProblem } from '../errors.js';
import { parseYamlText, type YamlLocator } from './yaml-positions.js';
import { zodIssuesToProblems } from './zod-problems.js';

/** The outcome; `data` is the plain YAML value before validation (null when the YAML is malformed). */
export type ParsedYamlFile<T> =
  | { ok: true; value: T; data: unknown; locator: YamlLocator; problems: [] }
  | { ok: false; problems: MappingProblem[]; data: unknown; locator: YamlLocator };

/**
 * Parses `text` (the content of `file`) and validates it with `schema`. Never throws: malformed YAML and
 * schema violations all come back as problems, each located to the offending key.
 * @example
 * const parsed = parseYamlFile('mappings/scoring.yaml', text, ScoringSchema);
 * if (!parsed.ok) throw new MappingError(parsed.problems);
 */
export function parseYamlFile<S extends z.ZodType>(
  file: string,
  text: string,
  schema: S,
): ParsedYamlFile<z.output<S>> {
  const { data, locator, problems } = parseYamlText(file, text);
  if (problems.length > 0) return { ok: false, problems, data, locator };
  if (data === null || data === undefined) {
    return { ok: false, problems: [locator.problem([], 'the file has no content')], data, locator };
  }
  const result = schema.safeParse(data);
  if (result.success) return { ok: true, value: result.data, data, locator, problems: [] };
  return {
    ok: false,
    problems: zodIssuesToProblems(result.error.issues, locator, schema, data),
    data,
    locator,
  };
}
