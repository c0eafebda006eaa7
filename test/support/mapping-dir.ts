/** Test support: copies of the default mapping directory with edits applied, in a temporary folder. */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's default `mappings/` directory. */
export const DEFAULT_MAPPINGS = fileURLToPath(new URL('../../mappings', import.meta.url));

export type MappingFileName =
  | 'salesforce.yaml'
  | 'hubspot.yaml'
  | 'taxonomy.yaml'
  | 'scoring.yaml'
  | 'benefits.yaml'
  | 'scorecard.yaml';

/** The text of a default mapping file. */
export function defaultText(name: MappingFileName): string {
  return readFileSync(join(DEFAULT_MAPPINGS, name), 'utf8');
}

/** Replaces `from` (which must occur exactly once) by `to`; fails loudly when the default file changed. */
export function edit(text: string, from: string, to: string): string {
  const first = text.indexOf(from);
  if (first < 0 || text.indexOf(from, first + 1) >= 0) {
    throw new Error(`test edit: expected exactly one occurrence of ${JSON.stringify(from)}`);
  }
  return text.slice(0, first) + to + text.slice(first + from.length);
}

/** 1-based line and column of the first occurrence of `needle` (after `after`, when given). */
export function positionOf(text: string, needle: string, after = ''): { line: number; column: number } {
  const start = after ? text.indexOf(after) : 0;
  const index = text.indexOf(needle, Math.max(start, 0));
  if (index < 0) throw new Error(`not found: ${needle}`);
  const before = text.slice(0, index).split('\n');
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}

/**
 * A temporary copy of the default mappings with per-file replacements (`null` deletes the file).
 * Returns the directory and a cleanup function.
 */
export function mappingDir(files: Partial<Record<MappingFileName, string | null>> = {}): {
  dir: string;
  cleanup: () => void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-mappings-'));
  for (const name of [
    'salesforce.yaml',
    'hubspot.yaml',
    'taxonomy.yaml',
    'scoring.yaml',
    'benefits.yaml',
    'scorecard.yaml',
  ] as const) {
    const replacement = files[name];
    if (replacement === null) continue;
    if (replacement === undefined) copyFileSync(join(DEFAULT_MAPPINGS, name), join(dir, name));
    else writeFileSync(join(dir, name), replacement);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
