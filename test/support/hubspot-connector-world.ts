// Test support for the HubSpot connector: an emulator (manual clock, port 0) and a connector pointed at it
// whose waits advance the emulator clock, so rate windows and token expiry play out without sleeping.

import { createHubSpotConnector, type HubSpotConnectorOptions } from '../../connectors/hubspot/index.js';
import type { Connector } from '../../connectors/types.js';
import { DEFAULT_OAUTH_APP, type HubSpotEmulatorOptions } from '../../devkit/emulators/hubspot/index.js';
import { createManualClock, type ManualClock } from '../../devkit/emulators/kit/index.js';
import { compileMapping, loadMappings, type ReadPlan } from '../../src/mapping/index.js';
import { closedAfterEach } from './closed-after-each.js';
import { type HubSpotWorld, startWorld, WORLD_START } from './hubspot-world.js';

export const mappings = loadMappings('mappings');
const compiled = compileMapping(mappings.hubspot!, mappings.taxonomy);

/** The default mapping's read plan of an entity. */
export function planOf(entity: 'partners' | 'deals' | 'certifications' | 'people'): ReadPlan {
  return compiled.entity(entity)!.readPlan;
}

/** The default mapping's write-back section. */
export const writeback = mappings.hubspot!.writeback!;

export interface ConnectorWorld extends HubSpotWorld {
  connector: Connector;
  /** Another connector on the same emulator (e.g. OAuth instead of the private app token). */
  connect(options?: Partial<HubSpotConnectorOptions>): Promise<Connector>;
}

/** Connector auth through the emulator's default OAuth app and refresh token. */
export const EMULATOR_OAUTH = { kind: 'oauth', ...DEFAULT_OAUTH_APP } as const;

/** A clock-advancing sleep: the connector "waits" by moving the emulator's time forward. */
export function manualSleep(clock: ManualClock): (ms: number) => Promise<void> {
  return async (ms) => {
    clock.advance(Math.max(1, Math.ceil(ms)));
  };
}

/**
 * Worlds for one test file, closed after each test: `const open = useConnectorWorlds();` then
 * `const w = await open({ emulator: {...}, connector: {...} })`.
 */
export function useConnectorWorlds(
  defaults: Partial<HubSpotConnectorOptions> = {},
): (options?: {
  emulator?: HubSpotEmulatorOptions;
  connector?: Partial<HubSpotConnectorOptions>;
}) => Promise<ConnectorWorld> {
  const openWorld = closedAfterEach(startWorld);
  return async (options = {}) => {
    const world = await openWorld(options.emulator ?? {});
    const connect = (extra: Partial<HubSpotConnectorOptions> = {}) =>
      createHubSpotConnector({
        auth: { kind: 'private-app', accessToken: world.token },
        baseUrl: world.emulator.url,
        writeback,
        readObjects: ['companies', 'deals', 'certifications', 'contacts'],
        now: () => new Date(world.clock.now()),
        sleep: manualSleep(world.clock),
        ...defaults,
        ...options.connector,
        ...extra,
      });
    return { ...world, connector: await connect(), connect };
  };
}

/** Inserts `count` partner companies last changed the day before the world's start. */
export function seedCompanies(w: HubSpotWorld, count: number) {
  return w.emulator.state.insertMany(
    'companies',
    Array.from({ length: count }, (_, i) => ({
      properties: { name: `Partner ${i}`, type: 'PARTNER', domain: `p${i}.example` },
      updatedAt: Date.parse(WORLD_START) - 86_400_000,
    })),
  );
}

export { createManualClock };
