/**
 * The nightly schedule: node-cron with the configured expression and time zone, never two runs at once
 * (`noOverlap` in this process, the store's lock across processes), and a missed run reported at start-up.
 */
import cron, { type ScheduledTask } from 'node-cron';
import { AtlasError, errorMessage } from '../errors.js';
import type { Logger } from '../log.js';
import type { Run } from '../store/index.js';

/** 02:00 every night. */
export const DEFAULT_SCHEDULE = '0 2 * * *';
/** A missed run is looked for this far back (a weekly schedule still gets its check). */
const MISSED_LOOKBACK_MINUTES = 8 * 24 * 60;
/** A run that started within this of its due time counts as that occurrence. */
const ON_TIME_TOLERANCE_MS = 60 * 60_000;

export interface NightlyScheduleOptions {
  expression?: string;
  /** IANA time zone; the machine's when unset. */
  timezone?: string;
  /** Starts a run; its errors are logged, never thrown out of the scheduler. */
  trigger: () => Promise<unknown>;
  /** Runs started by the schedule, newest first (to find a missed one). */
  scheduledRuns: () => Promise<Run[]>;
  logger: Logger;
  now?: () => Date;
}

export interface NightlySchedule {
  expression: string;
  timezone: string;
  nextRun(): Date | null;
  /** The occurrence that passed without a run, found at start-up; null when none was missed. */
  missed: Date | null;
  stop(): Promise<void>;
}

/** The latest minute before `now` the task's pattern matches, within the look-back. */
function previousOccurrence(task: ScheduledTask, now: Date): Date | null {
  const minute = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  for (let i = 0; i < MISSED_LOOKBACK_MINUTES; i++) {
    const at = new Date(minute.getTime() - i * 60_000);
    if (task.match(at)) return at;
  }
  return null;
}

export async function startNightlySchedule(options: NightlyScheduleOptions): Promise<NightlySchedule> {
  const expression = options.expression ?? DEFAULT_SCHEDULE;
  const timezone = options.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!cron.validate(expression)) {
    throw new AtlasError('CONFIG_INVALID', `ATLAS_SCHEDULE: "${expression}" is not a cron expression`, {
      context: { variable: 'ATLAS_SCHEDULE' },
    });
  }
  const { logger } = options;
  const task = cron.schedule(
    expression,
    async () => {
      try {
        await options.trigger();
      } catch (error) {
        logger.error({ err: errorMessage(error) }, 'the scheduled run failed');
      }
    },
    {
      timezone,
      noOverlap: true,
      name: 'partner-atlas-nightly',
      // node-cron's own notices (e.g. an execution skipped because the last run still goes) join our logs.
      logger: {
        info: (message) => logger.info(message),
        warn: (message) => logger.warn(message),
        error: (message) => logger.error(errorMessage(message)),
        debug: (message) => logger.debug(errorMessage(message)),
      },
    },
  );
  const now = options.now?.() ?? new Date();
  let missed: Date | null = null;
  const due = previousOccurrence(task, now);
  const runs = await options.scheduledRuns();
  if (due && runs.length > 0) {
    const ranSince = runs.some((r) => Date.parse(r.startedAt) >= due.getTime() - ON_TIME_TOLERANCE_MS);
    if (!ranSince) {
      missed = due;
      logger.warn(
        { due: due.toISOString(), lastRun: runs[0]?.startedAt },
        `the scheduled run due at ${due.toISOString()} did not happen (the service was down); run \`atlas run\` to catch up, or wait for the next one`,
      );
    }
  }
  logger.info({ expression, timezone, next: task.getNextRun()?.toISOString() }, 'nightly schedule started');
  return {
    expression,
    timezone,
    nextRun: () => task.getNextRun(),
    missed,
    stop: async () => {
      await task.destroy();
    },
  };
}
