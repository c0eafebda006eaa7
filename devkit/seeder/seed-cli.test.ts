// E2E: `npm run emulators -- seed | start` in-process: emulators in worker threads, figures, ground truth, env lines, stop.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@hubspot/api-client';
import { Command } from 'commander';
import jsforce from 'jsforce';
import { afterEach, describe, expect, it } from 'vitest';
import type { CliContext } from '../../src/cli/context.js';
import { loadEnv } from '../../src/config.js';
import { AtlasError } from '../../src/errors.js';
import { type EmulatorCommandHooks, registerEmulatorCommands } from '../cli/emulators-command.js';
import { parseGroundTruthFile, SeedFiguresSchema } from './index.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-emulator-cli-'));
  dirs.push(dir);
  return dir;
}

/** Runs `atlas <args>` in-process; output and progress are captured. */
async function run(args: string[], hooks: EmulatorCommandHooks = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const progress: string[] = [];
  let exitCode: number | undefined;
  const context: CliContext = {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    env: () => loadEnv({}),
    exit: (code) => {
      exitCode = code;
    },
    isTty: false,
  };
  const program = new Command('atlas').exitOverride();
  registerEmulatorCommands(program, context, {
    progress: { isTTY: false, write: (text) => progress.push(text) },
    today: () => '2025-06-30',
    ...hooks,
  });
  await program.parseAsync(['node', 'atlas', ...args]);
  return { out, err, progress, exitCode };
}

const SMALL = ['--partners', '60', '--deals', '600', '--certifications', '150', '--seed', '3'];
/** Each command starts worker threads that load the TypeScript sources first: slow on a busy machine. */
const WORKERS_TIMEOUT = 120_000;

