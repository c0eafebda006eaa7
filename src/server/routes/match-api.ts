/** API of the Match page: a sector, technologies and an optional region in; ranked partners and, when no single partner covers every need, ranked teams. */
import { z } from 'zod';
import { cellLabel, matchOpportunity } from '../../engine/index.js';
import { MatchSchema, OpportunityMatchSchema } from '../../model/index.js';
import { type ApiRoutes, listParam } from '../api-routes.js';
import { httpError } from '../http-errors.js';
import type { ScoresSource } from '../scores-source.js';

export const MatchQuerySchema = z.object({
  sector: z.string().trim().min(1).max(100).optional(),
  technologies: listParam.optional().describe('Comma-separated technology keys, or the parameter repeated'),
  region: z.string().trim().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(10),
});

export const MatchResponseSchema = z.object({
  opportunity: z.object({
    sector: z.string().nullable(),
    technologies: z.array(z.string()),
    region: z.string().nullable(),
  }),
  /** The single partners, best first. */
  matches: z.array(MatchSchema),
  /** The needed cells, one per technology (or the sector / technology alone), with their labels. */
  needs: z.array(z.object({ cell: z.string(), label: z.string() })),
  topLevel: OpportunityMatchSchema.shape.topLevel,
  /** One partner holds the top level in every need: then no teams are computed. */
  coveredBySingle: OpportunityMatchSchema.shape.coveredBySingle,
  /** Teams of 2–3 partners whose combined cells cover the needs, best first; [] when one partner covers all. */
  teams: OpportunityMatchSchema.shape.teams,
  regions: z.array(z.string()),
});

export function registerMatchApi(api: ApiRoutes, scores: ScoresSource): void {
  api.add({
    method: 'get',
    path: '/api/match',
    tag: 'match',
    summary:
      'Ranks partners for a customer sector, technologies and optional region, each with its reason, and teams when no single partner covers every need',
    query: MatchQuerySchema,
    response: MatchResponseSchema,
    handler: async ({ query }) => {
      const view = await scores.view();
      const { taxonomy } = view.mappings;
      const technologies = query.technologies ?? [];
      if (query.sector === undefined && technologies.length === 0) {
        throw httpError(400, 'pick a sector or at least one technology', 'sector');
      }
      if (query.sector !== undefined && !taxonomy.sectors.some((s) => s.key === query.sector)) {
        throw httpError(400, `unknown sector "${query.sector}"`, 'sector');
      }
      const unknown = technologies.find((t) => !taxonomy.technologies.some((e) => e.key === t));
      if (unknown !== undefined) throw httpError(400, `unknown technology "${unknown}"`, 'technologies');
      const opportunity = { sector: query.sector ?? null, technologies, region: query.region ?? null };
      const result = matchOpportunity({
        scores: view.scores,
        partners: [...view.partners.values()],
        taxonomy,
        config: view.mappings.scoring,
        opportunity,
        coDelivery: view.teaming.coDelivery(),
        limit: query.limit,
      });
      const regions = [
        ...new Set([...view.partners.values()].flatMap((p) => (p.region ? [p.region] : []))),
      ].sort();
      return {
        opportunity,
        matches: result.partners,
        needs: result.needs.map((cell) => ({ cell, label: cellLabel(cell, taxonomy) })),
        topLevel: result.topLevel,
        coveredBySingle: result.coveredBySingle,
        teams: result.teams,
        regions,
      };
    },
  });
}
