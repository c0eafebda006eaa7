import { execFile } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { z } from 'zod';
import { generateEcosystem } from '../devkit/generator/generate-ecosystem.js';
import { type RankingQuality, rankingQualityOfRows } from '../devkit/generator/ranking-quality.js';
import { revenueTierScores } from '../devkit/generator/revenue-baseline.js';
import { computeScores, type ScoreCore, type ScoreInput } from '../src/engine/score-core.js';
import { resultOf } from '../src/engine/score-ecosystem.js';
import { rescoreIncrementally, touchedPartners } from '../src/engine/score-incremental.js';
import type { Deal } from '../src/model/deal.js';
import { DEFAULT_SCORING_CONFIG } from '../src/model/scoring.js';
import { benchOptions } from './bench-options.js';
import { loadTaxonomy } from './bench-taxonomy.js';
import type { Benchmark, BenchResult } from './run.js';

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
  /** Share of deals changed for the incremental rescore (timed against the full one); 0 skips it. */
  incremental: z.coerce.number().min(0).max(1).default(0.01),
  /**
   * Partner counts to run one after another, each in its own process (so peak RSS is per size), with deals
   * ×20 and certifications ×5 per partner like the defaults; then the growth exponents between sizes.
   */
  sizes: z
    .string()
    .regex(/^\d+(,\d+)*$/)
    .optional(),
  /** V8 old-space limit of each size's process (400k partners' generated input alone peaks at about 4.1 GB RSS). */
  maxOldSpaceMb: z.coerce.number().int().positive().default(16_384),
});
type Options = z.infer<typeof OptionsSchema>;

const mb = (bytes: number) => Math.round(bytes / 1e6);

/**
 * Issue #20's targets for the full score at a programme's size (deals ×20, certifications ×5 per partner):
 * time, and the process's peak RSS in MiB (as `peakRssMb`, which includes the input the engine reads).
 */
const TARGETS: ReadonlyMap<number, { ms: number; peakRssMb: number }> = new Map([
  [100_000, { ms: 2_000, peakRssMb: 1_024 }],
  [400_000, { ms: 10_000, peakRssMb: 4_096 }],
]);

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
    'segmentation engine: score a synthetic ecosystem (default 100k partners, 2M deals, 500k certifications), time and peak memory, an incremental rescore of 1 % changed deals, then Spearman ρ and precision@10 against ground truth for the engine and for revenue tiers; --sizes 25000,100000,400000 runs each size in its own process and reports time and peak RSS per size next to the targets, and the growth exponents (400k needs about 7 GB of memory and several minutes)',
  async run(args) {
    const o = benchOptions(args, OptionsSchema);
    return o.sizes === undefined ? runOne(o) : runSizes(o, o.sizes.split(',').map(Number));
  },
};

