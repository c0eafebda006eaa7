/** `atlas demo`: the first thing a new user runs — a generated ecosystem through store and engine, summarised. */
import type { Command } from 'commander';
import { z } from 'zod';
import { mappingsDir } from '../config.js';
import { AtlasError } from '../errors.js';
import { loadMappings } from '../mapping/index.js';
import { openStore } from '../store/index.js';
import { runOnSample } from '../sync/sample-run.js';
import type { CliContext } from './context.js';
import { demoFigures, formatDemoSummary } from './demo-summary.js';
import { EXIT } from './exit-codes.js';

/** The demo keeps its own store, apart from `ATLAS_DB`, so it never mixes sample partners with real ones. */
export const DEMO_DB_PATH = 'data/demo.db';

const DemoOptionsSchema = z.object({
  partners: z.coerce.number().int().min(20).max(100_000),
  seed: z.coerce.number().int(),
  db: z.string().min(1),
  now: z.iso.date().optional(),
  json: z.boolean().optional(),
});

export function registerDemoCommand(program: Command, context: CliContext): void {
  program
    .command('demo')
    .description(
      'generate a partner ecosystem, store and score it, and print segments, the map and explanations',
    )
    .option('--partners <n>', 'partners to generate', '300')
    .option('--seed <n>', 'random seed (same seed, same ecosystem)', '42')
    .option('--db <file>', 'SQLite file of the demo store', DEMO_DB_PATH)
    .option('--now <date>', 'score as of this ISO date (default today)')
    .option('--json', 'print the figures as JSON')
    .action(async (raw: unknown) => {
      const parsed = DemoOptionsSchema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new AtlasError('USAGE', `--${issue?.path.join('.')}: ${issue?.message}`);
      }
      const options = parsed.data;
      const mappings = loadMappings(mappingsDir(context.env()));
      const now = options.now ?? new Date().toISOString().slice(0, 10);
      const store = await openStore({ dbPath: options.db });
      try {
        const say = options.json
          ? () => {}
          : (step: string, detail: string) => context.err(`[${step}] ${detail}`);
        const started = performance.now();
        const result = await runOnSample({
          store,
          mappings,
          partners: options.partners,
          seed: options.seed,
          now,
          onStep: say,
        });
        const figures = demoFigures(
          result.scores,
          result.model,
          result.ecosystem.truth,
          mappings.taxonomy,
          mappings.scoring,
        );
        if (options.json) {
          context.out(JSON.stringify({ runId: result.run.id, scoredAt: now, ...figures }, null, 2));
        } else {
          const lines = formatDemoSummary(
            figures,
            result.scores,
            result.model,
            mappings.taxonomy,
            mappings.scoring,
            context.isTty,
          );
          for (const line of lines) context.out(line);
          context.out('');
          context.out(
            `Run ${result.run.id} finished in ${((performance.now() - started) / 1000).toFixed(1)} s; scores stored in ${store.location}.`,
          );
        }
        context.exit(EXIT.ok);
      } finally {
        await store.close();
      }
    });
}
