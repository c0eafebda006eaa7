/** API of the Partners list and the partner page: filters, scores per cell with evidence links, needs, history. */
import { z } from 'zod';
import {
  cellLabel,
  describeMissing,
  explainCell,
  optionInWords,
  partnerBenefits,
} from '../../engine/index.js';
import { PartnerBenefitSchema } from '../../model/benefits.js';
import {
  CellKeySchema,
  type CellScore,
  CellScoreSchema,
  NeedKindSchema,
  NeedSchema,
  type Partner,
  PartnerIdSchema,
  PartnerSchema,
  SegmentSchema,
} from '../../model/index.js';
import type { Store } from '../../store/index.js';
import { NEED_LABELS } from '../../writeback/index.js';
import type { ApiRoutes, RouteSpec } from '../api-routes.js';
import { crmRecordUrl } from '../crm-links.js';
import type { CrmLinkSettings } from '../deps.js';
import { httpError } from '../http-errors.js';
import type { ScoredView, ScoresSource } from '../scores-source.js';

const filterText = z.string().trim().max(200).optional();

export const PartnersQuerySchema = z.object({
  q: filterText.describe('Matches name, domain or id, case-insensitively'),
  segment: CellKeySchema.optional().describe('Holds a level in exactly this cell'),
  level: filterText.describe('Holds this level in some cell (in the sector / technology, when given)'),
  need: NeedKindSchema.optional(),
  sector: filterText.describe('Holds a segment in this sector'),
  technology: filterText.describe('Holds a segment in this technology'),
  country: filterText,
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

const PartnerRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  domain: z.string().nullable(),
  country: z.string().nullable(),
  region: z.string().nullable(),
  partnerType: z.string().nullable(),
  legacyTier: z.string().nullable(),
  topScore: z.number(),
  primarySegment: SegmentSchema.nullable(),
  segments: z.array(SegmentSchema),
  needs: z.array(NeedKindSchema),
});

export const PartnersResponseSchema = z.object({
  total: z.number().int(),
  partners: z.array(PartnerRowSchema),
  facets: z.object({
    levels: z.array(z.string()),
    needs: z.array(z.object({ key: NeedKindSchema, label: z.string() })),
    sectors: z.array(z.object({ key: z.string(), label: z.string() })),
    technologies: z.array(z.object({ key: z.string(), label: z.string() })),
    countries: z.array(z.string()),
    regions: z.array(z.string()),
  }),
});

const LinkedEvidenceSchema = z.object({
  kind: z.enum(['won-deal', 'certification']),
  system: z.string(),
  object: z.string(),
  id: z.string(),
  points: z.number(),
  date: z.string().nullable(),
  /** The CRM record page, when the instance URL / portal id is configured. */
  url: z.string().nullable(),
});

const CellViewSchema = CellScoreSchema.omit({ top: true }).extend({
  label: z.string(),
  evidence: z.array(LinkedEvidenceSchema),
  /** What the next level lacks, in words; null at the top level. */
  nextLevel: z.string().nullable(),
});

export const PartnerResponseSchema = z.object({
  partner: PartnerSchema.extend({
    sourceRefs: z.array(
      z.object({ system: z.string(), object: z.string(), id: z.string(), url: z.string().nullable() }),
    ),
  }),
  scoredAt: z.string(),
  primarySegment: SegmentSchema.nullable(),
  segments: z.array(SegmentSchema),
  needs: z.array(NeedSchema.extend({ label: z.string() })),
  cells: z.array(CellViewSchema),
  /** What the partner's levels earn it (mappings/benefits.yaml), in file order; empty without benefits. */
  benefits: z.array(PartnerBenefitSchema),
});

export const HistoryResponseSchema = z.object({
  series: z.array(
    z.object({
      cell: z.string(),
      label: z.string(),
      points: z.array(
        z.object({ runId: z.string(), at: z.string(), score: z.number(), level: z.string().nullable() }),
      ),
    }),
  ),
});

