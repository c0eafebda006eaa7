/**
 * Posts a run's change summary to `ATLAS_WEBHOOK_URL`, in a body a Slack incoming webhook accepts (`text`
 * in mrkdwn) with the structured summary alongside for other receivers. A failed webhook never fails a run.
 */
import { errorMessage } from '../errors.js';
import { type ChangeSummary, programmeLines, programmeWords } from './change-summary.js';

/** A webhook that does not answer within this is abandoned; the run is already finished. */
const WEBHOOK_TIMEOUT_MS = 10_000;

export interface RunNotice {
  runId: string;
  status: string;
  summary: ChangeSummary;
  /** One line per CRM: records written, failed. */
  writeback: string[];
}

/**
 * Text from the CRM (partner names, labels) made inert for Slack mrkdwn: Slack reads `<…>` as a mention or
 * link (`<!channel>` pings everyone, `<https://evil|Verify>` disguises a link), so its documented control
 * characters `&`, `<` and `>` are sent as `&amp;`, `&lt;` and `&gt;`, which it shows as the characters.
 */
export function slackEscape(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** The run's summary as Slack mrkdwn; every piece of CRM text is escaped. */
export function webhookText(notice: RunNotice): string {
  const { summary } = notice;
  const e = slackEscape;
  const lines = [
    `*Partner Atlas run ${notice.runId.slice(0, 8)}: ${notice.status}*`,
    `Promoted: ${summary.counts.promoted} · Demoted: ${summary.counts.demoted} · New gaps: ${summary.counts.newGaps} · Closed gaps: ${summary.counts.closedGaps}`,
  ];
  for (const p of summary.promoted.slice(0, 5))
    lines.push(`⬆ ${e(p.partner)}: ${e(p.label)} ${e(p.from ?? '—')} → ${e(p.to ?? '—')}`);
  for (const p of summary.demoted.slice(0, 5))
    lines.push(`⬇ ${e(p.partner)}: ${e(p.label)} ${e(p.from ?? '—')} → ${e(p.to ?? '—')}`);
  if (summary.newGaps.length > 0) lines.push(`New gaps: ${e(summary.newGaps.slice(0, 10).join(', '))}`);
  if (summary.closedGaps.length > 0)
    lines.push(`Closed gaps: ${e(summary.closedGaps.slice(0, 10).join(', '))}`);
  const programme = programmeWords(summary);
  if (programme) lines.push(`Overrides and reviews: ${programme}`, ...programmeLines(summary, 5).map(e));
  lines.push(...notice.writeback.map(e));
  return lines.join('\n');
}

/** Returns null when delivered, else why not (for the run's events). */
export async function notifyWebhook(url: string, notice: RunNotice): Promise<string | null> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: webhookText(notice), partnerAtlas: notice }),
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    return response.ok ? null : `the webhook answered ${response.status}`;
  } catch (error) {
    return `the webhook could not be reached: ${errorMessage(error)}`;
  }
}
