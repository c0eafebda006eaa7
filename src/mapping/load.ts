/** Loads and checks the mapping directory: every problem of every file at once, located to line and column. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CRM_SYSTEMS, crmPlugin, perCrm } from '../../connectors/registry.js';
import { MappingError, type MappingProblem } from '../errors.js';
import type { Benefit } from '../model/benefits.js';
import type { CrmSystem, Taxonomy } from '../model/index.js';
import { DEFAULT_SCORING_CONFIG, type ScoringConfig, ScoringConfigSchema } from '../model/scoring.js';
import { bindBenefitFields, checkBenefits } from './benefits-check.js';
import type { ConnectorMapping, CrmMapping } from './connector-mapping.js';
import { listLabelProblems } from './list-label-check.js';
import { mappingSchema } from './mapping-schema.js';
import { type ParsedYamlFile, parseYamlFile } from './parse-yaml-file.js';
import { checkScorecardConfig, SCORECARD_FILE } from './scorecard-config.js';
import {
  type MappingSummary,
  type ScoringSummary,
  type SystemSummary,
  summarizeScoring,
  summarizeSystem,
  summarizeTaxonomy,
  type TaxonomySummary,
} from './summary.js';
import { findTaxonomyDuplicates } from './taxonomy-duplicates.js';
import { findUnknownTaxonomyKeys } from './taxonomy-refs.js';
import { TaxonomyFileSchema } from './taxonomy-schema.js';
import type { YamlLocator } from './yaml-positions.js';

/** Where the CLI looks when neither `--dir` nor `ATLAS_MAPPINGS_DIR` says otherwise. */
export const DEFAULT_MAPPINGS_DIR = 'mappings';

/** File names inside the mapping directory: one per CRM plugin (`salesforce.yaml`, …), the taxonomy, scoring and scorecards. */
export const MAPPING_FILES: Readonly<
  Record<CrmSystem | 'taxonomy' | 'scoring' | 'scorecard' | 'benefits', string>
> = {
  ...perCrm((plugin) => plugin.mapping.file),
  taxonomy: 'taxonomy.yaml',
  scoring: 'scoring.yaml',
  scorecard: SCORECARD_FILE,
  benefits: 'benefits.yaml',
};

/** The text of one mapping file; `text: null` when the file does not exist. */
export interface MappingSource {
  file: string;
  text: string | null;
}

/** The files of a mapping directory (as read from disk, or as edited in the admin UI): one per CRM plugin. */
export type MappingSources = {
  dir: string;
  taxonomy: MappingSource;
  scoring: MappingSource;
  /** `scorecard.yaml` (partner scorecards); checked when given, the built-in opt-ins when absent. */
  scorecard?: MappingSource;
  /**
   * `benefits.yaml`: `text: null` = no benefits. Absent = not checked (as scorecard): the write-back's benefit
   * fields are then neither checked nor bound, and clear their fields.
   */
  benefits?: MappingSource;
} & Record<CrmSystem, MappingSource>;

/** A valid mapping directory. A CRM whose file is absent is not configured (null). */
export type LoadedMappings = { [S in CrmSystem]: CrmMapping<S> | null } & {
  taxonomy: Taxonomy;
  /** The engine's weights and thresholds; the documented defaults when there is no `scoring.yaml`. */
  scoring: ScoringConfig;
  /** What each level earns partners (`benefits.yaml`); empty without the file. */
  benefits: Benefit[];
  /** Paths of the files read; null for a CRM that is not configured, or for default scoring. */
  files: Record<CrmSystem, string | null> & { taxonomy: string; scoring: string | null };
};

export interface MappingCheck {
  problems: MappingProblem[];
  summary: MappingSummary;
  /** Set when there is no problem. */
  mappings: LoadedMappings | null;
}

function readSource(file: string, problems: MappingProblem[]): MappingSource {
  try {
    return { file, text: readFileSync(file, 'utf8') };
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : undefined;
    if (code !== 'ENOENT') {
      problems.push({
        file,
        line: 1,
        column: 1,
        keyPath: '',
        message: `cannot read the file (${code ?? String(error)})`,
      });
    }
    return { file, text: null };
  }
}

/** Reads the mapping files of `dir`; a missing file has `text: null`. */
export function readMappingSources(dir: string): { sources: MappingSources; problems: MappingProblem[] } {
  const problems: MappingProblem[] = [];
  const sources: MappingSources = {
    dir,
    ...perCrm(({ system }) => readSource(join(dir, MAPPING_FILES[system]), problems)),
    taxonomy: readSource(join(dir, MAPPING_FILES.taxonomy), problems),
    scoring: readSource(join(dir, MAPPING_FILES.scoring), problems),
    scorecard: readSource(join(dir, MAPPING_FILES.scorecard), problems),
    benefits: readSource(join(dir, MAPPING_FILES.benefits), problems),
  };
  return { sources, problems };
}

