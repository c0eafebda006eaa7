/** `npm run bench -- validity`: how well scores and levels find the true experts across several generator laws, next to two baselines. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { LAW_PRESET_NAMES, LAW_PRESETS, LawPresetNameSchema } from '../devkit/generator/ecosystem-law.js';
import { generateEcosystem } from '../devkit/generator/generate-ecosystem.js';
import { heuristicScores } from '../devkit/generator/heuristic-baseline.js';
import { legacyTierLevel, revenueTierScores } from '../devkit/generator/revenue-baseline.js';
import {
  countSpread,
  type LevelRows,
  levelChurn,
  levelFigures,
  rankFigures,
} from '../devkit/generator/validity-figures.js';
import { scoreEcosystem } from '../src/engine/score-ecosystem.js';
import { writtenSegments } from '../src/engine/segments.js';
import { MappingError } from '../src/errors.js';
import { parseYamlFile } from '../src/mapping/index.js';
import { DEFAULT_SCORING_CONFIG, type ScoringConfig, ScoringConfigSchema } from '../src/model/scoring.js';
import type { Taxonomy } from '../src/model/taxonomy.js';
import { benchOptions } from './bench-options.js';
import { loadTaxonomy } from './bench-taxonomy.js';
import type { Benchmark } from './run.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The small setting: the first 5 sectors × 4 technologies (20 pair cells) and 400 partners, like an outside benchmark. */
const SMALL_SECTORS = 5;
const SMALL_TECHNOLOGIES = 4;
const SMALL_PARTNERS = 400;

/** A comma-separated option: `--laws base,flat`. */
const CommaListSchema = z.string().transform((s) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x.length > 0),
);

const OptionsSchema = z.object({
  seeds: CommaListSchema.pipe(
    z
      .array(
        z
          .string()
          .regex(/^-?\d+$/)
          .transform(Number),
      )
      .min(1),
  ).prefault('1,2,3'),
  laws: CommaListSchema.pipe(z.array(LawPresetNameSchema).min(1)).prefault(LAW_PRESET_NAMES.join(',')),
  partners: z.coerce.number().int().positive().default(500),
  dealsPerPartner: z.coerce.number().nonnegative().default(30),
  certificationsPerPartner: z.coerce.number().nonnegative().default(12),
  /** Also run the small 5 × 4 taxonomy setting (first law, first seed). */
  small: z.enum(['yes', 'no']).default('yes'),
  /** A scoring file (validated, located problems on error), or `defaults` for DEFAULT_SCORING_CONFIG. */
  scoring: z.string().default('mappings/scoring.yaml'),
  now: z.iso.date().default('2025-06-30'),
});

/** The scoring file, validated like `atlas mappings check` does; the documented defaults for `defaults` or a missing file. */
function loadScoring(file: string): { config: ScoringConfig; source: string } {
  if (file === 'defaults') return { config: DEFAULT_SCORING_CONFIG, source: 'DEFAULT_SCORING_CONFIG' };
  const path = isAbsolute(file) ? file : join(root, file);
  if (!existsSync(path)) return { config: DEFAULT_SCORING_CONFIG, source: `defaults (${file} not found)` };
  const parsed = parseYamlFile(file, readFileSync(path, 'utf8'), ScoringConfigSchema);
  if (!parsed.ok) throw new MappingError(parsed.problems);
  return { config: parsed.value, source: file };
}

type Figures = Record<string, number | null>;
const rankings = ['engine', 'revenueTiers', 'heuristic', 'oracle'] as const;
type Ranking = (typeof rankings)[number];
type Row = Record<string, number | string | null>;

