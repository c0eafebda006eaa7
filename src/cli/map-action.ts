/** What `atlas map [--region]` prints: where one more Specialist helps most, the sector × technology matrix coloured by coverage, the top gaps and who could fill them. */
import { buildEcosystemMap, cellLabel, count, fillGaps, regionNameOf } from '../engine/index.js';
import type { CliContext } from './context.js';
import { EXIT } from './exit-codes.js';
import { deals, formatEcosystemMatrix, formatPriorities } from './format-map.js';
import { regionOption } from './map-region.js';
import { withCurrentScores } from './scored-store.js';

export async function showEcosystemMap(
  context: CliContext,
  options: { db?: string; now?: string; region?: string; json?: boolean },
): Promise<void> {
  await withCurrentScores(context, options, ({ model, scores }, mappings) => {
    const region =
      options.region === undefined ? null : regionOption(options.region, mappings.taxonomy, model.partners);
    const map = region === null ? scores.map : buildEcosystemMap(scores.core, model.partners, { region });
    if (options.json) {
      context.out(JSON.stringify(map, null, 2));
      return;
    }
    const top = mappings.scoring.levels.ladder[0]?.name ?? 'Specialist';
    if (region !== null) {
      context.out(`${region}: the demand of ${region} customers, served by ${region} partners.`);
      context.out('');
    }
    for (const line of formatPriorities(map, mappings.taxonomy, top)) context.out(line);
    context.out('');
    for (const line of formatEcosystemMatrix(map, mappings.taxonomy, top, context.isTty)) context.out(line);
    const gaps = map.cells
      .filter((c) => c.kind === 'pair' && c.flags.includes('gap'))
      .sort((a, b) => b.unmetDemand - a.unmetDemand || b.demand - a.demand)
      .slice(0, 5);
    if (gaps.length > 0) {
      context.out('');
      context.out('Top gaps (most unmet demand first), and who could fill them:');
    }
    const fills = new Map(
      fillGaps({
        scores,
        partners: model.partners,
        taxonomy: mappings.taxonomy,
        config: mappings.scoring,
        deals: model.deals,
      }).map((f) => [f.cell, f]),
    );
    // In one region's map, only that region's partners are proposed to fill its gaps.
    const regionName = regionNameOf(mappings.taxonomy);
    const partnerRegion = new Map<string, string | null>(
      model.partners.map((p) => [p.id, regionName(p.region)]),
    );
    const inRegion = (partnerId: string) => region === null || partnerRegion.get(partnerId) === region;
    for (const gap of gaps) {
      context.out(
        `  ${cellLabel(gap.cell, mappings.taxonomy)}: ${deals(gap.unmetDemand)} of ${count(gap.demand, 'deal', 'deals')} unmet, ${count(gap.partnersByLevel[top] ?? 0, top, `${top}s`)}, coverage ${gap.coverage === null ? '—' : `${Math.round(gap.coverage * 100)}%`}`,
      );
      const fill = fills.get(gap.cell);
      for (const candidate of fill?.closest.filter((c) => inRegion(c.partnerId)).slice(0, 2) ?? []) {
        context.out(`      closest: ${candidate.name ?? candidate.partnerId} — ${candidate.summary}`);
      }
      const teams = fill?.teams.filter(
        (t) => inRegion(t.sectorSide.partnerId) && inRegion(t.technologySide.partnerId),
      );
      for (const team of teams?.slice(0, 1) ?? []) context.out(`      team today: ${team.reason}`);
    }
  });
  context.exit(EXIT.ok);
}
