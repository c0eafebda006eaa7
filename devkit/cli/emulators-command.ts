/** `npm run emulators -- start | seed` (`atlas emulators …` in the developer CLI, devkit/cli.ts): local Salesforce and HubSpot emulators holding a seeded synthetic partner ecosystem. */
import type { Command } from 'commander';
import { z } from 'zod';
import { type CliContext, createCliContext } from '../../src/cli/context.js';
import { EXIT } from '../../src/cli/exit-codes.js';
import { mappingsDir } from '../../src/config.js';
import { count as counted } from '../../src/engine/index.js';
import { AtlasError } from '../../src/errors.js';
import { loadMappings } from '../../src/mapping/index.js';
import { type CrmSystem, CrmSystemSchema } from '../../src/model/source-ref.js';
import { CONTROL_PREFIX, type FaultsFile, readFaultsFile } from '../emulators/kit/index.js';
import {
  EMULATOR_PROFILES,
  type EmulatorEndpoints,
  EmulatorProfileNameSchema,
  profilesHelp,
  type SeedFigures,
  type SeedProgress,
  startEmulatorWorkers,
} from '../seeder/index.js';

/** Seams for tests: where progress goes, and what ends `emulator start` (default: SIGINT or SIGTERM). */
export interface EmulatorCommandHooks {
  progress?: { isTTY?: boolean | undefined; write(text: string): unknown };
  waitForStop?: (running: EmulatorEndpoints) => Promise<void>;
  /** Today's date for the generator's clock when `--now` is not given. */
  today?: () => string;
}

const count = (name: string) =>
  z.coerce
    .number({ error: `--${name} takes a whole number` })
    .int(`--${name} takes a whole number`)
    .min(0, `--${name} cannot be negative`);
const port = (name: string) => count(name).max(65_535, `--${name} takes a port number (0–65535)`);

const SeedFlagsSchema = z.object({
  partners: count('partners').min(1, '--partners must be at least 1').default(300),
  seed: z.coerce
    .number({ error: '--seed takes a whole number' })
    .int('--seed takes a whole number')
    .default(42),
  deals: count('deals').optional(),
  certifications: count('certifications').optional(),
  systems: z
    .string()
    .default('salesforce,hubspot')
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter((x) => x !== ''),
    )
    .pipe(z.array(CrmSystemSchema, { error: '--systems lists salesforce and / or hubspot' }).min(1)),
  truth: z.string().min(1).optional(),
  now: z.iso.date({ error: '--now takes a date like 2025-06-30' }).optional(),
  mappings: z.string().optional(),
  threads: z.enum(['1', '2', 'auto'], { error: '--threads is 1, 2 or auto' }).default('auto'),
  profile: EmulatorProfileNameSchema.default('prm'),
});

const StartFlagsSchema = SeedFlagsSchema.extend({
  sfPort: port('sf-port').default(0),
  hsPort: port('hs-port').default(0),
  host: z.string().default('127.0.0.1'),
  faults: z.string().min(1).optional(),
});

const SeedOnlyFlagsSchema = SeedFlagsSchema.extend({ json: z.boolean().default(false) });

function parseFlags<T extends z.ZodType>(schema: T, flags: unknown): z.output<T> {
  const parsed = schema.safeParse(flags);
  if (!parsed.success) {
    throw new AtlasError('USAGE', parsed.error.issues.map((i) => i.message).join('; '));
  }
  return parsed.data;
}

const SEED_HELP = `
The ecosystem is deterministic: the same --seed, volumes and --now give the same records. Partner size is
independent of expertise (big generalists, small specialists); win rates and CSAT rise with expertise in the
deal's sector × technology cell; certifications are held by people, some expired; some partners live in both
CRMs (HubSpot salesforceaccountid); a few percent of the data is dirty (unmapped picklist values, missing
industries, duplicate partners, unicode names, dangling cross references).
Volumes default to 20 deals and 5 certifications per partner. The ground truth (--truth FILE) is JSON:
{ sectors, technologies, partners: [{ id, salesforceId?, hubspotId?, archetype, size, expertise:
{ "<sector>×<technology>": 0..1 } }] } with the cells of latent expertise >= 0.5; id is the canonical
partner id (the Salesforce Account's refKey when the partner has one).`;