function cellOf(sector: string | null, technology: string | null): string {
  return `${sector ?? '*'}|${technology ?? '*'}`;
}

function cellView(view: ScoredView, cell: CellScore, links: CrmLinkSettings | undefined) {
  const { top, ...rest } = cell;
  return {
    ...rest,
    label: cellLabel(cell.cell, view.mappings.taxonomy),
    evidence: top.map((item) => ({
      kind: item.kind,
      system: item.source.system,
      object: item.source.object,
      id: item.source.id,
      points: item.points,
      date: item.date,
      url: crmRecordUrl(item.source, links),
    })),
    nextLevel: cell.next ? describeMissing(cell.next, cell.cell, view.mappings.taxonomy) : null,
  };
}

/** The partner of `id`, following a merge (the id of a CRM record joined into another partner). */
export function requirePartner(view: ScoredView, id: string) {
  const current = view.merged.get(id) ?? id;
  const partner = view.partners.get(current);
  const score = view.scores.partners.find((p) => p.partnerId === current);
  if (!partner || !score) throw httpError(404, `no partner ${id}`, 'id');
  return { partner, score };
}

export const PartnerParamsSchema = z.object({ id: PartnerIdSchema });

/** What a route about one partner gets: the scored view, the partner (after merges) and its score. */
export type PartnerFound = { view: ScoredView } & ReturnType<typeof requirePartner>;

/**
 * Declares a GET route about the partner of `:id` (tag `partners`): the handler is called with the
 * partner already found (404 when there is none), then with the parsed params and query.
 */
export function addPartnerRoute<P extends z.ZodType<{ id: string }>, Q extends z.ZodType = z.ZodObject>(
  api: ApiRoutes,
  scores: ScoresSource,
  spec: Omit<RouteSpec<P, Q, z.ZodUnknown>, 'method' | 'tag' | 'handler' | 'body'> & {
    params: P;
    handler: (found: PartnerFound, input: { params: z.infer<P>; query: z.infer<Q> }) => Promise<unknown>;
  },
): void {
  api.add<P, Q>({
    ...spec,
    method: 'get',
    tag: 'partners',
    handler: async ({ params, query }) => {
      const view = await scores.view();
      return spec.handler({ view, ...requirePartner(view, params.id) }, { params, query });
    },
  });
}

export function registerPartnersApi(
  api: ApiRoutes,
  scores: ScoresSource,
  store: Store,
  links: CrmLinkSettings | undefined,
): void {
  api.add({
    method: 'get',
    path: '/api/partners',
    tag: 'partners',
    summary: 'Partners with their segments and needs, searched and filtered',
    query: PartnersQuerySchema,
    response: PartnersResponseSchema,
    handler: async ({ query }) => listPartners(await scores.view(), query),
  });

  addPartnerRoute(api, scores, {
    path: '/api/partners/:id',
    summary: 'One partner: scores per cell with their evidence (linked to the CRM), next level, needs',
    params: PartnerParamsSchema,
    response: PartnerResponseSchema,
    handler: async ({ view, partner, score }) => {
      const id = partner.id;
      return {
        partner: {
          ...partner,
          sourceRefs: partner.sourceRefs.map((r) => ({ ...r, url: crmRecordUrl(r, links) })),
        },
        scoredAt: view.scores.scoredAt,
        primarySegment: score.primarySegment,
        segments: score.segments,
        needs: score.needs.map((n) => ({ ...n, label: NEED_LABELS[n.need] })),
        cells: view.scores
          .cellsOf(id)
          .sort((a, b) => b.score - a.score)
          .map((c) => cellView(view, c, links)),
        benefits: partnerBenefits(
          view.mappings.benefits,
          score.segments,
          view.mappings.scoring.levels.ladder,
        ),
      };
    },
  });

  addPartnerRoute(api, scores, {
    path: '/api/partners/:id/cells/:cell',
    summary: "One partner's score in one cell with its full evidence list",
    params: PartnerParamsSchema.extend({ cell: CellKeySchema }),
    response: CellViewSchema,
    handler: async ({ view, partner }, { params }) => {
      const explained = explainCell(view.scores, partner.id, params.cell);
      if (!explained) throw httpError(404, `partner ${partner.id} has no evidence in ${params.cell}`, 'cell');
      return cellView(view, explained.score, links);
    },
  });

  addPartnerRoute(api, scores, {
    path: '/api/partners/:id/history',
    summary: "A partner's scores across runs, per cell (its best cells, or the one asked for)",
    params: PartnerParamsSchema,
    query: z.object({
      cell: CellKeySchema.optional(),
      cells: z.coerce.number().int().min(1).max(10).default(5).describe('How many of its best cells'),
    }),
    response: HistoryResponseSchema,
    handler: async ({ view, partner }, { query }) => {
      const wanted = query.cell
        ? [query.cell]
        : view.scores
            .cellsOf(partner.id)
            .sort((a, b) => b.score - a.score)
            .slice(0, query.cells)
            .map((c) => c.cell);
      const points = await store.scoreHistory(partner.id);
      return {
        series: wanted.map((cell) => ({
          cell,
          label: cellLabel(cell, view.mappings.taxonomy),
          points: points
            .filter((p) => cellOf(p.sector, p.technology) === cell)
            .map((p) => ({ runId: p.runId, at: p.runStartedAt, score: p.score, level: p.level })),
        })),
      };
    },
  });
}

