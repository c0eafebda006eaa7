/** Schemas of what the engine produces and other layers store, write back and show: cell scores, segments, needs, the ecosystem map. */
import { z } from 'zod';
import { IsoDateSchema } from './dates.js';
import { PartnerIdSchema } from './partner.js';
import { SourceRefSchema } from './source-ref.js';

const KeyOrAny = '(?:[a-z][a-z0-9_]*|\\*)';

/**
 * A cell of the expertise grid: `sector|technology`, with `*` for "any". `healthcare|data_ai` is a
 * sector × technology cell, `healthcare|*` the whole sector (vertical), `*|data_ai` the whole technology (horizontal).
 */
export const CellKeySchema = z
  .string()
  .regex(
    new RegExp(`^${KeyOrAny}\\|${KeyOrAny}$`),
    'a cell key is sector|technology, e.g. healthcare|data_ai',
  )
  .refine((key) => key !== '*|*', 'a cell names a sector, a technology or both');
export type CellKey = z.infer<typeof CellKeySchema>;

export const CellKindSchema = z.enum(['pair', 'sector', 'technology']);
export type CellKind = z.infer<typeof CellKindSchema>;

/** One piece of evidence behind a score, traceable to its CRM record. */
export const EvidenceItemSchema = z.object({
  kind: z.enum(['won-deal', 'certification']),
  source: SourceRefSchema,
  /** Score points (of 100) this item contributes. */
  points: z.number(),
  /** Close date of the deal, or the date the certification was earned. */
  date: IsoDateSchema.nullable(),
});
export type EvidenceItem = z.infer<typeof EvidenceItemSchema>;

/** A requirement of the next level that the partner does not meet yet. */
export const MissingEvidenceSchema = z.object({
  /**
   * `pairCells`: for a whole sector or technology, its sector × technology cells at the level or above
   * (those levels are derived from the pair cells, never from evidence pooled across the axis).
   */
  requirement: z.enum(['score', 'wonCustomers', 'certifiedPeople', 'confidence', 'pairCells']),
  have: z.number(),
  need: z.number(),
});
export type MissingEvidence = z.infer<typeof MissingEvidenceSchema>;

export const NextLevelSchema = z.object({
  level: z.string(),
  /** Empty when every minimum is met (the level is then held back only by hysteresis or nothing). */
  missing: z.array(MissingEvidenceSchema),
});
export type NextLevel = z.infer<typeof NextLevelSchema>;

/** Points (of 100) each kind of evidence adds to the score; they sum to the score. */
export const ScoreComponentsSchema = z.object({
  proof: z.number(),
  skills: z.number(),
  winRate: z.number(),
  delivery: z.number(),
});
export type ScoreComponents = z.infer<typeof ScoreComponentsSchema>;

/** The plain counts behind a cell score, for people and for comparing snapshots. */
export const CellFiguresSchema = z.object({
  /** Won deals in the cell, any age and role. */
  wonDeals: z.number().int(),
  /** Closed deals (won + lost), any age and role. */
  closedDeals: z.number().int(),
  openDeals: z.number().int(),
  /** Open pipeline amount in the base currency. */
  openAmount: z.number(),
  /** Distinct customers won within the level window in a counted role. */
  wonCustomers: z.number().int(),
  /** Distinct people with an active certification that applies to the cell. */
  certifiedPeople: z.number().int(),
  activeCertifications: z.number().int(),
  expiredCertifications: z.number().int(),
  /** Won / closed, unshrunk; null without closed deals. */
  winRate: z.number().nullable(),
  /** Decayed, size- and role-weighted won customers: the proof mass. */
  proofMass: z.number(),
  /** Decayed, level-weighted certified people: the skills mass. */
  skillsMass: z.number(),
});
export type CellFigures = z.infer<typeof CellFiguresSchema>;

