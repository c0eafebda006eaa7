import { describe, expect, it } from 'vitest';
import { generateEcosystem } from '../../devkit/generator/generate-ecosystem.js';
import { SAMPLE_TAXONOMY } from '../../devkit/generator/sample-taxonomy.js';
import {
  coversWithTrueExpertise,
  revenueTeam,
  teamOpportunities,
  topRevenuePerCell,
  trueCoverPossible,
} from '../../devkit/generator/team-quality.js';
import { DEFAULT_SCORING_CONFIG } from '../model/scoring.js';
import { scoreEcosystem } from './score-ecosystem.js';
import { indexCoDelivery } from './team-co-delivery.js';
import { coveredBySinglePartner, matchTeams } from './team-match.js';

/**
 * Teaming's reason to exist, as a test: for customer needs (a sector and two or three technologies) that
 * no single partner covers at the top level, Atlas's best team must have a true expert in every needed
 * cell far more often than the team a revenue programme would staff (the top-revenue partner of each cell).
 */
describe('Atlas teams versus revenue teams on ground truth', () => {
  for (const seed of [7, 8]) {
    it(`covers needs with true expertise more often than revenue-picked teams (seed ${seed})`, () => {
      const now = '2025-06-30';
      const taxonomy = SAMPLE_TAXONOMY;
      const config = DEFAULT_SCORING_CONFIG;
      const eco = generateEcosystem({
        partners: 3000,
        dealsPerPartner: 20,
        certifications: 15_000,
        seed,
        taxonomy,
        now,
      });
      const run = scoreEcosystem({ ...eco, taxonomy, config, now });
      const coDelivery = indexCoDelivery(eco.deals);
      const partnerIndex = new Map<string, number>(eco.truth.partnerIds.map((id, i) => [id, i]));
      const topRevenue = topRevenuePerCell(eco.truth, eco.deals, config.currency.rates);
      let evaluated = 0;
      let atlas = 0;
      let revenue = 0;
      for (const opportunity of teamOpportunities(eco.truth)) {
        if (!trueCoverPossible(eco.truth, opportunity)) continue;
        const input = { scores: run, partners: eco.partners, taxonomy, config, coDelivery, opportunity };
        if (coveredBySinglePartner(input)) continue;
        evaluated++;
        const team = matchTeams(input)[0]?.members.map((m) => partnerIndex.get(m.partnerId) ?? -1) ?? [];
        if (coversWithTrueExpertise(eco.truth, team, opportunity)) atlas++;
        if (coversWithTrueExpertise(eco.truth, revenueTeam(eco.truth, topRevenue, opportunity), opportunity))
          revenue++;
      }
      expect(evaluated).toBeGreaterThan(100);
      expect(atlas / evaluated).toBeGreaterThan(0.55);
      expect(atlas / evaluated).toBeGreaterThan(revenue / evaluated + 0.2);
    });
  }
});
