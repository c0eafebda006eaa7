/** Turns zod issues on a parsed YAML value into located mapping problems, with "did you mean" hints. */
import type { z } from 'zod';
import { count } from '../engine/words.js';
import type { MappingProblem } from '../errors.js';
import { closestMatch, didYouMean } from './did-you-mean.js';
import { allowedKeysAt, valueAt } from './schema-at-path.js';
import type { YamlLocator } from './yaml-positions.js';

/** Extra data a custom refinement attaches to its issue (`params`). */
export interface ProblemParams {
  hint?: string;
  /** Locate at the key rather than the value (e.g. for a key that should not be there). */
  at?: 'key' | 'value';
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string')
    return `the text ${JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}

const EXPECTED: Record<string, string> = {
  object: 'a mapping (key: value)',
  array: 'a list',
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
};

/**
 * Problems reported per file at most. Locating a problem walks the YAML tree, so 12,000 unknown keys once
 * took seconds; past this many, one last problem says how many more there are.
 */
export const PROBLEMS_MAX = 100;

function problemCount(issue: z.core.$ZodIssue): number {
  return issue.code === 'unrecognized_keys' ? issue.keys.length : 1;
}

/** Converts the zod issues into problems (one per unknown key), at most {@link PROBLEMS_MAX} and a summary. */
export function zodIssuesToProblems(
  issues: readonly z.core.$ZodIssue[],
  locator: YamlLocator,
  schema: z.ZodType,
  data: unknown,
): MappingProblem[] {
  let total = 0;
  for (const issue of issues) total += problemCount(issue);
  const kept: z.core.$ZodIssue[] = [];
  let shown = 0;
  for (const issue of issues) {
    if (shown >= PROBLEMS_MAX) break;
    const room = PROBLEMS_MAX - shown;
    kept.push(
      issue.code === 'unrecognized_keys' && issue.keys.length > room
        ? { ...issue, keys: issue.keys.slice(0, room) }
        : issue,
    );
    shown += Math.min(problemCount(issue), room);
  }
  const problems = allProblems(kept, locator, schema, data);
  if (total > shown) {
    problems.push(
      locator.problem(
        [],
        `${count(total - shown, 'more problem', 'more problems')} not listed; fix the ones above first`,
      ),
    );
  }
  return problems;
}

function allProblems(
  issues: readonly z.core.$ZodIssue[],
  locator: YamlLocator,
  schema: z.ZodType,
  data: unknown,
): MappingProblem[] {
  const problems: MappingProblem[] = [];
  for (const issue of issues) {
    const path = issue.path;
    switch (issue.code) {
      case 'unrecognized_keys': {
        const allowed = allowedKeysAt(schema, data, path) ?? [];
        for (const key of issue.keys) {
          problems.push(
            locator.problem([...path, key], `unknown key "${key}"`, didYouMean(key, allowed), 'key'),
          );
        }
        break;
      }
      case 'invalid_type': {
        const received = valueAt(data, path);
        const expected = EXPECTED[issue.expected] ?? issue.expected;
        if (received === undefined) {
          const key = path[path.length - 1];
          problems.push(
            locator.problem(path, `missing required key "${String(key)}" (${expected})`, undefined, 'key'),
          );
        } else {
          problems.push(locator.problem(path, `expected ${expected}, got ${describe(received)}`));
        }
        break;
      }
      case 'invalid_value': {
        const received = valueAt(data, path);
        const options = issue.values.map((v) => String(v));
        const match = typeof received === 'string' ? closestMatch(received, options) : undefined;
        const list = options.map((o) => JSON.stringify(o)).join(', ');
        problems.push(
          locator.problem(
            path,
            `${describe(received)} is not allowed here; expected ${options.length === 1 ? list : `one of ${list}`}`,
            match ? `did you mean "${match}"?` : undefined,
          ),
        );
        break;
      }
      case 'invalid_union': {
        if ('discriminator' in issue && typeof issue.discriminator === 'string') {
          const received = valueAt(data, path);
          const options = ('options' in issue && Array.isArray(issue.options) ? issue.options : []).map(
            (o: unknown) => String(o),
          );
          const match = typeof received === 'string' ? closestMatch(received, options) : undefined;
          const message =
            received === undefined
              ? `missing required key "${issue.discriminator}" (one of ${options.join(', ')})`
              : `${describe(received)} is not a known ${issue.discriminator}; expected one of ${options.join(', ')}`;
          problems.push(
            locator.problem(
              path,
              message,
              match ? `did you mean "${match}"?` : undefined,
              received === undefined ? 'key' : 'value',
            ),
          );
        } else {
          problems.push(locator.problem(path, issue.message));
        }
        break;
      }
      case 'custom': {
        const hint = typeof issue.params?.['hint'] === 'string' ? issue.params['hint'] : undefined;
        const at = issue.params?.['at'] === 'key' ? 'key' : 'value';
        problems.push(locator.problem(path, issue.message, hint, at));
        break;
      }
      default:
        problems.push(locator.problem(path, issue.message));
    }
  }
  return problems;
}
