/** What `atlas runs` and `atlas runs show <id>` print: the run history, and one run with its failures and drift. */
import { count } from '../engine/index.js';
import { AtlasError } from '../errors.js';
import { runOptionsOf } from '../sync/run-options.js';
import type { CliContext } from './context.js';
import { EXIT } from './exit-codes.js';
import { formatRun } from './format-run.js';
import { openCommandStore } from './store-from-options.js';

export async function listRuns(
  context: CliContext,
  options: { limit: string; db?: string; json?: boolean },
): Promise<void> {
  const store = await openCommandStore(context.env(), options.db, true);
  try {
    const list = await store.listRuns({ limit: Number(options.limit) });
    if (options.json) context.out(JSON.stringify(list, null, 2));
    else {
      if (list.length === 0) context.out('no runs yet: `atlas run` (or `npm run demo`)');
      for (const run of list) {
        const seconds = run.finishedAt
          ? `${((Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000).toFixed(1)} s`
          : 'running';
        const opts = runOptionsOf(run);
        const flags = [opts.full ? 'full' : null, opts.dryRun ? 'dry run' : null].filter(Boolean).join(', ');
        context.out(
          `${run.id}  ${run.startedAt}  ${run.kind.padEnd(9)} ${run.status.padEnd(11)} ${seconds}${flags ? `  (${flags})` : ''}${run.error ? `  ${run.error}` : ''}`,
        );
      }
    }
    context.exit(EXIT.ok);
  } finally {
    await store.close();
  }
}

export async function showRun(
  context: CliContext,
  id: string,
  options: { db?: string; json?: boolean },
): Promise<void> {
  const store = await openCommandStore(context.env(), options.db, true);
  try {
    const run = await store.getRun(id);
    if (!run) throw new AtlasError('USAGE', `no run ${id} in ${store.location} (see \`atlas runs\`)`);
    const [failures, issues, issueCount, events] = await Promise.all([
      store.listWriteFailures(),
      store.listRecordIssues(id, { limit: 20 }),
      store.countRecordIssues(id),
      store.listRunEvents(id, { limit: 500 }),
    ]);
    if (options.json) {
      context.out(
        JSON.stringify({ run, writeFailures: failures, recordIssues: issues, issueCount, events }, null, 2),
      );
    } else {
      for (const line of formatRun(run)) context.out(line);
      if (failures.length > 0) {
        context.out(`Write failures now on record (${failures.length}):`);
        for (const f of failures.slice(0, 30)) {
          context.out(
            `  ${f.system} ${f.object} ${f.recordId}: ${f.code} ${f.message} (${count(f.attempts, 'attempt', 'attempts')}, ${f.transient ? 'transient' : 'permanent'})`,
          );
        }
      }
      if (issueCount > 0) {
        context.out(`Mapping issues (${issueCount}, first ${issues.length}):`);
        for (const i of issues) {
          context.out(`  ${i.system} ${i.object} ${i.recordId} ${i.field}: ${i.reason} [${i.severity}]`);
        }
      }
      const problems = events.filter((e) => e.level === 'warn' || e.level === 'error');
      if (problems.length > 0) {
        context.out('Warnings and errors:');
        for (const e of problems.slice(0, 30)) context.out(`  ${e.level} [${e.step}] ${e.message}`);
      }
    }
    context.exit(EXIT.ok);
  } finally {
    await store.close();
  }
}
