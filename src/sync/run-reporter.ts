/**
 * What a run tells as it goes: events kept on the run in the store (the web app follows them live) and
 * passed to a listener (the CLI's progress bars / log lines).
 */
import type { RunEventLevel, Store } from '../store/index.js';

export interface RunListener {
  event?(level: RunEventLevel, step: string, message: string, data?: unknown): void;
  /** Progress of a long step: `done` of `total` (null when unknown). */
  progress?(step: string, done: number, total: number | null): void;
}

export class RunReporter {
  constructor(
    private readonly store: Store,
    private readonly runId: string,
    private readonly listener: RunListener = {},
  ) {}

  async event(level: RunEventLevel, step: string, message: string, data?: unknown): Promise<void> {
    this.listener.event?.(level, step, message, data);
    await this.store.addRunEvents(this.runId, [
      { at: new Date().toISOString(), level, step, message, ...(data === undefined ? {} : { data }) },
    ]);
  }

  info(step: string, message: string, data?: unknown): Promise<void> {
    return this.event('info', step, message, data);
  }

  warn(step: string, message: string, data?: unknown): Promise<void> {
    return this.event('warn', step, message, data);
  }

  error(step: string, message: string, data?: unknown): Promise<void> {
    return this.event('error', step, message, data);
  }

  progress(step: string, done: number, total: number | null): void {
    this.listener.progress?.(step, done, total);
  }
}