/** The figures of one ecosystem (one law, seed and taxonomy) for the engine and both baselines. */
function measureSetting(
  taxonomy: Taxonomy,
  law: (typeof LAW_PRESET_NAMES)[number],
  seed: number,
  partners: number,
  o: z.infer<typeof OptionsSchema>,
  config: ScoringConfig,
): Record<Ranking, Figures> {
  const eco = generateEcosystem({
    partners,
    dealsPerPartner: o.dealsPerPartner,
    certifications: Math.round(o.certificationsPerPartner * partners),
    seed,
    taxonomy,
    now: o.now,
    law: LAW_PRESETS[law],
  });
  const { truth } = eco;
  const P = eco.partners.length;
  const pairs = taxonomy.sectors.length * taxonomy.technologies.length;
  const input = {
    partners: eco.partners,
    deals: eco.deals,
    certifications: eco.certifications,
    taxonomy,
    config,
  };
  const run = scoreEcosystem({ ...input, now: o.now });
  const { core } = run;
  const { table } = core;
  const levelRows: LevelRows = {
    count: table.rows,
    partner: table.partner,
    cell: table.cell,
    level: core.level,
  };

  // Engine.
  const engineScores = new Float64Array(P * pairs);
  for (let r = 0; r < table.rows; r++) {
    const c = table.cell[r]!;
    if (c < pairs) engineScores[table.partner[r]! * pairs + c] = core.score[r]!;
  }
  const segmentCounts = run.partners
    .filter((p) => p.segments.length > 0)
    .map((p) => writtenSegments(p.segments, config).length);
  const spread = countSpread(segmentCounts);
  const withDemand = run.map.cells.filter((c) => c.demand > 0);
  const nextDay = new Date(Date.parse(o.now) + 86_400_000).toISOString().slice(0, 10);
  const rerun = scoreEcosystem({ ...input, now: nextDay, previous: run.levels() }).core;
  const churn = levelChurn(
    levelRows,
    { count: rerun.table.rows, partner: rerun.table.partner, cell: rerun.table.cell, level: rerun.level },
    core.grid.count,
  );
  // The ceiling of level recall: true experts whose record meets the second level's evidence minimums at
  // all (won customers, certified people), whatever their score. What levels miss below it is the model's.
  const second = config.levels.ladder[Math.min(1, config.levels.ladder.length - 1)]!.promote;
  const ceiling = levelFigures(truth, {
    count: table.rows,
    partner: table.partner,
    cell: table.cell,
    level: Int8Array.from({ length: table.rows }, (_, r) =>
      table.wonCustomers[r]! >= second.minWonCustomers &&
      table.certifiedPeople[r]! >= second.minCertifiedPeople
        ? 1
        : -1,
    ),
  }).recallBySize;
  const engine: Figures = {
    ...rankFigures(truth, engineScores),
    ...flatLevels(levelFigures(truth, levelRows)),
    'evidenceCeiling.small': ceiling.small,
    'evidenceCeiling.large': ceiling.large,
    'segmentsPerRecord.p50': spread?.p50 ?? null,
    'segmentsPerRecord.p90': spread?.p90 ?? null,
    'segmentsPerRecord.max': spread?.max ?? null,
    gapShare:
      withDemand.length > 0
        ? withDemand.filter((c) => c.flags.includes('gap')).length / withDemand.length
        : null,
    levelChurn: churn,
  };

  // Revenue tiers: the same tier in every cell; as levels, only where the partner has deals.
  const tiers = revenueTierScores(eco.partners, eco.deals, config.currency.rates);
  const tierScores = Float64Array.from({ length: P * pairs }, (_, i) => tiers[Math.floor(i / pairs)]!);
  const tierLevel = eco.partners.map((p) => legacyTierLevel(p.legacyTier));
  const tierRows: LevelRows = {
    count: table.rows,
    partner: table.partner,
    cell: table.cell,
    level: Int8Array.from({ length: table.rows }, (_, r) =>
      table.closedDeals[r]! + table.openDeals[r]! > 0 ? tierLevel[table.partner[r]!]! : -1,
    ),
  };
  const revenueTiers: Figures = {
    ...rankFigures(truth, tierScores),
    ...flatLevels(levelFigures(truth, tierRows)),
  };

  // Heuristic: rank figures only.
  const heuristic: Figures = {
    ...rankFigures(truth, heuristicScores({ count: table.rows, ...table }, P, pairs)),
  };

  // Oracle: the true expertise, but only where the partner has a deal in the cell (the ceiling of any
  // ranking from deals; what it cannot see is the certification-only or absent expert).
  const oracleScores = new Float64Array(P * pairs);
  for (let r = 0; r < table.rows; r++) {
    const c = table.cell[r]!;
    if (c >= pairs || table.closedDeals[r]! + table.openDeals[r]! === 0) continue;
    const i = table.partner[r]! * pairs + c;
    oracleScores[i] = truth.expertise[i]!;
  }
  const oracle: Figures = { ...rankFigures(truth, oracleScores) };
  return { engine, revenueTiers, heuristic, oracle };
}

