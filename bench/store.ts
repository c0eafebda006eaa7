/**
 * `npm run bench -- store [--partners N] [--deals N]`: bulk load and loadModel on a fresh embedded store.
 * `--case snapshot [--partners 20000]`: score snapshots of a generated ecosystem: the first save, the next
 * day's (same evidence, scored a day later: the change log's usual night) and an unchanged night's.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { type GeneratedEcosystem, generateEcosystem } from '../devkit/generator/generate-ecosystem.js';
import { scoreEcosystem } from '../src/engine/index.js';
import {
  type CrmSystem,
  type Deal,
  DealIdSchema,
  type DealRole,
  DealSchema,
  type Partner,
  PartnerSchema,
  refKey,
} from '../src/model/index.js';
import type { PreviousLevel } from '../src/model/score-levels.js';
import { DEFAULT_SCORING_CONFIG } from '../src/model/scoring.js';
import type { Taxonomy } from '../src/model/taxonomy.js';
import { openStore } from '../src/store/index.js';
import { snapshotScores } from '../src/sync/score-run.js';
import { benchOptions } from './bench-options.js';
import { loadTaxonomy } from './bench-taxonomy.js';
import type { Benchmark } from './run.js';

const ArgsSchema = z.object({
  case: z.enum(['load', 'snapshot']).default('load'),
  partners: z.coerce.number().int().positive().optional(),
  deals: z.coerce.number().int().positive().optional(),
  seed: z.coerce.number().int().default(42),
});

/** Deals handed to one upsertDeals call, like pages from a connector (each call is one transaction). */
const BATCH = 50_000;
const SECTORS = ['healthcare', 'financial_services', 'public_sector', 'retail', 'manufacturing', 'energy'];
const TECHNOLOGIES = ['data_ai', 'cloud', 'security', 'erp', 'crm', 'collaboration', 'networking'];
const ROLES: DealRole[] = ['sourced', 'delivered', 'influenced'];
const system: CrmSystem = 'salesforce';

function pick<T>(list: readonly T[], i: number): T {
  return list[i % list.length] as T;
}

/** A synthetic partner; parsed once through the model schema so ids carry their brands honestly. */
function makePartner(i: number): Partner {
  const ref = { system, object: 'Account', id: `001${String(i).padStart(15, '0')}` };
  return PartnerSchema.parse({
    id: refKey(ref),
    name: `Partner ${i}`,
    domain: `partner${i}.example`,
    country: pick(['DE', 'FR', 'US', 'GB', 'JP'], i),
    region: pick(['EMEA', 'North America', 'APAC'], i),
    partnerType: 'Installation Partner',
    legacyTier: pick(['Bronze', 'Silver', 'Gold'], i),
    sourceRefs: [ref],
    crossRefs: [],
    lastModified: '2025-06-01T10:00:00.000Z',
  });
}

/**
 * A synthetic deal with one partner, or two (every other deal): ~1.5 links each. Built as a literal with
 * only its id branded: parsing 2M deals through zod would time the generator, not the store.
 */
function makeDeal(i: number, partners: readonly Partner[], revision: number): Deal {
  const sid = `006${String(i).padStart(15, '0')}`;
  const first = pick(partners, i * 7919);
  const second = pick(partners, i * 104_729 + 1);
  const links: Deal['partners'] = [{ partnerId: first.id, role: pick(ROLES, i) }];
  if (i % 2 === 0 && second.id !== first.id) links.push({ partnerId: second.id, role: 'delivered' });
  return {
    id: DealIdSchema.parse(`salesforce:Opportunity:${sid}`),
    source: { system, object: 'Opportunity', id: sid },
    name: `Deal ${i} r${revision}`,
    partners: links,
    customerId: `001C${i % 250_000}`,
    sector: pick(SECTORS, i),
    technologies: i % 3 === 0 ? [pick(TECHNOLOGIES, i), pick(TECHNOLOGIES, i + 3)] : [pick(TECHNOLOGIES, i)],
    amount: { amount: 1000 + (i % 5000) * 37.5, currency: pick(['EUR', 'USD', 'GBP'], i) },
    stage: i % 4 === 0 ? 'Closed Lost' : 'Closed Won',
    isWon: i % 4 !== 0,
    isClosed: true,
    closeDate: `202${i % 5}-0${(i % 9) + 1}-1${i % 10}`,
    signals: { renewal: i % 5 === 0, expansion: null, satisfaction: (i % 11) / 10 },
    lastModified: '2025-06-01T10:00:00.000Z',
  };
}

/** Wall time and this process's CPU time (SQLite runs on our thread): on a shared host the two differ. */
interface Timing {
  wallMs: number;
  cpuMs: number;
}

async function timed<T>(work: () => Promise<T>, into: Timing): Promise<T> {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  try {
    return await work();
  } finally {
    const used = process.cpuUsage(cpu);
    into.wallMs += performance.now() - wall;
    into.cpuMs += (used.user + used.system) / 1000;
  }
}

function row(phase: string, records: number, t: Timing) {
  const seconds = t.wallMs / 1000;
  return {
    phase,
    records,
    seconds,
    'records/s': Math.round(records / seconds),
    'cpu seconds': t.cpuMs / 1000,
  };
}

const timing = (): Timing => ({ wallMs: 0, cpuMs: 0 });