/** Adds `emulators start` and `emulators seed`. */
export function registerEmulatorCommands(
  program: Command,
  context: CliContext = createCliContext(),
  hooks: EmulatorCommandHooks = {},
): void {
  const emulator = program
    .command('emulators')
    .description('local Salesforce and HubSpot emulators with a seeded synthetic partner ecosystem');

  const seedOptions = (command: Command) =>
    command
      .option(
        '--partners <n>',
        'partners to generate (a few hundred for a demo; 100000 for benchmarks)',
        '300',
      )
      .option('--seed <n>', 'random seed: the same seed gives the same ecosystem', '42')
      .option('--deals <n>', 'deals in total (default: 20 per partner)')
      .option('--certifications <n>', 'certifications in total (default: 5 per partner)')
      .option(
        '--systems <list>',
        'CRMs to fill: salesforce,hubspot (partners are split between them)',
        'salesforce,hubspot',
      )
      .option(
        '--truth <file>',
        'write the ground truth (latent expertise per partner and cell) to this JSON file',
      )
      .option('--now <date>', "the generator's today (deals close before it); default: today")
      .option(
        '--mappings <dir>',
        'mapping directory whose taxonomy.yaml is used (default: $ATLAS_MAPPINGS_DIR or ./mappings)',
      )
      .option(
        '--threads <n>',
        '1: one thread seeds both CRMs; 2: one per CRM in parallel; auto: 2 on an idle machine',
        'auto',
      )
      .option('--profile <name>', 'what the org and the portal hold: prm or plain (see below)', 'prm');

  seedOptions(emulator.command('start'))
    .description('start both emulators, seed them, print their URLs and env lines, and serve until Ctrl+C')
    .option('--sf-port <n>', 'Salesforce emulator port (default: a free one)')
    .option('--hs-port <n>', 'HubSpot emulator port (default: a free one)')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option(
      '--faults <file>',
      'YAML or JSON faults per emulator, in force once seeded (see devkit/emulators/faults.example.yaml)',
    )
    .addHelpText('after', `${SEED_HELP}${profilesHelp()}${FAULTS_HELP}`)
    .action(async (flags: Record<string, unknown>) => {
      const o = parseFlags(StartFlagsSchema, flags);
      // Read before any worker starts, so a bad file costs no seeding.
      const faults = o.faults === undefined ? undefined : readFaultsFile(o.faults);
      const running = await startSeeded(context, hooks, o, {
        salesforcePort: o.sfPort,
        hubspotPort: o.hsPort,
        host: o.host,
        faults,
      });
      if (running.salesforce) context.out(`Salesforce emulator: ${running.salesforce.url}`);
      if (running.hubspot) context.out(`HubSpot emulator:    ${running.hubspot.url}`);
      context.out(`profile ${o.profile}: ${EMULATOR_PROFILES[o.profile].summary}`);
      if (o.profile !== 'prm') {
        context.out(
          '# The shipped mappings expect the prm profile: start from `atlas mappings init --from-crm salesforce|hubspot --out DIR`.',
        );
      }
      for (const line of summary(running.figures)) context.out(line);
      for (const line of faultLines(running, o.faults, faults)) context.out(line);
      context.out('# Point Partner Atlas at the emulators (placeholder credentials, not secrets):');
      for (const line of running.env) context.out(line);
      context.out('Serving until Ctrl+C (SIGINT) or SIGTERM.');
      try {
        await (hooks.waitForStop ?? waitForSignal)(running);
      } finally {
        await running.close();
      }
      context.out('emulators stopped');
      context.exit(EXIT.ok);
    });

  seedOptions(emulator.command('seed'))
    .description(
      'seed both emulators in-process, print the figures (records per object, seconds), write the ground truth, exit',
    )
    .option('--json', 'print the figures as JSON')
    .addHelpText(
      'after',
      `${SEED_HELP}${profilesHelp()}
Nothing keeps running afterwards: use it to check volumes and timings, or to write the ground truth of the
ecosystem that \`npm run emulators -- start\` with the same options serves.`,
    )
    .action(async (flags: Record<string, unknown>) => {
      const o = parseFlags(SeedOnlyFlagsSchema, flags);
      const running = await startSeeded(context, hooks, o, {});
      await running.close();
      if (o.json) context.out(JSON.stringify(running.figures, null, 2));
      else for (const line of figureLines(running.figures)) context.out(line);
      context.exit(EXIT.ok);
    });
}

const FAULTS_HELP = `
Faults (--faults FILE, or later through each emulator's control endpoint, loopback callers only):
  GET | POST | DELETE <emulator URL>${CONTROL_PREFIX}faults   read, replace (JSON body: one emulator's plan), clear
  GET <emulator URL>${CONTROL_PREFIX}requests?limit=N          the request log
See "Rehearsing failures" in the README.`;

/** Which emulators have faults from the file, and where to change them while they run. */
function faultLines(
  running: EmulatorEndpoints,
  file: string | undefined,
  faults: FaultsFile | undefined,
): string[] {
  const lines: string[] = [];
  if (file !== undefined && faults !== undefined) {
    const named = Object.keys(faults).join(', ') || 'no emulator';
    lines.push(`faults from ${file} in force on ${named}`);
  }
  for (const url of [running.salesforce?.url, running.hubspot?.url]) {
    if (url !== undefined) lines.push(`fault control: ${url}${CONTROL_PREFIX}faults (GET, POST, DELETE)`);
  }
  return lines;
}

