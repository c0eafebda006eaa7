import { describe, expect, it } from 'vitest';
import { generateEcosystem } from '../../devkit/generator/generate-ecosystem.js';
import { rankingQualityOfRows } from '../../devkit/generator/ranking-quality.js';
import { revenueTierScores } from '../../devkit/generator/revenue-baseline.js';
import { SAMPLE_TAXONOMY } from '../../devkit/generator/sample-taxonomy.js';
import { DEFAULT_SCORING_CONFIG } from '../model/scoring.js';
import { computeScores } from './score-core.js';

/**
 * The product's reason to exist, as a test: on a synthetic ecosystem where size and expertise are
 * independent (as in life), the engine's per-cell ranking must track the hidden expertise far better than
 * ranking by revenue tier does. Fails if the engine stops beating revenue by a wide margin.
 */
describe('engine versus revenue tiers on ground truth', () => {
  for (const seed of [7, 8]) {
    it(`finds real expertise far better than revenue tiers (seed ${seed})`, () => {
      const now = '2025-06-30';
      const eco = generateEcosystem({
        partners: 3000,
        dealsPerPartner: 20,
        certifications: 15_000,
        seed,
        taxonomy: SAMPLE_TAXONOMY,
        now,
      });
      const core = computeScores({ ...eco, taxonomy: SAMPLE_TAXONOMY, config: DEFAULT_SCORING_CONFIG, now });
      const engine = rankingQualityOfRows(eco.truth, {
        count: core.table.rows,
        partner: core.table.partner,
        cell: core.table.cell,
        score: core.score,
      });
      const tiers = revenueTierScores(eco.partners, eco.deals, DEFAULT_SCORING_CONFIG.currency.rates);
      const revenue = rankingQualityOfRows(eco.truth, {
        count: eco.partners.length * 30,
        partner: Int32Array.from({ length: eco.partners.length * 30 }, (_, i) => Math.floor(i / 30)),
        cell: Int32Array.from({ length: eco.partners.length * 30 }, (_, i) => i % 30),
        score: Float64Array.from({ length: eco.partners.length * 30 }, (_, i) => tiers[Math.floor(i / 30)]!),
      });
      // Revenue tiers know nothing of expertise: about no correlation, almost no true expert in their top 10.
      expect(revenue.meanSpearman).toBeLessThan(0.1);
      expect(revenue.meanPrecisionAtK).toBeLessThan(0.15);
      // The engine: a wide margin on both measures, in every cell.
      expect(engine.meanSpearman).toBeGreaterThan(revenue.meanSpearman + 0.12);
      expect(engine.meanPrecisionAtK).toBeGreaterThan(0.6);
      expect(engine.meanPrecisionAtK).toBeGreaterThan(revenue.meanPrecisionAtK + 0.5);
      for (const cell of engine.cells) expect(cell.spearman).toBeGreaterThan(0.1);
    });
  }
});
