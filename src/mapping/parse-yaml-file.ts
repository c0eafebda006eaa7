/** Parses one YAML file against a zod schema, reporting every problem with its file, line, column and key path. */
import type { z } from 'zod';
import type { MappingProblem } from '../errors.js';
import { parseYamlText, type YamlLocator } from './yaml-positions.js';
import { zodIssuesToProblems } from './zod-problems.js';

/**
 * Largest mapping file read, in bytes. The default files are about 10 KB; a 30 MB file once took 2.6 GB and
 * over a minute to check, so anything beyond this is refused before parsing.
 */
export const MAPPING_FILE_MAX_BYTES = 1024 * 1024;

/** `1,044 KB`: a byte count as people read it (rounded up, so a file just over a limit never reads as equal). */
export function formatBytes(bytes: number): string {
  return `${Math.ceil(bytes / 1024).toLocaleString('en-US')} KB`;
}

function tooLarge(file: string, bytes: number): MappingProblem {
  return {
    file,
    line: 1,
    column: 1,
    keyPath: '',
    message: `the file is ${formatBytes(bytes)}; mapping files may be at most ${formatBytes(MAPPING_FILE_MAX_BYTES)}`,
    hint: 'a mapping names fields, not data: move long value lists out, or split the file',
  };
}

/** The outcome; `data` is the plain YAML value before validation (null when the YAML is malformed). */
export type ParsedYamlFile<T> =
  | { ok: true; value: T; data: unknown; locator: YamlLocator; problems: [] }
  | { ok: false; problems: MappingProblem[]; data: unknown; locator: YamlLocator };

/**
 * Parses `text` (the content of `file`) and validates it with `schema`. Never throws: a file over
 * {@link MAPPING_FILE_MAX_BYTES}, malformed YAML and schema violations all come back as problems, each
 * located to the offending key.
 * @example
 * const parsed = parseYamlFile('mappings/scoring.yaml', text, ScoringSchema);
 * if (!parsed.ok) throw new MappingError(parsed.problems);
 */
export function parseYamlFile<S extends z.ZodType>(
  file: string,
  text: string,
  schema: S,
): ParsedYamlFile<z.output<S>> {
  // A UTF-16 unit is at most 3 bytes of UTF-8, so only a long text needs counting.
  const bytes = text.length > MAPPING_FILE_MAX_BYTES / 3 ? Buffer.byteLength(text, 'utf8') : 0;
  if (bytes > MAPPING_FILE_MAX_BYTES) {
    const { locator } = parseYamlText(file, '');
    return { ok: false, problems: [tooLarge(file, bytes)], data: null, locator };
  }
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
