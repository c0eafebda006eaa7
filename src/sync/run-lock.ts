/**
 * One run at a time across processes: the store's lock, waited for or refused, kept alive by a heartbeat.
 * The lock's acquisition time is its fencing token: the run checks before each write that it still holds
 * the lock with that token and that its heartbeat has not expired, so a run paused past the lock's lifetime
 * (and taken over meanwhile) writes nothing more.
 */
import { hostname } from 'node:os';
import { AtlasError } from '../errors.js';
import type { RunLock, Store } from '../store/index.js';

export interface RunLockOptions {
  owner: string;
  /** A holder silent for this long is presumed dead and its lock taken over. */
  staleAfterMs: number;
  /** How long to wait for a busy lock; 0 refuses at once. */
  waitMs: number;
  now?: () => Date;
}

/** The lock as a run holds it: asked before each write batch whether the run still holds it. */
export interface HeldLock {
  /** Null while the run still holds the lock; otherwise why it lost it, in words. */
  lost(): Promise<string | null>;
}

/** Heartbeats well within the stale timeout, so a live run is never taken over. */
const HEARTBEATS_PER_STALE_PERIOD = 4;
const WAIT_POLL_MS = 1_000;

/** The owner name of this process: host and pid, so a dead holder on the same host is recognised at once. */
export function lockOwner(role = 'cli'): string {
  return `${hostname()}:${process.pid}:${role}`;
}

/** True when the holder ran on this host and its process is gone (killed, crashed): no need to wait for staleness. */
function holderIsDead(holder: RunLock | null): boolean {
  if (!holder) return false;
  const [host, pid] = holder.owner.split(':');
  if (host !== hostname() || !pid || !/^\d+$/.test(pid) || Number(pid) === process.pid) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

export async function withRunLock<T>(
  store: Store,
  options: RunLockOptions,
  work: (lock: HeldLock) => Promise<T>,
): Promise<T> {
  const now = options.now ?? (() => new Date());
  const deadline = Date.now() + options.waitMs;
  let token: string;
  for (;;) {
    const result = await store.acquireRunLock(options.owner, {
      staleAfterMs: options.staleAfterMs,
      now: now(),
    });
    if (result.acquired) {
      token = result.lock.acquiredAt;
      break;
    }
    if (holderIsDead(result.heldBy)) {
      const taken = await store.acquireRunLock(options.owner, {
        staleAfterMs: 0,
        now: new Date(now().getTime() + 1),
      });
      if (taken.acquired) {
        token = taken.lock.acquiredAt;
        break;
      }
    }
    if (Date.now() >= deadline) {
      const holder = result.heldBy;
      throw new AtlasError(
        'RUN_LOCKED',
        holder
          ? `another run holds the lock (${holder.owner}, since ${holder.acquiredAt}, last heartbeat ${holder.heartbeatAt}); try again later or pass --wait`
          : 'another run holds the lock; try again later or pass --wait',
        { context: { owner: holder?.owner ?? null } },
      );
    }
    await new Promise((resolve) => setTimeout(resolve, WAIT_POLL_MS));
  }
  let lastBeat = now().getTime();
  const beat = async () => {
    const at = now();
    if (await store.heartbeat(options.owner, { now: at })) lastBeat = at.getTime();
  };
  const timer = setInterval(
    () => {
      beat().catch(() => {});
    },
    Math.max(1_000, options.staleAfterMs / HEARTBEATS_PER_STALE_PERIOD),
  );
  timer.unref();
  try {
    // Holding the lock, no other run can be going: a run still marked running lost its process.
    await store.interruptRunningRuns(
      now().toISOString(),
      'the process running it stopped before the run finished',
    );
    return await work({
      lost: async () => {
        const at = now();
        const reason = await lockLost(store, options, token, at.getTime() - lastBeat, at);
        if (reason === null) lastBeat = at.getTime();
        return reason;
      },
    });
  } finally {
    clearInterval(timer);
    await store.releaseRunLock(options.owner);
  }
}

/**
 * Why the run no longer holds the lock, or null: its heartbeat expired, another owner holds it, or it was
 * taken and released meanwhile (the acquisition time, our token, changed). Re-acquiring as the same owner
 * keeps the acquisition time, so it doubles as the check and a heartbeat.
 */
async function lockLost(
  store: Store,
  options: RunLockOptions,
  token: string,
  silentMs: number,
  at: Date,
): Promise<string | null> {
  if (silentMs > options.staleAfterMs) {
    return `no heartbeat for ${Math.round(silentMs / 1000)} s, past the lock's lifetime of ${Math.round(options.staleAfterMs / 1000)} s`;
  }
  const result = await store.acquireRunLock(options.owner, { staleAfterMs: options.staleAfterMs, now: at });
  if (!result.acquired) return `${result.heldBy?.owner ?? 'another run'} took it over`;
  if (result.lock.acquiredAt !== token) return 'another run took it over and has released it since';
  return null;
}
