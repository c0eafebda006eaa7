/** API of the Teaming page: the co-delivery network (partners that shared won deals), optionally of one sector / technology. */
import { z } from 'zod';
import { cellLabel } from '../../engine/index.js';
import { CoDeliveryGraphSchema } from '../../model/index.js';
import type { ApiRoutes } from '../api-routes.js';
import { httpError } from '../http-errors.js';
import type { ScoresSource } from '../scores-source.js';

export const NetworkQuerySchema = z.object({
  sector: z.string().trim().min(1).max(100).optional().describe('Only won deals of this sector'),
  technology: z.string().trim().min(1).max(100).optional().describe('Only won deals listing this technology'),
});

export const NetworkResponseSchema = z.object({
  sector: z.string().nullable(),
  technology: z.string().nullable(),
  network: CoDeliveryGraphSchema,
  /** Labels of the cells the edges name. */
  cellLabels: z.record(z.string(), z.string()),
});

export function registerTeamingApi(api: ApiRoutes, scores: ScoresSource): void {
  api.add({
    method: 'get',
    path: '/api/teaming/network',
    tag: 'teaming',
    summary:
      'Partners that co-delivered won deals, as a network (nodes and edges weighted by shared won deals)',
    query: NetworkQuerySchema,
    response: NetworkResponseSchema,
    handler: async ({ query }) => {
      const view = await scores.view();
      const { taxonomy } = view.mappings;
      if (query.sector !== undefined && !taxonomy.sectors.some((s) => s.key === query.sector)) {
        throw httpError(400, `unknown sector "${query.sector}"`, 'sector');
      }
      if (query.technology !== undefined && !taxonomy.technologies.some((t) => t.key === query.technology)) {
        throw httpError(400, `unknown technology "${query.technology}"`, 'technology');
      }
      const network = view.teaming.network({
        ...(query.sector === undefined ? {} : { sector: query.sector }),
        ...(query.technology === undefined ? {} : { technology: query.technology }),
      });
      const cells = new Set(network.edges.flatMap((e) => e.cells.map((c) => c.cell)));
      return {
        sector: query.sector ?? null,
        technology: query.technology ?? null,
        network,
        cellLabels: Object.fromEntries([...cells].map((c) => [c, cellLabel(c, taxonomy)])),
      };
    },
  });
}
