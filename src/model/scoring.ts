/** The scoring configuration (`mappings/scoring.yaml`): every weight, half-life and threshold of the engine, validated. */
import { z } from 'zod';

const CurrencyCodeSchema = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 currency code such as EUR');
const WeightSchema = z.number().finite().min(0, 'a weight cannot be negative');
const PositiveSchema = z.number().finite().positive('must be greater than 0');
const FractionSchema = z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1');
const PercentileSchema = z
  .number()
  .min(0, 'a percentile is between 0 and 100')
  .max(100, 'a percentile is between 0 and 100');
const CountSchema = z.number().int('must be a whole number').min(0, 'cannot be negative');

/** Minimum evidence for a level: all of them must hold. */
export const LevelRequirementsSchema = z.strictObject({
  /** Expertise score (0–100) in the cell. */
  minScore: z.number().min(0).max(100),
  /** Distinct customers won in the cell within `levels.windowMonths`, in a counted role. */
  minWonCustomers: CountSchema,
  /** Distinct people holding an active certification that applies to the cell. */
  minCertifiedPeople: CountSchema,
  /**
   * Confidence (0–1): the share of the score resting on the partner's own evidence rather than on the
   * ecosystem's prior. A level needs a score that is both high and certain.
   */
  minConfidence: FractionSchema.default(0),
});
export type LevelRequirements = z.infer<typeof LevelRequirementsSchema>;

export const LevelDefinitionSchema = z.strictObject({
  /** Shown to people and written to the CRM: "Healthcare × Data & AI — Specialist". */
  name: z.string().trim().min(1).max(40),
  /** What it takes to reach the level from below. */
  promote: LevelRequirementsSchema,
  /** What it takes to keep the level once held (lower than `promote`: the hysteresis band). */
  keep: LevelRequirementsSchema,
  /** How much delivery capacity a partner at this level adds to a cell in the ecosystem map (1 = one Specialist). */
  capacity: WeightSchema,
});
export type LevelDefinition = z.infer<typeof LevelDefinitionSchema>;

const DealRoleWeightsSchema = z.strictObject({
  sourced: WeightSchema,
  delivered: WeightSchema,
  influenced: WeightSchema,
});

