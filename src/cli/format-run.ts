/** A run in words for the terminal: per CRM what was read and written, then what changed in the ecosystem. */
import { count, withThousands } from '../engine/index.js';
import type { Run } from '../store/index.js';
import type { ChangeSummary } from '../sync/change-summary.js';
import { describeCoverage } from '../sync/evidence-coverage.js';
import { runOptionsOf } from '../sync/run-options.js';
import type { RunFigures } from '../sync/run-pipeline.js';
import { heldWords } from '../sync/writeback-system.js';

const n = withThousands;

/** Updates a dry run lists in full on the terminal (all of them with --json). */
const PREVIEW_LINES = 15;
/** Failed and waiting records listed on the terminal (the run's JSON lists up to 200). */
const FAILURE_LINES = 10;

function formatValue(value: unknown): string {
  const text = Array.isArray(value) ? value.join('; ') : value === null ? '(empty)' : String(value);
  const line = text.replace(/\n/g, ' ⏎ ');
  return line.length > 90 ? `${line.slice(0, 89)}…` : line;
}

export function formatRun(run: Run): string[] {
  const figures = (run.figures ?? { systems: {}, durationsMs: {} }) as RunFigures;
  const summary = run.changeSummary as ChangeSummary | null;
  const seconds = run.finishedAt
    ? ((Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000).toFixed(1)
    : '…';
  const options = runOptionsOf(run);
  const lines = [
    `Run ${run.id} (${run.kind}${options.dryRun ? ', dry run' : ''}) ${run.status} in ${seconds} s`,
  ];
  if (run.error) lines.push(`  error: ${run.error}`);
  const merged = figures.model?.duplicatesMerged ?? 0;
  if (merged > 0) {
    lines.push(
      `  ${count(merged, 'duplicate merged', 'duplicates merged', n)} (records of one company in one CRM):`,
    );
    for (const detail of figures.model?.duplicates ?? []) lines.push(`    ${detail}`);
  }
  for (const [system, s] of Object.entries(figures.systems)) {
    if (!s) continue;
    lines.push(
      `${system}: ${count(s.apiCalls, 'API call', 'API calls', n)}${s.usage?.rateLimited ? `, ${s.usage.rateLimited} rate-limited` : ''}${s.error ? ` — ${s.error}` : ''}`,
    );
    for (const e of Object.values(s.pull?.entities ?? {})) {
      if (!e) continue;
      const how = `${e.full ? 'full' : 'incremental'}${e.via.length > 0 ? `, ${e.via.join('+')}` : ''}${e.related ? `; ${n(e.related)} read again for related changes` : ''}${e.corrected ? `; ${n(e.corrected)} corrected` : ''}`;
      lines.push(
        `  ${e.object}: ${n(e.fetched)} read (${how}), ${count(e.issues, 'mapping issue', 'mapping issues', n)}, ${n(e.deleted)} deleted${e.error ? ` — ${e.error}` : ''}`,
      );
    }
    if (s.coverage) lines.push(`  evidence: ${describeCoverage(s.coverage)}`);
    for (const problem of s.pull?.schemaProblems ?? []) lines.push(`  schema drift: ${problem}`);
    for (const missing of s.pull?.missingOptional ?? []) lines.push(`  optional field missing: ${missing}`);
    if (s.pull?.stoppedBy === 'budget')
      lines.push('  stopped at the API budget; the next run resumes from the cursors');
    if (s.heldBack) {
      lines.push(
        `  held back: ${count(s.heldBack.records, 'record keeps', 'records keep', n)} the values last written, lists left as they are, because ${s.heldBack.reason}`,
      );
    }
    const wb = s.writeback;
    if (wb) {
      const verb = wb.dryRun ? 'would write' : 'wrote';
      lines.push(
        `  write-back: ${verb} ${count(wb.dryRun ? wb.recordsToUpdate : wb.written, 'record', 'records', n)} (${count(wb.fieldsWritten, 'field', 'fields', n)}), ${n(wb.recordsUnchanged)} unchanged, ${n(wb.failed)} failed, ${n(wb.held)} held, ${count(wb.drift, 'hand edit', 'hand edits', n)} overwritten`,
      );
      lines.push(
        `  lists: ${wb.lists.created} created, ${wb.lists.updated} updated, ${wb.lists.retired} retired; members +${n(wb.lists.membersAdded)} −${n(wb.lists.membersRemoved)}`,
      );
      if (wb.error) lines.push(`  write-back stopped: ${wb.error}`);
      for (const f of wb.failures.slice(0, FAILURE_LINES)) {
        lines.push(
          `  failed ${f.recordId}: ${f.code} ${f.message} (tried again on later runs, up to the attempt cap)`,
        );
      }
      for (const h of wb.heldRecords?.slice(0, FAILURE_LINES) ?? []) {
        lines.push(`  waiting ${h.recordId}: ${heldWords(h)}`);
      }
      for (const d of wb.driftReport.slice(0, 5)) {
        lines.push(
          `  drift ${d.recordId} ${d.field}: was ${formatValue(d.found)}, set back to ${formatValue(d.written)}`,
        );
      }
      for (const u of wb.preview?.updates.slice(0, PREVIEW_LINES) ?? []) {
        for (const [field, value] of Object.entries(u.values))
          lines.push(`    ${u.recordId} ${field} = ${formatValue(value)}`);
      }
      const more = (wb.preview?.updates.length ?? 0) - PREVIEW_LINES;
      if (more > 0) lines.push(`    … and ${count(more, 'more record', 'more records', n)} (--json for all)`);
      for (const c of wb.preview?.lists.create ?? [])
        lines.push(`    + list "${c.name}" (${count(c.members, 'member', 'members')})`);
      for (const r of wb.preview?.lists.retire ?? []) lines.push(`    − list "${r.name}" (${r.action})`);
    }
  }
  if (figures.score) {
    lines.push(
      `Scores: ${count(figures.score.partners, 'partner', 'partners', n)}, ${n(figures.score.partnersWithSegments)} with segments, ${count(figures.score.cellScores, 'cell score', 'cell scores', n)}`,
    );
  }
  if (summary) {
    lines.push(
      `Changes${summary.since ? ` since ${summary.since.startedAt}` : ''}: ${summary.counts.promoted} promoted, ${summary.counts.demoted} demoted, ${count(summary.counts.newGaps, 'new gap', 'new gaps')}, ${count(summary.counts.closedGaps, 'closed gap', 'closed gaps')}`,
    );
    for (const p of summary.promoted.slice(0, 5))
      lines.push(
        `  ⬆ ${p.partner}: ${p.label} ${p.from ?? '—'} → ${p.to}${p.reasons[0] ? ` (${p.reasons[0]})` : ''}`,
      );
    for (const p of summary.demoted.slice(0, 5))
      lines.push(
        `  ⬇ ${p.partner}: ${p.label} ${p.from} → ${p.to ?? '—'}${p.reasons[0] ? ` (${p.reasons[0]})` : ''}`,
      );
  }
  return lines;
}