/** One ecosystem in this process: generation, the full score, streaming, quality, the incremental rescore. */
async function runOne(o: Options): Promise<BenchResult> {
  const { taxonomy, source } = loadTaxonomy();
  const rows: Record<string, number | string | null>[] = [];
  const notes: string[] = [];

  const t = performance.now();
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
  const rssBeforeMb = mb(process.memoryUsage().rss);

  const input: ScoreInput = { ...eco, taxonomy, config: DEFAULT_SCORING_CONFIG, now: o.now };
  const { core, scored, streamed, counts } = scoreOnce(input, o.stream === 'yes');
  rows.push({
    ...scored,
    partners: eco.partners.length,
    deals: eco.deals.length,
    certifications: eco.certifications.length,
    rssBeforeMb,
    // At most the engine's own: peak minus the settled input, and the peak may be the generator's.
    engineRssMb: Number(scored.peakRssMb) - rssBeforeMb,
  });
  if (streamed) rows.push(streamed);
  notes.push(
    `taxonomy: ${source} (${taxonomy.sectors.length} sectors × ${taxonomy.technologies.length} technologies); ${counts}`,
  );

  if (o.quality === 'yes') {
    const t = performance.now();
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
  if (o.incremental > 0) rows.push(incrementalRow(core, input, o.incremental));
  notes.push(
    `machine: ${cpus().length} cores, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} (shared)`,
  );
  return { name: 'engine', rows, notes };
}

type Row = Record<string, number | string | null>;

/**
 * The timed full score (everything scoreEcosystem does: evidence, priors, scores, levels, segments, needs,
 * map), then streaming its cells. Only figures leave: the result is garbage afterwards, as in a scheduler
 * that keeps the core for the next incremental run and has written the rest.
 */
function scoreOnce(input: ScoreInput, stream: boolean) {
  let t = performance.now();
  const cpu = process.cpuUsage();
  const core = computeScores(input);
  const scoresMs = performance.now() - t;
  const result = resultOf(core);
  const ms = performance.now() - t;
  const cpuUsed = process.cpuUsage(cpu);
  const memory = process.memoryUsage();
  const scored: Row = {
    measure: 'score ecosystem',
    ms: Math.round(ms),
    scoresMs: Math.round(scoresMs),
    cpuMs: Math.round((cpuUsed.user + cpuUsed.system) / 1000),
    cells: result.cellCount,
    peakRssMb: peakRssMb(),
    heapMb: mb(memory.heapUsed),
    externalMb: mb(memory.external + memory.arrayBuffers),
  };
  const segments = result.partners.reduce((n, p) => n + p.segments.length, 0);
  const needs = result.partners.reduce((n, p) => n + p.needs.length, 0);
  const flagged = result.map.cells.filter((c) => c.flags.length > 0).length;
  let streamed: Row | null = null;
  if (stream) {
    t = performance.now();
    let count = 0;
    let items = 0;
    for (const cell of result.cells()) {
      count++;
      items += cell.top.length;
    }
    streamed = {
      measure: 'stream all cell scores',
      ms: Math.round(performance.now() - t),
      cells: count,
      evidenceItems: items,
      peakRssMb: peakRssMb(),
    };
  }
  return {
    core,
    scored,
    streamed,
    counts: `${segments} segments, ${needs} needs, ${flagged} flagged map cells`,
  };
}

/**
 * Changes every (1 / share)-th deal (amount up a tenth, a closed deal's outcome flipped) and times the
 * incremental rescore of that night against the full score above.
 */
function incrementalRow(core: ScoreCore, input: ScoreInput, share: number): Row {
  const every = Math.max(1, Math.round(1 / share));
  const touched: Deal[] = [];
  const deals = input.deals.map((deal, d) => {
    if (d % every !== 0) return deal;
    const changed: Deal = {
      ...deal,
      amount: deal.amount === null ? null : { ...deal.amount, amount: deal.amount.amount * 1.1 },
      isWon: deal.isClosed ? !deal.isWon : deal.isWon,
    };
    touched.push(deal, changed);
    return changed;
  });
  const changed = touchedPartners({ deals: touched });
  // As for the full score: the clock starts on a settled heap (the input, the previous core, the changes).
  settleHeap();
  const t = performance.now();
  const cpu = process.cpuUsage();
  const next = rescoreIncrementally(core, { ...input, deals }, changed);
  const scoresMs = performance.now() - t;
  resultOf(next);
  const cpuUsed = process.cpuUsage(cpu);
  return {
    measure: 'incremental rescore',
    ms: Math.round(performance.now() - t),
    scoresMs: Math.round(scoresMs),
    cpuMs: Math.round((cpuUsed.user + cpuUsed.system) / 1000),
    changedDeals: touched.length / 2,
    changedPartners: changed.size,
    peakRssMb: peakRssMb(),
  };
}

const ChildOutputSchema = z.object({ rows: z.array(z.record(z.string(), z.unknown())) });
const here = dirname(fileURLToPath(import.meta.url));
const numberIn = (row: Record<string, unknown> | undefined, key: string) =>
  typeof row?.[key] === 'number' ? row[key] : null;

/**
 * Each size in its own process (peak RSS is per process), then the growth exponent between consecutive
 * sizes: the log-log slope of time and memory against partners (1 = linear).
 */
async function runSizes(o: Options, sizes: number[]): Promise<BenchResult> {
  const rows: Row[] = [];
  const notes: string[] = [];
  for (const partners of sizes) {
    const args = [
      ...process.execArgv,
      `--max-old-space-size=${o.maxOldSpaceMb}`,
      join(here, 'run.ts'),
      'engine',
      '--json',
      ...['--partners', `${partners}`, '--deals', `${partners * 20}`, '--certifications', `${partners * 5}`],
      ...['--seed', `${o.seed}`, '--now', o.now, '--stream', 'no', '--quality', 'no'],
      ...['--incremental', `${o.incremental}`],
    ];
    try {
      const { stdout } = await promisify(execFile)(process.execPath, args, { maxBuffer: 1 << 26 });
      const child = ChildOutputSchema.parse(JSON.parse(stdout)).rows;
      const generated = child.find((r) => r.measure === 'generate ecosystem');
      const scored = child.find((r) => r.measure === 'score ecosystem');
      const incremental = child.find((r) => r.measure === 'incremental rescore');
      const target = TARGETS.get(partners);
      const ms = numberIn(scored, 'ms');
      const peak = numberIn(scored, 'peakRssMb');
      rows.push({
        measure: `engine at ${partners} partners`,
        partners,
        deals: numberIn(scored, 'deals'),
        cells: numberIn(scored, 'cells'),
        ms,
        targetMs: target?.ms ?? null,
        cpuMs: numberIn(scored, 'cpuMs'),
        generatedPeakRssMb: numberIn(generated, 'peakRssMb'),
        rssBeforeMb: numberIn(scored, 'rssBeforeMb'),
        peakRssMb: peak,
        targetPeakRssMb: target?.peakRssMb ?? null,
        meetsTargets:
          target === undefined || ms === null || peak === null
            ? null
            : ms <= target.ms && peak <= target.peakRssMb
              ? 'yes'
              : 'no',
        engineRssMb: numberIn(scored, 'engineRssMb'),
        incrementalMs: numberIn(incremental, 'ms'),
        incrementalCpuMs: numberIn(incremental, 'cpuMs'),
      });
    } catch (error) {
      notes.push(`${partners} partners: failed (${String(error).split('\n')[0]})`);
    }
  }
  const slope = (a: Row, b: Row, key: string) => {
    const x = a[key];
    const y = b[key];
    if (typeof x !== 'number' || typeof y !== 'number' || x <= 0 || y <= 0) return null;
    return Math.round((Math.log(y / x) / Math.log(Number(b.partners) / Number(a.partners))) * 100) / 100;
  };
  const measured = [...rows];
  for (let i = 1; i < measured.length; i++) {
    const [a, b] = [measured[i - 1]!, measured[i]!];
    rows.push({
      measure: `growth ${a.partners} → ${b.partners} partners`,
      timeExponent: slope(a, b, 'ms'),
      cpuExponent: slope(a, b, 'cpuMs'),
      engineMemoryExponent: slope(a, b, 'engineRssMb'),
      peakRssExponent: slope(a, b, 'peakRssMb'),
    });
  }
  notes.push(
    "engineRssMb = peak RSS minus RSS after generation settled: an upper bound on the engine's own memory " +
      "(when the generator peaked higher, it is the generator's peak); peakRssMb includes the input " +
      '(rssBeforeMb: the generated partners, deals and certifications as objects)',
    `targets (issue #20): ${[...TARGETS]
      .map(([partners, t]) => `${partners} partners ≤ ${t.ms / 1000} s and ≤ ${t.peakRssMb} MiB peak RSS`)
      .join('; ')}; ms is the full score (scoreEcosystem), timed on a settled heap`,
    `machine: ${cpus().length} cores, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} (shared)`,
  );
  return { name: 'engine', rows, notes };
}
