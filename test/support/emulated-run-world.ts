// Both emulators (real clock, real HTTP), provisioned, a SQLite store, and `runPipeline` with the real connectors:
// HubSpot opened as `atlas run` opens it, Salesforce with short retry waits so faults play out in well under a second.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createSalesforceConnector,
  type SalesforceConnectorOptions,
  salesforceConnectorOptionsFromEnv,
} from '../../connectors/salesforce/index.js';
import { emulatorProcessEnv } from '../../devkit/cli/demo-run.js';
import type { FaultInjector } from '../../devkit/emulators/kit/index.js';
import { type RunningEmulators, startEmulators } from '../../devkit/seeder/index.js';
import { type AtlasEnv, loadEnv } from '../../src/config.js';
import { type LoadedMappings, loadMappings } from '../../src/mapping/index.js';
import type { CrmSystem } from '../../src/model/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { openConnector, openConnectors } from '../../src/sync/open-connectors.js';
import { type PipelineOptions, type PipelineResult, runPipeline } from '../../src/sync/run-pipeline.js';
import { ROOT } from './atlas-process.js';

export const BOTH: CrmSystem[] = ['salesforce', 'hubspot'];
const NOW = '2026-06-30';
export const SCORE_AT = '2026-06-30T02:00:00.000Z';

/** Record writes each emulator accepted, per record id, since the last `reset()`. */
export interface WriteCounter {
  of(system: CrmSystem): Map<string, number>;
  /** Record ids accepted more than once since the last reset. */
  twice(system: CrmSystem): string[];
  reset(): void;
}

/** Counts every record write the emulator accepts (both emulators ask their fault injector once per record written). */
function countWrites(faults: Record<CrmSystem, FaultInjector>): WriteCounter {
  const counts: Record<CrmSystem, Map<string, number>> = { salesforce: new Map(), hubspot: new Map() };
  for (const system of BOTH) {
    const injector = faults[system];
    const decide = injector.recordFailure.bind(injector);
    injector.recordFailure = (recordId, codes) => {
      const code = decide(recordId, codes);
      if (code === undefined) counts[system].set(recordId, (counts[system].get(recordId) ?? 0) + 1);
      return code;
    };
  }
  return {
    of: (system) => counts[system],
    twice: (system) => [...counts[system]].filter(([, n]) => n > 1).map(([id]) => id),
    reset: () => {
      for (const system of BOTH) counts[system].clear();
    },
  };
}

export interface EmulatedRunWorld {
  emulators: RunningEmulators;
  env: AtlasEnv;
  mappings: LoadedMappings;
  store: Store;
  writes: WriteCounter;
  /** One run on fresh connectors opened inside it; `salesforce` overrides that connector's options. */
  run(
    options?: Partial<PipelineOptions>,
    salesforce?: Partial<SalesforceConnectorOptions>,
  ): Promise<PipelineResult>;
  close(): Promise<void>;
}

/** Seeds `partners` partners in both CRMs (some in one, some in both), provisions both, opens an empty store. */
export async function startEmulatedRunWorld(
  options: { partners?: number; seed?: number; timeoutMs?: number } = {},
): Promise<EmulatedRunWorld> {
  const work = mkdtempSync(join(tmpdir(), 'atlas-emulated-run-'));
  const mappings = loadMappings(join(ROOT, 'mappings'));
  const partners = options.partners ?? 40;
  const emulators = await startEmulators({
    partners,
    dealsPerPartner: 24,
    certifications: partners * 8,
    seed: options.seed ?? 11,
    now: NOW,
    taxonomy: mappings.taxonomy,
    systems: BOTH,
  });
  const env = loadEnv({
    ...emulatorProcessEnv(emulators.env),
    ATLAS_CRM_TIMEOUT_MS: String(options.timeoutMs ?? 500),
  });
  const provisioning = await openConnectors(BOTH, env, mappings);
  for (const connector of Object.values(provisioning)) {
    if (!connector) continue;
    await connector.applyProvision(await connector.planProvision());
    await connector.close();
  }
  const store = await openStore({ dbPath: join(work, 'atlas.db') });
  const writes = countWrites({
    salesforce: emulators.salesforce!.emulator.faults,
    hubspot: emulators.hubspot!.emulator.faults,
  });
  const shortSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.min(ms, 10)));
  return {
    emulators,
    env,
    mappings,
    store,
    writes,
    run: (runOptions = {}, salesforce = {}) =>
      runPipeline({
        store,
        mappings,
        scoreAt: SCORE_AT,
        connectors: {
          salesforce: () =>
            createSalesforceConnector({
              ...salesforceConnectorOptionsFromEnv(env, { writeback: mappings.salesforce?.writeback }),
              retry: { maxRetries: 2, baseMs: 1, maxMs: 5 },
              sleep: shortSleep,
              ...salesforce,
            }),
          hubspot: () => openConnector('hubspot', env, mappings),
        },
        ...runOptions,
      }),
    close: async () => {
      await store.close();
      await emulators.close();
      rmSync(work, { recursive: true, force: true });
    },
  };
}
