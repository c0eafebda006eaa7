/** `npm run bench -- emulator [--partners N] [--deals N] [--certifications N] [--systems salesforce,hubspot] [--threads 1|2|auto]`: seeds both emulators in-process. */
import { cpus, loadavg } from 'node:os';
import { z } from 'zod';
import { startEmulatorWorkers } from '../devkit/seeder/index.js';
import { loadMappings } from '../src/mapping/index.js';
import { CrmSystemSchema } from '../src/model/source-ref.js';
import { benchOptions } from './bench-options.js';
import type { Benchmark } from './run.js';

const ArgsSchema = z.object({
  partners: z.coerce.number().int().positive().default(100_000),
  deals: z.coerce.number().int().min(0).default(2_000_000),
  certifications: z.coerce.number().int().min(0).default(500_000),
  systems: z
    .string()
    .default('salesforce,hubspot')
    .transform((s) => s.split(',').map((x) => x.trim()))
    .pipe(z.array(CrmSystemSchema).min(1)),
  seed: z.coerce.number().int().default(42),
  threads: z.enum(['1', '2', 'auto']).default('auto'),
});

/** The target: 100k partners and 2M deals seeded in under a minute. */
const TARGET_SECONDS = 60;

const sum = (counts: Record<string, number> | null, skip: string[] = []) =>
  Object.entries(counts ?? {}).reduce((n, [k, v]) => (skip.includes(k) ? n : n + v), 0);

function row(phase: string, records: number, seconds: number, rssMb: number | null) {
  return {
    phase,
    records,
    seconds: Math.round(seconds * 100) / 100,
    'records/s': seconds > 0 ? Math.round(records / seconds) : 0,
    'peak RSS MB': rssMb,
  };
}

export const bench: Benchmark = {
  description:
    'seed the Salesforce and HubSpot emulators in-process with a synthetic ecosystem (default 100k partners, 2M deals, 500k certifications)',
  async run(args) {
    const o = benchOptions(args, ArgsSchema);
    const taxonomy = loadMappings('mappings').taxonomy;
    // Each emulator in its own worker thread (its own heap), both halves seeded in parallel; in-process, no
    // HTTP for seeding. The clock starts before the threads do, so thread start-up is counted.
    const cpu = process.cpuUsage();
    const running = await startEmulatorWorkers({
      partners: o.partners,
      deals: o.deals,
      certifications: o.certifications,
      seed: o.seed,
      now: '2025-06-30',
      taxonomy,
      systems: o.systems,
      threads: o.threads === 'auto' ? 'auto' : o.threads === '1' ? 1 : 2,
    });
    await running.close();
    const f = running.figures;
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    const s = f.seconds;
    const generated =
      f.generated.partners + f.generated.people + f.generated.deals + f.generated.certifications;
    const sfRecords = sum(f.salesforce);
    const hsRecords = sum(f.hubspot, ['associations']);
    return {
      name: 'emulator',
      rows: [
        row('generate', generated, s.generate, null),
        row('placement', f.generated.deals, s.placement, null),
        row('salesforce rows', sfRecords, s.salesforceRows, null),
        row('salesforce insert', sfRecords, s.salesforceInsert, null),
        row('hubspot rows', hsRecords, s.hubspotRows, null),
        row('hubspot insert', hsRecords, s.hubspotInsert, null),
        row('total', sfRecords + hsRecords, s.total, f.peakRssMb),
      ],
      notes: [
        `${f.generated.partners} partners (${f.partners.salesforceOnly} Salesforce only, ${f.partners.hubspotOnly} HubSpot only, ${f.partners.both} both), ${f.generated.deals} deals, ${f.generated.certifications} certifications, ${f.generated.customers} customers`,
        `salesforce: ${JSON.stringify(f.salesforce)}`,
        `hubspot: ${JSON.stringify(f.hubspot)}`,
        `dirty: ${JSON.stringify(f.dirty)}; co-partner links dropped (partner not in the deal's CRM): ${f.droppedPartnerLinks}`,
        running.threads === 2
          ? "two worker threads, one per CRM, each generating the ecosystem and writing its half in parallel: generate and placement are the slower thread's, rows and insert per CRM each thread's own"
          : 'one worker thread seeding both emulators one after the other (--threads 2 runs one per CRM in parallel)',
        `CPU ${cpuSeconds.toFixed(1)} s (all threads) for ${s.total.toFixed(1)} s wall; load average at the end ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores`,
        `target: under ${TARGET_SECONDS} s in total — ${s.total < TARGET_SECONDS ? 'met' : 'MISSED'} (${s.total.toFixed(1)} s)`,
      ],
    };
  },
};
