/** Schemas of a partner's expertise in one cell: cell keys, the score, its components, figures and evidence. */
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
  /**
   * For `score`: the kinds of evidence that can still raise it, so the advice never asks for what the
   * record already has (a better win rate from a partner that won every deal). `moreWins`: the win rate is
   * perfect but rests on few deals; more of them firm it up.
   */
  levers: z.array(z.enum(['winRate', 'moreWins', 'delivery', 'proof', 'skills'])).optional(),
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

/**
 * A programme team's override in force on the cell (model/programme.ts): `pin` and `hold` set the level,
 * `exclude` removes it. `computedLevel` is what the evidence alone gives, so both are always shown.
 */
export const CellOverrideSchema = z.object({
  kind: z.enum(['pin', 'exclude', 'hold']),
  computedLevel: z.string().nullable(),
  reason: z.string(),
  author: z.string(),
  expiresAt: z.string().nullable(),
});
export type CellOverride = z.infer<typeof CellOverrideSchema>;

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
  /** Present only when an override decided the level (see CellOverrideSchema). */
  override: CellOverrideSchema.optional(),
});
export type CellScore = z.infer<typeof CellScoreSchema>;

/** One cell's score with its full evidence list and what the next level lacks, in words. */
export const CellExplanationSchema = z.object({
  score: CellScoreSchema,
  nextLevel: z.string().nullable(),
});
export type CellExplanation = z.infer<typeof CellExplanationSchema>;
