/**
 * Checks `mappings/benefits.yaml` against the scoring ladder and the taxonomy, and the write-back fields that
 * name a benefit against it: every problem located to file, line and key.
 */
import type { MappingProblem } from '../errors.js';
import { type Benefit, type BenefitRef, BenefitsFileSchema } from '../model/benefits.js';
import type { Taxonomy } from '../model/index.js';
import { didYouMean } from './did-you-mean.js';
import { parseYamlFile } from './parse-yaml-file.js';
import type { KeyPath, YamlLocator } from './yaml-positions.js';

/** The benefits file as read: `text: null` when it does not exist (benefits are optional). */
export interface BenefitsSource {
  file: string;
  text: string | null;
}

export interface BenefitsSummary {
  file: string;
  /** `none`: no benefits.yaml, so nothing is rewarded. */
  status: 'ok' | 'invalid' | 'none';
  /** Benefit names, in file order. */
  names: string[];
}

export interface BenefitsCheck {
  /** The valid benefits (empty without a file); null when the file has problems. */
  benefits: Benefit[] | null;
  problems: MappingProblem[];
  summary: BenefitsSummary;
}

/** Levels and taxonomy keys the rules name that do not exist. */
function unknownNames(
  benefits: readonly Benefit[],
  ladder: readonly string[],
  taxonomy: Taxonomy,
  locator: YamlLocator,
): MappingProblem[] {
  const known = {
    level: {
      names: ladder,
      what: 'a level of the scoring ladder',
      see: 'The levels are in mappings/scoring.yaml levels.ladder',
    },
    sector: {
      names: taxonomy.sectors.map((s) => s.key),
      what: "a key of the taxonomy's sectors",
      see: 'The sectors are in mappings/taxonomy.yaml',
    },
    technology: {
      names: taxonomy.technologies.map((t) => t.key),
      what: "a key of the taxonomy's technologies",
      see: 'The technologies are in mappings/taxonomy.yaml',
    },
  };
  const problems: MappingProblem[] = [];
  const check = (kind: keyof typeof known, name: string | undefined, path: KeyPath) => {
    const { names, what, see } = known[kind];
    if (name === undefined || names.includes(name)) return;
    const suggestion = didYouMean(name, names);
    const hint = suggestion?.startsWith('did you mean') ? `${suggestion} ${see}` : see;
    problems.push(locator.problem(path, `"${name}" is not ${what}`, hint, 'value'));
  };
  benefits.forEach((benefit, b) => {
    benefit.rules.forEach(({ when }, r) => {
      const at = ['benefits', b, 'rules', r, 'when'];
      check('level', when.level, [...at, 'level']);
      check('sector', when.in?.sector, [...at, 'in', 'sector']);
      check('technology', when.in?.technology, [...at, 'in', 'technology']);
    });
  });
  return problems;
}

/**
 * Validates the benefits file; cross-checks its levels and keys once the ladder and taxonomy are valid
 * (null when they are not: their own problems are reported already).
 */
export function checkBenefits(
  source: BenefitsSource,
  ladder: readonly string[] | null,
  taxonomy: Taxonomy | null,
): BenefitsCheck {
  if (source.text === null)
    return { benefits: [], problems: [], summary: { file: source.file, status: 'none', names: [] } };
  const invalid = (problems: MappingProblem[]): BenefitsCheck => ({
    benefits: null,
    problems,
    summary: { file: source.file, status: 'invalid', names: [] },
  });
  const parsed = parseYamlFile(source.file, source.text, BenefitsFileSchema);
  if (!parsed.ok) return invalid(parsed.problems);
  const problems =
    ladder && taxonomy ? unknownNames(parsed.value.benefits, ladder, taxonomy, parsed.locator) : [];
  if (problems.length > 0) return invalid(problems);
  const benefits = parsed.value.benefits;
  return {
    benefits,
    problems: [],
    summary: { file: source.file, status: 'ok', names: benefits.map((b) => b.name) },
  };
}

/**
 * Gives each write-back field naming a benefit its definition, and returns the fields naming a benefit that
 * `benefits.yaml` does not define as problems located in the CRM's mapping file (at `writeback.fields`).
 */
export function bindBenefitFields(
  fields: readonly { benefit?: BenefitRef | undefined }[],
  benefits: readonly Benefit[],
  locator: YamlLocator,
): MappingProblem[] {
  const keys = benefits.map((b) => b.key);
  return fields.flatMap((field, i) => {
    const ref = field.benefit;
    if (ref === undefined) return [];
    ref.definition = benefits.find((b) => b.key === ref.key) ?? null;
    if (ref.definition) return [];
    const hint = keys.length === 0 ? 'define it in mappings/benefits.yaml' : didYouMean(ref.key, keys);
    return [
      locator.problem(
        ['writeback', 'fields', i, 'benefit'],
        `"${ref.key}" is not a benefit of benefits.yaml`,
        hint,
        'value',
      ),
    ];
  });
}

/** The summary line of `atlas mappings check`. */
export function formatBenefitsSummary(summary: BenefitsSummary): string {
  if (summary.status === 'none') return `  benefits: no ${summary.file}, no benefit is written`;
  if (summary.status === 'invalid') return `  benefits (${summary.file}): INVALID`;
  return `  benefits (${summary.file}): ${summary.names.length === 0 ? 'none defined' : summary.names.join(', ')}`;
}
