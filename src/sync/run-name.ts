/** How a person calls a run: "Run of 7 Dec 21:07", "Dry run of 7 Dec 21:07", and how long ago it was. */
import { count } from '../engine/index.js';
import type { Run } from '../store/index.js';
import { runOptionsOf } from './run-options.js';

/** What each run kind is called; kinds not listed are named by their kind. */
const KIND_WORDS: Record<string, string> = {
  run: 'Run',
  sync: 'Sync',
  score: 'Scoring',
  writeback: 'Write-back',
};

/** "7 Dec 21:07" in `timeZone` (default the machine's), "7 Dec 2025 21:07" when not in `now`'s year. */
export function shortDateTime(iso: string, now: Date = new Date(), timeZone?: string): string {
  const at = new Date(iso);
  const parts = (date: Date) =>
    Object.fromEntries(
      new Intl.DateTimeFormat('en-GB', {
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
        ...(timeZone ? { timeZone } : {}),
      })
        .formatToParts(date)
        .map((p) => [p.type, p.value]),
    );
  const p = parts(at);
  const year = p.year === parts(now).year ? '' : ` ${p.year}`;
  return `${p.day} ${p.month}${year} ${p.hour}:${p.minute}`;
}

/**
 * A run's name: its kind (a dry run says so) and when it started.
 *
 * @example runName(run) // "Dry run of 7 Dec 21:07"
 */
export function runName(
  run: Pick<Run, 'kind' | 'startedAt' | 'options'>,
  now: Date = new Date(),
  timeZone?: string,
): string {
  return `${runKindWords(run)} of ${shortDateTime(run.startedAt, now, timeZone)}`;
}

/** What a run is called before its time: "Run", "Dry run", "Sync", "Scoring (dry run)". */
export function runKindWords(run: Pick<Run, 'kind' | 'options'>): string {
  const kind = KIND_WORDS[run.kind] ?? run.kind;
  const dry = runOptionsOf(run).dryRun === true;
  return dry ? (run.kind === 'run' ? 'Dry run' : `${kind} (dry run)`) : kind;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * How long ago `iso` was, as a person says it: "just now", "5 minutes ago", "3 hours ago", "yesterday",
 * "4 days ago"; beyond a month the date itself ("on 7 Dec 21:07").
 */
export function relativeTime(iso: string, now: Date = new Date(), timeZone?: string): string {
  const ago = now.getTime() - Date.parse(iso);
  if (ago < 0) return `on ${shortDateTime(iso, now, timeZone)}`;
  if (ago < MINUTE) return 'just now';
  if (ago < HOUR) return `${count(Math.floor(ago / MINUTE), 'minute', 'minutes')} ago`;
  if (ago < DAY) return `${count(Math.floor(ago / HOUR), 'hour', 'hours')} ago`;
  if (ago < 2 * DAY) return 'yesterday';
  if (ago < 31 * DAY) return `${Math.floor(ago / DAY)} days ago`;
  return `on ${shortDateTime(iso, now, timeZone)}`;
}

/** A duration in words: "0.4 s", "12 s", "3 min 20 s". */
export function durationWords(ms: number): string {
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < MINUTE) return `${Math.round(ms / 1000)} s`;
  const minutes = Math.floor(ms / MINUTE);
  const seconds = Math.round((ms % MINUTE) / 1000);
  return seconds === 0 ? `${minutes} min` : `${minutes} min ${seconds} s`;
}

/** Characters of a run id shown to people: enough to tell runs apart, and accepted by `atlas runs show`. */
const SHORT_ID = 8;

/** The start of a run id, as `atlas runs` lists it. */
export function shortId(id: string): string {
  return id.slice(0, SHORT_ID);
}