/** A partner's expertise in one cell. */
export const CellScoreSchema = z.object({
  partnerId: PartnerIdSchema,
  cell: CellKeySchema,
  kind: CellKindSchema,
  /** Expertise 0–100, shrunk toward the ecosystem for thin evidence. */
  score: z.number().min(0).max(100),
  /** 0–1: how much of the score rests on the partner's own evidence rather than the prior. */
  confidence: z.number().min(0).max(1),
  level: z.string().nullable(),
  /** The level given as input (last run), for hysteresis and to see promotions. */
  previousLevel: z.string().nullable(),
  components: ScoreComponentsSchema,
  figures: CellFiguresSchema,
  /** The strongest evidence items, highest points first. */
  top: z.array(EvidenceItemSchema),
  /** The next level up and what is missing for it; null at the top level. */
  next: NextLevelSchema.nullable(),
});
export type CellScore = z.infer<typeof CellScoreSchema>;

/** A level held in a cell, as passed back to the engine on the next run. */
export const PreviousLevelSchema = z.object({
  partnerId: PartnerIdSchema,
  cell: CellKeySchema,
  level: z.string().nullable(),
});
export type PreviousLevel = z.infer<typeof PreviousLevelSchema>;

/** A cell where a partner holds a level. */
export const SegmentSchema = z.object({
  cell: CellKeySchema,
  kind: CellKindSchema,
  level: z.string(),
  score: z.number(),
  /** "Healthcare × Data & AI — Specialist". */
  label: z.string(),
});
export type Segment = z.infer<typeof SegmentSchema>;

export const NeedKindSchema = z.enum([
  'technical-enablement',
  'sales-marketing-support',
  'sales-enablement',
  're-engagement',
]);
export type NeedKind = z.infer<typeof NeedKindSchema>;

/** A support need with the figures that triggered it, in one cell or (re-engagement) for the whole partner. */
export const NeedSchema = z.object({
  need: NeedKindSchema,
  /** Null for partner-wide needs. */
  cell: CellKeySchema.nullable(),
  /** The triggering figures, e.g. `{ wonCustomers: 6, wonCustomersPercentile: 82, certifiedPeople: 0, ... }`. */
  figures: z.record(z.string(), z.number().nullable()),
  /** One sentence for a partner manager. */
  summary: z.string(),
});
export type Need = z.infer<typeof NeedSchema>;

/** Everything the engine says about one partner. */
export const PartnerScoreSchema = z.object({
  partnerId: PartnerIdSchema,
  /** Highest level first, then the more specific cell, then the higher score. */
  segments: z.array(SegmentSchema),
  primarySegment: SegmentSchema.nullable(),
  /** Highest cell score of the partner (0 without evidence). */
  topScore: z.number(),
  needs: z.array(NeedSchema),
});
export type PartnerScore = z.infer<typeof PartnerScoreSchema>;

export const MapFlagSchema = z.enum(['gap', 'saturated', 'single-point-of-failure']);
export type MapFlag = z.infer<typeof MapFlagSchema>;

/** One cell of the ecosystem map. */
export const EcosystemCellSchema = z.object({
  cell: CellKeySchema,
  kind: CellKindSchema,
  /** Partners holding each level, by level name (every level listed, zeros included). */
  partnersByLevel: z.record(z.string(), z.number().int()),
  /** Partners with any evidence in the cell. */
  partnersWithEvidence: z.number().int(),
  /** Herfindahl–Hirschman index (0–1) of partners' shares of the cell's proof mass. */
  concentration: z.number(),
  /** Fewest partners that together hold half of the cell's proof mass. */
  busFactor: z.number().int(),
  /** Customer deals closed within the demand window (won or lost, with or without partners). */
  closedDeals: z.number().int(),
  openDeals: z.number().int(),
  /** Open pipeline amount in the base currency. */
  openAmount: z.number(),
  /** Demand = closedDeals + openDeals. */
  demand: z.number().int(),
  /** Specialist-equivalents: sum of level capacities of the partners holding a level. */
  capacity: z.number(),
  /** capacity × dealsPerCapacity / demand; null without demand. */
  coverage: z.number().nullable(),
  /**
   * Deals the cell's qualified partners cannot serve: max(0, demand − capacity × dealsPerCapacity).
   * Maps stored before it was measured read back as 0.
   */
  unmetDemand: z.number().default(0),
  /**
   * Deals of that unmet demand one more partner at the top level (a Specialist) would serve:
   * min(unmetDemand, top level's capacity × dealsPerCapacity). 0 in maps stored before it was measured.
   */
  oneMoreSpecialistCovers: z.number().default(0),
  flags: z.array(MapFlagSchema),
});
export type EcosystemCell = z.infer<typeof EcosystemCellSchema>;

