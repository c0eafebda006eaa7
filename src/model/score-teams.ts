/** Schemas of teaming: teams for an opportunity, the co-delivery network and suggested teammates. */
import { z } from 'zod';
import { IsoDateSchema } from './dates.js';
import { PartnerIdSchema } from './partner.js';
import { CellKeySchema } from './score-cell.js';
import { MatchSchema } from './score-match.js';

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
