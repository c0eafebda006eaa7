// Builds one Salesforce emulator world for a test: fixed seed, manual clock, a jsforce connection that can refresh.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import jsforce from 'jsforce';
import { z } from 'zod';
import { createManualClock, type ManualClock } from '../../devkit/emulators/kit/index.js';
import {
  type SalesforceEmulator,
  type SalesforceEmulatorOptions,
  startSalesforceEmulator,
} from '../../devkit/emulators/salesforce/index.js';
import { closedAfterEach } from './closed-after-each.js';

/** The emulator clock starts here in every test world. */
export const WORLD_START = '2024-06-01T00:00:00.000Z';

export interface SalesforceWorld {
  sf: SalesforceEmulator;
  clock: ManualClock;
  /** jsforce connection with an access token and a refresh token (so 401s refresh like production). */
  conn: jsforce.Connection;
  /** Raw HTTP to the emulator with the connection's current token. */
  fetchJson(
    path: string,
    init?: { method?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<{
    status: number;
    headers: Headers;
    body: unknown;
  }>;
  close(): Promise<void>;
}

/** Starts an emulator with seed 7 (unless given) and a manual clock at WORLD_START. */
export async function startWorld(options: SalesforceEmulatorOptions = {}): Promise<SalesforceWorld> {
  const clock = createManualClock(WORLD_START);
  const sf = await startSalesforceEmulator({ seed: 7, clock, ...options });
  const conn = new jsforce.Connection({
    instanceUrl: sf.url,
    loginUrl: sf.url,
    accessToken: sf.issueAccessToken(),
    refreshToken: sf.issueRefreshToken(),
    oauth2: {
      loginUrl: sf.url,
      clientId: sf.credentials.clientId,
      clientSecret: sf.credentials.clientSecret,
    },
    version: '62.0',
  });
  return {
    sf,
    clock,
    conn,
    async fetchJson(path, init = {}) {
      const headers: Record<string, string> = {
        authorization: `Bearer ${conn.accessToken}`,
        ...init.headers,
      };
      if (init.body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`${sf.url}${path}`, {
        method: init.method ?? 'GET',
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      const text = await res.text();
      return { status: res.status, headers: res.headers, body: text === '' ? null : JSON.parse(text) };
    },
    close: () => sf.close(),
  };
}

/** Worlds for one test file, each closed after its test: `const open = useWorlds();` then `await open(options)`. */
export function useWorlds(): (options?: SalesforceEmulatorOptions) => Promise<SalesforceWorld> {
  return closedAfterEach(startWorld);
}

const FixtureSchema = z.object({
  source: z.string().url(),
  request: z.record(z.string(), z.unknown()),
  response: z.unknown(),
});
export type ContractFixture = z.infer<typeof FixtureSchema>;

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'contract', 'salesforce');

/** Loads `test/contract/salesforce/<name>.json`. */
export function loadFixture(name: string): ContractFixture {
  return FixtureSchema.parse(JSON.parse(readFileSync(join(fixtures, `${name}.json`), 'utf8')));
}
