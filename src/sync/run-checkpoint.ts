/** Where a run may stop: past its deadline, or once it no longer holds the run lock, it writes nothing more. */
import { count } from '../engine/words.js';
import type { HeldLock } from './run-lock.js';

/** Why a run stopped at a checkpoint, and the status it ends with. */
export class RunStopped extends Error {
  override readonly name = 'RunStopped';
  constructor(
    readonly status: 'partial' | 'failed',
    message: string,
  ) {
    super(message);
  }
}

export interface CheckpointOptions {
  /** The instant (ms since the epoch) after which the run stops at its next checkpoint. */
  deadline: number;
  deadlineMinutes: number;
  lock?: HeldLock;
  /** Aborted when the run is asked to stop (SIGTERM, Ctrl-C, the server shutting down). */
  stop?: AbortSignal;
  clock?: () => number;
}

export class RunCheckpoint {
  readonly #options: CheckpointOptions;

  constructor(options: CheckpointOptions) {
    this.#options = options;
  }

  /** True once the deadline has passed (the pulls are aborted then; see `signal`). */
  get overdue(): boolean {
    return (this.#options.clock ?? Date.now)() > this.#options.deadline;
  }

  /** Aborts at the deadline, so a long read stops too; its cursors keep what was read. */
  signal(): AbortSignal {
    const left = this.#options.deadline - (this.#options.clock ?? Date.now)();
    return left > 0 ? AbortSignal.timeout(left) : AbortSignal.abort(new Error('the run passed its deadline'));
  }

  /** Throws RunStopped when the run lost its lock (ends failed) or passed its deadline (ends partial). */
  async check(): Promise<void> {
    const lost = await this.#options.lock?.lost();
    if (lost) {
      throw new RunStopped('failed', `the run lost its lock (${lost}); it stopped writing to the CRMs`);
    }
    if (this.#options.stop?.aborted) {
      throw new RunStopped('partial', 'the run was asked to stop and did; the next run goes on from here');
    }
    if (this.overdue) {
      throw new RunStopped(
        'partial',
        `the run passed its deadline of ${count(this.#options.deadlineMinutes, 'minute', 'minutes')} and stopped; the next run goes on from here`,
      );
    }
  }
}
