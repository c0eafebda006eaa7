/** `atlas match`: name, options and help; `match-action.ts`, loaded when it runs, does the work. */
import type { Command } from 'commander';
import type { CliContext } from './context.js';
import type { MatchOptions } from './match-action.js';

/** The help's examples, keys of the shipped taxonomy (mappings/taxonomy.yaml); a test parses and checks them. */
export const MATCH_EXAMPLES = [
  'atlas match --sector healthcare --tech data_ai cloud_infrastructure',
  'atlas match --sector financial_services --tech security --region EMEA --limit 5',
] as const;

export function registerMatchCommand(program: Command, context: CliContext): void {
  program
    .command('match')
    .description("rank partners for a customer's sector and technologies, with reasons")
    .option('--sector <key>', 'sector key from taxonomy.yaml (e.g. healthcare)')
    .option('--tech <key...>', 'technology keys from taxonomy.yaml (e.g. data_ai cloud_infrastructure)')
    .option(
      '--region <name>',
      "the customer's region (e.g. EMEA, from taxonomy.yaml regions): only partners of this region",
    )
    .option('--limit <n>', 'how many partners', '10')
    .option('--db <file>', 'SQLite store (default: $ATLAS_DB / $DATABASE_URL)')
    .option('--now <datetime>', 'as of this instant (default now)')
    .option('--json', 'print the matches as JSON')
    .addHelpText('after', `\nExamples:\n${MATCH_EXAMPLES.map((e) => `  ${e}`).join('\n')}`)
    .action(async (options: MatchOptions) =>
      (await import('./match-action.js')).matchPartners(context, options),
    );
}
