/** A run in words for the terminal: per CRM what was read and written, then what changed in the ecosystem. */
import type { ProvisionStep } from '../../connectors/types.js';
import { count, cutText, headlineLines, withThousands } from '../engine/index.js';
import type { RecordIssueGroup } from '../mapping/index.js';
import type { Run } from '../store/index.js';
import { type ChangeSummary, programmeLines, programmeWords } from '../sync/change-summary.js';
import { describeCoverage } from '../sync/evidence-coverage.js';
import { durationWords, relativeTime, runName, shortDateTime, shortId } from '../sync/run-name.js';
import { runOptionsOf } from '../sync/run-options.js';
import type { RunFigures } from '../sync/run-pipeline.js';
import { storedHeadline } from '../sync/stored-run-figures.js';
import { failedRecords, heldWords } from '../sync/writeback-system.js';

/** Level changes listed per direction; the rest are counted (`atlas runs show --json` has the listed ones). */
const CHANGE_LINES = 5;

/** "  … and 14 more promotions" when a list was cut, nothing otherwise. */
function moreLine(total: number, shown: number, one: string, many: string): string[] {
  return total > shown ? [`  … and ${count(total - shown, `more ${one}`, `more ${many}`)}`] : [];
}

const n = withThousands;

/** Example records a dry run shows on the terminal, each with every value it would receive (all with --json). */
const PREVIEW_LINES = 3;
/** Lists a dry run would create or retire, shown on the terminal (all with --json). */
const LIST_LINES = 10;
/** Failed and waiting records listed on the terminal (the run's JSON lists up to 200). */
const FAILURE_LINES = 10;
/** Groups of record issues listed on the terminal (`atlas runs show --json` has every record). */
const ISSUE_GROUP_LINES = 10;

function formatValue(value: unknown): string {
  const text = Array.isArray(value) ? value.join('; ') : value === null ? '(empty)' : String(value);
  const line = text.replace(/\n/g, ' ⏎ ');
  return cutText(line, 90);
}

function provisionLine(step: ProvisionStep): string {
  return `    ${step.action === 'create' ? '+' : '~'} ${step.kind} ${step.name}: ${step.detail}`;
}

/** One group of record issues: how many records, the field and value, an example, and the line to add. */
export function issueGroupLines(g: RecordIssueGroup): string[] {
  const value = g.value === null ? 'an empty value' : `"${formatValue(g.value)}"`;
  const lines = [
    `  ${count(g.records, 'record', 'records', n)} with ${g.field} = ${value}: ${g.reason} (${g.severity === 'error' ? 'skipped' : 'kept'}; e.g. ${g.system} ${g.object} ${g.exampleRecordId})`,
  ];
  if (g.suggestion) lines.push(`    add: ${g.suggestion}`);
  return lines;
}

/**
 * The run in words. `now` is what relative times are measured from (the run's own start in tests);
 * `timeZone` the zone times are written in (the machine's by default).
 */