export const ScoringConfigSchema = z
  .strictObject({
    version: z.literal(1),
    currency: z.strictObject({
      /** Every amount is converted to this currency before it counts. */
      base: CurrencyCodeSchema,
      /** Value of one unit of each currency in the base currency; the base itself must be 1. */
      rates: z.record(CurrencyCodeSchema, PositiveSchema),
    }),
    recency: z.strictObject({
      /** A won or lost deal counts half as much this many days after it closed. */
      dealHalfLifeDays: PositiveSchema,
      /** An active certification counts half as much this many days after it was earned. */
      certificationHalfLifeDays: PositiveSchema,
    }),
    proof: z.strictObject({
      roleWeights: DealRoleWeightsSchema,
      /** Deal size (base currency) at which the size factor is 1 + sizeWeight. */
      sizeReference: PositiveSchema,
      /** Size factor = 1 + sizeWeight × log2(1 + amount / sizeReference): logarithmic, never linear. */
      sizeWeight: WeightSchema,
      /** Share at which further deals with an already-won customer count. */
      repeatCustomerWeight: FractionSchema,
    }),
    skills: z.strictObject({
      levelWeights: z.strictObject({
        foundational: WeightSchema,
        associate: WeightSchema,
        professional: WeightSchema,
        expert: WeightSchema,
      }),
    }),
    winRate: z.strictObject({
      /** Closed deals needed before a win rate is reported as meaningful (needs diagnosis). */
      minClosedDeals: CountSchema,
    }),
    delivery: z.strictObject({
      signalWeights: z.strictObject({
        satisfaction: WeightSchema,
        renewal: WeightSchema,
        expansion: WeightSchema,
      }),
    }),
    /** Share of the 0–100 score from each kind of evidence; must add up to 1. */
    weights: z.strictObject({
      proof: WeightSchema,
      skills: WeightSchema,
      winRate: WeightSchema,
      delivery: WeightSchema,
    }),
    levels: z.strictObject({
      /** Look-back for the won-customer minimums of levels, in months. */
      windowMonths: z.number().int().positive(),
      /** Roles in which a won deal counts as a won customer for level minimums. */
      countedRoles: z.array(z.enum(['sourced', 'delivered', 'influenced'])).min(1),
      /** Highest level first. */
      ladder: z.array(LevelDefinitionSchema).min(1),
      /** Whole-sector and whole-technology levels, derived from the sector × technology cells. */
      axis: z.strictObject({
        /** Pair cells of a sector (technology) at a level or higher that give the whole sector (technology) that level. */
        minPairCells: z.number().int().min(1),
      }),
    }),
    segments: z.strictObject({
      /** Segments written to a CRM record (fields and lists): the best ones, sector × technology first. */
      maxWritten: z.number().int().min(1),
    }),
    needs: z.strictObject({
      /** Peer percentile from which a partner's evidence counts as strong. */
      highPercentile: PercentileSchema,
      /** Peer percentile at or below which it counts as weak. */
      lowPercentile: PercentileSchema,
      /** Fewer partners than this in a cell and no comparison is made there. */
      minPeers: z.number().int().min(2),
      /** Re-engagement: how far back to compare the partner's evidence with. */
      reengagementLookbackDays: PositiveSchema,
      /** Re-engagement: share of evidence lost over the look-back that triggers it. */
      reengagementMinDecline: FractionSchema,
    }),
    map: z.strictObject({
      /** Demand counts deals closed in this many past months, plus all open pipeline. */
      demandWindowMonths: z.number().int().positive(),
      /** Demand (deals per window) one unit of capacity (one Specialist) can serve. */
      dealsPerCapacity: PositiveSchema,
      /** Coverage below this, with material unmet demand (see buildEcosystemMap): gap. */
      gapBelow: PositiveSchema,
      /** Coverage above this (or no demand), with at least two partners holding a level: saturated. */
      saturatedAbove: PositiveSchema,
      /** Least unmet demand of a gap, and least demand of a single point of failure. */
      minDemand: CountSchema,
    }),
    match: z.strictObject({
      /** Weight of evidence in neighbouring cells (same sector or same technology) when matching. */
      adjacentWeight: FractionSchema,
      /** Partners below this score in every relevant cell are not proposed. */
      minScore: z.number().min(0).max(100),
    }),
    explain: z.strictObject({
      /** Evidence items kept with every cell score. */
      topEvidence: z.number().int().min(0).max(20),
    }),
    /** Optional: demotions wait for a person's review (issue #19); off unless the file turns it on. */
    review: z
      .strictObject({
        demotions: z.strictObject({
          /** When on, a sector × technology cell keeps last run's level until its demotion is approved or lapses. */
          enabled: z.boolean(),
          /** Nights a demotion waits for review before it applies anyway. */
          nights: z.number().int().min(1),
        }),
      })
      .default({ demotions: { enabled: false, nights: 7 } }),
  })
  .superRefine((config, ctx) => {
    const { base, rates } = config.currency;
    if (rates[base] !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['currency', 'rates', base],
        message: `the base currency ${base} must have rate 1`,
      });
    }
    const w = config.weights;
    const sum = w.proof + w.skills + w.winRate + w.delivery;
    if (Math.abs(sum - 1) > 1e-6) {
      ctx.addIssue({
        code: 'custom',
        path: ['weights'],
        message: `weights must add up to 1 (they add up to ${Number(sum.toFixed(6))})`,
      });
    }
    if (config.needs.lowPercentile >= config.needs.highPercentile) {
      ctx.addIssue({
        code: 'custom',
        path: ['needs', 'lowPercentile'],
        message: 'lowPercentile must be below highPercentile',
      });
    }
    if (config.map.gapBelow >= config.map.saturatedAbove) {
      ctx.addIssue({
        code: 'custom',
        path: ['map', 'gapBelow'],
        message: 'gapBelow must be below saturatedAbove',
      });
    }
    const seen = new Set<string>();
    config.levels.ladder.forEach((level, i) => {
      const key = level.name.toLowerCase();
      if (seen.has(key)) {
        ctx.addIssue({
          code: 'custom',
          path: ['levels', 'ladder', i, 'name'],
          message: `level "${level.name}" is defined twice`,
        });
      }
      seen.add(key);
      for (const req of ['minScore', 'minWonCustomers', 'minCertifiedPeople', 'minConfidence'] as const) {
        if (level.keep[req] > level.promote[req]) {
          ctx.addIssue({
            code: 'custom',
            path: ['levels', 'ladder', i, 'keep', req],
            message: `keeping ${level.name} cannot ask more than reaching it (keep.${req} ${level.keep[req]} > promote.${req} ${level.promote[req]})`,
          });
        }
      }
      const below = config.levels.ladder[i + 1];
      if (below && level.promote.minScore < below.promote.minScore) {
        ctx.addIssue({
          code: 'custom',
          path: ['levels', 'ladder', i, 'promote', 'minScore'],
          message: `levels are listed highest first: ${level.name} asks less than ${below.name}`,
        });
      }
    });
  });
