/** The request log of an emulator: every request with its normalised route, status and fault, plus counts. */
import { EventEmitter } from 'node:events';

/** One answered (or dropped) request. */
export interface RequestLogEntry {
  seq: number;
  /** Clock time the request arrived (ms). */
  at: number;
  method: string;
  /** Normalised route key, e.g. `GET /query/:locator`. */
  route: string;
  /** Raw path with query string, for debugging. */
  path: string;
  /** HTTP status; 0 when the connection was dropped. */
  status: number;
  durationMs: number;
  /** Injected fault, if any. */
  fault?: 'drop' | 'stall' | 'too-many-requests' | 'server-error';
}

/**
 * Append-only log with per-route counts. Counts stay exact even when old entries are trimmed.
 * @example await log.waitFor((e) => e.route === 'GET /query/:locator');
 */
export class RequestLog extends EventEmitter<{ request: [RequestLogEntry] }> {
  readonly entries: RequestLogEntry[] = [];
  readonly #counts = new Map<string, number>();
  readonly #maxEntries: number;
  #seq = 0;

  constructor(options: { maxEntries?: number } = {}) {
    super();
    this.#maxEntries = options.maxEntries ?? 50_000;
  }

  /** Records one finished request and notifies listeners. */
  record(entry: Omit<RequestLogEntry, 'seq'>): RequestLogEntry {
    const full: RequestLogEntry = { seq: ++this.#seq, ...entry };
    this.entries.push(full);
    if (this.entries.length > this.#maxEntries)
      this.entries.splice(0, this.entries.length - this.#maxEntries);
    this.#counts.set(full.route, (this.#counts.get(full.route) ?? 0) + 1);
    this.emit('request', full);
    return full;
  }

  /** Requests per route key, e.g. `{ 'GET /query': 1, 'GET /query/:locator': 99 }`. */
  counts(): Record<string, number> {
    return Object.fromEntries([...this.#counts].sort(([a], [b]) => a.localeCompare(b)));
  }

  /** Requests to one route key (0 when none). */
  count(route: string): number {
    return this.#counts.get(route) ?? 0;
  }

  /** Every request since the last `clear()`. */
  get total(): number {
    let n = 0;
    for (const v of this.#counts.values()) n += v;
    return n;
  }

  /** Forgets entries and counts (between benchmark phases). */
  clear(): void {
    this.entries.length = 0;
    this.#counts.clear();
  }

  /**
   * Resolves with the first entry, already logged or future, that matches; rejects after `timeoutMs`.
   * Tests wait on this instead of sleeping.
   */
  waitFor(match: (entry: RequestLogEntry) => boolean, timeoutMs = 10_000): Promise<RequestLogEntry> {
    const seen = this.entries.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const onRequest = (entry: RequestLogEntry) => {
        if (!match(entry)) return;
        clearTimeout(timer);
        this.off('request', onRequest);
        resolve(entry);
      };
      const timer = setTimeout(() => {
        this.off('request', onRequest);
        reject(new Error(`no matching request within ${timeoutMs} ms`));
      }, timeoutMs);
      this.on('request', onRequest);
    });
  }
}
