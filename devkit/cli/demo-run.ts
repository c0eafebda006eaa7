/**
 * The demo's run: both emulators started and seeded in this process, a fresh store, provisioning, then a
 * full run through the real connectors over HTTP — exactly what a nightly run does against real CRMs.
 */
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Connector, ProvisionReport } from '../../connectors/types.js';
import { type AtlasEnv, loadEnv } from '../../src/config.js';
import { count } from '../../src/engine/index.js';
import { type LoadedMappings, loadMappings } from '../../src/mapping/index.js';
import type { CrmSystem } from '../../src/model/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { openConnectors } from '../../src/sync/open-connectors.js';
import { type PipelineResult, runPipeline } from '../../src/sync/run-pipeline.js';
import type { RunListener } from '../../src/sync/run-reporter.js';
import type { GroundTruth } from '../generator/generate-ecosystem.js';
import {
  type EmulatorProfileName,
  groundTruthOf,
  parseGroundTruthFile,
  type RunningEmulators,
  startEmulators,
} from '../seeder/index.js';
import { writeStarterMappings } from './demo-mappings.js';

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
  /** The mapping folder the emulators are seeded with (its taxonomy), and with `prm` the one the run reads. */
  mappingsDir: string;
  mappings: LoadedMappings;
  /** What the emulated CRMs hold; any profile but `prm` runs on starter mappings written from them. */
  profile: EmulatorProfileName;
  listener?: RunListener;
  onStep?: (step: string, detail: string) => void;
}

export interface DemoRun {
  emulators: RunningEmulators;
  store: Store;
  /** The environment pointing at the emulators (placeholder credentials only) and at the mapping folder. */
  env: AtlasEnv;
  /** The mappings of the run: `options.mappings`, or the starters written for the profile. */
  mappings: LoadedMappings;
  connectors: Partial<Record<CrmSystem, Connector>>;
  provisioning: ProvisionReport[];
  result: PipelineResult;
  /** The generator's latent expertise per partner and cell, to measure how well Atlas finds it. */
  truth: GroundTruth;
  close(): Promise<void>;
}

/**
 * The process environment without any real CRM credentials, plus the emulators' placeholders: what a
 * process talking to the emulators runs with (the demo itself, tests spawning `atlas`).
 */
export function emulatorProcessEnv(lines: readonly string[]): Record<string, string | undefined> {
  const own = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !key.startsWith('SALESFORCE_') && !key.startsWith('HUBSPOT_'),
    ),
  );
  const emulator = Object.fromEntries(
    lines
      .filter((l) => /^[A-Z_]+=/.test(l))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  return { ...own, ...emulator };
}

/** {@link emulatorProcessEnv}, validated. */
export function emulatorEnv(lines: readonly string[]): AtlasEnv {
  return loadEnv(emulatorProcessEnv(lines));
}

export async function startDemo(options: DemoRunOptions): Promise<DemoRun> {
  const step = options.onStep ?? (() => {});
  const truthFile = join(dirname(options.dbPath), 'demo-ground-truth.json');
  const emulators = await startEmulators({
    groundTruthFile: truthFile,
    groundTruthMinExpertise: 0,
    partners: options.partners,
    dealsPerPartner: DEMO_DEALS_PER_PARTNER,
    certifications: options.partners * DEMO_CERTIFICATIONS_PER_PARTNER,
    seed: options.seed,
    now: options.now.slice(0, 10),
    taxonomy: options.mappings.taxonomy,
    systems: SYSTEMS,
    profile: options.profile,
  });
  let store: Store | undefined;
  try {
    const f = emulators.figures;
    step(
      'emulators',
      `Salesforce at ${emulators.salesforce?.url}, HubSpot at ${emulators.hubspot?.url}: ${count(f.generated.partners, 'partner', 'partners')} (${f.partners.salesforceOnly} Salesforce only, ${f.partners.hubspotOnly} HubSpot only, ${f.partners.both} in both), ${count(f.generated.deals, 'deal', 'deals')}, ${count(f.generated.certifications, 'certification', 'certifications')}`,
    );
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${options.dbPath}${suffix}`, { force: true });
    const mappingsDir =
      options.profile === 'prm'
        ? options.mappingsDir
        : join(dirname(options.dbPath), `mappings-${options.profile}`);
    const env = emulatorEnv([...emulators.env, `ATLAS_MAPPINGS_DIR=${mappingsDir}`]);
    if (options.profile !== 'prm') {
      await writeStarterMappings({
        env: emulatorEnv([...emulators.env, `ATLAS_MAPPINGS_DIR=${options.mappingsDir}`]),
        out: mappingsDir,
        systems: SYSTEMS,
        onStep: step,
      });
    }
    const mappings = options.profile === 'prm' ? options.mappings : loadMappings(mappingsDir);
    store = await openStore({ dbPath: options.dbPath });
    const connectors = await openConnectors(SYSTEMS, env, mappings);
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
      mappings,
      connectors,
      full: true,
      scoreAt: new Date(options.now).toISOString(),
      ...(options.listener ? { listener: options.listener } : {}),
    });
    const opened = store;
    const truth = groundTruthOf(parseGroundTruthFile(readFileSync(truthFile, 'utf8')));
    return {
      truth,
      emulators,
      store: opened,
      env,
      mappings,
      connectors,
      provisioning,
      result,
      close: async () => {
        for (const connector of Object.values(connectors)) await connector?.close();
        await opened.close();
        await emulators.close();
      },
    };
  } catch (error) {
    await store?.close();
    await emulators.close();
    throw error;
  }
}
