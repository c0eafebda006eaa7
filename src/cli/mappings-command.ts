/** `atlas mappings check`: validates the admin's mapping files and prints every problem, or a summary. */
import type { Command } from 'commander';
import { mappingsDir } from '../config.js';
import { formatMappingProblem } from '../errors.js';
import { checkMappings, formatMappingSummary } from '../mapping/index.js';
import type { CliContext } from './context.js';
import { EXIT } from './exit-codes.js';

export function registerMappingsCommands(program: Command, context: CliContext): void {
  const mappings = program
    .command('mappings')
    .description('inspect and validate the field mappings (mappings/*.yaml)');
  mappings
    .command('check')
    .description('validate every mapping file; print all problems with file:line:column, or a summary')
    .option('--dir <dir>', 'mapping directory (default: $ATLAS_MAPPINGS_DIR or ./mappings)')
    .option('--json', 'print the problems and summary as JSON')
    .action((options: { dir?: string; json?: boolean }) => {
      const dir = mappingsDir(context.env(), options.dir);
      const { problems, summary } = checkMappings(dir);
      if (options.json) {
        context.out(JSON.stringify({ ok: problems.length === 0, problems, summary }, null, 2));
      } else if (problems.length > 0) {
        for (const p of problems) context.err(formatMappingProblem(p));
        context.err(`${problems.length} problem(s) in ${dir}`);
      } else {
        for (const line of formatMappingSummary(summary)) context.out(line);
        context.out(`mappings in ${dir} are valid`);
      }
      context.exit(problems.length === 0 ? EXIT.ok : EXIT.usage);
    });
}
