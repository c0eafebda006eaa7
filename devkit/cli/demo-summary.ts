/** What `atlas demo` prints: segments found, the ecosystem map led by its priorities, tiers against expertise, partners explained. */

import { formatEcosystemMatrix, formatPriorities } from '../../src/cli/format-map.js';
import {
  cellLabel,
  count,
  describeMissing,
  type EcosystemScores,
  type HeadlineFigures,
  headlineFigures,
  headlineLines,
  holdsTopLevel,
} from '../../src/engine/index.js';
import type { CellScore } from '../../src/model/score-cell.js';
import type { PartnerScore } from '../../src/model/score-snapshot.js';
import type { ScoringConfig } from '../../src/model/scoring.js';
import type { Taxonomy } from '../../src/model/taxonomy.js';
import type { StoredModel } from '../../src/store/index.js';
import type { GroundTruth } from '../generator/generate-ecosystem.js';
import { rankingQuality } from '../generator/ranking-quality.js';
import { revenueTierScores } from '../generator/revenue-baseline.js';

export interface DemoFigures {
  /** The run's headline figures (engine `headlineFigures`), as `atlas run` and `atlas simulate` show them. */
  headline: HeadlineFigures;
  /** Partners scored (`headline.partnersScored`): records of one company count once. */
  partners: number;
  deals: number;
  certifications: number;
  /** `headline.partnersWithSegments`. */
  partnersWithSegments: number;
  tiers: { tier: string; partners: number; withTopLevel: number }[];
  ranking: {
    atlas: { spearman: number; precisionAt10: number };
    revenueTiers: { spearman: number; precisionAt10: number };
  };
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** How well Atlas's cell scores and the revenue-tier ranking each find the partners truly expert in a cell. */
function compareRankings(
  scores: EcosystemScores,
  model: StoredModel,
  truth: GroundTruth,
  config: ScoringConfig,
) {
  const score = new Map<string, number>();
  for (const cell of scores.cells())
    if (cell.kind === 'pair') score.set(`${cell.partnerId}\u0000${cell.cell}`, cell.score);
  const cellKey = (s: number, t: number) => `${truth.sectors[s]}|${truth.technologies[t]}`;
  const atlas = rankingQuality(
    truth,
    (p, s, t) => score.get(`${truth.partnerIds[p]}\u0000${cellKey(s, t)}`) ?? 0,
  );
  const byId = new Map(model.partners.map((p) => [p.id, p]));
  const ordered = truth.partnerIds.flatMap((id) => byId.get(id) ?? []);
  const revenue = revenueTierScores(ordered, model.deals, config.currency.rates);
  const tiers = rankingQuality(truth, (p) => revenue[p] ?? 0);
  return {
    atlas: { spearman: round3(atlas.meanSpearman), precisionAt10: round3(atlas.meanPrecisionAtK) },
    revenueTiers: { spearman: round3(tiers.meanSpearman), precisionAt10: round3(tiers.meanPrecisionAtK) },
  };
}

export function demoFigures(
  scores: EcosystemScores,
  model: StoredModel,
  truth: GroundTruth,
  config: ScoringConfig,
): DemoFigures {
  const headline = headlineFigures(scores, config);
  const topLevel = headline.topLevel;
  // Partners with a top-level segment, by the headline's own definition, per legacy tier.
  const holdsTop = new Set(scores.partners.filter((p) => holdsTopLevel(p, topLevel)).map((p) => p.partnerId));
  // The partners scored, not every stored record: a company's duplicate records count once, as in the headline.
  const scored = new Set(scores.partners.map((p) => p.partnerId));
  const partners = model.partners.filter((p) => scored.has(p.id));
  const tierNames = [...new Set(partners.map((p) => p.legacyTier ?? 'none'))];
  const tiers = tierNames.map((tier) => {
    const members = partners.filter((p) => (p.legacyTier ?? 'none') === tier);
    return { tier, partners: members.length, withTopLevel: members.filter((p) => holdsTop.has(p.id)).length };
  });
  return {
    headline,
    partners: headline.partnersScored,
    deals: model.deals.length,
    certifications: model.certifications.length,
    partnersWithSegments: headline.partnersWithSegments,
    tiers,
    ranking: compareRankings(scores, model, truth, config),
  };
}

function explainPartner(
  title: string,
  partner: PartnerScore,
  cells: CellScore[],
  name: string,
  tier: string | null,
  taxonomy: Taxonomy,
): string[] {
  const lines = [`  ${title}: ${name} (legacy tier ${tier ?? 'none'})`];
  const primary = partner.primarySegment;
  lines.push(`    primary segment: ${primary ? primary.label : 'none yet'}`);
  const focus =
    cells.find((c) => c.cell === primary?.cell) ?? [...cells].sort((a, b) => b.score - a.score)[0];
  if (focus) {
    const f = focus.figures;
    lines.push(
      `    ${cellLabel(focus.cell, taxonomy)}: score ${focus.score} (confidence ${focus.confidence}), ` +
        `${count(f.wonCustomers, 'won customer', 'won customers')}, ${count(f.certifiedPeople, 'certified person', 'certified people')}, win rate ${f.winRate ?? 'n/a'}`,
    );
    for (const item of focus.top.slice(0, 3)) {
      lines.push(
        `      + ${item.points} pts ${item.kind} ${item.source.object} ${item.source.id} (${item.date ?? 'no date'})`,
      );
    }
    if (focus.next) lines.push(`    next: ${describeMissing(focus.next, focus.cell, taxonomy)}`);
  }
  for (const need of partner.needs.slice(0, 2)) lines.push(`    needs ${need.need}: ${need.summary}`);
  return lines;
}

/** The printed summary. */
export function formatDemoSummary(
  figures: DemoFigures,
  scores: EcosystemScores,
  model: StoredModel,
  taxonomy: Taxonomy,
  config: ScoringConfig,
  tty: boolean,
): string[] {
  const topLevel = config.levels.ladder[0]?.name ?? '';
  const lines: string[] = [];
  lines.push(
    `Ecosystem: ${count(figures.deals, 'deal', 'deals')}, ${count(figures.certifications, 'certification', 'certifications')}`,
    ...headlineLines(figures.headline).map((l) => `  ${l}`),
    '',
    'Ecosystem map',
    ...formatPriorities(scores.map, taxonomy, topLevel),
    '',
    ...formatEcosystemMatrix(scores.map, taxonomy, topLevel, tty),
    '',
    `Revenue tiers against expertise (partners with a ${topLevel} segment)`,
    ...figures.tiers.map(
      (t) =>
        `  ${t.tier.padEnd(9)} ${count(t.partners, 'partner', 'partners', (n) => String(n).padStart(4))}, ${count(t.withTopLevel, `with a ${topLevel} segment`, `with a ${topLevel} segment`)}`,
    ),
    `  finding the truly expert partners per cell (Spearman ρ / precision of the top 10):`,
    `    Partner Atlas  ${figures.ranking.atlas.spearman} / ${figures.ranking.atlas.precisionAt10}`,
    `    revenue tiers  ${figures.ranking.revenueTiers.spearman} / ${figures.ranking.revenueTiers.precisionAt10}`,
    '',
    'Partners explained',
  );
  const byId = new Map(model.partners.map((p) => [p.id, p]));
  const lowTier = new Set(['bronze', 'silver', 'none']);
  const specialistSmall = scores.partners.find(
    (p) =>
      p.primarySegment?.level === topLevel &&
      lowTier.has((byId.get(p.partnerId)?.legacyTier ?? 'none').toLowerCase()),
  );
  const bigGeneralist = scores.partners.find(
    (p) =>
      !p.segments.some((s) => s.level === topLevel) &&
      ['gold', 'platinum'].includes((byId.get(p.partnerId)?.legacyTier ?? '').toLowerCase()),
  );
  const enablement = scores.partners.find((p) => p.needs.some((n) => n.need === 'technical-enablement'));
  const examples: [string, PartnerScore | undefined][] = [
    [`a small ${topLevel}`, specialistSmall],
    [`a large partner with no ${topLevel} segment`, bigGeneralist],
    ['a partner that needs technical enablement', enablement],
  ];
  for (const [title, partner] of examples) {
    if (!partner) continue;
    const record = byId.get(partner.partnerId);
    lines.push(
      ...explainPartner(
        title,
        partner,
        scores.cellsOf(partner.partnerId),
        record?.name ?? partner.partnerId,
        record?.legacyTier ?? null,
        taxonomy,
      ),
    );
  }
  return lines;
}
