/**
 * The nightly schedule: node-cron with the configured expression and time zone, never two runs at once
 * (one at a time in this process, the store's lock across processes), a missed run reported at start-up, and
 * the full reconciliation on its own expression: a run at one of its times reads everything (`full: true`).
 */
import cron, { type ScheduledTask } from 'node-cron';
import { AtlasError, errorMessage } from '../errors.js';
import type { Logger } from '../log.js';
import type { Run } from '../store/index.js';

/** 02:00 every night. */
export const DEFAULT_SCHEDULE = '0 2 * * *';
/**
 * Sunday's 02:00 run reads everything: incremental reads miss what no cursor sees (records the CRM changed
 * without moving their stamp, an older version's gaps); the weekly full read puts the store right. Set at a
 * time of the nightly schedule, it makes that night's run the full one instead of adding a run.
 */
export const DEFAULT_FULL_SCHEDULE = '0 2 * * 0';
/** `ATLAS_FULL_SCHEDULE=off`: no scheduled full run. */
export const FULL_SCHEDULE_OFF = 'off';
/** A missed run is looked for this far back (a weekly schedule still gets its check). */
const MISSED_LOOKBACK_MINUTES = 8 * 24 * 60;
/** A run that started within this of its due time counts as that occurrence. */
const ON_TIME_TOLERANCE_MS = 60 * 60_000;

export interface NightlyScheduleOptions {
  expression?: string;
  /** The full reconciliation's cron expression ({@link DEFAULT_FULL_SCHEDULE} when unset, `off` for none). */
  fullExpression?: string;
  /** IANA time zone; the machine's when unset. */
  timezone?: string;
  /** Starts a run, full at the full schedule's times; its errors are logged, never thrown out of the scheduler. */
  trigger: (run: { full: boolean }) => Promise<unknown>;
  /** Runs started by the schedule, newest first (to find a missed one). */
  scheduledRuns: () => Promise<Run[]>;
  logger: Logger;
  now?: () => Date;
}

export interface NightlySchedule {
  expression: string;
  /** The full reconciliation's expression; null when turned off. */
  fullExpression: string | null;
  timezone: string;
  nextRun(): Date | null;
  /** The next full reconciliation; null when turned off. */
  nextFullRun(): Date | null;
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

function assertCron(variable: string, expression: string, example: string): void {
  if (!cron.validate(expression)) {
    throw new AtlasError(
      'CONFIG_INVALID',
      `${variable}: "${expression}" is not a cron expression (minute hour day month weekday), e.g. ${variable}="${example}"`,
      { context: { variable } },
    );
  }
}

/** Throws naming ATLAS_TZ unless `timezone` is an IANA zone this Node knows (Intl throws a RangeError otherwise). */
function assertTimezone(timezone: string): void {
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
  } catch {
    throw new AtlasError(
      'CONFIG_INVALID',
      `ATLAS_TZ: "${timezone}" is not an IANA time zone, e.g. ATLAS_TZ="Europe/Paris" or "America/New_York"`,
      { context: { variable: 'ATLAS_TZ' } },
    );
  }
}

/** The schedule's settings, checked: what `atlas serve` validates before it listens, so a bad one stops it. */
export interface ScheduleSettings {
  expression: string;
  fullExpression: string | null;
  timezone: string;
}

/**
 * Checks ATLAS_SCHEDULE, ATLAS_FULL_SCHEDULE and ATLAS_TZ (defaults when unset) and throws CONFIG_INVALID
 * naming the variable, its value and a valid example: node-cron would otherwise accept a bad zone and never fire.
 */
export function scheduleSettings(
  options: Pick<NightlyScheduleOptions, 'expression' | 'fullExpression' | 'timezone'>,
): ScheduleSettings {
  const expression = options.expression ?? DEFAULT_SCHEDULE;
  const fullOption = options.fullExpression ?? DEFAULT_FULL_SCHEDULE;
  const fullExpression = fullOption.trim().toLowerCase() === FULL_SCHEDULE_OFF ? null : fullOption;
  const timezone = options.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  assertCron('ATLAS_SCHEDULE', expression, DEFAULT_SCHEDULE);
  if (fullExpression !== null) assertCron('ATLAS_FULL_SCHEDULE', fullExpression, DEFAULT_FULL_SCHEDULE);
  assertTimezone(timezone);
  return { expression, fullExpression, timezone };
}

export async function startNightlySchedule(options: NightlyScheduleOptions): Promise<NightlySchedule> {
  const { expression, fullExpression, timezone } = scheduleSettings(options);
  const { logger } = options;
  const taskOptions = (name: string) => ({
    timezone,
    noOverlap: true,
    name,
    // node-cron's own notices (e.g. an execution skipped because the last run still goes) join our logs.
    logger: {
      info: (message: unknown) => logger.info(String(message)),
      warn: (message: unknown) => logger.warn(String(message)),
      error: (message: unknown) => logger.error(errorMessage(message)),
      debug: (message: unknown) => logger.debug(errorMessage(message)),
    },
  });
  let busy = false;
  let owedFull = false;
  let lastSlot: number | null = null;
  const run = async (full: boolean): Promise<void> => {
    if (busy) {
      // A full run is owed rather than lost for a week: it starts when the run going ends.
      if (full) owedFull = true;
      logger.warn({ full }, 'a scheduled run is due while the last one still goes: skipped');
      return;
    }
    busy = true;
    try {
      await options.trigger({ full });
    } catch (error) {
      logger.error({ err: errorMessage(error), full }, 'the scheduled run failed');
    } finally {
      busy = false;
    }
    if (owedFull) {
      owedFull = false;
      await run(true);
    }
  };
  // Both tasks hand their slot here: a time both expressions match starts one run, a full one.
  const onSlot = async (slot: Date): Promise<void> => {
    if (slot.getTime() === lastSlot) return;
    lastSlot = slot.getTime();
    await run(fullTask?.match(slot) ?? false);
  };
  const task = cron.schedule(
    expression,
    (context) => onSlot(context.date),
    taskOptions('partner-atlas-nightly'),
  );
  const fullTask =
    fullExpression === null
      ? null
      : cron.schedule(fullExpression, (context) => onSlot(context.date), taskOptions('partner-atlas-full'));
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
  logger.info(
    {
      expression,
      fullExpression,
      timezone,
      next: task.getNextRun()?.toISOString(),
      nextFull: fullTask?.getNextRun()?.toISOString(),
    },
    'nightly schedule started',
  );
  return {
    expression,
    fullExpression,
    timezone,
    nextRun: () => task.getNextRun(),
    nextFullRun: () => fullTask?.getNextRun() ?? null,
    missed,
    stop: async () => {
      await task.destroy();
      await fullTask?.destroy();
    },
  };
}