export const bench: Benchmark = {
  description:
    'embedded store: upsert partners and deals (with ~1.5 partner links each), then loadModel; --case snapshot: score snapshot saves (first, next day, unchanged)',
  async run(args) {
    const args_ = benchOptions(args, ArgsSchema);
    if (args_.case === 'snapshot') {
      return snapshotBench({ partners: args_.partners ?? 20_000, deals: args_.deals, seed: args_.seed });
    }
    const options = { partners: args_.partners ?? 100_000, deals: args_.deals ?? 2_000_000 };
    const dir = mkdtempSync(join(tmpdir(), 'atlas-bench-store-'));
    const dbPath = join(dir, 'atlas.db');
    const store = await openStore({ dbPath });
    const rows = [];
    const notes: string[] = [];
    try {
      const partners = Array.from({ length: options.partners }, (_, i) => makePartner(i));
      const partnerTime = timing();
      await timed(() => store.upsertPartners(partners), partnerTime);
      rows.push(row('upsert partners', partners.length, partnerTime));

      let links = 0;
      const insertTime = timing();
      for (let from = 0; from < options.deals; from += BATCH) {
        const batch: Deal[] = [];
        for (let i = from; i < Math.min(options.deals, from + BATCH); i++)
          batch.push(makeDeal(i, partners, 1));
        for (const deal of batch) links += deal.partners.length;
        await timed(() => store.upsertDeals(batch), insertTime);
      }
      rows.push(row('upsert deals (insert)', options.deals, insertTime));

      const changed = Math.min(options.deals, Math.max(1, Math.floor(options.deals / 20)));
      const updates = Array.from({ length: changed }, (_, k) => makeDeal(k * 20, partners, 2));
      const updateTime = timing();
      await timed(() => store.upsertDeals(updates), updateTime);
      rows.push(row('upsert deals (update 5%)', changed, updateTime));

      const loadTime = timing();
      const model = await timed(() => store.loadModel(), loadTime);
      rows.push(row('loadModel', model.partners.length + model.deals.length, loadTime));
      if (model.deals.length !== options.deals || model.partners.length !== options.partners) {
        throw new Error(`loadModel returned ${model.partners.length} partners / ${model.deals.length} deals`);
      }
      const sample = model.deals[options.deals - 1];
      DealSchema.parse(sample);
      notes.push(
        `${links} deal-partner links; store file ${(statSync(dbPath).size / 1e6).toFixed(0)} MB (+ WAL); ` +
          `heap after loadModel ${(process.memoryUsage().heapUsed / 1e9).toFixed(2)} GB`,
        `node ${process.version}, load average at end ${loadavg()
          .map((l) => l.toFixed(1))
          .join(' / ')} (the host is shared: timings vary with it)`,
      );
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
    return { name: 'store', rows, notes };
  },
};

/** The engine's scores of one generated ecosystem at `now`, against the levels of the run before. */
function scoreAt(eco: GeneratedEcosystem, taxonomy: Taxonomy, now: string, previous: PreviousLevel[]) {
  return scoreEcosystem({ ...eco, taxonomy, config: DEFAULT_SCORING_CONFIG, now, previous });
}

/**
 * Saves the snapshots of three nights on a fresh store: the first (every cell written), the next day's over
 * the same evidence (decay and recency move some cells) and a night where nothing moved. Each save is timed
 * as the pipeline's snapshot step is: rows streamed from the engine's result into `saveScores`.
 */
async function snapshotBench(options: { partners: number; deals: number | undefined; seed: number }) {
  const { taxonomy } = loadTaxonomy();
  const day1 = '2025-06-30';
  const eco = generateEcosystem({
    partners: options.partners,
    deals: options.deals ?? options.partners * 10,
    certifications: options.partners * 3,
    seed: options.seed,
    taxonomy,
    now: day1,
  });
  const dir = mkdtempSync(join(tmpdir(), 'atlas-bench-store-'));
  const dbPath = join(dir, 'atlas.db');
  const store = await openStore({ dbPath });
  const rows = [];
  const notes: string[] = [];
  try {
    const first = scoreAt(eco, taxonomy, day1, []);
    const next = scoreAt(eco, taxonomy, '2025-07-01', first.levels());
    const nights = [
      { phase: 'snapshot: first save', scores: first },
      { phase: 'snapshot: next day', scores: next },
      { phase: 'snapshot: unchanged night', scores: next },
    ];
    for (const [i, night] of nights.entries()) {
      const runId = `bench-${i + 1}`;
      await store.createRun({
        id: runId,
        kind: 'score',
        startedAt: `2025-07-0${i + 1}T02:00:00.000Z`,
        options: {},
      });
      const t = timing();
      const saved = await timed(() => snapshotScores(store, runId, night.scores), t);
      rows.push({
        ...row(night.phase, night.scores.cellCount, t),
        'cells written': saved.changed + saved.removed,
        'partners changed': saved.partners.length,
      });
    }
    notes.push(
      `${eco.partners.length} partners, ${eco.deals.length} deals, ${eco.certifications.length} certifications; ` +
        `store file ${(statSync(dbPath).size / 1e6).toFixed(0)} MB (+ WAL)`,
      `node ${process.version}, load average at end ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' / ')} (the host is shared: timings vary with it)`,
    );
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return { name: 'store', rows, notes };
}
