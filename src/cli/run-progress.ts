/**
 * Shows a run as it goes: on a terminal, one progress bar rewritten in place per long step; otherwise plain
 * lines (a cron mail or a CI log has no use for carriage returns).
 */
import { count } from '../engine/index.js';
import type { Logger } from '../log.js';
import type { RunListener } from '../sync/run-reporter.js';
import type { CliContext } from './context.js';

const BAR_WIDTH = 24;
/** Plain output prints a step's progress at most every this many percent. */
const PLAIN_STEP_PERCENT = 25;

function bar(done: number, total: number | null): string {
  if (total === null || total === 0)
    return count(done, 'record', 'records', (x) => x.toLocaleString('en-US'));
  const share = Math.min(1, done / total);
  const filled = Math.round(share * BAR_WIDTH);
  return `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${Math.round(share * 100)}% ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}`;
}

export function runProgress(context: CliContext, options: { quiet?: boolean } = {}): RunListener {
  if (options.quiet) return {};
  const lastPercent = new Map<string, number>();
  let barShown = false;
  const clearBar = () => {
    if (barShown) process.stderr.write('\r\x1b[2K');
    barShown = false;
  };
  return {
    event(level, step, message) {
      if (level === 'debug') return;
      if (context.isTty) clearBar();
      const tag = level === 'info' ? '' : `${level.toUpperCase()} `;
      context.err(`${tag}[${step}] ${message}`);
    },
    progress(step, done, total) {
      if (context.isTty) {
        process.stderr.write(`\r\x1b[2K[${step}] ${bar(done, total)}`);
        barShown = true;
        return;
      }
      if (total === null || total === 0) return;
      const percent = Math.floor(((done / total) * 100) / PLAIN_STEP_PERCENT) * PLAIN_STEP_PERCENT;
      if (percent > (lastPercent.get(step) ?? -1) && percent < 100) {
        lastPercent.set(step, percent);
        context.err(`[${step}] ${bar(done, total)}`);
      }
    },
  };
}

/** Run events as structured log lines (pino, secrets redacted) — for `ATLAS_LOG_FILE` and log shippers. */
export function runLog(logger: Logger): RunListener {
  return {
    event(level, step, message, data) {
      logger[level]({ step, ...(data === undefined ? {} : { data }) }, message);
    },
  };
}

/** Both listeners at once. */
export function bothListeners(a: RunListener, b: RunListener): RunListener {
  return {
    event: (...args) => {
      a.event?.(...args);
      b.event?.(...args);
    },
    progress: (...args) => {
      a.progress?.(...args);
      b.progress?.(...args);
    },
  };
}
