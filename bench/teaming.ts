/** `npm run bench -- teaming`: on the generator's ground truth, how often Atlas's teams cover a multi-technology need with true expertise, against revenue-picked teams; and the nightly suggestTeammates time. */
import { cpus, loadavg } from 'node:os';
import { z } from 'zod';
import { generateEcosystem } from '../devkit/generator/generate-ecosystem.js';
import { SAMPLE_TAXONOMY } from '../devkit/generator/sample-taxonomy.js';
import { judgeTeams, teamOpportunities, topRevenuePerCell } from '../devkit/generator/team-quality.js';
import { scoreEcosystem } from '../src/engine/score-ecosystem.js';
import { indexCoDelivery } from '../src/engine/team-co-delivery.js';
import { fillGaps } from '../src/engine/team-gap-fill.js';
import { matchOpportunity } from '../src/engine/team-match.js';
import { suggestSkillSharing } from '../src/engine/team-skill-sharing.js';
import { suggestTeammates } from '../src/engine/team-suggest.js';
import { DEFAULT_SCORING_CONFIG } from '../src/model/scoring.js';
import { benchOptions } from './bench-options.js';
import type { Benchmark } from './run.js';

const OptionsSchema = z.object({
  partners: z.coerce.number().int().positive().default(20_000),
  dealsPerPartner: z.coerce.number().positive().default(20),
  certificationsPerPartner: z.coerce.number().nonnegative().default(6),
  seed: z.coerce.number().int().default(1),
  now: z.string().default('2025-06-30'),
});

const rate = (hits: number, n: number) => (n === 0 ? null : Math.round((1000 * hits) / n) / 1000);

export const bench: Benchmark = {
  description:
    'ecosystem teaming: for sector + 2–3 technology needs no single partner covers, the share of Atlas teams vs ' +
    'revenue-picked teams (top won revenue per needed cell) with a true expert in every needed cell; ' +
    'time of suggestTeammates, fillGaps and suggestSkillSharing over all partners (default 20k partners)',
  async run(args) {
    const o = benchOptions(args, OptionsSchema);
    const taxonomy = SAMPLE_TAXONOMY;
    const config = DEFAULT_SCORING_CONFIG;
    const rows: Record<string, number | string | null>[] = [];
    const notes: string[] = [];

    let t = performance.now();
    const eco = generateEcosystem({
      partners: o.partners,
      dealsPerPartner: o.dealsPerPartner,
      certifications: Math.round(o.certificationsPerPartner * o.partners),
      seed: o.seed,
      taxonomy,
      now: o.now,
    });
    const run = scoreEcosystem({ ...eco, taxonomy, config, now: o.now });
    rows.push({
      measure: 'generate + score',
      ms: Math.round(performance.now() - t),
      partners: eco.partners.length,
      deals: eco.deals.length,
    });
    /** Runs `work`, and adds a row with its time and the figures `describe` draws from its result. */
    const timed = <T>(measure: string, work: () => T, describe: (result: T) => Record<string, number>): T => {
      const started = performance.now();
      const result = work();
      rows.push({ measure, ms: Math.round(performance.now() - started), ...describe(result) });
      return result;
    };

    const coDelivery = timed(
      'co-delivery index',
      () => indexCoDelivery(eco.deals, new Set(eco.partners.map((p) => p.id))),
      (index) => ({ pairs: index.pairs.size, partnersWithCoDelivery: index.dealsOf.size }),
    );
    const teamInput = { scores: run, partners: eco.partners, taxonomy, config, coDelivery };

    // The timed nightly part: one suggestion list per partner, for the write-back.
    timed(
      'suggestTeammates (all partners)',
      () => suggestTeammates(teamInput),
      (suggestions) => ({
        partners: suggestions.length,
        withTeammates: suggestions.filter((s) => s.teammates.length > 0).length,
      }),
    );
    timed(
      'fillGaps',
      () => fillGaps(teamInput),
      (gaps) => ({ gapCells: gaps.length, withTeams: gaps.filter((g) => g.teams.length > 0).length }),
    );
    timed(
      'suggestSkillSharing',
      () => suggestSkillSharing(teamInput),
      (sharing) => ({
        technicalEnablementNeeds: run.partners.reduce(
          (n, p) => n + p.needs.filter((need) => need.need === 'technical-enablement').length,
          0,
        ),
        partners: sharing.length,
        suggestions: sharing.reduce((n, s) => n + s.learnFrom.length, 0),
      }),
    );

    // Team quality against the ground truth.
    t = performance.now();
    const partnerIndex = new Map<string, number>(eco.truth.partnerIds.map((id, i) => [id, i]));
    const topRevenue = topRevenuePerCell(eco.truth, eco.deals, config.currency.rates);
    const count = {
      evaluated: 0,
      coveredBySingle: 0,
      impossible: 0,
      singleTrueExpert: 0,
      atlasHits: 0,
      revenueHits: 0,
      atlasNoTeam: 0,
      coDeliveredTop: 0,
      matches: 0,
    };
    let matchMs = 0;
    for (const opportunity of teamOpportunities(eco.truth)) {
      const started = performance.now();
      const match = matchOpportunity({ ...teamInput, opportunity: { ...opportunity, region: null } });
      matchMs += performance.now() - started;
      count.matches++;
      if (match.coveredBySingle) {
        count.coveredBySingle++;
        continue;
      }
      const team = match.teams[0];
      const members = team?.members.map((m) => partnerIndex.get(m.partnerId) ?? -1) ?? null;
      const verdict = judgeTeams(eco.truth, topRevenue, opportunity, members);
      if (!verdict) {
        count.impossible++;
        continue;
      }
      count.evaluated++;
      if (verdict.singleTrueExpert) count.singleTrueExpert++;
      if (!team) count.atlasNoTeam++;
      else if (team.coDelivered) count.coDeliveredTop++;
      if (verdict.teamCovers) count.atlasHits++;
      if (verdict.revenueCovers) count.revenueHits++;
    }
    rows.push({
      measure: 'true-expertise cover: Atlas teams',
      rate: rate(count.atlasHits, count.evaluated),
      opportunities: count.evaluated,
      ms: Math.round(performance.now() - t),
      matchOpportunityMeanMs: Math.round(matchMs / Math.max(1, count.matches)),
    });
    rows.push({
      measure: 'true-expertise cover: revenue teams',
      rate: rate(count.revenueHits, count.evaluated),
      opportunities: count.evaluated,
    });
    notes.push(
      `opportunities: every sector × every 2- and 3-technology combination of the ${taxonomy.sectors.length} × ` +
        `${taxonomy.technologies.length} sample taxonomy; ${count.coveredBySingle} left out because one partner holds ` +
        `${config.levels.ladder[0]!.name} in every needed cell, ${count.impossible} because some needed cell has no ` +
        `true expert at all; of the ${count.evaluated} evaluated, ${count.singleTrueExpert} have a single true expert in every ` +
        `cell (whom Atlas's levels do not show), ${count.atlasNoTeam} got no Atlas team, ${count.coDeliveredTop} top teams had ` +
        'already co-delivered',
      'a team covers a need with true expertise when some member has latent expertise ≥ 0.7 in every needed ' +
        'sector × technology cell; Atlas team = the first of matchOpportunity().teams; revenue team = the partner ' +
        'with the most won revenue in each needed cell (deduplicated)',
      `machine: ${cpus().length} cores, load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} (shared)`,
    );
    return { name: 'teaming', rows, notes };
  },
};
