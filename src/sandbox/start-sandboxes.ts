/** Starts the Salesforce and / or HubSpot sandbox with the taxonomy's picklists, seeds them, and says how to reach them. */
import {
  DEFAULT_PRIVATE_APP_TOKEN,
  type HubSpotSandbox,
  startHubSpotSandbox,
} from '../../connectors/hubspot/sandbox/index.js';
import {
  DEFAULT_SANDBOX_CREDENTIALS,
  type SalesforceSandbox,
  type SalesforceSandboxOptions,
  type SandboxCredentials,
  startSalesforceSandbox,
} from '../../connectors/salesforce/sandbox/index.js';
import type { CrmSystem } from '../model/source-ref.js';
import type { Taxonomy } from '../model/taxonomy.js';
import { DEAL_CURRENCIES, hubspotProductFamilies, salesforceProductFamilies } from './crm-vocabulary.js';
import type { SeedFigures, SeedOptions, SeedProgress } from './seed-options.js';
import { seedSandboxes } from './seed-sandboxes.js';

/**
 * Start options of both sandboxes for a taxonomy: Salesforce `Product2.Family` (and with it the
 * certification technologies) and HubSpot `product_family` hold the taxonomy's technologies, and
 * Salesforce books every currency the generator uses. Tests that start sandboxes themselves pass these.
 */
export function sandboxOptionsFor(taxonomy: Taxonomy): {
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

/** Seed options plus where the sandboxes listen, their clock, and a progress callback. */
export type StartSandboxesOptions = SeedOptions & {
  /** Ports to listen on; 0 (default) picks free ones. */
  salesforcePort?: number;
  hubspotPort?: number;
  host?: string;
  /** The sandboxes' clock (tests pass a manual one). */
  clock?: SalesforceSandboxOptions['clock'];
  onProgress?: (progress: SeedProgress) => void;
};

/** Seeded sandboxes and what a client needs to reach them (placeholder credentials only). */
export interface SandboxEndpoints {
  salesforce: { url: string; credentials: SandboxCredentials } | null;
  hubspot: { url: string; accessToken: string } | null;
  figures: SeedFigures;
  /** `NAME=value` lines that point Partner Atlas at these sandboxes (.env / shell export). */
  env: string[];
  close(): Promise<void>;
}

/** Seeded sandboxes running in this thread, with their handles (state, request log, faults) for tests. */
export interface RunningSandboxes extends SandboxEndpoints {
  salesforce: { url: string; credentials: SandboxCredentials; sandbox: SalesforceSandbox } | null;
  hubspot: { url: string; accessToken: string; sandbox: HubSpotSandbox } | null;
}

/** Where and how to start the sandbox servers. */
export interface SandboxServerOptions {
  taxonomy: Taxonomy;
  seed: number;
  salesforcePort?: number | undefined;
  hubspotPort?: number | undefined;
  host?: string | undefined;
  clock?: SalesforceSandboxOptions['clock'];
}

/** Started sandbox servers (not yet seeded). */
export interface SandboxServers {
  salesforce: SalesforceSandbox | undefined;
  hubspot: HubSpotSandbox | undefined;
  close(): Promise<void>;
}

/** Starts the servers of the given CRMs with the taxonomy's picklists (see sandboxOptionsFor). */
export async function startSandboxServers(
  systems: ReadonlySet<CrmSystem>,
  options: SandboxServerOptions,
): Promise<SandboxServers> {
  const start = sandboxOptionsFor(options.taxonomy);
  let salesforce: SalesforceSandbox | undefined;
  let hubspot: HubSpotSandbox | undefined;
  const close = async () => {
    await Promise.all([salesforce?.close(), hubspot?.close()]);
  };
  try {
    if (systems.has('salesforce')) {
      salesforce = await startSalesforceSandbox({
        port: options.salesforcePort ?? 0,
        host: options.host,
        seed: options.seed,
        clock: options.clock,
        picklists: start.salesforce.picklists,
      });
    }
    if (systems.has('hubspot')) {
      hubspot = await startHubSpotSandbox({
        port: options.hubspotPort ?? 0,
        ...(options.host === undefined ? {} : { host: options.host }),
        seed: options.seed,
        ...(options.clock === undefined ? {} : { clock: options.clock }),
        productFamilies: start.hubspot.productFamilies,
      });
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { salesforce, hubspot, close };
}

/**
 * Starts the requested sandboxes (both by default) on free or given ports in this thread, seeds them with
 * one ecosystem, and returns their URLs, placeholder credentials, env lines, handles and a `close()`.
 * For large seeds, `startSandboxWorkers` runs them in worker threads with their own heaps.
 * @example
 * const running = await startSandboxes({ partners: 300, seed: 42, now: '2025-06-30', taxonomy });
 * console.log(running.env.join('\n'));
 * await running.close();
 */
export async function startSandboxes(options: StartSandboxesOptions): Promise<RunningSandboxes> {
  const systems = new Set<CrmSystem>(options.systems ?? ['salesforce', 'hubspot']);
  const servers = await startSandboxServers(systems, options);
  try {
    const figures = await seedSandboxes({
      ...options,
      systems: [...systems],
      salesforce: servers.salesforce,
      hubspot: servers.hubspot,
    });
    const { salesforce, hubspot } = servers;
    return {
      salesforce: salesforce
        ? { url: salesforce.url, credentials: salesforce.credentials, sandbox: salesforce }
        : null,
      hubspot: hubspot
        ? { url: hubspot.url, accessToken: hubspot.tokens[0] ?? DEFAULT_PRIVATE_APP_TOKEN, sandbox: hubspot }
        : null,
      figures,
      env: sandboxEnvLines(salesforce, hubspot),
      close: servers.close,
    };
  } catch (error) {
    await servers.close();
    throw error;
  }
}

/**
 * The environment that points Partner Atlas at the sandboxes, with the sandboxes' placeholder credentials
 * (the password flow for Salesforce, a private app token for HubSpot). Never real secrets.
 */
export function sandboxEnvLines(
  salesforce: { url: string; credentials?: SandboxCredentials } | undefined,
  hubspot: { url: string; tokens: readonly string[] } | undefined,
): string[] {
  const lines: string[] = [];
  if (salesforce) {
    const c = salesforce.credentials ?? DEFAULT_SANDBOX_CREDENTIALS;
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
