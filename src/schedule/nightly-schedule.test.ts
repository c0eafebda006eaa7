import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Run } from '../store/index.js';
import { type NightlySchedule, scheduleSettings, startNightlySchedule } from './nightly-schedule.js';

const logger = pino({ level: 'silent' });
const run = (startedAt: string): Run => ({
  id: startedAt,
  kind: 'run',
  status: 'succeeded',
  startedAt,
  finishedAt: startedAt,
  options: { trigger: 'schedule' },
  figures: null,
  changeSummary: null,
  error: null,
});

let schedule: NightlySchedule | undefined;
afterEach(async () => {
  await schedule?.stop();
  schedule = undefined;
  vi.useRealTimers();
});

/** The runs a schedule starts over `days` on a fake clock from Saturday 2026-11-28 00:00 UTC, as `ISO full?`. */
async function runsOver(days: number, fullExpression?: string): Promise<string[]> {
  vi.useFakeTimers({ now: new Date('2026-11-28T00:00:00.000Z') });
  const started: string[] = [];
  schedule = await startNightlySchedule({
    timezone: 'UTC',
    ...(fullExpression === undefined ? {} : { fullExpression }),
    trigger: async ({ full }) => {
      started.push(`${new Date().toISOString().slice(0, 16)} ${full ? 'full' : 'incremental'}`);
    },
    scheduledRuns: async () => [],
    logger,
  });
  await vi.advanceTimersByTimeAsync(days * 86_400_000);
  return started;
}

describe('startNightlySchedule', () => {
  it('refuses an invalid expression, naming the variable', async () => {
    await expect(
      startNightlySchedule({
        expression: 'at two',
        trigger: async () => {},
        scheduledRuns: async () => [],
        logger,
      }),
    ).rejects.toThrow(/ATLAS_SCHEDULE: "at two" is not a cron expression/);
  });

  it('refuses a time zone that is not an IANA zone, naming the variable and a valid example', () => {
    expect(() => scheduleSettings({ timezone: 'Paris' })).toThrow(
      'ATLAS_TZ: "Paris" is not an IANA time zone, e.g. ATLAS_TZ="Europe/Paris"',
    );
    expect(scheduleSettings({ timezone: 'America/New_York', fullExpression: 'off' })).toEqual({
      expression: '0 2 * * *',
      fullExpression: null,
      timezone: 'America/New_York',
    });
  });

  it('defaults to 02:00 in the given time zone and reports the next run', async () => {
    schedule = await startNightlySchedule({
      timezone: 'Europe/Paris',
      trigger: async () => {},
      scheduledRuns: async () => [],
      logger,
    });
    expect(schedule.expression).toBe('0 2 * * *');
    const next = schedule.nextRun();
    expect(next).not.toBeNull();
    const parisHour = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Paris',
      hour: '2-digit',
      hourCycle: 'h23',
    }).format(next!);
    expect(parisHour).toBe('02');
  });

  it('reports a missed run at start-up when the last occurrence passed without one', async () => {
    schedule = await startNightlySchedule({
      timezone: 'UTC',
      trigger: async () => {},
      scheduledRuns: async () => [run('2026-11-22T02:00:03.000Z')],
      logger,
      now: () => new Date('2026-11-24T10:00:00.000Z'),
    });
    expect(schedule.missed?.toISOString()).toBe('2026-11-24T02:00:00.000Z');
  });

  it('reports nothing missed when the last occurrence ran, or on a first start', async () => {
    schedule = await startNightlySchedule({
      timezone: 'UTC',
      trigger: async () => {},
      scheduledRuns: async () => [run('2026-11-24T02:00:01.000Z')],
      logger,
      now: () => new Date('2026-11-24T10:00:00.000Z'),
    });
    expect(schedule.missed).toBeNull();
    await schedule.stop();
    schedule = await startNightlySchedule({
      timezone: 'UTC',
      trigger: async () => {},
      scheduledRuns: async () => [],
      logger,
      now: () => new Date('2026-11-24T10:00:00.000Z'),
    });
    expect(schedule.missed).toBeNull();
  });

  it('fires the trigger on schedule and never overlaps a run still going', async () => {
    let started = 0;
    let release: () => void = () => {};
    schedule = await startNightlySchedule({
      expression: '* * * * * *',
      timezone: 'UTC',
      trigger: () => {
        started++;
        return new Promise<void>((resolve) => {
          release = resolve;
        });
      },
      scheduledRuns: async () => [],
      logger,
    });
    await new Promise((resolve) => setTimeout(resolve, 3_200));
    expect(started).toBe(1);
    release();
  });

  it('makes the night the full schedule coincides with one full run, not two (default: Sunday 02:00)', async () => {
    expect(await runsOver(3)).toEqual([
      '2026-11-28T02:00 incremental',
      '2026-11-29T02:00 full',
      '2026-11-30T02:00 incremental',
    ]);
    expect(schedule?.fullExpression).toBe('0 2 * * 0');
  });

  it('starts a full run at ATLAS_FULL_SCHEDULE times of its own, and none when it is off', async () => {
    expect(await runsOver(2, '30 4 * * 0')).toEqual([
      '2026-11-28T02:00 incremental',
      '2026-11-29T02:00 incremental',
      '2026-11-29T04:30 full',
    ]);
    await schedule?.stop();
    expect(await runsOver(2, 'off')).toEqual([
      '2026-11-28T02:00 incremental',
      '2026-11-29T02:00 incremental',
    ]);
    expect(schedule?.fullExpression).toBeNull();
  });

  it('refuses an invalid full expression, naming its variable', async () => {
    await expect(
      startNightlySchedule({
        fullExpression: 'weekly',
        trigger: async () => {},
        scheduledRuns: async () => [],
        logger,
      }),
    ).rejects.toThrow(/ATLAS_FULL_SCHEDULE: "weekly" is not a cron expression/);
  });
});
