/** `npm run bench -- sandbox [--partners N] [--deals N] [--certifications N] [--systems salesforce,hubspot]`: seeds both sandboxes in-process. */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { startHubSpotSandbox } from '../connectors/hubspot/sandbox/index.js';
import { startSalesforceSandbox } from '../connectors/salesforce/sandbox/index.js';
import { loadMappings } from '../src/mapping/index.js';
import { CrmSystemSchema } from '../src/model/source-ref.js';
import { type SeedFigures, sandboxOptionsFor, seedSandboxes } from '../src/sandbox/index.js';
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
  description: 'seed the Salesforce and HubSpot sandboxes in-process with a synthetic ecosystem (default 100k partners, 2M deals, 500k certifications)',
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        partners: { type: 'string' },
        deals: { type: 'string' },
        certifications: { type: 'string' },
        systems: { type: 'string' },
        seed: { type: 'string' },
      },
    });
    const o = ArgsSchema.parse(values);
    const taxonomy = loadMappings('mappings').taxonomy;
    const start = sandboxOptionsFor(taxonomy);
    // In-process: the sandboxes listen on free ports, but seeding writes their state directly.
    const sf = o.systems.includes('salesforce')
      ? await startSalesforceSandbox({ seed: o.seed, picklists: start.salesforce.picklists })
      : undefined;
    const hs = o.systems.includes('hubspot')
      ? await startHubSpotSandbox({ seed: o.seed, productFamilies: start.hubspot.productFamilies })
      : undefined;
    const cpu = process.cpuUsage();
    let f: SeedFigures;
    try {
      f = await seedSandboxes(
        { salesforce: sf, hubspot: hs },
        {
          partners: o.partners,
          deals: o.deals,
          certifications: o.certifications,
          seed: o.seed,
          now: '2025-06-30',
          taxonomy,
          systems: o.systems,
        },
      );
    } finally {
      await Promise.all([sf?.close(), hs?.close()]);
    }
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    const s = f.seconds;
    const generated = f.generated.partners + f.generated.people + f.generated.deals + f.generated.certifications;
    const sfRecords = sum(f.salesforce);
    const hsRecords = sum(f.hubspot, ['associations']);
    return {
      name: 'sandbox',
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
        `CPU ${cpuSeconds.toFixed(1)} s for ${s.total.toFixed(1)} s wall (the gap is other processes on this machine)`,
        `target: under ${TARGET_SECONDS} s in total — ${s.total < TARGET_SECONDS ? 'met' : 'MISSED'} (${s.total.toFixed(1)} s)`,
      ],
    };
  },
};
