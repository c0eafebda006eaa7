/**
 * `npm run bench -- pipeline [--partners 20000] [--deals 200000]`: the nightly run end to end against both
 * emulators (worker threads, real HTTP): provisioning, a full run, a second run over unchanged data, then
 * a third scored one day later over unchanged data. Prints time and API calls per CRM next to the fewest
 * calls the volumes allow, and `writesOnUnchangedNight`: records the next-day run wrote ÷ records (≤ 1 %).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { emulatorEnv } from '../devkit/cli/demo-run.js';
import { startEmulatorWorkers } from '../devkit/seeder/index.js';
import { loadMappings } from '../src/mapping/index.js';
import type { CrmSystem } from '../src/model/index.js';
import { openStore } from '../src/store/index.js';
import { openConnectors } from '../src/sync/open-connectors.js';
import { type PipelineResult, runPipeline } from '../src/sync/run-pipeline.js';
import { benchOptions } from './bench-options.js';
import type { Benchmark } from './run.js';

const ArgsSchema = z.object({
  partners: z.coerce.number().int().positive().default(20_000),
  deals: z.coerce.number().int().min(0).default(200_000),
  certifications: z.coerce.number().int().min(0).default(60_000),
  seed: z.coerce.number().int().default(42),
});

const SYSTEMS: CrmSystem[] = ['salesforce', 'hubspot'];
/** Records per call at best: Salesforce REST query pages, HubSpot list / search pages and batch reads. */
const PAGE = { salesforce: 2_000, hubspot: 100 } as const;
/** Records per write call: sObject Collections, HubSpot batch update. */
const WRITE_BATCH = { salesforce: 200, hubspot: 100 } as const;

/** The fewest read and write calls the run's volumes allow (reads: one page per page-size of records). */
function minimumCalls(system: CrmSystem, result: PipelineResult): number {
  const figures = result.figures.systems[system];
  const reads = Object.values(figures?.pull?.entities ?? {}).reduce(
    (n, e) => n + Math.max(1, Math.ceil((e?.fetched ?? 0) / PAGE[system])),
    0,
  );
  const writes = Math.ceil((figures?.writeback?.written ?? 0) / WRITE_BATCH[system]);
  return reads + writes;
}

/** Records the run wrote ÷ records it could write, for one CRM or (system omitted) all of them. */
function writeShare(result: PipelineResult, system?: CrmSystem): number {
  const figures = (system ? [system] : SYSTEMS).map((s) => result.figures.systems[s]?.writeback);
  const records = figures.reduce((n, w) => n + (w?.records ?? 0), 0);
  const written = figures.reduce((n, w) => n + (w?.written ?? 0), 0);
  return records === 0 ? 0 : written / records;
}

function rowsOf(label: string, result: PipelineResult, seconds: number) {
  return SYSTEMS.map((system) => {
    const f = result.figures.systems[system];
    const read = Object.values(f?.pull?.entities ?? {}).reduce((n, e) => n + (e?.fetched ?? 0), 0);
    return {
      run: label,
      crm: system,
      status: result.run.status,
      seconds: Math.round(seconds * 10) / 10,
      'records read': read,
      'records written': f?.writeback?.written ?? 0,
      'API calls': f?.apiCalls ?? 0,
      'minimum calls (est.)': minimumCalls(system, result),
      '429s': f?.usage?.rateLimited ?? 0,
    };
  });
}

export const bench: Benchmark = {
  description:
    'the nightly run end to end on both emulators (default 20k partners, 200k deals): time and API calls against the minimum',
  async run(args) {
    const o = benchOptions(args, ArgsSchema);
    const mappings = loadMappings('mappings');
    const work = mkdtempSync(join(tmpdir(), 'atlas-bench-pipeline-'));
    const emulators = await startEmulatorWorkers({
      partners: o.partners,
      deals: o.deals,
      certifications: o.certifications,
      seed: o.seed,
      now: '2026-06-30',
      taxonomy: mappings.taxonomy,
      systems: SYSTEMS,
      threads: 'auto',
    });
    const store = await openStore({ dbPath: join(work, 'atlas.db') });
    try {
      const env = emulatorEnv(emulators.env);
      const connectors = await openConnectors(SYSTEMS, env, mappings);
      for (const connector of Object.values(connectors)) {
        if (connector) await connector.applyProvision(await connector.planProvision());
      }
      const timed = async (full: boolean, scoreAt = '2026-06-30T02:00:00.000Z') => {
        const started = performance.now();
        const result = await runPipeline({ store, mappings, connectors, full, scoreAt });
        return { result, seconds: (performance.now() - started) / 1000 };
      };
      const first = await timed(true);
      const second = await timed(false);
      // One day later, nothing changed in the CRMs: scores decay a little, and nothing should be written.
      const nextDay = await timed(false, '2026-07-01T02:00:00.000Z');
      const steps = Object.entries(first.result.figures.durationsMs)
        .map(([step, ms]) => `${step} ${(ms / 1000).toFixed(1)} s`)
        .join(', ');
      return {
        name: 'pipeline',
        rows: [
          ...rowsOf('full', first.result, first.seconds),
          ...rowsOf('unchanged', second.result, second.seconds),
          ...rowsOf('next day', nextDay.result, nextDay.seconds).map((row) => ({
            ...row,
            writesOnUnchangedNight: writeShare(nextDay.result, row.crm),
          })),
          { run: 'next day', crm: 'all', writesOnUnchangedNight: writeShare(nextDay.result) },
        ],
        notes: [
          `${o.partners} partners, ${o.deals} deals, ${o.certifications} certifications seeded across both emulators (worker threads)`,
          `full run steps: ${steps}`,
          `writesOnUnchangedNight: ${(writeShare(nextDay.result) * 100).toFixed(2)} % of records written one day later over unchanged CRM data (target ≤ 1 %)`,
          'minimum calls: one call per page of records read (Salesforce 2,000, HubSpot 100) plus one per write batch (200 / 100); HubSpot associations and Bulk API jobs add calls the estimate leaves out',
        ],
      };
    } finally {
      await store.close();
      await emulators.close();
      rmSync(work, { recursive: true, force: true });
    }
  },
};