/** A sector × technology cell ranked by the unmet demand one more Specialist would serve there. */
export const MapPrioritySchema = z.object({
  cell: CellKeySchema,
  demand: z.number().int(),
  capacity: z.number(),
  unmetDemand: z.number(),
  /** Deals one more Specialist would serve: the cell's `oneMoreSpecialistCovers`. */
  covers: z.number(),
});
export type MapPriority = z.infer<typeof MapPrioritySchema>;

/** The unmet demand a cell needs to be flagged a gap, per kind of cell (see buildEcosystemMap). */
export const GapThresholdsSchema = z.object({
  pair: z.number(),
  sector: z.number(),
  technology: z.number(),
});
export type GapThresholds = z.infer<typeof GapThresholdsSchema>;

export const RegionCellSchema = z.object({
  region: z.string(),
  cell: CellKeySchema,
  partnersByLevel: z.record(z.string(), z.number().int()),
  capacity: z.number(),
  /** Deals of partners from the region in the cell within the demand window, plus their open pipeline. */
  demand: z.number().int(),
  coverage: z.number().nullable(),
});
export type RegionCell = z.infer<typeof RegionCellSchema>;

export const EcosystemMapSchema = z.object({
  /**
   * At most 10 sector × technology cells where one more Specialist would serve the most unmet demand,
   * most first. Empty in maps stored before the ranking existed.
   */
  priorities: z.array(MapPrioritySchema).default([]),
  /** The unmet demand that makes a gap, per kind of cell; null in maps stored before it was measured. */
  gapThresholds: GapThresholdsSchema.nullable().default(null),
  /** Every cell of the taxonomy (pairs, then sector totals, then technology totals). */
  cells: z.array(EcosystemCellSchema),
  /** Per partner region; empty unless asked for. */
  regions: z.array(RegionCellSchema),
});
export type EcosystemMap = z.infer<typeof EcosystemMapSchema>;

/** The ecosystem's own figures per cell that scores are shrunk toward. */
export const CellPriorSchema = z.object({
  cell: CellKeySchema,
  winRate: z.number(),
  delivery: z.number(),
});
export type CellPrior = z.infer<typeof CellPriorSchema>;

/** Records the engine read but could not use, counted (never silently dropped). */
export const ScoringDiagnosticsSchema = z.object({
  dealsWithoutKnownPartner: z.number().int(),
  dealsWithoutCell: z.number().int(),
  unknownSectors: z.record(z.string(), z.number().int()),
  unknownTechnologies: z.record(z.string(), z.number().int()),
  /** Amounts in a currency with no rate: the deal counts, its size does not. */
  unknownCurrencies: z.record(z.string(), z.number().int()),
  certificationsWithoutKnownPartner: z.number().int(),
});
export type ScoringDiagnostics = z.infer<typeof ScoringDiagnosticsSchema>;

/** A full scoring run: what gets stored as a snapshot and compared with the next. */
export const ScoreSnapshotSchema = z.object({
  /** The `now` the scores were computed for. */
  scoredAt: z.string(),
  baseCurrency: z.string(),
  /** Shares of the score actually used (win rate or delivery drop out when no deal carries them). */
  weights: z.object({ proof: z.number(), skills: z.number(), winRate: z.number(), delivery: z.number() }),
  /** Sorted by partner id, then cell key. */
  cells: z.array(CellScoreSchema),
  /** Sorted by partner id; every partner given, with or without evidence. */
  partners: z.array(PartnerScoreSchema),
  map: EcosystemMapSchema,
  priors: z.array(CellPriorSchema),
  diagnostics: ScoringDiagnosticsSchema,
});
export type ScoreSnapshot = z.infer<typeof ScoreSnapshotSchema>;

