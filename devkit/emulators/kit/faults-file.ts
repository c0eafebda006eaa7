/** The faults file of `npm run emulators -- start --faults FILE`: one fault plan per emulator, YAML or JSON. */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { AtlasError, errorMessage, formatMappingProblem } from '../../../src/errors.js';
import { parseYamlFile } from '../../../src/mapping/parse-yaml-file.js';
import { FaultPlanSchema } from './fault-plan.js';

/** Keys are the emulators; either may be left out. JSON is YAML too, so one parser reads both. */
export const FaultsFileSchema = z.strictObject({
  salesforce: FaultPlanSchema.optional(),
  hubspot: FaultPlanSchema.optional(),
});
export type FaultsFile = z.infer<typeof FaultsFileSchema>;

/**
 * Parses the text of a faults file. Every problem is located (`file:line:column key.path: message`), and
 * the error, a usage error (exit code 2), names the first one's file and key.
 * @example parseFaultsFile('faults.yaml', 'salesforce:\n  rateLimit: { count: 3 }\n');
 */
export function parseFaultsFile(file: string, text: string): FaultsFile {
  const parsed = parseYamlFile(file, text, FaultsFileSchema);
  if (parsed.ok) return parsed.value;
  const first = parsed.problems[0];
  throw new AtlasError('USAGE', parsed.problems.map(formatMappingProblem).join('\n'), {
    context: { file, keyPath: first?.keyPath ?? '', line: first?.line ?? 1 },
  });
}

/** Reads and parses a faults file; an unreadable file is a usage error naming it. */
export function readFaultsFile(file: string): FaultsFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new AtlasError('USAGE', `--faults ${file}: cannot read the file (${errorMessage(error)})`, {
      context: { file },
      cause: error,
    });
  }
  return parseFaultsFile(file, text);
}
