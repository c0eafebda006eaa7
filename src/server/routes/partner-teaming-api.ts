/** API of the partner page's teaming sections: whom it co-delivered with, its suggested teammates, its skill-sharing suggestions. */
import { z } from 'zod';
import { cellLabel, coDeliveryOf } from '../../engine/index.js';
import { PartnerIdSchema, SkillShareSchema, TeammateSuggestionSchema } from '../../model/index.js';
import type { ApiRoutes } from '../api-routes.js';
import type { ScoresSource } from '../scores-source.js';
import { addPartnerRoute, PartnerParamsSchema } from './partners-api.js';

const TeammateViewSchema = TeammateSuggestionSchema.shape.teammates.element.extend({
  /** The cells' labels, in the order of `cells`. */
  labels: z.array(z.string()),
});

export const PartnerTeamingResponseSchema = z.object({
  partnerId: PartnerIdSchema,
  coDelivery: z.object({
    /** Won deals this partner shared with at least one other partner. */
    coDeliveredWonDeals: z.number().int(),
    /** Partners it shared won deals with, most shared deals first. */
    partners: z.array(
      z.object({ partnerId: PartnerIdSchema, name: z.string().nullable(), wonDeals: z.number().int() }),
    ),
  }),
  /** Complementary partners in its sectors, best first (what the write-back's suggested-teammates field holds). */
  suggestedTeammates: z.array(TeammateViewSchema),
  skillSharing: z.object({
    /** Mentors for its technical-enablement needs. */
    learnFrom: z.array(SkillShareSchema),
    /** Partners it could mentor, subcontract or deliver with. */
    teach: z.array(SkillShareSchema),
  }),
});

export function registerPartnerTeamingApi(api: ApiRoutes, scores: ScoresSource): void {
  addPartnerRoute(api, scores, {
    path: '/api/partners/:id/teaming',
    summary: "One partner's co-delivery counts, suggested teammates and skill-sharing suggestions",
    params: PartnerParamsSchema,
    response: PartnerTeamingResponseSchema,
    handler: async ({ view, partner }) => {
      const { teaming } = view;
      const coDelivery = coDeliveryOf(teaming.coDelivery(), partner.id, [...view.partners.values()]);
      const sharing = teaming.skillSharingOf(partner.id);
      return {
        partnerId: partner.id,
        coDelivery: { coDeliveredWonDeals: coDelivery.coDeliveredWonDeals, partners: coDelivery.teammates },
        suggestedTeammates: (teaming.teammatesOf(partner.id)?.teammates ?? []).map((t) => ({
          ...t,
          labels: t.cells.map((c) => cellLabel(c, view.mappings.taxonomy)),
        })),
        skillSharing: { learnFrom: sharing?.learnFrom ?? [], teach: sharing?.teach ?? [] },
      };
    },
  });
}
