/** The injectable clock every emulator reads time from, so tests move time instead of sleeping. */

/** Milliseconds since the epoch, like `Date.now()`. */
export interface EmulatorClock {
  now(): number;
}

/** The wall clock. */
export const systemClock: EmulatorClock = { now: () => Date.now() };

/** A clock that only moves when told to: for token expiry, replication windows and date literals in tests. */
export interface ManualClock extends EmulatorClock {
  /** Moves time forward by `ms`. */
  advance(ms: number): void;
  /** Jumps to an absolute time (ms or ISO string). */
  set(time: number | string): void;
}

/**
 * Creates a manual clock starting at `start` (ms or ISO string).
 * @example const clock = createManualClock('2024-06-01T00:00:00Z'); clock.advance(3_600_000);
 */
export function createManualClock(start: number | string = Date.UTC(2024, 5, 1)): ManualClock {
  let t = typeof start === 'string' ? Date.parse(start) : start;
  return {
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
    set: (time) => {
      t = typeof time === 'string' ? Date.parse(time) : time;
    },
  };
}
