/** The run's checkpoints: its deadline ends it partial, a lost lock ends it failed. */
import { describe, expect, it } from 'vitest';
import { RunCheckpoint, RunStopped } from '../../src/sync/run-checkpoint.js';

const START = Date.parse('2026-11-20T02:00:00.000Z');

describe('RunCheckpoint', () => {
  it('passes within the deadline and stops the run, partial, after it', async () => {
    let now = START;
    const checkpoint = new RunCheckpoint({ deadline: START + 60_000, deadlineMinutes: 1, clock: () => now });
    await expect(checkpoint.check()).resolves.toBeUndefined();
    now += 61_000;
    const stopped = await checkpoint.check().catch((error: unknown) => error);
    expect(stopped).toBeInstanceOf(RunStopped);
    expect(stopped).toMatchObject({
      status: 'partial',
      message: expect.stringMatching(/deadline of 1 minute and stopped/),
    });
    expect(checkpoint.signal().aborted).toBe(true);
  });

  it('stops the run, failed, once the lock is lost, whatever the deadline', async () => {
    const checkpoint = new RunCheckpoint({
      deadline: START + 60_000,
      deadlineMinutes: 1,
      clock: () => START,
      lock: { lost: async () => 'host:2:schedule took it over' },
    });
    await expect(checkpoint.check()).rejects.toMatchObject({
      status: 'failed',
      message: expect.stringMatching(/lost its lock \(host:2:schedule took it over\)/),
    });
  });

  it('stops the run, partial, once it is asked to stop (SIGTERM, Ctrl-C, the server shutting down)', async () => {
    const stop = new AbortController();
    const checkpoint = new RunCheckpoint({
      deadline: START + 60_000,
      deadlineMinutes: 1,
      clock: () => START,
      stop: stop.signal,
    });
    await expect(checkpoint.check()).resolves.toBeUndefined();
    stop.abort();
    await expect(checkpoint.check()).rejects.toMatchObject({
      status: 'partial',
      message: expect.stringMatching(/asked to stop/),
    });
  });
});
