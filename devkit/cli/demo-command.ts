/**
 * `atlas demo`, the first thing a new user runs: both CRM emulators seeded with a few hundred partners,
 * provisioned and run through the real connectors into a SQLite store; a summary; then the dashboard.
 */

import { join } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import type { CliContext } from '../../src/cli/context.js';
import { EXIT } from '../../src/cli/exit-codes.js';
import { formatRun } from '../../src/cli/format-run.js';
import { runProgress } from '../../src/cli/run-progress.js';
import { serveUntilStopped } from '../../src/cli/serve-action.js';
import { DEMO_DB_PATH } from '../../src/cli/store-from-options.js';
import { mappingsDir } from '../../src/config.js';
import { AtlasError } from '../../src/errors.js';
import { loadMappings } from '../../src/mapping/index.js';
import { assertPortFree } from '../../src/server/index.js';
import type { StoredModel } from '../../src/store/index.js';
import { shortId } from '../../src/sync/run-name.js';
import { EmulatorProfileNameSchema, profilesHelp } from '../seeder/index.js';
import { type DemoRun, startDemo } from './demo-run.js';
import { demoFigures, formatDemoSummary } from './demo-summary.js';

const DemoOptionsSchema = z.object({
  partners: z.coerce.number().int().min(20).max(20_000),
  seed: z.coerce.number().int(),
  db: z.string().min(1),
  now: z.iso.date().optional(),
  once: z.boolean().optional(),
  port: z.coerce.number().int().min(0).max(65_535).optional(),
  json: z.boolean().optional(),
  profile: EmulatorProfileNameSchema,
});

/**
 * The commands a new user types next, on this store: `--db` always (an `ATLAS_DB` or a later
 * `data/atlas.db` would win over the demo's otherwise), and a real partner, sector and technology of this
 * run, so each works as printed.
 */
function nextCommands(demo: DemoRun, model: StoredModel, db: string): string[] {
  const onDb = ` --db ${db}`;
  // A partner with a segment whose name is part of no other name: `explain` finds it by that name alone.
  const names = model.partners.map((p) => p.name.toLowerCase());
  const unique = (name: string) => names.filter((n) => n.includes(name.toLowerCase())).length === 1;
  const segmented = new Set(
    demo.result.scores?.partners.filter((p) => p.primarySegment).map((p) => p.partnerId),
  );
  const partner =
    model.partners.find((p) => segmented.has(p.id) && unique(p.name)) ??
    model.partners.find((p) => unique(p.name));
  const { sectors, technologies } = demo.mappings.taxonomy;
  const tech = technologies.slice(0, 2).map((t) => t.key);
  const lines = [
    `npm run atlas -- runs${onDb}`,
    `npm run atlas -- runs show ${shortId(demo.result.run.id)}${onDb}`,
    ...(partner ? [`npm run atlas -- explain ${JSON.stringify(partner.name)}${onDb}`] : []),
    `npm run atlas -- map${onDb}`,
    `npm run atlas -- match --sector ${sectors[0]?.key} --tech ${tech.join(' ')}${onDb}`,
    `npm run atlas -- simulate --scoring ${join(demo.env.ATLAS_MAPPINGS_DIR ?? 'mappings', 'scoring.yaml')}${onDb}`,
  ];
  return ['Next, on the demo store:', ...lines.map((l) => `  ${l}`)];
}

export function registerDemoCommand(program: Command, context: CliContext): void {
  program
    .command('demo')
    .description(
      'seed local Salesforce and HubSpot emulators, run provisioning and a full run through the real connectors, print the result and serve the dashboard',
    )
    .option('--partners <n>', 'partners to generate', '300')
    .option('--seed <n>', 'random seed (same seed, same ecosystem)', '42')
    .option('--db <file>', 'SQLite file of the demo store (replaced at each start)', DEMO_DB_PATH)
    .option('--now <date>', "the demo's today (ISO date, default today)")
    .option('--port <n>', 'dashboard port (default $ATLAS_PORT or 3000; 0 picks a free one)')
    .option(
      '--profile <name>',
      'what the emulated CRMs hold: prm or plain; with plain the run reads starter mappings `atlas mappings init` writes into data/mappings-plain',
      'prm',
    )
    .addHelpText('after', profilesHelp())
    .option('--once', 'exit after the summary instead of serving the dashboard')
    .option('--json', 'print the figures as JSON (implies --once)')
    .action(async (raw: unknown) => {
      const parsed = DemoOptionsSchema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new AtlasError('USAGE', `--${issue?.path.join('.')}: ${issue?.message}`);
      }
      const options = parsed.data;
      const sourceDir = mappingsDir(context.env());
      const now = options.now ?? new Date().toISOString().slice(0, 10);
      const say = options.json
        ? () => {}
        : (step: string, detail: string) => context.err(`[${step}] ${detail}`);
      const port = options.port ?? context.env().ATLAS_PORT;
      // Before the store is rebuilt: a second demo must not replace the data under a running dashboard.
      if (!options.once && !options.json) await assertPortFree(port);
      const started = performance.now();
      const demo = await startDemo({
        partners: options.partners,
        seed: options.seed,
        now,
        dbPath: options.db,
        mappingsDir: sourceDir,
        mappings: loadMappings(sourceDir),
        profile: options.profile,
        listener: runProgress(context, { quiet: options.json ?? false }),
        onStep: say,
      });
      try {
        const { result, mappings } = demo;
        if (!result.scores)
          throw new AtlasError(
            'DEMO_FAILED',
            `the demo run ${result.run.status}: ${result.run.error ?? 'see above'}`,
          );
        const model = await demo.store.loadModel();
        const figures = demoFigures(result.scores, model, demo.truth, mappings.scoring);
        const seconds = (performance.now() - started) / 1000;
        if (options.json) {
          context.out(JSON.stringify({ run: result.run, seconds, ...figures }, null, 2));
        } else {
          for (const line of formatDemoSummary(
            figures,
            result.scores,
            model,
            mappings.taxonomy,
            mappings.scoring,
            context.isTty,
          )) {
            context.out(line);
          }
          context.out('');
          for (const line of formatRun(result.run)) context.out(line);
          context.out('');
          context.out(`Demo run finished in ${seconds.toFixed(1)} s; store ${demo.store.location}.`);
          context.out('');
          for (const line of nextCommands(demo, model, options.db)) context.out(line);
        }
        if (options.once || options.json) {
          context.exit(result.run.status === 'failed' ? EXIT.failure : EXIT.ok);
          return;
        }
        await serveUntilStopped(context, {
          store: demo.store,
          env: demo.env,
          mappings,
          connectors: demo.connectors,
          port,
          scoreAt: new Date(now).toISOString(),
          // No CRM links: the emulators have no record pages, and the real HubSpot app knows no emulated
          // portal; the dashboard shows each record's CRM id as text instead.
          schedule: false,
        });
      } finally {
        await demo.close();
      }
    });
}
