/** API of the optional Teaming view: the co-delivery network, when a teaming engine is wired in. */
import { z } from 'zod';
import type { ApiRoutes } from '../api-routes.js';
import type { TeamingViews } from '../deps.js';

export function registerTeamingApi(api: ApiRoutes, teaming: TeamingViews): void {
  api.add({
    method: 'get',
    path: '/api/teaming/network',
    tag: 'teaming',
    summary: 'Partners that co-deliver, as a network (nodes and weighted edges)',
    query: z.object({
      sector: z.string().trim().min(1).max(100).optional(),
      technology: z.string().trim().min(1).max(100).optional(),
    }),
    response: z.unknown(),
    handler: async ({ query }) => ({
      network: await teaming.network({
        ...(query.sector ? { sector: query.sector } : {}),
        ...(query.technology ? { technology: query.technology } : {}),
      }),
    }),
  });
}