export type ScoringConfig = z.infer<typeof ScoringConfigSchema>;

/**
 * The defaults, identical to `mappings/scoring.yaml` (a test keeps them equal). The YAML carries the
 * reasons; this copy lets code that has no file at hand (tests, the demo, the emulator seeder) score.
 */
export const DEFAULT_SCORING_CONFIG: ScoringConfig = {
  version: 1,
  currency: {
    base: 'EUR',
    rates: {
      EUR: 1,
      USD: 0.92,
      GBP: 1.17,
      CHF: 1.05,
      SEK: 0.088,
      JPY: 0.0061,
      AUD: 0.61,
      CAD: 0.68,
      BRL: 0.17,
      INR: 0.011,
    },
  },
  recency: { dealHalfLifeDays: 365, certificationHalfLifeDays: 1095 },
  proof: {
    roleWeights: { sourced: 1, delivered: 1, influenced: 0.3 },
    sizeReference: 25000,
    sizeWeight: 0.25,
    repeatCustomerWeight: 0.25,
  },
  skills: {
    levelWeights: { foundational: 0.1, associate: 0.3, professional: 1, expert: 2 },
  },
  winRate: { minClosedDeals: 6 },
  delivery: { signalWeights: { satisfaction: 1, renewal: 1, expansion: 0.5 } },
  weights: { proof: 0.35, skills: 0.15, winRate: 0.3, delivery: 0.2 },
  levels: {
    windowMonths: 36,
    countedRoles: ['sourced', 'delivered', 'influenced'],
    axis: { minPairCells: 2 },
    ladder: [
      {
        name: 'Specialist',
        promote: { minScore: 80, minWonCustomers: 3, minCertifiedPeople: 1, minConfidence: 0.5 },
        keep: { minScore: 75, minWonCustomers: 2, minCertifiedPeople: 1, minConfidence: 0.45 },
        capacity: 1,
      },
      {
        name: 'Proven',
        promote: { minScore: 66, minWonCustomers: 1, minCertifiedPeople: 0, minConfidence: 0 },
        keep: { minScore: 63, minWonCustomers: 1, minCertifiedPeople: 0, minConfidence: 0 },
        capacity: 0.5,
      },
      {
        name: 'Emerging',
        promote: { minScore: 60, minWonCustomers: 1, minCertifiedPeople: 0, minConfidence: 0 },
        keep: { minScore: 58, minWonCustomers: 1, minCertifiedPeople: 0, minConfidence: 0 },
        capacity: 0.1,
      },
    ],
  },
  segments: { maxWritten: 5 },
  needs: {
    highPercentile: 60,
    lowPercentile: 25,
    minPeers: 5,
    reengagementLookbackDays: 365,
    reengagementMinDecline: 0.5,
  },
  map: { demandWindowMonths: 12, dealsPerCapacity: 20, gapBelow: 1, saturatedAbove: 3, minDemand: 5 },
  match: { adjacentWeight: 0.5, minScore: 50 },
  explain: { topEvidence: 3 },
  review: { demotions: { enabled: false, nights: 7 } },
};