function flatLevels(f: ReturnType<typeof levelFigures>): Figures {
  return {
    expertRecallProvenPlus: f.expertRecallProvenPlus,
    specialistPrecision: f.specialistPrecision,
    provenPlusPrecision: f.provenPlusPrecision,
    axisSpecialistPrecision: f.axisSpecialistPrecision,
    'recallBySize.small': f.recallBySize.small,
    'recallBySize.medium': f.recallBySize.medium,
    'recallBySize.large': f.recallBySize.large,
  };
}

const FIGURES = [
  'rprec',
  'rho',
  'expertRecallProvenPlus',
  'specialistPrecision',
  'provenPlusPrecision',
  'axisSpecialistPrecision',
  'recallBySize.small',
  'recallBySize.medium',
  'recallBySize.large',
  'evidenceCeiling.small',
  'evidenceCeiling.large',
  'segmentsPerRecord.p50',
  'segmentsPerRecord.p90',
  'segmentsPerRecord.max',
  'gapShare',
  'levelChurn',
] as const;

/** Mean of each figure over the settings where it is not null (null where it is null everywhere). */
function meanFigures(all: Figures[]): Figures {
  const out: Figures = {};
  for (const name of FIGURES) {
    if (!all.some((f) => name in f)) continue;
    const values = all.map((f) => f[name]).filter((v): v is number => typeof v === 'number');
    out[name] = values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : null;
  }
  return out;
}

/** Figures in a fixed order, rounded; a figure that does not apply to a ranking is left out. */
function rowOf(head: Row, figures: Figures): Row {
  const row: Row = { ...head };
  for (const name of FIGURES) {
    const value = figures[name];
    if (value === undefined) continue;
    // Churn is small by design: four decimals keep one change in a few thousand visible.
    const scale = name === 'levelChurn' ? 1e4 : 1e3;
    row[name] = value === null ? null : Math.round(value * scale) / scale;
  }
  return row;
}