function emptySystem(system: CrmSystem, file: string, status: SystemSummary['status']): SystemSummary {
  return { system, file, status, entities: [], writeback: null };
}

/** Validates `scoring.yaml`, or falls back to the documented defaults when the file is absent. */
function checkScoring(
  source: MappingSource,
  problems: MappingProblem[],
): { config: ScoringConfig | null; summary: ScoringSummary } {
  if (source.text === null) {
    return { config: DEFAULT_SCORING_CONFIG, summary: { file: source.file, status: 'defaults', levels: [] } };
  }
  const parsed = parseYamlFile(source.file, source.text, ScoringConfigSchema);
  if (!parsed.ok) {
    problems.push(...parsed.problems);
    return { config: null, summary: { file: source.file, status: 'invalid', levels: [] } };
  }
  return { config: parsed.value, summary: summarizeScoring(parsed.value, source.file) };
}

/**
 * Taxonomy labels the CRM's write-back cannot carry (Salesforce list view filters split values on commas),
 * located in the taxonomy file.
 */
function labelProblems(
  mapping: ConnectorMapping,
  taxonomy: Taxonomy,
  locator: YamlLocator,
): MappingProblem[] {
  const { writeback } = mapping;
  if (!writeback) return [];
  const plugin = crmPlugin(mapping.system);
  const axes = [['sectors', taxonomy.sectors] as const, ['technologies', taxonomy.technologies] as const];
  return axes.flatMap(([axis, entries]) =>
    entries.flatMap((entry, i) => {
      const problem = plugin.labelProblem(entry.label, writeback);
      return problem ? [locator.problem([axis, i, 'label'], problem.message, problem.hint, 'value')] : [];
    }),
  );
}

/** Validates already-read sources (pure: the admin UI previews edits with it). */
export function checkMappingSources(
  sources: MappingSources,
  readProblems: MappingProblem[] = [],
): MappingCheck {
  const problems = [...readProblems];
  let taxonomy: Taxonomy | null = null;
  let taxonomyLocator: YamlLocator | null = null;
  let taxonomySummary: TaxonomySummary = {
    file: sources.taxonomy.file,
    status: 'missing',
    sectors: 0,
    technologies: 0,
    sectorValues: 0,
    technologyValues: 0,
    unmapped: 0,
  };
  if (sources.taxonomy.text === null) {
    problems.push({
      file: sources.taxonomy.file,
      line: 1,
      column: 1,
      keyPath: '',
      message: 'the taxonomy file is missing; every mapping needs the sectors and technologies it maps to',
      hint: `create ${MAPPING_FILES.taxonomy} in ${sources.dir}`,
    });
  } else {
    const parsed = parseYamlFile(sources.taxonomy.file, sources.taxonomy.text, TaxonomyFileSchema);
    const duplicates = findTaxonomyDuplicates(parsed.data, parsed.locator);
    problems.push(...parsed.problems, ...duplicates);
    if (parsed.ok && duplicates.length === 0) {
      taxonomy = parsed.value;
      taxonomyLocator = parsed.locator;
      taxonomySummary = summarizeTaxonomy(parsed.value, sources.taxonomy.file);
    } else {
      taxonomySummary = { ...taxonomySummary, status: 'invalid' };
    }
  }

  /** Cross-checks a parsed connector mapping against the taxonomy and summarises it. */
  const finish = (
    system: CrmSystem,
    source: MappingSource,
    parsed: ParsedYamlFile<ConnectorMapping> | null,
  ): { mapping: ConnectorMapping | null; summary: SystemSummary; locator?: YamlLocator } => {
    if (parsed === null)
      return { mapping: null, summary: emptySystem(system, source.file, 'not_configured') };
    problems.push(...parsed.problems);
    if (!parsed.ok) return { mapping: null, summary: emptySystem(system, source.file, 'invalid') };
    if (taxonomy) {
      const unknown = findUnknownTaxonomyKeys(parsed.value, taxonomy);
      for (const u of unknown) problems.push(parsed.locator.problem(u.path, u.message, u.hint));
      if (unknown.length > 0) return { mapping: null, summary: emptySystem(system, source.file, 'invalid') };
      if (taxonomyLocator) problems.push(...labelProblems(parsed.value, taxonomy, taxonomyLocator));
    }
    return {
      mapping: parsed.value,
      summary: summarizeSystem(parsed.value, source.file),
      locator: parsed.locator,
    };
  };
  const crms = perCrm(({ system }) => {
    const source = sources[system];
    const parsed =
      source.text === null ? null : parseYamlFile(source.file, source.text, mappingSchema(system));
    return finish(system, source, parsed);
  });
  const scoring = checkScoring(sources.scoring, problems);
  if (sources.scorecard) {
    problems.push(...checkScorecardConfig(sources.scorecard.file, sources.scorecard.text).problems);
  }
  const benefits = sources.benefits
    ? checkBenefits(sources.benefits, scoring.config?.levels.ladder.map((l) => l.name) ?? null, taxonomy)
    : null;
  problems.push(...(benefits?.problems ?? []));
  for (const system of CRM_SYSTEMS) {
    const { mapping, locator } = crms[system];
    if (mapping?.writeback && locator && benefits?.benefits)
      problems.push(...bindBenefitFields(mapping.writeback.fields, benefits.benefits, locator));
  }
  // List names need the taxonomy's short codes and the scoring ladder's levels: checked once both are valid.
  if (taxonomy && taxonomyLocator && scoring.config) {
    for (const system of CRM_SYSTEMS) {
      const writeback = crms[system].mapping?.writeback;
      if (!writeback) continue;
      const locator = crms[system].locator;
      if (locator) problems.push(...unknownLevelProblems(writeback, scoring.config.levels.ladder, locator));
      problems.push(
        ...listLabelProblems({
          lists: writeback.lists,
          mappingFile: MAPPING_FILES[system],
          crm: crmPlugin(system).label,
          taxonomy,
          taxonomyLocator,
          ladder: scoring.config.levels.ladder,
        }),
      );
    }
  }
  const summary: MappingSummary = {
    dir: sources.dir,
    systems: CRM_SYSTEMS.map((system) => crms[system].summary),
    taxonomy: taxonomySummary,
    scoring: scoring.summary,
    ...(benefits ? { benefits: benefits.summary } : {}),
  };
  const mappings: LoadedMappings | null =
    problems.length === 0 && taxonomy && scoring.config
      ? {
          // Each mapping was parsed with its own system's schema, so its write-back is that plugin's.
          ...(perCrm(({ system }) => crms[system].mapping) as { [S in CrmSystem]: CrmMapping<S> | null }),
          taxonomy,
          scoring: scoring.config,
          benefits: benefits?.benefits ?? [],
          files: {
            ...perCrm(({ system }) => (crms[system].mapping ? sources[system].file : null)),
            taxonomy: sources.taxonomy.file,
            scoring: sources.scoring.text === null ? null : sources.scoring.file,
          },
        }
      : null;
  return { problems, summary, mappings };
}

