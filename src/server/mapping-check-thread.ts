/**
 * Runs the editor's mapping checks on one worker thread with a time limit. YAML parsing and validation are
 * synchronous and grow with the text; on the request thread a large or hostile text (deep nesting, many
 * aliases) would stall every other request, so a check that overruns is abandoned and its thread replaced.
 */
import type { Worker } from 'node:worker_threads';
import { AtlasError } from '../errors.js';
import { spawnWorker } from '../spawn-worker.js';
import type { EditCheck, EditRequest } from './mapping-check.js';

export type { EditCheck } from './mapping-check.js';

/** Longest a check may take; the default files check in a few milliseconds. */
export const MAPPING_CHECK_TIMEOUT_MS = 10_000;

type Reply = { id: number; check: EditCheck } | { id: number; error: string };

export class MappingChecker {
  #worker: Worker | null = null;
  #next = 0;
  readonly #waiting = new Map<number, { resolve: (c: EditCheck) => void; reject: (e: Error) => void }>();

  check(request: EditRequest, timeoutMs = MAPPING_CHECK_TIMEOUT_MS): Promise<EditCheck> {
    const worker = this.#started();
    const id = this.#next++;
    return new Promise<EditCheck>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#fail(
          new AtlasError(
            'HTTP_PAYLOAD_TOO_LARGE',
            `checking ${request.name}.yaml took more than ${timeoutMs / 1000} s and was stopped: simplify or split the mapping`,
          ),
        );
      }, timeoutMs);
      this.#waiting.set(id, {
        resolve: (c) => {
          clearTimeout(timer);
          resolve(c);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      worker.postMessage({ id, request });
    });
  }

  #started(): Worker {
    if (this.#worker) return this.#worker;
    const worker = spawnWorker(import.meta.url, './mapping-check-worker');
    // The server's lifetime decides the process's, not an idle checking thread.
    worker.unref();
    worker.on('message', (reply: Reply) => {
      const waiting = this.#waiting.get(reply.id);
      if (!waiting) return;
      this.#waiting.delete(reply.id);
      if ('check' in reply) waiting.resolve(reply.check);
      else waiting.reject(new AtlasError('MAPPING_INVALID', reply.error));
    });
    worker.on('error', (error) =>
      this.#fail(new AtlasError('MAPPING_INVALID', `the mapping check failed: ${error.message}`)),
    );
    this.#worker = worker;
    return worker;
  }

  /** Rejects every check in flight and replaces the thread (it may be stuck in one of them). */
  #fail(error: Error): void {
    const worker = this.#worker;
    this.#worker = null;
    void worker?.terminate();
    for (const waiting of this.#waiting.values()) waiting.reject(error);
    this.#waiting.clear();
  }
}
