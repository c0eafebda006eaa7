import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatMappingProblem } from '../errors.js';
import { MAPPING_FILE_MAX_BYTES, parseYamlFile } from './parse-yaml-file.js';
import { PROBLEMS_MAX } from './zod-problems.js';

// A small schema standing in for any admin file (the lead reuses parseYamlFile for scoring.yaml).
const ScoringLike = z.strictObject({
  halfLifeDays: z.number().positive(),
  levels: z.array(z.strictObject({ name: z.string(), minScore: z.number() })),
  mode: z.enum(['strict', 'lenient']).optional(),
});

describe('parseYamlFile', () => {
  it('returns the parsed value when the file is valid', () => {
    const parsed = parseYamlFile(
      'scoring.yaml',
      'halfLifeDays: 365\nlevels:\n  - { name: Expert, minScore: 80 }\n',
      ScoringLike,
    );
    expect(parsed.ok).toBe(true);
    if (parsed.ok)
      expect(parsed.value).toEqual({ halfLifeDays: 365, levels: [{ name: 'Expert', minScore: 80 }] });
  });

  it('reports malformed YAML with its line and column', () => {
    const text = 'halfLifeDays: 365\nlevels:\n  - { name: Expert, minScore: 80\n  - { name: Novice }\n';
    const parsed = parseYamlFile('scoring.yaml', text, ScoringLike);
    expect(parsed.ok).toBe(false);
    expect(parsed.problems.length).toBeGreaterThan(0);
    const [first] = parsed.problems;
    expect(first?.message).toMatch(/^invalid YAML: /);
    expect(first?.file).toBe('scoring.yaml');
    expect(first?.line).toBeGreaterThanOrEqual(3);
    expect(first?.column).toBeGreaterThan(0);
  });

  it('reports a duplicate key at the second occurrence, with its key path', () => {
    const text = 'halfLifeDays: 365\nlevels: []\nhalfLifeDays: 180\n';
    const parsed = parseYamlFile('scoring.yaml', text, ScoringLike);
    expect(parsed.problems).toEqual([
      expect.objectContaining({
        line: 3,
        column: 1,
        keyPath: 'halfLifeDays',
        hint: expect.stringContaining('merge'),
      }),
    ]);
  });

  it('rejects unknown keys with a did-you-mean, located at the key', () => {
    const text = 'halfLifeDays: 365\nlevels:\n  - name: Expert\n    minScroe: 80\n';
    const parsed = parseYamlFile('scoring.yaml', text, ScoringLike);
    expect(parsed.problems).toContainEqual({
      file: 'scoring.yaml',
      line: 4,
      column: 5,
      keyPath: 'levels[0].minScroe',
      message: 'unknown key "minScroe"',
      hint: 'did you mean "minScore"?',
    });
    // The missing minScore is reported too: every problem, not just the first.
    expect(parsed.problems).toContainEqual(
      expect.objectContaining({
        keyPath: 'levels[0].minScore',
        message: 'missing required key "minScore" (a number)',
      }),
    );
  });

  it('reports wrong types at the value and enum typos with a hint', () => {
    const text = 'halfLifeDays: "a year"\nlevels: {}\nmode: strikt\n';
    const parsed = parseYamlFile('scoring.yaml', text, ScoringLike);
    expect(parsed.problems).toEqual([
      expect.objectContaining({
        line: 1,
        column: 15,
        keyPath: 'halfLifeDays',
        message: 'expected a number, got the text "a year"',
      }),
      expect.objectContaining({
        line: 2,
        column: 9,
        keyPath: 'levels',
        message: 'expected a list, got a mapping',
      }),
      expect.objectContaining({ line: 3, column: 7, keyPath: 'mode', hint: 'did you mean "strict"?' }),
    ]);
  });

  it('reports an empty file', () => {
    const parsed = parseYamlFile('scoring.yaml', '# nothing yet\n', ScoringLike);
    expect(parsed.problems).toEqual([
      expect.objectContaining({ line: 1, column: 1, message: 'the file has no content' }),
    ]);
  });

  it('formats every problem as file:line:column key.path: message', () => {
    const text = 'halfLifeDays: -1\nlevels:\n  - { name: 3, minScore: x, extra: 1 }\nmode: [a]\n';
    const parsed = parseYamlFile('mappings/scoring.yaml', text, ScoringLike);
    expect(parsed.problems.length).toBe(5);
    for (const p of parsed.problems) {
      expect(formatMappingProblem(p)).toMatch(/^mappings\/scoring\.yaml:\d+:\d+ \S+: /);
      expect(p.line).toBeGreaterThan(0);
      expect(p.column).toBeGreaterThan(0);
    }
  });
});

describe('parseYamlFile on hostile files', () => {
  it('refuses a file over the size limit before parsing, naming the file', () => {
    const text = `halfLifeDays: 365\nlevels: []\n${'# padding\n'.repeat(MAPPING_FILE_MAX_BYTES / 10 + 1)}`;
    const parsed = parseYamlFile('mappings/scoring.yaml', text, ScoringLike);
    expect(parsed.ok).toBe(false);
    expect(parsed.problems).toEqual([
      expect.objectContaining({
        file: 'mappings/scoring.yaml',
        line: 1,
        message: 'the file is 1,025 KB; mapping files may be at most 1,024 KB',
      }),
    ]);
  });

  it('counts bytes, not characters: 400,000 three-byte characters are over 1 MB', () => {
    const parsed = parseYamlFile('scoring.yaml', `mode: ${'€'.repeat(400_000)}\n`, ScoringLike);
    expect(parsed.problems[0]?.message).toMatch(/^the file is 1,172 KB/);
  });

  it('reports a YAML alias bomb as a mapping problem instead of expanding it', () => {
    const rows = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (const [name, prev] of [
      ['b', 'a'],
      ['c', 'b'],
      ['d', 'c'],
      ['e', 'd'],
      ['f', 'e'],
      ['g', 'f'],
    ])
      rows.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    const parsed = parseYamlFile('scoring.yaml', `${rows.join('\n')}\n`, ScoringLike);
    expect(parsed.ok).toBe(false);
    expect(parsed.problems).toEqual([
      expect.objectContaining({
        file: 'scoring.yaml',
        message: 'invalid YAML: its aliases (*name) expand into too many values',
      }),
    ]);
  });

  it('lists at most PROBLEMS_MAX problems, then says how many more there are', () => {
    const keys = Array.from({ length: 500 }, (_, i) => `k${i}: ${i}`).join('\n');
    const parsed = parseYamlFile('scoring.yaml', `halfLifeDays: 365\nlevels: []\n${keys}\n`, ScoringLike);
    expect(parsed.problems).toHaveLength(PROBLEMS_MAX + 1);
    expect(parsed.problems.at(-1)?.message).toBe(
      `${500 - PROBLEMS_MAX} more problems not listed; fix the ones above first`,
    );
  });

  it('still reports every repeated key of a map, at the repeat', () => {
    const parsed = parseYamlFile(
      'scoring.yaml',
      'levels: []\nmode: strict\nmode: lenient\nmode: strict\n',
      ScoringLike,
    );
    expect(parsed.problems.map((p) => [p.line, p.keyPath])).toEqual([
      [3, 'mode'],
      [4, 'mode'],
    ]);
  });
});