export const bench: Benchmark = {
  description:
    'validity: on several generator laws (3 seeds each, admin taxonomy, ~500 partners) and one small 5 × 4 setting, ' +
    'R-precision, Spearman ρ, expert recall and Specialist precision of the engine next to revenue tiers, a heuristic and a deal-only oracle',
  async run(args) {
    const o = benchOptions(args, OptionsSchema);
    const started = performance.now();
    const { taxonomy, source } = loadTaxonomy();
    const scoring = loadScoring(o.scoring);
    const small: Taxonomy = {
      ...taxonomy,
      sectors: taxonomy.sectors.slice(0, SMALL_SECTORS),
      technologies: taxonomy.technologies.slice(0, SMALL_TECHNOLOGIES),
    };
    const settings = o.laws.flatMap((law) =>
      o.seeds.map((seed) => ({ law, seed, taxonomy, name: 'admin', partners: o.partners })),
    );
    if (o.small === 'yes') {
      settings.push({
        law: o.laws[0]!,
        seed: o.seeds[0]!,
        taxonomy: small,
        name: 'small',
        partners: SMALL_PARTNERS,
      });
    }
    const rows: Row[] = [];
    const collected: Record<Ranking, Figures[]> = {
      engine: [],
      revenueTiers: [],
      heuristic: [],
      oracle: [],
    };
    for (const s of settings) {
      const measured = measureSetting(s.taxonomy, s.law, s.seed, s.partners, o, scoring.config);
      const cells = `${s.taxonomy.sectors.length}x${s.taxonomy.technologies.length}`;
      for (const ranking of rankings) {
        collected[ranking].push(measured[ranking]);
        rows.push(
          rowOf(
            { law: s.law, seed: s.seed, taxonomy: cells, partners: s.partners, ranking },
            measured[ranking],
          ),
        );
      }
    }
    for (const ranking of rankings) {
      rows.push(
        rowOf(
          { law: 'overall', seed: null, taxonomy: null, partners: null, ranking },
          meanFigures(collected[ranking]),
        ),
      );
    }
    const notes = [
      `${settings.length} settings in ${Math.round(performance.now() - started)} ms; taxonomy ${source} ` +
        `(${taxonomy.sectors.length} × ${taxonomy.technologies.length}), small = its first ${SMALL_SECTORS} sectors × ` +
        `${SMALL_TECHNOLOGIES} technologies with ${SMALL_PARTNERS} partners (law ${o.laws[0]}, seed ${o.seeds[0]}); ` +
        `${o.dealsPerPartner} deals and ${o.certificationsPerPartner} certifications per partner; scoring ${scoring.source}`,
      'laws: base = the original generator; boutique = experts small, Pareto size, big generalists win bigger deals; ' +
        'flat = weak volume concentration, 25 % cert-only experts, noisy win curve, few delivery signals; ' +
        'incumbent = big partners are the experts, strong concentration, no delivery signals; ' +
        'even = similar sizes, work and wins follow expertise gently (src/generator/ecosystem-law.ts)',
      'true expert = latent expertise ≥ 0.7 in a sector × technology (pair) cell; nested figures are flattened with a dot',
      'rprec: mean over pair cells with experts of the share of true experts among the R best-scored partners (R = experts in the cell; no evidence = 0; ties pessimistic)',
      'rho: mean over pair cells of Spearman ρ between score (0 without evidence) and latent expertise, all partners',
      'expertRecallProvenPlus: share of true-expert (partner, pair cell) pairs holding the top or second level there (revenueTiers: Platinum → top, Gold → second, Silver → third level in every cell where the partner has a deal)',
      'specialistPrecision: share of top-level pair rows whose partner is a true expert in that cell',
      'provenPlusPrecision: share of pair rows at the top two levels whose partner is a true expert in that cell',
      'axisSpecialistPrecision: share of top-level sector / technology rows whose partner is a true expert in some pair cell of it',
      'recallBySize.*: expertRecallProvenPlus for the smallest, middle and largest third of partners by true size',
      "evidenceCeiling.*: share of the smallest / largest third's true-expert pairs whose record meets the second level's evidence minimums (won customers in counted roles within the window, certified people), whatever the score: the most any levels with those minimums can reach",
      'segmentsPerRecord.*: p50 / p90 / max of segments written back per partner holding one (writtenSegments: the capped list)',
      "gapShare: share of map cells (all kinds) with demand > 0 flagged 'gap'",
      'levelChurn: share of (partner, cell) rows with a level on either night that change level when rescored a day later with hysteresis',
      'revenueTiers: legacy tier then revenue, the same in every cell; heuristic: shrunk win rate × ln(1 + won customers) + 0.5 ln(1 + certified people), rank figures only',
      'oracle: the latent expertise itself, for partners with a deal in the cell (0 elsewhere): the ceiling of a ranking from deals',
      'overall: mean over settings (nulls skipped)',
    ];
    return { name: 'validity', rows, notes };
  },
};