/** Why a cell's score or level moved between two snapshots, read from the change in its figures. */
export const ChangeReasonSchema = z.object({
  kind: z.enum([
    'new-cell',
    'cell-gone',
    'won-deals-added',
    'won-deals-removed',
    'lost-deals-added',
    'certifications-added',
    'certifications-expired',
    'certifications-removed',
    'customers-left-window',
    'evidence-decayed',
    'certifications-aged',
    'ecosystem-shift',
  ]),
  /** How many records, where the reason counts records. */
  count: z.number().int().nullable(),
  detail: z.string(),
});
export type ChangeReason = z.infer<typeof ChangeReasonSchema>;

export const CellChangeSchema = z.object({
  partnerId: PartnerIdSchema,
  cell: CellKeySchema,
  scoreBefore: z.number().nullable(),
  scoreAfter: z.number().nullable(),
  /** after − before (a missing side counts as 0). */
  delta: z.number(),
  levelBefore: z.string().nullable(),
  levelAfter: z.string().nullable(),
  change: z.enum(['promoted', 'demoted', 'same-level', 'appeared', 'disappeared']),
  reasons: z.array(ChangeReasonSchema),
});
export type CellChange = z.infer<typeof CellChangeSchema>;

export const CoverageChangeSchema = z.object({
  cell: CellKeySchema,
  coverageBefore: z.number().nullable(),
  coverageAfter: z.number().nullable(),
  demandBefore: z.number().int(),
  demandAfter: z.number().int(),
  capacityBefore: z.number(),
  capacityAfter: z.number(),
  flagsAdded: z.array(MapFlagSchema),
  flagsRemoved: z.array(MapFlagSchema),
});
export type CoverageChange = z.infer<typeof CoverageChangeSchema>;

/** What changed between two scoring runs. */
export const EvolutionSchema = z.object({
  from: z.string(),
  to: z.string(),
  /** Cells whose score moved by at least the threshold, whose level changed, or that appeared / disappeared. */
  cells: z.array(CellChangeSchema),
  coverage: z.array(CoverageChangeSchema),
  summary: z.object({
    promoted: z.number().int(),
    demoted: z.number().int(),
    appeared: z.number().int(),
    disappeared: z.number().int(),
    partnersWithChanges: z.number().int(),
  }),
});
export type Evolution = z.infer<typeof EvolutionSchema>;

/** A customer's need, as matching reads it. */
export const OpportunitySchema = z
  .object({
    sector: z.string().nullable(),
    technologies: z.array(z.string()),
    /** Only partners of this region (as on the partner record) are proposed. */
    region: z.string().nullable().optional(),
  })
  .refine(
    (o) => o.sector !== null || o.technologies.length > 0,
    'an opportunity needs a sector or a technology',
  );
export type Opportunity = z.infer<typeof OpportunitySchema>;

export const MatchSchema = z.object({
  rank: z.number().int().min(1),
  partnerId: PartnerIdSchema,
  name: z.string().nullable(),
  region: z.string().nullable(),
  /**
   * `cell`: proven (score ≥ `match.minScore`) in a sector × technology cell asked for; `adjacent`: not proven
   * there — weak evidence in the exact cell, or none and expertise in the sector or the technology alone.
   */
  tier: z.enum(['cell', 'adjacent']),
  /**
   * 0–100, averaged over the technologies asked for: the exact cell's score wherever the partner has evidence
   * there, else its best adjacent cell's score times `match.adjacentWeight`.
   */
  score: z.number(),
  confidence: z.number(),
  /** Best level held in an exact cell. */
  level: z.string().nullable(),
  reason: z.string(),
  cells: z.array(
    z.object({
      cell: CellKeySchema,
      exact: z.boolean(),
      score: z.number(),
      confidence: z.number(),
      level: z.string().nullable(),
    }),
  ),
});
export type Match = z.infer<typeof MatchSchema>;

/** What switching the scoring configuration would do to levels (nothing is written). */
export const SimulationSchema = z.object({
  partnersChanged: z.number().int(),
  cellsChanged: z.number().int(),
  /** Cells held at each level, per configuration (by level name). */
  levelsBefore: z.record(z.string(), z.number().int()),
  levelsAfter: z.record(z.string(), z.number().int()),
  byCell: z.array(
    z.object({
      cell: CellKeySchema,
      promoted: z.number().int(),
      demoted: z.number().int(),
      /** Level name changes that are neither (e.g. a renamed level). */
      other: z.number().int(),
      transitions: z.array(
        z.object({ from: z.string().nullable(), to: z.string().nullable(), count: z.number().int() }),
      ),
    }),
  ),
});
export type Simulation = z.infer<typeof SimulationSchema>;

