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
      auth: {
        mode: 'password',
        username: sf.credentials.username,
        password: sf.credentials.password,
        clientId: sf.credentials.clientId,
        clientSecret: sf.credentials.clientSecret,
      },
      loginUrl: sf.url,
      writeback,
      retry: { maxRetries: 4, baseMs: 1, maxMs: 5 },
      bulkPollIntervalMs: 0,
      now: () => new Date(clock.now()),
      sleep: async () => {},
      ...overrides,
    });
  const connector = await connect(options.connector);
  return { running, sf, clock, connector, connect, close: () => running.close() };
}

/** Every page of a read. */
export async function readAll(
  connector: Connector,
  plan: ReadPlan,
  options: ReadOptions,
): Promise<ReadPage[]> {
  const pages: ReadPage[] = [];
  for await (const page of connector.read(plan, options)) pages.push(page);
  return pages;
}
