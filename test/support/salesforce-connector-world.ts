// A seeded Salesforce emulator plus a Salesforce connector on it (password flow, manual clock, no real waits).
import {
  createSalesforceConnector,
  type SalesforceConnectorOptions,
} from '../../connectors/salesforce/index.js';
import type { Connector, ReadOptions, ReadPage, ReadPlan } from '../../connectors/types.js';
import { createManualClock, type ManualClock } from '../../devkit/emulators/kit/index.js';
import type { SalesforceEmulator } from '../../devkit/emulators/salesforce/index.js';
import { CLEAN, type RunningEmulators, startEmulators } from '../../devkit/seeder/index.js';
import { type CompiledMapping, compileMapping, loadMappings } from '../../src/mapping/index.js';
import { closedAfterEach } from './closed-after-each.js';

export const loaded = loadMappings('mappings');
export const compiled: CompiledMapping = compileMapping(loaded.salesforce!, loaded.taxonomy);
export const writeback = loaded.salesforce!.writeback!;

/** The read plan of an entity of the default Salesforce mapping. */
export function planOf(entity: 'partners' | 'deals' | 'certifications' | 'people'): ReadPlan {
  const e = compiled.entity(entity);
  if (!e) throw new Error(`the default mapping has no ${entity}`);
  return e.readPlan;
}

export interface ConnectorWorld {
  running: RunningEmulators;
  sf: SalesforceEmulator;
  clock: ManualClock;
  connector: Connector;
  /** Another connector on the same emulator with other options. */
  connect(overrides?: Partial<SalesforceConnectorOptions>): Promise<Connector>;
  /** Every page of a read through `via` (default: `connector`), by default a run from no cursor starting now. */
  readAll(plan: ReadPlan, options?: Partial<ReadOptions> & { via?: Connector }): Promise<ReadPage[]>;
  close(): Promise<void>;
}

/** Seeds `partners` partners (8 deals each) at 2025-06-30 and connects with the password flow. */
export async function startConnectorWorld(
  options: {
    partners?: number;
    certifications?: number;
    seed?: number;
    connector?: Partial<SalesforceConnectorOptions>;
  } = {},
): Promise<ConnectorWorld> {
  const clock = createManualClock('2025-07-01T08:00:00.000Z');
  const running = await startEmulators({
    partners: options.partners ?? 40,
    dealsPerPartner: 8,
    ...(options.certifications === undefined ? {} : { certifications: options.certifications }),
    seed: options.seed ?? 7,
    now: '2025-06-30',
    taxonomy: loaded.taxonomy,
    clock,
    systems: ['salesforce'],
    dirty: CLEAN,
  });
  const sf = running.salesforce!.emulator;
  const connect = (overrides: Partial<SalesforceConnectorOptions> = {}) =>
    createSalesforceConnector({
      auth: { mode: 'password', ...sf.credentials },
      loginUrl: sf.url,
      writeback,
      retry: { maxRetries: 4, baseMs: 1, maxMs: 5 },
      bulkPollIntervalMs: 0,
      now: () => new Date(clock.now()),
      sleep: async () => {},
      ...overrides,
    });
  const connector = await connect(options.connector);
  const readAll: ConnectorWorld['readAll'] = async (plan, { via = connector, ...read } = {}) => {
    const pages: ReadPage[] = [];
    for await (const page of via.read(plan, { ...runFrom({ clock }), ...read })) pages.push(page);
    return pages;
  };
  return { running, sf, clock, connector, connect, readAll, close: () => running.close() };
}

/** Connector worlds for one test file, each closed after its test: `const open = useConnectorWorlds();`. */
export function useConnectorWorlds(): (
  options?: Parameters<typeof startConnectorWorld>[0],
) => Promise<ConnectorWorld> {
  return closedAfterEach(startConnectorWorld);
}

/** Read options for a run that starts now on the world's clock, from `cursor`, with no lookback. */
export function runFrom(world: { clock: ManualClock }, cursor: unknown = null): ReadOptions {
  return { cursor, runStartedAt: new Date(world.clock.now()).toISOString(), lookbackMs: 0 };
}