/** One cell's score with its full evidence list and what the next level lacks, in words. */
export const CellExplanationSchema = z.object({
  score: CellScoreSchema,
  nextLevel: z.string().nullable(),
});
export type CellExplanation = z.infer<typeof CellExplanationSchema>;

/** A cell a team member brings to a team, with its evidence figures. */
export const TeamCellSchema = z.object({
  cell: CellKeySchema,
  /** "Healthcare × Data & AI". */
  label: z.string(),
  score: z.number(),
  confidence: z.number(),
  level: z.string().nullable(),
});
export type TeamCell = z.infer<typeof TeamCellSchema>;

export const TeamMemberSchema = z.object({
  partnerId: PartnerIdSchema,
  name: z.string().nullable(),
  region: z.string().nullable(),
  /** The needed cells this member is the team's best in. */
  brings: z.array(TeamCellSchema),
  reason: z.string(),
});
export type TeamMember = z.infer<typeof TeamMemberSchema>;

/** A small team of partners whose combined cells cover an opportunity's needs. */
export const TeamSchema = z.object({
  rank: z.number().int().min(1),
  members: z.array(TeamMemberSchema),
  /** One entry per needed cell: the member covering it best. */
  needs: z.array(
    z.object({
      cell: CellKeySchema,
      label: z.string(),
      partnerId: PartnerIdSchema,
      score: z.number(),
      level: z.string().nullable(),
      /** The covering member holds at least the team-cover level in this exact cell. */
      covered: z.boolean(),
    }),
  ),
  /** The team's score in its weakest need (max over members, min over needs). */
  weakestScore: z.number(),
  /** Every need is covered at the team-cover level or above. */
  coversAll: z.boolean(),
  /** Some members already co-delivered won deals. */
  coDelivered: z.boolean(),
  /** Won deals shared by members (summed over member pairs). */
  coDeliveredWonDeals: z.number().int(),
  reason: z.string(),
});
export type Team = z.infer<typeof TeamSchema>;

/** What `atlas match` and the Match page show: single partners and, when none covers everything, teams. */
export const OpportunityMatchSchema = z.object({
  /** The needed cells, one per technology (or the sector / technology alone). */
  needs: z.array(CellKeySchema),
  /** The top level of the ladder, the one "covered by a single partner" asks for in every need. */
  topLevel: z.string(),
  partners: z.array(MatchSchema),
  teams: z.array(TeamSchema),
  /** One partner holds the top level in every needed cell (teams are then not computed). */
  coveredBySingle: z.boolean(),
});
export type OpportunityMatch = z.infer<typeof OpportunityMatchSchema>;

/** A partner in a gap cell and what it lacks for the top level. */
export const GapCandidateSchema = z.object({
  partnerId: PartnerIdSchema,
  name: z.string().nullable(),
  region: z.string().nullable(),
  level: z.string().nullable(),
  score: z.number(),
  confidence: z.number(),
  missing: z.array(MissingEvidenceSchema),
  /** "Specialist in Healthcare × Security needs 2 more certified people in Security". */
  summary: z.string(),
});
export type GapCandidate = z.infer<typeof GapCandidateSchema>;

/** One side of a split team: the cell it is proven in and its level there. */
export const GapTeamSideSchema = z.object({
  partnerId: PartnerIdSchema,
  name: z.string().nullable(),
  cell: CellKeySchema,
  score: z.number(),
  level: z.string(),
});
export type GapTeamSide = z.infer<typeof GapTeamSideSchema>;

/** A sector-side and a technology-side partner who together could serve a gap pair cell (see fillGaps). */
export const GapTeamSchema = z.object({
  sectorSide: GapTeamSideSchema,
  technologySide: GapTeamSideSchema,
  /** min(sector-side score, technology-side score). */
  weakestScore: z.number(),
  coDeliveredWonDeals: z.number().int(),
  reason: z.string(),
});
export type GapTeam = z.infer<typeof GapTeamSchema>;

