/** Starts the Salesforce and / or HubSpot emulator with the taxonomy's picklists, seeds them, and says how to reach them. */

import type { CrmSystem } from '../../src/model/source-ref.js';
import type { Taxonomy } from '../../src/model/taxonomy.js';
import {
  DEFAULT_PRIVATE_APP_TOKEN,
  type HubSpotEmulator,
  startHubSpotEmulator,
} from '../emulators/hubspot/index.js';
import { applyFaultPlan, type FaultsFile } from '../emulators/kit/index.js';
import {
  DEFAULT_EMULATOR_CREDENTIALS,
  type EmulatorCredentials,
  type SalesforceEmulator,
  type SalesforceEmulatorOptions,
  startSalesforceEmulator,
} from '../emulators/salesforce/index.js';
import { DEAL_CURRENCIES, hubspotProductFamilies, salesforceProductFamilies } from './crm-vocabulary.js';
import { associationLabelName, EMULATOR_PROFILES, type EmulatorProfileName } from './profiles.js';
import { seedEmulators } from './seed-emulators.js';
import type { SeedFigures, SeedOptions, SeedProgress } from './seed-options.js';

/**
 * Start options of both emulators for a taxonomy: Salesforce `Product2.Family` (and with it the
 * certification technologies) and HubSpot `product_family` hold the taxonomy's technologies, and
 * Salesforce books every currency the generator uses. Tests that start emulators themselves pass these.
 */
export function emulatorOptionsFor(taxonomy: Taxonomy): {
  salesforce: { picklists: Record<string, readonly string[]> };
  hubspot: { productFamilies: Array<[string, string]> };
} {
  return {
    salesforce: {
      picklists: {
        'Product2.Family': salesforceProductFamilies(taxonomy),
        'Opportunity.CurrencyIsoCode': DEAL_CURRENCIES,
      },
    },
    hubspot: { productFamilies: hubspotProductFamilies(taxonomy) },
  };
}

/** Seed options plus where the emulators listen, their clock, and a progress callback. */
export type StartEmulatorsOptions = SeedOptions & {
  /** Ports to listen on; 0 (default) picks free ones. */
  salesforcePort?: number;
  hubspotPort?: number;
  host?: string;
  /** The emulators' clock (tests pass a manual one). */
  clock?: SalesforceEmulatorOptions['clock'];
  /** Faults to put in force once seeded (a parsed `--faults` file). */
  faults?: FaultsFile;
  onProgress?: (progress: SeedProgress) => void;
};

/** Seeded emulators and what a client needs to reach them (placeholder credentials only). */
export interface EmulatorEndpoints {
  salesforce: { url: string; credentials: EmulatorCredentials } | null;
  hubspot: { url: string; accessToken: string } | null;
  figures: SeedFigures;
  /** `NAME=value` lines that point Partner Atlas at these emulators (.env / shell export). */
  env: string[];
  close(): Promise<void>;
}

/** Seeded emulators running in this thread, with their handles (state, request log, faults) for tests. */
export interface RunningEmulators extends EmulatorEndpoints {
  salesforce: { url: string; credentials: EmulatorCredentials; emulator: SalesforceEmulator } | null;
  hubspot: { url: string; accessToken: string; emulator: HubSpotEmulator } | null;
}

/** Where and how to start the emulator servers. */
export interface EmulatorServerOptions {
  taxonomy: Taxonomy;
  seed: number;
  /** What the org and the portal hold (default prm). */
  profile?: EmulatorProfileName | undefined;
  salesforcePort?: number | undefined;
  hubspotPort?: number | undefined;
  host?: string | undefined;
  clock?: SalesforceEmulatorOptions['clock'];
}

/** Started emulator servers (not yet seeded). */
export interface EmulatorServers {
  salesforce: SalesforceEmulator | undefined;
  hubspot: HubSpotEmulator | undefined;
  close(): Promise<void>;
}

/**
 * Puts a faults file's plans in force on the servers it names. Called after seeding: the seed writes
 * through the emulators' state, but a token killed or a burst queued before it would greet the first
 * client with a fault the file did not ask for yet.
 */
export function applyFaultsFile(
  servers: Pick<EmulatorServers, 'salesforce' | 'hubspot'>,
  faults: FaultsFile | undefined,
): void {
  if (faults?.salesforce && servers.salesforce) applyFaultPlan(servers.salesforce.faults, faults.salesforce);
  if (faults?.hubspot && servers.hubspot) applyFaultPlan(servers.hubspot.faults, faults.hubspot);
}

