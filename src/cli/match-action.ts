/** What `atlas match --sector --tech [--region]` prints: the partners (and teams) best placed for a customer's need. */
import { count, matchOpportunity } from '../engine/index.js';
import type { CliContext } from './context.js';
import { EXIT } from './exit-codes.js';
import { regionOption } from './map-region.js';
import { withCurrentScores } from './scored-store.js';

export interface MatchOptions {
  sector?: string;
  tech?: string[];
  region?: string;
  limit: string;
  db?: string;
  now?: string;
  json?: boolean;
}

export async function matchPartners(context: CliContext, options: MatchOptions): Promise<void> {
  await withCurrentScores(context, options, ({ model, scores }, mappings) => {
    const result = matchOpportunity({
      scores,
      partners: model.partners,
      taxonomy: mappings.taxonomy,
      config: mappings.scoring,
      deals: model.deals,
      opportunity: {
        sector: options.sector ?? null,
        technologies: options.tech ?? [],
        region:
          options.region === undefined
            ? null
            : regionOption(options.region, mappings.taxonomy, model.partners),
      },
      limit: Number(options.limit),
    });
    if (options.json) {
      context.out(JSON.stringify(result, null, 2));
      return;
    }
    const matches = result.partners;
    if (matches.length === 0) context.out('no partner has evidence for this need');
    else context.out('Partners:');
    for (const m of matches) {
      context.out(
        `${String(m.rank).padStart(2)}. ${m.name ?? m.partnerId} (${m.region ?? 'no region'}) — ${m.score.toFixed(1)}, ${m.level ?? 'no level'}, ${m.tier === 'cell' ? 'proven in the cell' : 'not proven in the cell'}: ${m.reason}`,
      );
    }
    if (result.coveredBySingle) return;
    context.out(
      result.teams.length === 0
        ? `No single partner is a ${result.topLevel} in every need, and no team covers them.`
        : `No single partner is a ${result.topLevel} in every need; teams that cover it together (weakest need first):`,
    );
    for (const team of result.teams) {
      const names = team.members.map((member) => member.name ?? member.partnerId).join(' + ');
      const together = team.coDelivered
        ? `, already won ${count(team.coDeliveredWonDeals, 'deal', 'deals')} together`
        : '';
      context.out(
        `${String(team.rank).padStart(2)}. ${names} — weakest need ${team.weakestScore.toFixed(1)}${team.coversAll ? '' : ' (not every need covered)'}${together}`,
      );
      for (const member of team.members)
        context.out(`      ${member.name ?? member.partnerId}: ${member.reason}`);
    }
  });
  context.exit(EXIT.ok);
}
