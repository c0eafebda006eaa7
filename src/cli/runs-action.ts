/** What `atlas runs` and `atlas runs show <id>` print: the run history, and one run with its failures and drift. */
import { count } from '../engine/index.js';
import { AtlasError } from '../errors.js';
import type { Run, Store } from '../store/index.js';
import { durationWords, relativeTime, runName, shortId } from '../sync/run-name.js';
import { runOptionsOf } from '../sync/run-options.js';
import { hasIssueGroups } from '../sync/stored-run-figures.js';
import type { CliContext } from './context.js';
import { EXIT } from './exit-codes.js';
import { formatRun } from './format-run.js';
import { openCommandStore, storeFixHint } from './store-from-options.js';

/** The run with this id, or the one run whose id starts with it (as the list shows ids). */
async function findRun(store: Store, id: string): Promise<Run | undefined> {
  const exact = await store.getRun(id);
  if (exact || id.length < 4) return exact;
  const matches = (await store.listRuns({ limit: 1000 })).filter((r) => r.id.startsWith(id));
  if (matches.length > 1) {
    throw new AtlasError('USAGE', `${matches.length} runs have an id starting with ${id}: give more of it`);
  }
  return matches[0];
}

export async function listRuns(
  context: CliContext,
  options: { limit: string; db?: string; json?: boolean },
): Promise<void> {
  const store = await openCommandStore(context.env(), options.db, { readOnly: true, note: context.err });
  try {
    const list = await store.listRuns({ limit: Number(options.limit) });
    if (options.json) context.out(JSON.stringify(list, null, 2));
    else {
      if (list.length === 0) context.out(`No runs in ${store.location} yet: ${storeFixHint()}.`);
      const now = new Date();
      for (const run of list) {
        const took = run.finishedAt
          ? durationWords(Date.parse(run.finishedAt) - Date.parse(run.startedAt))
          : 'running';
        const opts = runOptionsOf(run);
        const flags = [opts.full ? 'full' : null, opts.dryRun ? 'dry run: nothing written' : null]
          .filter(Boolean)
          .join(', ');
        context.out(
          `${runName(run, now).padEnd(28)} ${relativeTime(run.startedAt, now).padEnd(15)} ${run.status.padEnd(11)} ${took.padEnd(9)} id ${shortId(run.id)}${flags ? `  (${flags})` : ''}${run.error ? `  ${run.error}` : ''}`,
        );
      }
      if (list.length > 0)
        context.out('`atlas runs show <id>` tells one run in full (the first characters of the id do).');
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
  const store = await openCommandStore(context.env(), options.db, { readOnly: true, note: context.err });
  try {
    const run = await findRun(store, id);
    if (!run) throw new AtlasError('USAGE', `no run ${id} in ${store.location} (see \`atlas runs\`)`);
    const [failures, issues, issueCount, events] = await Promise.all([
      store.listWriteFailures(),
      store.listRecordIssues(run.id, { limit: 20 }),
      store.countRecordIssues(run.id),
      store.listRunEvents(run.id, { limit: 500 }),
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
      // Grouped issues are on the run's record (formatRun); runs stored before grouping list their first ones.
      if (issueCount > 0 && !hasIssueGroups(run)) {
        context.out(`Record issues (${issueCount}, first ${issues.length}):`);
        for (const i of issues) {
          context.out(
            `  ${i.system} ${i.object} ${i.recordId} ${i.field} = ${i.value ?? '(empty)'}: ${i.reason} [${i.severity}]`,
          );
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
