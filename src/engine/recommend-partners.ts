/**
 * Recommended partners for open opportunities: the best few partners for each deal's need (its customer's
 * sector, its technologies, its customer's region), with a one-line reason people read in the CRM.
 */
import type { Deal, Match, Partner, PartnerId, ScoringConfig, Taxonomy } from '../model/index.js';
import { cellLabel } from './explain.js';
import { matchPartners } from './match.js';
import type { EcosystemScores } from './score-ecosystem.js';
import { count } from './words.js';

/** One open deal as recommending reads it: its need and the partners already on it. */
export type OpenDeal = Pick<Deal, 'id' | 'sector' | 'technologies' | 'customerRegion' | 'partners'>;

/** One recommended partner of a deal, best first. */
export interface Recommendation {
  partnerId: PartnerId;
  name: string | null;
  /** Best level held in a cell asked for; null when the partner has none there. */
  level: string | null;
  /** 0–100 in whole points (the match score). */
  score: number;
  /** 0–100 in whole percent. */
  confidence: number;
  /** The cell the reason names: the partner's best exact cell, else the adjacent one it is matched on. */
  cell: string;
  wonCustomers: number;
  /** "Specialist · score 86 · 72% confidence · 5 won customers in Healthcare & Life Sciences × Data & AI". */
  reason: string;
}

export interface RecommendInput {
  scores: EcosystemScores;
  partners: readonly Partner[];
  taxonomy: Taxonomy;
  config: ScoringConfig;
  deals: readonly OpenDeal[];
  /** Partners per deal at most. */
  count: number;
  /** Partners that may be recommended (e.g. those with a record in the CRM written to); all when absent. */
  eligible?: (partner: Partner) => boolean;
}

export interface Recommendations {
  /** By deal id: up to `count` partners, best first (empty when the deal has no need or no one fits). */
  byDeal: Map<string, Recommendation[]>;
  /** Distinct needs matched: deals sharing sector, technologies and region share one match. */
  needsMatched: number;
}

/** A deal's need in taxonomy keys only: a value the taxonomy lacks (a record issue already) is no need. */
interface Need {
  sector: string | null;
  technologies: string[];
  region: string | null;
}

function needOf(deal: OpenDeal, taxonomy: Taxonomy): Need {
  const sector = taxonomy.sectors.some((s) => s.key === deal.sector) ? deal.sector : null;
  const technologies = [...new Set(deal.technologies)]
    .filter((t) => taxonomy.technologies.some((e) => e.key === t))
    .sort();
  return { sector, technologies, region: deal.customerRegion ?? null };
}

/** The key deals with the same need share; null when the need names neither sector nor technology. */
function needKey(need: Need): string | null {
  if (need.sector === null && need.technologies.length === 0) return null;
  return [need.sector ?? '', need.technologies.join(','), need.region ?? ''].join('|');
}

/** The cell a match is explained by: its best-scoring exact cell, else its best adjacent one. */
function reasonCell(match: Match): Match['cells'][number] | undefined {
  const best = (exact: boolean) =>
    match.cells.filter((c) => c.exact === exact).sort((a, b) => b.score - a.score)[0];
  return best(true) ?? best(false);
}

/** The reason line of the #17 contract; the level part is left out when the partner holds none there. */
export function recommendationReason(
  facts: Pick<Recommendation, 'level' | 'score' | 'confidence' | 'wonCustomers' | 'cell'>,
  taxonomy: Taxonomy,
): string {
  return [
    ...(facts.level ? [facts.level] : []),
    `score ${facts.score}`,
    `${facts.confidence}% confidence`,
    `${count(facts.wonCustomers, 'won customer', 'won customers')} in ${cellLabel(facts.cell, taxonomy)}`,
  ].join(' · ');
}

const REASON_FIGURES = /score (\d+) · (\d+)% confidence/;

/**
 * A reason line with its score and confidence taken out, and the score: two reasons whose rest is the same
 * differ only by figures that move a little every night as evidence ages.
 */
export function reasonParts(reason: string): { rest: string; score: number | null } {
  const found = REASON_FIGURES.exec(reason);
  return {
    rest: reason.replace(REASON_FIGURES, 'score · confidence'),
    score: found ? Number(found[1]) : null,
  };
}

function toRecommendation(match: Match, input: RecommendInput): Recommendation {
  const used = reasonCell(match);
  const cell = used?.cell ?? '';
  const wonCustomers =
    input.scores.cellsOf(match.partnerId).find((c) => c.cell === cell)?.figures.wonCustomers ?? 0;
  const facts = {
    level: match.level,
    score: Math.round(match.score),
    confidence: Math.round(match.confidence * 100),
    wonCustomers,
    cell,
  };
  return {
    partnerId: match.partnerId,
    name: match.name,
    ...facts,
    reason: recommendationReason(facts, input.taxonomy),
  };
}

/**
 * Up to `count` partners per open deal, best first, never one already on the deal. Each distinct need is
 * matched once (thousands of open deals share a few dozen needs), keeping enough candidates for the deal
 * of that need with the most partners on it.
 *
 * @example
 * recommendPartners({ scores: run, partners, taxonomy, config, deals: openDeals, count: 3 });
 */
export function recommendPartners(input: RecommendInput): Recommendations {
  const groups = new Map<string, { need: Need; deals: OpenDeal[] }>();
  const byDeal = new Map<string, Recommendation[]>();
  for (const deal of input.deals) {
    const need = needOf(deal, input.taxonomy);
    const key = needKey(need);
    if (key === null) {
      byDeal.set(deal.id, []);
      continue;
    }
    const group = groups.get(key);
    if (group) group.deals.push(deal);
    else groups.set(key, { need, deals: [deal] });
  }
  const eligible = input.eligible;
  const partners = eligible ? input.partners.filter((p) => eligible(p)) : input.partners;
  const allowed = new Set<string>(partners.map((p) => p.id));
  for (const { need, deals } of groups.values()) {
    const onDeals = Math.max(...deals.map((d) => d.partners.length));
    const matches = matchPartners({
      scores: input.scores,
      partners,
      taxonomy: input.taxonomy,
      config: input.config,
      opportunity: {
        sector: need.sector,
        technologies: need.technologies,
        ...(need.region ? { region: need.region } : {}),
      },
      limit: Number.MAX_SAFE_INTEGER,
    })
      .filter((m) => allowed.has(m.partnerId))
      .slice(0, input.count + onDeals)
      .map((m) => toRecommendation(m, input));
    for (const deal of deals) {
      const on = new Set<string>(deal.partners.map((p) => p.partnerId));
      byDeal.set(deal.id, matches.filter((m) => !on.has(m.partnerId)).slice(0, input.count));
    }
  }
  return { byDeal, needsMatched: groups.size };
}
