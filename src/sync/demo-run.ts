/**
 * The demo's run: both sandboxes started and seeded in this process, a fresh store, provisioning, then a
 * full run through the real connectors over HTTP — exactly what a nightly run does against real CRMs.
 */
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Connector, ProvisionReport } from '../../connectors/types.js';
import { type AtlasEnv, loadEnv } from '../config.js';
import { count } from '../engine/index.js';
import type { GroundTruth } from '../generator/generate-ecosystem.js';
import type { LoadedMappings } from '../mapping/index.js';
import type { CrmSystem } from '../model/index.js';
import {
  groundTruthOf,
  parseGroundTruthFile,
  type RunningSandboxes,
  startSandboxes,
} from '../sandbox/index.js';
import { openStore, type Store } from '../store/index.js';
import { openConnectors } from './open-connectors.js';
import { type PipelineResult, runPipeline } from './run-pipeline.js';
import type { RunListener } from './run-reporter.js';

/** Evidence per partner in the demo: enough for every level to appear in a few hundred partners. */
const DEMO_DEALS_PER_PARTNER = 30;
const DEMO_CERTIFICATIONS_PER_PARTNER = 12;
const SYSTEMS: CrmSystem[] = ['salesforce', 'hubspot'];

export interface DemoRunOptions {
  partners: number;
  seed: number;
  /** The generator's today and the instant scores are computed for. */
  now: string;
  /** The demo's own SQLite file, replaced at every start. */
  dbPath: string;
  mappings: LoadedMappings;
  listener?: RunListener;
  onStep?: (step: string, detail: string) => void;
}

export interface DemoRun {
  sandboxes: RunningSandboxes;
  store: Store;
  /** The environment pointing at the sandboxes (placeholder credentials only). */
  env: AtlasEnv;
  connectors: Partial<Record<CrmSystem, Connector>>;
  provisioning: ProvisionReport[];
  result: PipelineResult;
  /** The generator's latent expertise per partner and cell, to measure how well Atlas finds it. */
  truth: GroundTruth;
  close(): Promise<void>;
}

/**
 * The process environment without any real CRM credentials, plus the sandboxes' placeholders: what a
 * process talking to the sandboxes runs with (the demo itself, tests spawning `atlas`).
 */
export function sandboxProcessEnv(lines: readonly string[]): Record<string, string | undefined> {
  const own = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !key.startsWith('SALESFORCE_') && !key.startsWith('HUBSPOT_'),
    ),
  );
  const sandbox = Object.fromEntries(
    lines
      .filter((l) => /^[A-Z_]+=/.test(l))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  return { ...own, ...sandbox };
}

/** {@link sandboxProcessEnv}, validated. */
export function sandboxEnv(lines: readonly string[]): AtlasEnv {
  return loadEnv(sandboxProcessEnv(lines));
}

export async function startDemo(options: DemoRunOptions): Promise<DemoRun> {
  const step = options.onStep ?? (() => {});
  const truthFile = join(dirname(options.dbPath), 'demo-ground-truth.json');
  const sandboxes = await startSandboxes({
    groundTruthFile: truthFile,
    groundTruthMinExpertise: 0,
    partners: options.partners,
    dealsPerPartner: DEMO_DEALS_PER_PARTNER,
    certifications: options.partners * DEMO_CERTIFICATIONS_PER_PARTNER,
    seed: options.seed,
    now: options.now.slice(0, 10),
    taxonomy: options.mappings.taxonomy,
    systems: SYSTEMS,
  });
  let store: Store | undefined;
  try {
    const f = sandboxes.figures;
    step(
      'sandboxes',
      `Salesforce at ${sandboxes.salesforce?.url}, HubSpot at ${sandboxes.hubspot?.url}: ${count(f.generated.partners, 'partner', 'partners')} (${f.partners.salesforceOnly} Salesforce only, ${f.partners.hubspotOnly} HubSpot only, ${f.partners.both} in both), ${count(f.generated.deals, 'deal', 'deals')}, ${count(f.generated.certifications, 'certification', 'certifications')}`,
    );
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${options.dbPath}${suffix}`, { force: true });
    store = await openStore({ dbPath: options.dbPath });
    const env = sandboxEnv(sandboxes.env);
    const connectors = await openConnectors(SYSTEMS, env, options.mappings);
    const provisioning: ProvisionReport[] = [];
    for (const system of SYSTEMS) {
      const connector = connectors[system];
      if (!connector) continue;
      const report = await connector.applyProvision(await connector.planProvision());
      provisioning.push(report);
      step(
        'provision',
        `${system}: ${count(report.applied, 'change', 'changes')} (custom fields, permissions, layout, schema)`,
      );
    }
    const result = await runPipeline({
      store,
      mappings: options.mappings,
      connectors,
      full: true,
      scoreAt: new Date(options.now).toISOString(),
      ...(options.listener ? { listener: options.listener } : {}),
    });
    const opened = store;
    const truth = groundTruthOf(parseGroundTruthFile(readFileSync(truthFile, 'utf8')));
    return {
      truth,
      sandboxes,
      store: opened,
      env,
      connectors,
      provisioning,
      result,
      close: async () => {
        for (const connector of Object.values(connectors)) await connector?.close();
        await opened.close();
        await sandboxes.close();
      },
    };
  } catch (error) {
    await store?.close();
    await sandboxes.close();
    throw error;
  }
}