/** Starts the servers of the given CRMs with the taxonomy's picklists (see emulatorOptionsFor) and the profile's schema. */
export async function startEmulatorServers(
  systems: ReadonlySet<CrmSystem>,
  options: EmulatorServerOptions,
): Promise<EmulatorServers> {
  const start = emulatorOptionsFor(options.taxonomy);
  const profile = EMULATOR_PROFILES[options.profile ?? 'prm'];
  let salesforce: SalesforceEmulator | undefined;
  let hubspot: HubSpotEmulator | undefined;
  const close = async () => {
    await Promise.all([salesforce?.close(), hubspot?.close()]);
  };
  try {
    if (systems.has('salesforce')) {
      salesforce = await startSalesforceEmulator({
        port: options.salesforcePort ?? 0,
        host: options.host,
        seed: options.seed,
        clock: options.clock,
        picklists: start.salesforce.picklists,
        orgShape: profile.salesforce.shape,
      });
    }
    if (systems.has('hubspot')) {
      hubspot = await startHubSpotEmulator({
        port: options.hubspotPort ?? 0,
        ...(options.host === undefined ? {} : { host: options.host }),
        seed: options.seed,
        ...(options.clock === undefined ? {} : { clock: options.clock }),
        productFamilies: start.hubspot.productFamilies,
        withCertifications: profile.hubspot.certifications,
        // The profile's own labels instead, created as an admin would (Settings → Objects → Deals → Associations).
        withPartnerLabels: false,
      });
      for (const label of Object.values(profile.hubspot.roleLabels)) {
        hubspot.state.associations.createLabel('0-3', '0-2', { label, name: associationLabelName(label) });
      }
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { salesforce, hubspot, close };
}

/**
 * Starts the requested emulators (both by default) on free or given ports in this thread, seeds them with
 * one ecosystem, and returns their URLs, placeholder credentials, env lines, handles and a `close()`.
 * For large seeds, `startEmulatorWorkers` runs them in worker threads with their own heaps.
 * @example
 * const running = await startEmulators({ partners: 300, seed: 42, now: '2025-06-30', taxonomy });
 * console.log(running.env.join('\n'));
 * await running.close();
 */
export async function startEmulators(options: StartEmulatorsOptions): Promise<RunningEmulators> {
  const systems = new Set<CrmSystem>(options.systems ?? ['salesforce', 'hubspot']);
  const servers = await startEmulatorServers(systems, options);
  try {
    const figures = await seedEmulators({
      ...options,
      systems: [...systems],
      salesforce: servers.salesforce,
      hubspot: servers.hubspot,
    });
    applyFaultsFile(servers, options.faults);
    const { salesforce, hubspot } = servers;
    return {
      salesforce: salesforce
        ? { url: salesforce.url, credentials: salesforce.credentials, emulator: salesforce }
        : null,
      hubspot: hubspot
        ? { url: hubspot.url, accessToken: hubspot.tokens[0] ?? DEFAULT_PRIVATE_APP_TOKEN, emulator: hubspot }
        : null,
      figures,
      env: emulatorEnvLines(salesforce, hubspot),
      close: servers.close,
    };
  } catch (error) {
    await servers.close();
    throw error;
  }
}

/**
 * The environment that points Partner Atlas at the emulators, with the emulators' placeholder credentials
 * (the password flow for Salesforce, a private app token for HubSpot). Never real secrets.
 */
export function emulatorEnvLines(
  salesforce: { url: string; credentials?: EmulatorCredentials } | undefined,
  hubspot: { url: string; tokens: readonly string[] } | undefined,
): string[] {
  const lines: string[] = [];
  if (salesforce) {
    const c = salesforce.credentials ?? DEFAULT_EMULATOR_CREDENTIALS;
    lines.push(
      `SALESFORCE_INSTANCE_URL=${salesforce.url}`,
      `SALESFORCE_LOGIN_URL=${salesforce.url}`,
      `SALESFORCE_USERNAME=${c.username}`,
      `SALESFORCE_PASSWORD=${c.password}`,
      `SALESFORCE_CLIENT_ID=${c.clientId}`,
      `SALESFORCE_CLIENT_SECRET=${c.clientSecret}`,
    );
  }
  if (hubspot) {
    lines.push(
      `HUBSPOT_BASE_URL=${hubspot.url}`,
      `HUBSPOT_ACCESS_TOKEN=${hubspot.tokens[0] ?? DEFAULT_PRIVATE_APP_TOKEN}`,
    );
  }
  return lines;
}
