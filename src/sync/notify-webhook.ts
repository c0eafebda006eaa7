/**
 * Posts a run's change summary to `ATLAS_WEBHOOK_URL`, in a body a Slack incoming webhook accepts (`text`
 * in mrkdwn) with the structured summary alongside for other receivers. A failed webhook never fails a run.
 */
import { errorMessage } from '../errors.js';
import type { ChangeSummary } from './change-summary.js';

/** A webhook that does not answer within this is abandoned; the run is already finished. */
const WEBHOOK_TIMEOUT_MS = 10_000;

export interface RunNotice {
  runId: string;
  status: string;
  summary: ChangeSummary;
  /** One line per CRM: records written, failed. */
  writeback: string[];
}

export function webhookText(notice: RunNotice): string {
  const { summary } = notice;
  const lines = [
    `*Partner Atlas run ${notice.runId.slice(0, 8)}: ${notice.status}*`,
    `Promoted: ${summary.counts.promoted} · Demoted: ${summary.counts.demoted} · New gaps: ${summary.counts.newGaps} · Closed gaps: ${summary.counts.closedGaps}`,
  ];
  for (const p of summary.promoted.slice(0, 5))
    lines.push(`⬆ ${p.partner}: ${p.label} ${p.from ?? '—'} → ${p.to}`);
  for (const p of summary.demoted.slice(0, 5))
    lines.push(`⬇ ${p.partner}: ${p.label} ${p.from} → ${p.to ?? '—'}`);
  if (summary.newGaps.length > 0) lines.push(`New gaps: ${summary.newGaps.slice(0, 10).join(', ')}`);
  if (summary.closedGaps.length > 0) lines.push(`Closed gaps: ${summary.closedGaps.slice(0, 10).join(', ')}`);
  lines.push(...notice.writeback);
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