describe('npm run emulators', () => {
  it(
    'seed: prints the figures, writes the ground truth, and one thread or two write the same ecosystem',
    async () => {
      const dir = tempDir();
      const one = await run([
        'emulators',
        'seed',
        ...SMALL,
        '--threads',
        '1',
        '--json',
        '--truth',
        join(dir, 'one.json'),
      ]);
      const two = await run([
        'emulators',
        'seed',
        ...SMALL,
        '--threads',
        '2',
        '--json',
        '--truth',
        join(dir, 'two.json'),
      ]);
      expect(one.exitCode).toBe(0);
      const a = SeedFiguresSchema.parse(JSON.parse(one.out.join('\n')));
      const b = SeedFiguresSchema.parse(JSON.parse(two.out.join('\n')));
      expect(a.generated).toEqual({
        partners: 60,
        people: a.generated.people,
        deals: 600,
        certifications: 150,
        customers: a.generated.customers,
      });
      expect(b.salesforce).toEqual(a.salesforce);
      expect(b.hubspot).toEqual(a.hubspot);
      expect(b.dirty).toEqual(a.dirty);
      expect(b.droppedPartnerLinks).toBe(a.droppedPartnerLinks);
      // The ground truth, ids included, is the same byte for byte.
      const truth = readFileSync(join(dir, 'one.json'), 'utf8');
      expect(readFileSync(join(dir, 'two.json'), 'utf8')).toBe(truth);
      expect(parseGroundTruthFile(truth).partners).toHaveLength(60);
      // Plain progress lines (not a terminal): phases of each thread, a handful of lines each.
      expect(two.progress.some((l) => l.startsWith('seeding salesforce: deals'))).toBe(true);
      expect(two.progress.some((l) => l.startsWith('seeding hubspot: deals'))).toBe(true);
      expect(
        one.progress.every((l) => l.startsWith('seeding salesforce+hubspot: ') && l.endsWith('\n')),
      ).toBe(true);
      expect(one.progress.length).toBeLessThan(60);
    },
    WORKERS_TIMEOUT,
  );

  it(
    'seed: prints readable figures without --json',
    async () => {
      const { out } = await run(['emulators', 'seed', ...SMALL, '--threads', '1', '--systems', 'salesforce']);
      expect(out[0]).toMatch(
        /^seeded 60 partners \(60 Salesforce only, 0 HubSpot only, 0 in both\), 600 deals, 150 certifications/,
      );
      expect(out).toContain('salesforce records:');
      expect(out.some((l) => /^ {2}Opportunity +600$/.test(l))).toBe(true);
      expect(out).not.toContain('hubspot records:');
    },
    WORKERS_TIMEOUT,
  );

  it(
    'start: serves both seeded emulators, prints their URLs and env lines, and stops when told',
    async () => {
      let reached: { accounts: number; companies: number } | undefined;
      const { out, exitCode } = await run(['emulators', 'start', ...SMALL, '--threads', '1'], {
        waitForStop: async (running) => {
          const env = Object.fromEntries(
            running.env.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
          );
          // The printed placeholder credentials work with the real clients: the password flow and a private app token.
          const conn = new jsforce.Connection({
            loginUrl: env.SALESFORCE_LOGIN_URL,
            oauth2: {
              loginUrl: env.SALESFORCE_LOGIN_URL,
              clientId: env.SALESFORCE_CLIENT_ID,
              clientSecret: env.SALESFORCE_CLIENT_SECRET,
            },
            version: '62.0',
          });
          await conn.login(env.SALESFORCE_USERNAME ?? '', env.SALESFORCE_PASSWORD ?? '');
          const accounts = (await conn.query('SELECT COUNT() FROM Account')).totalSize;
          const hubspot = new Client({
            accessToken: env.HUBSPOT_ACCESS_TOKEN,
            basePath: env.HUBSPOT_BASE_URL,
            numberOfApiCallRetries: 0,
          });
          const companies = (await hubspot.crm.companies.searchApi.doSearch({ filterGroups: [], limit: 1 }))
            .total;
          reached = { accounts, companies };
          expect(accounts).toBe(running.figures.salesforce?.Account);
          expect(companies).toBe(running.figures.hubspot?.companies);
        },
      });
      expect(reached?.accounts).toBeGreaterThan(60);
      expect(reached?.companies).toBeGreaterThan(20);
      expect(out[0]).toMatch(/^Salesforce emulator: http:\/\/127\.0\.0\.1:\d+$/);
      expect(out[1]).toMatch(/^HubSpot emulator: {4}http:\/\/127\.0\.0\.1:\d+$/);
      for (const name of [
        'SALESFORCE_INSTANCE_URL',
        'SALESFORCE_LOGIN_URL',
        'SALESFORCE_USERNAME',
        'SALESFORCE_PASSWORD',
        'HUBSPOT_BASE_URL',
        'HUBSPOT_ACCESS_TOKEN',
      ]) {
        expect(out.some((l) => l.startsWith(`${name}=`))).toBe(true);
      }
      expect(out.at(-1)).toBe('emulators stopped');
      expect(exitCode).toBe(0);
    },
    WORKERS_TIMEOUT,
  );

  it(
    'start --faults: the file is in force once seeded, and the control endpoint reaches the worker threads',
    async () => {
      const file = join(tempDir(), 'faults.yaml');
      writeFileSync(
        file,
        'salesforce:\n  rateLimit: { count: 2, retryAfterSeconds: 5 }\nhubspot:\n  serverErrors: { count: 1, status: 502 }\n',
      );
      const { out, exitCode } = await run(
        ['emulators', 'start', ...SMALL, '--threads', '2', '--faults', file],
        {
          waitForStop: async (running) => {
            const sf = running.salesforce;
            const hs = running.hubspot;
            if (!sf || !hs) throw new Error('both emulators should run');
            // The seed spent none of the queued 429s.
            const before = await fetch(`${sf.url}/__emulator/faults`).then((r) => r.json());
            expect(before).toMatchObject({ pending: { tooManyRequests: 2 } });
            const conn = new jsforce.Connection({
              loginUrl: sf.url,
              oauth2: {
                loginUrl: sf.url,
                clientId: sf.credentials.clientId,
                clientSecret: sf.credentials.clientSecret,
              },
              version: '62.0',
            });
            await conn.login(sf.credentials.username, sf.credentials.password);
            const query = await fetch(`${sf.url}/services/data/v62.0/query?q=SELECT+Id+FROM+Account`, {
              headers: { authorization: `Bearer ${conn.accessToken}` },
            });
            expect(query.status).toBe(429);
            expect(query.headers.get('retry-after')).toBe('5');
            expect(await query.json()).toMatchObject([{ errorCode: 'REQUEST_LIMIT_EXCEEDED' }]);

            const hubspot = new Client({
              accessToken: hs.accessToken,
              basePath: hs.url,
              numberOfApiCallRetries: 0,
            });
            const failed = await hubspot.crm.companies.basicApi.getPage(1).catch((e: unknown) => e);
            expect(failed).toMatchObject({ code: 502, body: { category: 'INTERNAL_ERROR' } });
            // Replaced from outside: the HubSpot worker now answers a 429 burst.
            const replaced = await fetch(`${hs.url}/__emulator/faults`, {
              method: 'POST',
              body: JSON.stringify({ rateLimit: { count: 1 } }),
            });
            expect(await replaced.json()).toMatchObject({ pending: { tooManyRequests: 1, serverErrors: 0 } });
            const limited = await hubspot.crm.companies.basicApi.getPage(1).catch((e: unknown) => e);
            expect(limited).toMatchObject({ code: 429, body: { policyName: 'TEN_SECONDLY_ROLLING' } });
          },
        },
      );
      expect(out).toContain(`faults from ${file} in force on salesforce, hubspot`);
      expect(
        out.filter((l) => /^fault control: http:\/\/127\.0\.0\.1:\d+\/__emulator\/faults/.test(l)),
      ).toHaveLength(2);
      expect(exitCode).toBe(0);
    },
    WORKERS_TIMEOUT,
  );

  it('start --faults: a bad faults file is a usage error naming the file and key, before any seeding', async () => {
    const file = join(tempDir(), 'faults.yaml');
    writeFileSync(file, 'hubspot:\n  stall: { count: 1 }\n');
    await expect(run(['emulators', 'start', '--faults', file])).rejects.toMatchObject({
      code: 'USAGE',
      message: expect.stringContaining(
        `${file}:2:3 hubspot.stall: unknown key "stall" (did you mean "stalls"?)`,
      ),
    });
  });

  it('rejects bad flags with a usage error that names them', async () => {
    await expect(run(['emulators', 'seed', '--partners', '0'])).rejects.toMatchObject({
      code: 'USAGE',
      message: expect.stringContaining('--partners must be at least 1'),
    });
    await expect(run(['emulators', 'seed', '--systems', 'salesforce,pipedrive'])).rejects.toBeInstanceOf(
      AtlasError,
    );
    await expect(run(['emulators', 'start', '--sf-port', '70000'])).rejects.toMatchObject({
      message: expect.stringContaining('--sf-port'),
    });
    await expect(run(['emulators', 'seed', '--profile', 'nonprofit'])).rejects.toMatchObject({
      code: 'USAGE',
      message: expect.stringContaining('--profile is prm or plain'),
    });
  });

  it(
    "seed --profile plain: certifications go to the plain org's own object, partners through Opportunity Partners",
    async () => {
      const { out } = await run([
        'emulators',
        'seed',
        ...SMALL,
        '--threads',
        '1',
        '--profile',
        'plain',
        '--json',
      ]);
      const figures = SeedFiguresSchema.parse(JSON.parse(out.join('\n')));
      expect(figures.salesforce?.Certification__c).toBeGreaterThan(0);
      expect(figures.salesforce).not.toHaveProperty('Partner_Certification__c');
      expect(figures.salesforce?.OpportunityPartner).toBeGreaterThan(0);
      expect(figures.hubspot?.certifications).toBe(0);
    },
    WORKERS_TIMEOUT,
  );
});