export const GapFillSchema = z.object({
  cell: CellKeySchema,
  kind: CellKindSchema,
  label: z.string(),
  demand: z.number().int(),
  capacity: z.number(),
  coverage: z.number().nullable(),
  /** Partners closest to the top level in the cell, closest first. */
  closest: z.array(GapCandidateSchema),
  /** Split teams that could serve the cell today (pair cells only). */
  teams: z.array(GapTeamSchema),
});
export type GapFill = z.infer<typeof GapFillSchema>;

/** A top-level partner in a cell and a partner there that needs technical enablement. */
export const SkillShareSchema = z.object({
  /** The cell of the learner's need. */
  cell: CellKeySchema,
  label: z.string(),
  /** joint-delivery: they already co-delivered; subcontracting: the learner has open deals in the cell; mentoring otherwise. */
  mode: z.enum(['joint-delivery', 'subcontracting', 'mentoring']),
  mentor: z.object({
    partnerId: PartnerIdSchema,
    name: z.string().nullable(),
    region: z.string().nullable(),
    /** Where the mentor holds the top level: the learner's cell or (for a pair cell) its technology. */
    cell: CellKeySchema,
    level: z.string(),
    score: z.number(),
    wonCustomers: z.number().int(),
    certifiedPeople: z.number().int(),
  }),
  learner: z.object({
    partnerId: PartnerIdSchema,
    name: z.string().nullable(),
    region: z.string().nullable(),
    score: z.number(),
    wonCustomers: z.number().int(),
    certifiedPeople: z.number().int(),
    openDeals: z.number().int(),
    /** The technical-enablement need's summary, with its percentiles. */
    need: z.string(),
  }),
  coDeliveredWonDeals: z.number().int(),
  reason: z.string(),
});
export type SkillShare = z.infer<typeof SkillShareSchema>;

export const SkillSharingOfPartnerSchema = z.object({
  partnerId: PartnerIdSchema,
  name: z.string().nullable(),
  /** Suggestions where this partner learns. */
  learnFrom: z.array(SkillShareSchema),
  /** Suggestions where this partner mentors. */
  teach: z.array(SkillShareSchema),
});
export type SkillSharingOfPartner = z.infer<typeof SkillSharingOfPartnerSchema>;

/** The co-delivery network: nodes and edges in the shape d3-force and graphology read (Cytoscape: wrap in `{ data }`). */
export const CoDeliveryGraphSchema = z.object({
  nodes: z.array(
    z.object({
      id: PartnerIdSchema,
      label: z.string(),
      region: z.string().nullable(),
      /** Won deals this partner shared with at least one other partner. */
      coDeliveredWonDeals: z.number().int(),
      /** Distinct partners it shared won deals with. */
      teammates: z.number().int(),
    }),
  ),
  edges: z.array(
    z.object({
      /** `source|target`. */
      id: z.string(),
      source: PartnerIdSchema,
      target: PartnerIdSchema,
      /** Won deals both partners are on. */
      wonDeals: z.number().int(),
      /** The same count, under the name graph libraries read for an edge's weight. */
      weight: z.number().int(),
      /** Sector × technology cells of those deals, most deals first. */
      cells: z.array(z.object({ cell: CellKeySchema, deals: z.number().int() })),
      lastWonDate: IsoDateSchema.nullable(),
    }),
  ),
});
export type CoDeliveryGraph = z.infer<typeof CoDeliveryGraphSchema>;

/** A partner's best complementary partners, for the `suggestedTeammates` write-back result. */
export const TeammateSuggestionSchema = z.object({
  partnerId: PartnerIdSchema,
  teammates: z.array(
    z.object({
      partnerId: PartnerIdSchema,
      name: z.string().nullable(),
      /** Pair cells in the partner's sectors the teammate is proven in and the partner is not. */
      cells: z.array(CellKeySchema),
      /** Sum of the teammate's scores in those cells. */
      score: z.number(),
      coDeliveredWonDeals: z.number().int(),
    }),
  ),
});
export type TeammateSuggestion = z.infer<typeof TeammateSuggestionSchema>;
