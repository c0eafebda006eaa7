/** API of the Ecosystem map: where one more Specialist helps most, the sector × technology heatmap, and the partners of one cell. */
import { z } from 'zod';
import {
  buildEcosystemMap,
  cellLabel,
  levelNames,
  regionNameOf,
  UNKNOWN_REGION,
} from '../../engine/index.js';
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
  /**
   * The regions of partners and customers. Per region the partners holding each level per cell, and per
   * cell the demand of the region's customers and their coverage by the region's partners (capacity ×
   * dealsPerCapacity / demand); cells without any left out.
   */
  regions: z.array(
    z.object({
      region: z.string(),
      partnersByCell: z.record(z.string(), z.record(z.string(), z.number().int())),
      demandByCell: z.record(z.string(), z.number().int()),
      coverageByCell: z.record(z.string(), z.number()),
    }),
  ),
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
    response: MapResponseSchema,
    handler: async () => {
      const view = await scores.view();
      const { taxonomy } = view.mappings;
      return {
        runId: view.run.id,
        scoredAt: view.scores.scoredAt,
        levels: levelNames(view.mappings.scoring),
        sectors: taxonomy.sectors.map((s) => ({ key: s.key, label: s.label })),
        technologies: taxonomy.technologies.map((t) => ({ key: t.key, label: t.label })),
        priorities: view.scores.map.priorities.map((p) => ({ ...p, label: cellLabel(p.cell, taxonomy) })),
        gapThresholds: view.scores.map.gapThresholds,
        cells: view.scores.map.cells.map((c) => ({ ...c, label: cellLabel(c.cell, taxonomy) })),
        regions: mapRegions(view),
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

type View = Awaited<ReturnType<ScoresSource['view']>>;

/**
 * Per region, the partners holding each level per cell: the map's "partners per level" counted over one
 * region's partners (their segments are the cells where they hold a level), for the map's region filter.
 */
function partnersByRegion(view: View, regionName: (region: string | null) => string | null) {
  const byRegion = new Map<string, Record<string, Record<string, number>>>();
  for (const score of view.scores.partners) {
    const region = regionName(view.partners.get(score.partnerId)?.region ?? null);
    if (!region) continue;
    let cells = byRegion.get(region);
    if (!cells) {
      cells = {};
      byRegion.set(region, cells);
    }
    for (const s of score.segments) {
      const levels = cells[s.cell] ?? {};
      levels[s.level] = (levels[s.level] ?? 0) + 1;
      cells[s.cell] = levels;
    }
  }
  return byRegion;
}

/**
 * The map's regions: partners per level per cell, and the demand of each region's customers with its
 * coverage (the engine's region breakdown). Deals and partners of no known region are left out: the
 * filter offers regions people can choose.
 */
function mapRegions(view: View) {
  const regionName = regionNameOf(view.mappings.taxonomy);
  const partners = partnersByRegion(view, regionName);
  const breakdown = buildEcosystemMap(view.scores.core, [...view.partners.values()], {
    byRegion: true,
  }).regions;
  const demand = new Map<
    string,
    { demandByCell: Record<string, number>; coverageByCell: Record<string, number> }
  >();
  for (const r of breakdown) {
    if (r.region === UNKNOWN_REGION || (r.demand === 0 && r.coverage === null)) continue;
    let cells = demand.get(r.region);
    if (!cells) {
      cells = { demandByCell: {}, coverageByCell: {} };
      demand.set(r.region, cells);
    }
    if (r.demand > 0) cells.demandByCell[r.cell] = r.demand;
    if (r.coverage !== null) cells.coverageByCell[r.cell] = r.coverage;
  }
  return [...new Set([...partners.keys(), ...demand.keys()])]
    .sort((a, b) => a.localeCompare(b))
    .map((region) => ({
      region,
      partnersByCell: partners.get(region) ?? {},
      demandByCell: demand.get(region)?.demandByCell ?? {},
      coverageByCell: demand.get(region)?.coverageByCell ?? {},
    }));
}
