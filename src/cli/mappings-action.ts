/** What `atlas mappings check` prints: every problem in the admin's mapping files, or a summary. */
import { mappingsDir } from '../config.js';
import { formatMappingProblem } from '../errors.js';
import { checkMappings, formatMappingSummary } from '../mapping/index.js';
import type { CliContext } from './context.js';
import { EXIT } from './exit-codes.js';

export function checkMappingFiles(context: CliContext, options: { dir?: string; json?: boolean }): void {
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
}