export function formatRun(run: Run, now: Date = new Date(), timeZone?: string): string[] {
  const figures = (run.figures ?? { systems: {}, durationsMs: {} }) as RunFigures;
  const summary = run.changeSummary as ChangeSummary | null;
  const took = run.finishedAt
    ? ` in ${durationWords(Date.parse(run.finishedAt) - Date.parse(run.startedAt))}`
    : '';
  const options = runOptionsOf(run);
  const lines = [
    `${runName(run, now, timeZone)} (${relativeTime(run.startedAt, now, timeZone)}): ${run.status}${took}${options.dryRun ? '; a dry run, nothing was written to the CRMs' : ''}`,
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
      const cells = wb.cellRecords;
      if (cells) {
        lines.push(
          wb.dryRun
            ? `  per-cell records: would create ${n(cells.created)}, update ${n(cells.updated)}, delete ${n(cells.deleted)}; ${n(cells.unchanged)} unchanged`
            : `  per-cell records: ${n(cells.created)} created, ${n(cells.updated)} updated, ${n(cells.deleted)} deleted, ${n(cells.unchanged)} unchanged, ${n(cells.failed)} failed`,
        );
      }
      const rec = wb.recommendations;
      if (rec) {
        lines.push(
          `  recommended partners: ${count(rec.recommended, 'open deal', 'open deals', n)} of ${n(rec.deals)} with partners (${count(rec.needs, 'distinct need', 'distinct needs', n)}); ${verb} ${n(wb.dryRun ? rec.toUpdate : rec.written)}, ${n(rec.unchanged)} unchanged, ${n(rec.failed)} failed`,
        );
      }
      for (const f of wb.failures.slice(0, FAILURE_LINES)) {
        lines.push(
          `  failed ${f.recordId}: ${f.code} ${f.message} (tried again on later runs, up to the attempt cap)`,
        );
      }
      const failed = failedRecords(wb);
      if (failed > FAILURE_LINES) {
        lines.push(
          `  … and ${count(failed - FAILURE_LINES, 'more failed record', 'more failed records', n)} (\`atlas runs show ${shortId(run.id)} --json\` lists them)`,
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
      if (wb.preview?.provision) {
        lines.push(
          `  not provisioned yet: \`atlas provision ${system} --apply\` would first make ${count(wb.preview.provision.length, 'change', 'changes')}:`,
        );
        for (const step of wb.preview.provision) lines.push(provisionLine(step));
      }
      if (wb.preview && wb.preview.updates.length > 0) lines.push('  values that would be written:');
      for (const u of wb.preview?.updates.slice(0, PREVIEW_LINES) ?? []) {
        for (const [field, value] of Object.entries(u.values))
          lines.push(`    ${u.recordId} ${field} = ${formatValue(value)}`);
      }
      const more = (wb.preview?.updates.length ?? 0) - PREVIEW_LINES;
      if (more > 0) lines.push(`    … and ${count(more, 'more record', 'more records', n)} (--json for all)`);
      const listLines = [
        ...(wb.preview?.lists.create ?? []).map(
          (c) => `    + list "${c.name}" (${count(c.members, 'member', 'members')})`,
        ),
        ...(wb.preview?.lists.retire ?? []).map(
          (r) =>
            `    − list "${r.name}" (${r.action === 'delete' ? 'deleted' : 'emptied and marked retired'})`,
        ),
      ];
      if (listLines.length > 0) lines.push('  lists that would change:');
      lines.push(...listLines.slice(0, LIST_LINES));
      if (listLines.length > LIST_LINES)
        lines.push(
          `    … and ${count(listLines.length - LIST_LINES, 'more list', 'more lists', n)} (--json for all)`,
        );
    }
  }
  const headline = storedHeadline(run);
  if (headline) {
    lines.push('Scores:', ...headlineLines(headline).map((l) => `  ${l}`));
  } else if (figures.score) {
    lines.push(
      `Scores: ${count(figures.score.partners, 'partner', 'partners', n)}, ${n(figures.score.partnersWithSegments)} with segments, ${count(figures.score.cellScores, 'cell score', 'cell scores', n)}`,
    );
  }
  const issues = figures.recordIssues;
  if (issues) {
    lines.push(
      `Record issues: ${count(issues.issues, 'record issue', 'record issues', n)} in ${count(issues.groupCount, 'group', 'groups', n)} of one field and value:`,
    );
    for (const g of issues.groups.slice(0, ISSUE_GROUP_LINES)) lines.push(...issueGroupLines(g));
    const more = issues.groupCount - Math.min(ISSUE_GROUP_LINES, issues.groups.length);
    if (more > 0) lines.push(`  … and ${count(more, 'more group', 'more groups', n)}`);
  }
  if (summary) {
    const since = summary.since
      ? ` since the run of ${shortDateTime(summary.since.startedAt, now, timeZone)}`
      : '';
    lines.push(
      `Changes${since}: ${summary.counts.promoted} promoted, ${summary.counts.demoted} demoted, ${count(summary.counts.newGaps, 'new gap', 'new gaps')}, ${count(summary.counts.closedGaps, 'closed gap', 'closed gaps')}`,
    );
    const change = (arrow: string, p: (typeof summary.promoted)[number]) =>
      `  ${arrow} ${p.partner}: ${p.label} ${p.from ?? '—'} → ${p.to ?? '—'}${p.reasons[0] ? ` (${p.reasons[0]})` : ''}`;
    for (const p of summary.promoted.slice(0, CHANGE_LINES)) lines.push(change('⬆', p));
    lines.push(...moreLine(summary.counts.promoted, CHANGE_LINES, 'promotion', 'promotions'));
    for (const p of summary.demoted.slice(0, CHANGE_LINES)) lines.push(change('⬇', p));
    lines.push(...moreLine(summary.counts.demoted, CHANGE_LINES, 'demotion', 'demotions'));
    const programme = programmeWords(summary);
    if (programme) {
      lines.push(`Overrides and reviews: ${programme}`);
      for (const line of programmeLines(summary, 5)) lines.push(`  ${line}`);
    }
  }
  return lines;
}
