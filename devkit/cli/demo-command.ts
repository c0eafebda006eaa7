/**
 * `atlas demo`, the first thing a new user runs: both CRM emulators seeded with a few hundred partners,
 * provisioned and run through the real connectors into a SQLite store; a summary; then the dashboard.
 */
import type { Command } from 'commander';
import { z } from 'zod';
import type { CliContext } from '../../src/cli/context.js';
import { EXIT } from '../../src/cli/exit-codes.js';
import { formatRun } from '../../src/cli/format-run.js';
import { runProgress } from '../../src/cli/run-progress.js';
import { serveUntilStopped } from '../../src/cli/serve-action.js';
import { mappingsDir } from '../../src/config.js';
import { AtlasError } from '../../src/errors.js';
import { loadMappings } from '../../src/mapping/index.js';
import { EmulatorProfileNameSchema, profilesHelp } from '../seeder/index.js';
import { type DemoRun, startDemo } from './demo-run.js';
import { demoFigures, formatDemoSummary } from './demo-summary.js';

/** The demo keeps its own store, apart from `ATLAS_DB`, so it never mixes sample partners with real ones. */
export const DEMO_DB_PATH = 'data/demo.db';

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

/** The emulator's custom object type ids (certifications), so evidence links reach their records. */
function hubspotCustomObjectIds(demo: DemoRun): Record<string, string> {
  const types = demo.emulators.hubspot?.emulator.state.schemas.customTypes() ?? [];
  return Object.fromEntries(types.map((t) => [t.name, t.objectTypeId]));
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
          port: options.port ?? context.env().ATLAS_PORT,
          scoreAt: new Date(now).toISOString(),
          crmLinks: {
            salesforceUrl: demo.emulators.salesforce?.url ?? null,
            hubspotPortalId: demo.emulators.hubspot
              ? String(demo.emulators.hubspot.emulator.state.portalId ?? '')
              : null,
            hubspotObjectTypeIds: hubspotCustomObjectIds(demo),
          },
          schedule: false,
        });
      } finally {
        await demo.close();
      }
    });
}
