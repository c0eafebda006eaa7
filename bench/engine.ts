import { cpus, loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { z } from 'zod';
import { generateEcosystem } from '../devkit/generator/generate-ecosystem.js';
import { type RankingQuality, rankingQualityOfRows } from '../devkit/generator/ranking-quality.js';
import { revenueTierScores } from '../devkit/generator/revenue-baseline.js';
import { computeScores } from '../src/engine/score-core.js';
import { resultOf } from '../src/engine/score-ecosystem.js';
import { DEFAULT_SCORING_CONFIG } from '../src/model/scoring.js';
import { benchOptions } from './bench-options.js';
import { loadTaxonomy } from './bench-taxonomy.js';
import type { Benchmark } from './run.js';

const OptionsSchema = z.object({
  partners: z.coerce.number().int().positive().default(100_000),
  deals: z.coerce.number().int().nonnegative().default(2_000_000),
  certifications: z.coerce.number().int().nonnegative().default(500_000),
  seed: z.coerce.number().int().default(1),
  now: z.string().default('2025-06-30'),
  /** Materialise every cell score (as a store would stream them), timed separately. */
  stream: z.enum(['yes', 'no']).default('yes'),
  /** Compare with ground truth and revenue tiers (slow at full size: minutes of sorting are avoided by sampling). */
  quality: z.enum(['yes', 'no']).default('yes'),
});

const mb = (bytes: number) => Math.round(bytes / 1e6);

/** A full garbage collection, through V8's flag when the process was not started with --expose-gc. */
function settleHeap(): void {
  setFlagsFromString('--expose-gc');
  const gc: unknown = runInNewContext('gc');
  if (typeof gc === 'function') gc();
}
const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

function qualityRow(name: string, all: RankingQuality, evidence: RankingQuality) {
  return {
    measure: `ranking: ${name}`,
    spearman: Math.round(all.meanSpearman * 1000) / 1000,
    spearmanWithEvidence: Math.round(evidence.meanSpearman * 1000) / 1000,
    precisionAt10: Math.round(all.meanPrecisionAtK * 1000) / 1000,
  };
}

export const bench: Benchmark = {
  description:
    'segmentation engine: score a synthetic ecosystem (default 100k partners, 2M deals, 500k certifications), time and peak memory, then Spearman ρ and precision@10 against ground truth for the engine and for revenue tiers',
  async run(args) {
    const o = benchOptions(args, OptionsSchema);
    const { taxonomy, source } = loadTaxonomy();
    const rows: Record<string, number | string | null>[] = [];
    const notes: string[] = [];

    let t = performance.now();
    const eco = generateEcosystem({
      partners: o.partners,
      deals: o.deals,
      certifications: o.certifications,
      seed: o.seed,
      taxonomy,
      now: o.now,
    });
    rows.push({
      measure: 'generate ecosystem',
      ms: Math.round(performance.now() - t),
      peakRssMb: peakRssMb(),
    });
    // Collect the generator's garbage before the clock starts, so the timing is the engine's own work
    // (a scheduler process would load the model from the store first, with its own garbage).
    settleHeap();

    // The timed part: everything scoreEcosystem does (evidence, priors, scores, levels, segments, needs, map).
    t = performance.now();
    const cpu = process.cpuUsage();
    const core = computeScores({ ...eco, taxonomy, config: DEFAULT_SCORING_CONFIG, now: o.now });
    const scoredMs = performance.now() - t;
    const result = resultOf(core);
    const totalMs = performance.now() - t;
    const cpuMs = (process.cpuUsage(cpu).user + process.cpuUsage(cpu).system) / 1000;
    const memory = process.memoryUsage();
    rows.push({
      measure: 'score ecosystem',
      ms: Math.round(totalMs),
      scoresMs: Math.round(scoredMs),
      cpuMs: Math.round(cpuMs),
      partners: eco.partners.length,
      deals: eco.deals.length,
      certifications: eco.certifications.length,
      cells: result.cellCount,
      peakRssMb: peakRssMb(),
      heapMb: mb(memory.heapUsed),
      externalMb: mb(memory.external + memory.arrayBuffers),
    });
    const segments = result.partners.reduce((n, p) => n + p.segments.length, 0);
    const needs = result.partners.reduce((n, p) => n + p.needs.length, 0);
    notes.push(
      `taxonomy: ${source} (${taxonomy.sectors.length} sectors × ${taxonomy.technologies.length} technologies); ` +
        `${segments} segments, ${needs} needs, ${result.map.cells.filter((c) => c.flags.length > 0).length} flagged map cells`,
    );

    if (o.stream === 'yes') {
      t = performance.now();
      let count = 0;
      let items = 0;
      for (const cell of result.cells()) {
        count++;
        items += cell.top.length;
      }
      rows.push({
        measure: 'stream all cell scores',
        ms: Math.round(performance.now() - t),
        cells: count,
        evidenceItems: items,
        peakRssMb: peakRssMb(),
      });
    }

    if (o.quality === 'yes') {
      t = performance.now();
      const P = eco.partners.length;
      const pairs = taxonomy.sectors.length * taxonomy.technologies.length;
      const engineRows = {
        count: core.table.rows,
        partner: core.table.partner,
        cell: core.table.cell,
        score: core.score,
      };
      // Partners with evidence in a cell: the ones the engine can rank there at all.
      const withEvidence = { ...engineRows, score: Float64Array.from(core.score, (s) => s + 1) };
      const engineAll = rankingQualityOfRows(eco.truth, engineRows);
      const tiers = revenueTierScores(eco.partners, eco.deals, DEFAULT_SCORING_CONFIG.currency.rates);
      const revenueAll = rankingQualityOfRows(eco.truth, {
        count: P * pairs,
        partner: Int32Array.from({ length: P * pairs }, (_, i) => Math.floor(i / pairs)),
        cell: Int32Array.from({ length: P * pairs }, (_, i) => i % pairs),
        score: Float64Array.from({ length: P * pairs }, (_, i) => tiers[Math.floor(i / pairs)]!),
      });
      // Restricted to partners with evidence in the cell: engine scores vs revenue tiers of the same partners.
      const evidenceRevenue = {
        ...engineRows,
        score: Float64Array.from(core.table.partner, (p) => tiers[p]!),
      };
      const engineEvidence = rankingQualityOfRows(eco.truth, withEvidence, 10, true);
      const revenueEvidence = rankingQualityOfRows(eco.truth, evidenceRevenue, 10, true);
      rows.push(qualityRow('engine', engineAll, engineEvidence));
      rows.push(qualityRow('revenue tier', revenueAll, revenueEvidence));
      notes.push(
        `ranking quality over ${pairs} sector × technology cells (ground truth is per pair), ` +
          `${Math.round(performance.now() - t)} ms; spearman = over all partners (no evidence = bottom), ` +
          'spearmanWithEvidence = over partners with evidence in the cell, precisionAt10 = share of the top 10 ' +
          'that are true experts (latent ≥ 0.7)',
      );
    }
    notes.push(
      `machine: ${cpus().length} cores, load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} (shared)`,
    );
    return { name: 'engine', rows, notes };
  },
};