type SeedFlags = z.output<typeof SeedFlagsSchema>;

async function startSeeded(
  context: CliContext,
  hooks: EmulatorCommandHooks,
  o: SeedFlags,
  servers: { salesforcePort?: number; hubspotPort?: number; host?: string; faults?: FaultsFile | undefined },
): Promise<EmulatorEndpoints> {
  const taxonomy = loadMappings(mappingsDir(context.env(), o.mappings)).taxonomy;
  const now = o.now ?? (hooks.today ?? (() => new Date().toISOString().slice(0, 10)))();
  const progress = createProgressPrinter(hooks.progress ?? process.stderr);
  try {
    return await startEmulatorWorkers({
      partners: o.partners,
      seed: o.seed,
      ...(o.deals === undefined ? {} : { deals: o.deals }),
      ...(o.certifications === undefined ? {} : { certifications: o.certifications }),
      systems: o.systems,
      now,
      taxonomy,
      ...(o.truth === undefined ? {} : { groundTruthFile: o.truth }),
      threads: o.threads === 'auto' ? 'auto' : o.threads === '1' ? 1 : 2,
      profile: o.profile,
      ...servers,
      onProgress: progress.report,
    });
  } finally {
    progress.done();
  }
}

/** Resolves on the first SIGINT or SIGTERM. */
function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

const PHASE_LABELS: Record<SeedProgress['phase'], string> = {
  generate: 'generating the ecosystem',
  partners: 'partners',
  people: 'people',
  certifications: 'certifications',
  deals: 'deals',
  'ground-truth': 'ground truth',
};

/**
 * Progress on stderr: one line rewritten in place on a terminal; otherwise plain lines, one per phase
 * start and end and at most one per 10% of a phase, so logs of a 2M-deal seed stay short.
 */
function createProgressPrinter(stream: NonNullable<EmulatorCommandHooks['progress']>) {
  const lastTenth = new Map<string, number>();
  let inPlace = false;
  return {
    report(progress: SeedProgress, systems: readonly CrmSystem[]): void {
      const who = systems.join('+');
      const line = `seeding ${who}: ${PHASE_LABELS[progress.phase]} ${progress.done}/${progress.total}`;
      if (stream.isTTY) {
        stream.write(`\r\x1b[2K${line}`);
        inPlace = true;
        return;
      }
      const key = `${who}:${progress.phase}`;
      const tenth = progress.total === 0 ? 10 : Math.floor((progress.done * 10) / progress.total);
      const previous = lastTenth.get(key);
      if (previous === tenth) return;
      lastTenth.set(key, tenth);
      stream.write(`${line}\n`);
    },
    done(): void {
      if (inPlace) stream.write('\r\x1b[2K');
    },
  };
}

function summary(f: SeedFigures): string[] {
  const p = f.partners;
  return [
    `seeded ${counted(f.generated.partners, 'partner', 'partners')} (${p.salesforceOnly} Salesforce only, ${p.hubspotOnly} HubSpot only, ${p.both} in both), ` +
      `${counted(f.generated.deals, 'deal', 'deals')}, ${counted(f.generated.certifications, 'certification', 'certifications')}, ${counted(f.generated.customers, 'customer', 'customers')} ` +
      `in ${f.seconds.total.toFixed(1)} s (seed ${f.seed})`,
    ...(f.groundTruthFile ? [`ground truth: ${f.groundTruthFile}`] : []),
  ];
}

/** The figures of `emulator seed` as aligned text. */
export function figureLines(f: SeedFigures): string[] {
  const lines = summary(f);
  const table = (title: string, counts: Record<string, number>) => {
    lines.push(`${title}:`);
    const width = Math.max(...Object.keys(counts).map((k) => k.length));
    for (const [k, v] of Object.entries(counts)) lines.push(`  ${k.padEnd(width)}  ${v}`);
  };
  if (f.salesforce) table('salesforce records', f.salesforce);
  if (f.hubspot) table('hubspot records', f.hubspot);
  table('dirty records', f.dirty);
  lines.push(`co-partner links left out (partner not in the deal's CRM): ${f.droppedPartnerLinks}`);
  const s = f.seconds;
  lines.push(
    `seconds: generate ${s.generate.toFixed(2)}, placement ${s.placement.toFixed(2)}, ` +
      `salesforce rows ${s.salesforceRows.toFixed(2)} + insert ${s.salesforceInsert.toFixed(2)}, ` +
      `hubspot rows ${s.hubspotRows.toFixed(2)} + insert ${s.hubspotInsert.toFixed(2)}, ` +
      `ground truth ${s.groundTruth.toFixed(2)}, total ${s.total.toFixed(2)}; peak RSS ${f.peakRssMb} MB`,
  );
  return lines;
}