/** The partners list: filtered, sorted by top score, one page of it, and the facets to filter by. */
function listPartners(view: ScoredView, query: z.infer<typeof PartnersQuerySchema>) {
  const { taxonomy } = view.mappings;
  const q = query.q?.toLowerCase();
  const inAxes = (cell: string) => {
    const [sector, technology] = cell.split('|');
    return (
      (!query.sector || sector === query.sector) && (!query.technology || technology === query.technology)
    );
  };
  const rows = view.scores.partners.flatMap((score) => {
    const partner = view.partners.get(score.partnerId);
    if (!partner) return [];
    if (q && ![partner.name, partner.domain ?? '', partner.id].some((t) => t.toLowerCase().includes(q)))
      return [];
    if (query.country && (partner.country ?? '').toLowerCase() !== query.country.toLowerCase()) return [];
    if (query.need && !score.needs.some((n) => n.need === query.need)) return [];
    if (query.segment && !score.segments.some((s) => s.cell === query.segment)) return [];
    if (
      (query.sector || query.technology || query.level) &&
      !score.segments.some((s) => inAxes(s.cell) && (!query.level || s.level === query.level))
    )
      return [];
    return [
      {
        id: partner.id,
        name: partner.name,
        domain: partner.domain,
        country: partner.country,
        region: partner.region,
        partnerType: partner.partnerType === null ? null : optionInWords(partner.partnerType),
        legacyTier: partner.legacyTier,
        topScore: score.topScore,
        primarySegment: score.primarySegment,
        segments: score.segments,
        needs: [...new Set(score.needs.map((n) => n.need))],
      },
    ];
  });
  rows.sort((a, b) => b.topScore - a.topScore || a.name.localeCompare(b.name));
  const distinct = (pick: (p: Partner) => string | null) =>
    [...new Set([...view.partners.values()].flatMap((p) => pick(p) ?? []))].sort();
  return {
    total: rows.length,
    partners: rows.slice(query.offset, query.offset + query.limit),
    facets: {
      levels: view.mappings.scoring.levels.ladder.map((l) => l.name),
      needs: NeedKindSchema.options.map((key) => ({ key, label: NEED_LABELS[key] })),
      sectors: taxonomy.sectors.map((s) => ({ key: s.key, label: s.label })),
      technologies: taxonomy.technologies.map((t) => ({ key: t.key, label: t.label })),
      countries: distinct((p) => p.country),
      regions: distinct((p) => p.region),
    },
  };
}
