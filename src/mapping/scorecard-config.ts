/** `mappings/scorecard.yaml`: which sections a partner scorecard shows, how long share links may live, what support is offered. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { MappingError, type MappingProblem } from '../errors.js';
import { NeedKindSchema } from '../model/index.js';
import { parseYamlFile } from './parse-yaml-file.js';

/** The file's name inside the mapping directory. */
export const SCORECARD_FILE = 'scorecard.yaml';

/** The sections of a scorecard, in the order they are shown. */
export const SCORECARD_SECTIONS = [
  'segments',
  'evidence',
  'benefits',
  'nextLevel',
  'support',
  'trend',
] as const;
export const ScorecardSectionSchema = z.enum(SCORECARD_SECTIONS);
export type ScorecardSection = z.infer<typeof ScorecardSectionSchema>;

/** Longest a share link may be asked to live: a year, so a forgotten link still dies. */
const LINK_DAYS_LIMIT = 365;

export const ScorecardConfigSchema = z
  .strictObject({
    /** Opt-in per section: a section that is not `true` is absent from the page, the PDF and shared links. */
    sections: z
      .strictObject({
        segments: z.boolean().default(true),
        evidence: z.boolean().default(true),
        /** What the levels earn the partner (benefits.yaml); off unless opted in: some benefits are internal. */
        benefits: z.boolean().default(false),
        nextLevel: z.boolean().default(true),
        support: z.boolean().default(true),
        trend: z.boolean().default(false),
      })
      .prefault({}),
    links: z
      .strictObject({
        /** Days a share link lives when the editor does not say. */
        defaultDays: z.number().int().min(1).max(LINK_DAYS_LIMIT).default(30),
        /** Longest an editor may choose. */
        maxDays: z.number().int().min(1).max(LINK_DAYS_LIMIT).default(90),
      })
      .prefault({})
      .refine((l) => l.defaultDays <= l.maxDays, {
        message: 'defaultDays must not exceed maxDays',
        path: ['defaultDays'],
      }),
    /** What the programme offers for each kind of need, in a sentence to the partner; built-in words when absent. */
    support: z.partialRecord(NeedKindSchema, z.string().trim().min(1).max(300)).default({}),
  })
  .prefault({});
export type ScorecardConfig = z.infer<typeof ScorecardConfigSchema>;

/** What applies without a `scorecard.yaml`: the built-in opt-ins (trend off). */
export const DEFAULT_SCORECARD_CONFIG: ScorecardConfig = ScorecardConfigSchema.parse({});

/** The sections a configuration opts in to, in display order. */
export function optedInSections(config: ScorecardConfig): ScorecardSection[] {
  return SCORECARD_SECTIONS.filter((s) => config.sections[s]);
}

/**
 * Validates the text of `scorecard.yaml` (`null`: no file, the defaults apply). Problems name the file, line
 * and key, like every mapping file's.
 */
export function checkScorecardConfig(
  file: string,
  text: string | null,
): { config: ScorecardConfig | null; problems: MappingProblem[] } {
  if (text === null) return { config: DEFAULT_SCORECARD_CONFIG, problems: [] };
  const parsed = parseYamlFile(file, text, ScorecardConfigSchema);
  return parsed.ok ? { config: parsed.value, problems: [] } : { config: null, problems: parsed.problems };
}

/** Reads `<dir>/scorecard.yaml` (the defaults when there is none); MappingError naming file, line and key otherwise. */
export function loadScorecardConfig(dir: string): ScorecardConfig {
  const file = join(dir, SCORECARD_FILE);
  let text: string | null = null;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && error.code === 'ENOENT')) throw error;
  }
  const { config, problems } = checkScorecardConfig(file, text);
  if (!config) throw new MappingError(problems);
  return config;
}
