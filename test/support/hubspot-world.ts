// A fresh HubSpot emulator world per test: emulator on port 0, manual clock, @hubspot/api-client, raw fetch and fixtures.

import { readFileSync } from 'node:fs';
import { Client } from '@hubspot/api-client';
import { z } from 'zod';
import {
  DEFAULT_OAUTH_APP,
  type HubSpotEmulator,
  type HubSpotEmulatorOptions,
  startHubSpotEmulator,
} from '../../devkit/emulators/hubspot/index.js';
import { createManualClock, type ManualClock } from '../../devkit/emulators/kit/index.js';
import { closedAfterEach } from './closed-after-each.js';

/** Start of every test world's clock. */
export const WORLD_START = '2026-01-15T10:00:00.000Z';

export interface HubSpotWorld {
  emulator: HubSpotEmulator;
  clock: ManualClock;
  token: string;
  /** The real client, pointed at the emulator; retries off (the client keeps them in a process-wide decorator). */
  client: Client;
  /** Raw request for shape checks: JSON body, status and headers. */
  fetchJson(
    method: string,
    path: string,
    options?: { body?: unknown; form?: Record<string, string>; headers?: Record<string, string> },
  ): Promise<{ status: number; body: unknown; headers: Headers }>;
  /** The client's OAuth refresh grant with the emulator's default app (and its refresh token unless given). */
  refreshOAuth(refreshToken?: string): ReturnType<Client['oauth']['tokensApi']['create']>;
  close(): Promise<void>;
}

/** Starts a world; the seed is fixed so faults, tokens and correlation ids repeat. */
export async function startWorld(options: HubSpotEmulatorOptions = {}): Promise<HubSpotWorld> {
  const clock = createManualClock(WORLD_START);
  const emulator = await startHubSpotEmulator({ seed: 42, clock, ...options });
  const token = emulator.tokens[0] ?? '';
  const client = new Client({ accessToken: token, basePath: emulator.url, numberOfApiCallRetries: 0 });
  return {
    emulator,
    clock,
    token,
    client,
    async fetchJson(method, path, opts = {}) {
      const headers: Record<string, string> = { authorization: `Bearer ${token}`, ...opts.headers };
      let body: string | undefined;
      if (opts.form) {
        headers['content-type'] = 'application/x-www-form-urlencoded';
        body = new URLSearchParams(opts.form).toString();
      } else if (opts.body !== undefined) {
        headers['content-type'] = 'application/json';
        body = JSON.stringify(opts.body);
      }
      const res = await fetch(`${emulator.url}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body }),
      });
      const text = await res.text();
      return { status: res.status, body: text === '' ? undefined : JSON.parse(text), headers: res.headers };
    },
    refreshOAuth: (refreshToken = DEFAULT_OAUTH_APP.refreshToken) =>
      client.oauth.tokensApi.create(
        'refresh_token',
        undefined,
        undefined,
        DEFAULT_OAUTH_APP.clientId,
        DEFAULT_OAUTH_APP.clientSecret,
        refreshToken,
      ),
    close: () => emulator.close(),
  };
}

const FixtureSchema = z.object({
  source: z.string().url(),
  request: z.object({
    method: z.string(),
    path: z.string(),
    body: z.unknown().optional(),
    form: z.record(z.string(), z.string()).optional(),
    headers: z.record(z.string(), z.string()).optional(),
  }),
  status: z.number().int(),
  response: z.unknown(),
  /** Keys the docs describe as present only in some answers (`archivedAt` once archived, ...). */
  conditional: z.array(z.string()).default([]),
  /** Headers the documented answer carries. */
  headers: z.array(z.string()).default([]),
  note: z.string().optional(),
});
export type HubSpotFixture = z.infer<typeof FixtureSchema>;

/** Loads `test/contract/hubspot/<name>.json`. */
export function loadFixture(name: string): HubSpotFixture {
  const raw: unknown = JSON.parse(
    readFileSync(new URL(`../contract/hubspot/${name}.json`, import.meta.url), 'utf8'),
  );
  return FixtureSchema.parse(raw);
}

/** Replaces `{placeholder}` segments of a fixture path or body with this world's ids. */
export function fill<T>(value: T, ids: Record<string, string | number>): T {
  const text = JSON.stringify(value).replace(/"\{(\w+)\}"/g, (m, key: string) => {
    const v = ids[key];
    return v === undefined ? m : JSON.stringify(v);
  });
  const filled = text.replace(/\{(\w+)\}/g, (m, key: string) => {
    const v = ids[key];
    return v === undefined ? m : encodeURIComponent(String(v));
  });
  return JSON.parse(filled);
}

/** The documented example without its conditional keys (paths like `results[].archivedAt`). */
export function expectedShape(fixture: HubSpotFixture, keep: readonly string[] = []): unknown {
  const copy: unknown = structuredClone(fixture.response);
  for (const path of fixture.conditional) {
    if (!keep.includes(path)) drop(copy, path.split('.'));
  }
  return copy;
}

function drop(value: unknown, segments: string[]): void {
  const [head, ...rest] = segments;
  if (head === undefined || typeof value !== 'object' || value === null) return;
  const isArray = head.endsWith('[]');
  const key = isArray ? head.slice(0, -2) : head;
  const record = value as Record<string, unknown>;
  if (rest.length === 0 && !isArray) {
    delete record[key];
    return;
  }
  const next = record[key];
  if (isArray && Array.isArray(next)) for (const item of next) drop(item, rest);
  else drop(next, rest);
}

/** Worlds for one test file, each closed after its test: `const open = useWorlds();` then `await open(options)`. */
export function useWorlds(): (options?: HubSpotEmulatorOptions) => Promise<HubSpotWorld> {
  return closedAfterEach(startWorld);
}
