/** Schemas of closing gaps: partners and split teams for gap cells, and skill sharing between partners. */
import { z } from 'zod';
import { PartnerIdSchema } from './partner.js';
import { CellKeySchema, CellKindSchema, MissingEvidenceSchema } from './score-cell.js';

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