/**
 * Checks the mapping directory for `atlas mappings check`: every problem in every file, and a summary.
 * @example
 * const { problems, summary } = checkMappings(process.env.ATLAS_MAPPINGS_DIR ?? DEFAULT_MAPPINGS_DIR);
 * problems.forEach((p) => console.error(formatMappingProblem(p)));
 */
export function checkMappings(dir: string = DEFAULT_MAPPINGS_DIR): MappingCheck {
  const { sources, problems } = readMappingSources(dir);
  return checkMappingSources(sources, problems);
}

/**
 * Loads the mapping directory, or throws MappingError listing every problem (file:line:column key.path).
 * A missing CRM mapping file (`salesforce.yaml`, `hubspot.yaml`, …) means that CRM is not configured; a missing taxonomy is an error.
 */
export function loadMappings(dir: string = DEFAULT_MAPPINGS_DIR): LoadedMappings {
  const { problems, mappings } = checkMappings(dir);
  if (problems.length > 0 || !mappings) throw new MappingError(problems);
  return mappings;
}

/**
 * Level names the write-back names (`lists[].levels`, `cellRecords.levels`) that the scoring ladder does not
 * have: a misspelt or renamed level would silently give no list and no record.
 */
function unknownLevelProblems(
  writeback: NonNullable<ConnectorMapping['writeback']>,
  ladder: readonly { name: string }[],
  locator: YamlLocator,
): MappingProblem[] {
  const names = ladder.map((l) => l.name);
  const problems: MappingProblem[] = [];
  const check = (levels: readonly string[] | undefined, path: (string | number)[]) => {
    (levels ?? []).forEach((level, i) => {
      if (names.includes(level)) return;
      problems.push(
        locator.problem(
          [...path, i],
          `level "${level}" is not on the scoring ladder`,
          `the levels are ${names.map((n) => `"${n}"`).join(', ')} (mappings/scoring.yaml levels.ladder)`,
        ),
      );
    });
  };
  writeback.lists.forEach((list, i) => {
    check(list.levels, ['writeback', 'lists', i, 'levels']);
  });
  check(writeback.cellRecords?.levels, ['writeback', 'cellRecords', 'levels']);
  return problems;
}
