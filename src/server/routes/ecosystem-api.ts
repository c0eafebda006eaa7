/** API of the Ecosystem map: where one more Specialist helps most, the sector × technology heatmap, and the partners of one cell. */
import { z } from 'zod';
import { buildEcosystemMap, cellLabel, knownRegions, levelNames, regionNameOf } from '../../engine/index.js';
import {
  CellKeySchema,
  EcosystemCellSchema,
  GapFillSchema,
  GapThresholdsSchema,
  MapPrioritySchema,
} from '../../model/index.js';
import type { ApiRoutes } from '../api-routes.js';
import { httpError } from '../http-errors.js';
import type { ScoresSource } from '../scores-source.js';

const TaxonomyEntryViewSchema = z.object({ key: z.string(), label: z.string() });

export const MapResponseSchema = z.object({
  runId: z.string(),
  scoredAt: z.string(),
  /** Level names, highest first. */
  levels: z.array(z.string()),
  sectors: z.array(TaxonomyEntryViewSchema),
  technologies: z.array(TaxonomyEntryViewSchema),
  /** The sector × technology cells where one more Specialist would serve the most unmet demand (at most 10), most first. */
  priorities: z.array(MapPrioritySchema.extend({ label: z.string() })),
  /** The unmet demand that makes a gap, per kind of cell. */
  gapThresholds: GapThresholdsSchema.nullable(),
  cells: z.array(EcosystemCellSchema.extend({ label: z.string() })),
  /** The regions one can choose (taxonomy regions, then partners' own), for the region filter. */
  regions: z.array(z.string()),
  /**
   * The region this map is of (`?region=`), or null for the whole ecosystem. A region's map is the one
   * `atlas map --region` prints: the demand of the region's customers, served by the region's partners,
   * with its own gaps and priorities.
   */
  region: z.string().nullable(),
});

export const CellPartnerSchema = z.object({
  rank: z.number().int(),
  partnerId: z.string(),
  name: z.string(),
  country: z.string().nullable(),
  region: z.string().nullable(),
  score: z.number(),
  confidence: z.number(),
  level: z.string().nullable(),
});

export const CellResponseSchema = z.object({
  cell: z.string(),
  label: z.string(),
  summary: EcosystemCellSchema,
  partners: z.array(CellPartnerSchema),
  /** For a cell flagged `gap`: the partners closest to the top level (and what each lacks), and split teams that could cover it today. */
  gapFill: GapFillSchema.nullable(),
});

export function registerEcosystemApi(api: ApiRoutes, scores: ScoresSource): void {
  api.add({
    method: 'get',
    path: '/api/map',
    tag: 'ecosystem',
    summary:
      'The ecosystem map: where one more Specialist would serve the most unmet demand, then every cell with partners per level, demand, unmet demand, coverage and flags',
    query: z.object({ region: z.string().min(1).max(100).optional() }),
    response: MapResponseSchema,
    handler: async ({ query }) => {
      const view = await scores.view();
      const { taxonomy } = view.mappings;
      const partners = [...view.partners.values()];
      const regions = knownRegions(taxonomy, partners);
      const region = query.region === undefined ? null : regionNameOf(taxonomy)(query.region);
      if (query.region !== undefined && (region === null || !regions.includes(region))) {
        throw httpError(
          400,
          `no region "${query.region}": use one of ${regions.join(', ') || '(none: no partner has a region)'}`,
          'region',
        );
      }
      const map =
        region === null ? view.scores.map : buildEcosystemMap(view.scores.core, partners, { region });
      return {
        runId: view.run.id,
        scoredAt: view.scores.scoredAt,
        levels: levelNames(view.mappings.scoring),
        sectors: taxonomy.sectors.map((s) => ({ key: s.key, label: s.label })),
        technologies: taxonomy.technologies.map((t) => ({ key: t.key, label: t.label })),
        priorities: map.priorities.map((p) => ({ ...p, label: cellLabel(p.cell, taxonomy) })),
        gapThresholds: map.gapThresholds,
        cells: map.cells.map((c) => ({ ...c, label: cellLabel(c.cell, taxonomy) })),
        regions,
        region,
      };
    },
  });

  api.add({
    method: 'get',
    path: '/api/map/cells/:cell',
    tag: 'ecosystem',
    summary:
      "One cell's figures, its partners ranked by level, then score, and for a gap cell how to fill it",
    params: z.object({ cell: CellKeySchema }),
    query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }),
    response: CellResponseSchema,
    handler: async ({ params, query }) => {
      const view = await scores.view();
      const summary = view.scores.map.cells.find((c) => c.cell === params.cell);
      if (!summary) throw httpError(404, `no cell ${params.cell} in the taxonomy`, 'cell');
      const rank = new Map(levelNames(view.mappings.scoring).map((name, i) => [name, i]));
      const levelRank = (level: string | null) =>
        level === null ? rank.size : (rank.get(level) ?? rank.size);
      const partners = view
        .allCells()
        .filter((c) => c.cell === params.cell)
        .sort(
          (a, b) =>
            levelRank(a.level) - levelRank(b.level) || b.score - a.score || b.confidence - a.confidence,
        )
        .slice(0, query.limit)
        .map((c, i) => {
          const partner = view.partners.get(c.partnerId);
          return {
            rank: i + 1,
            partnerId: c.partnerId,
            name: partner?.name ?? c.partnerId,
            country: partner?.country ?? null,
            region: partner?.region ?? null,
            score: c.score,
            confidence: c.confidence,
            level: c.level,
          };
        });
      return {
        cell: params.cell,
        label: cellLabel(params.cell, view.mappings.taxonomy),
        summary,
        partners,
        gapFill: view.teaming.gapFillOf(params.cell) ?? null,
      };
    },
  });
}
