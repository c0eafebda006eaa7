/** Schemas of a full scoring run as stored: partner scores, priors, diagnostics and the snapshot. */
import { z } from 'zod';
import { PartnerIdSchema } from './partner.js';
import { CellKeySchema, CellScoreSchema } from './score-cell.js';
import { SegmentSchema } from './score-levels.js';
import { EcosystemMapSchema } from './score-map.js';
import { NeedSchema } from './score-needs.js';

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
