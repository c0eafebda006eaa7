/** jsforce's HTTP transport with a time limit on every request, and the status of each answer for the call that sent it. */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Duplex } from 'node:stream';
import type jsforce from 'jsforce';
import { Transport } from 'jsforce/lib/transport.js';
import type { HttpRequest, HttpRequestOptions } from 'jsforce/lib/types/common.js';

/** What the requests of one of our calls saw: the last answer's status and headers, and its time limit. */
export interface CallTrace {
  timeoutMs: number;
  status: number | null;
  headers: Record<string, string>;
}

const traces = new AsyncLocalStorage<CallTrace>();

/** A fresh trace for one attempt of a call, with the time limit of each of its requests. */
export function callTrace(timeoutMs: number): CallTrace {
  return { timeoutMs, status: null, headers: {} };
}

/**
 * Runs `call` under `trace`: its requests get the trace's time limit and leave their answer's status there.
 * SOAP calls (Metadata API, login) go through jsforce's own HttpApi, whose errors carry no status.
 */
export function traced<T>(trace: CallTrace, call: () => Promise<T>): Promise<T> {
  return traces.run(trace, call);
}

/**
 * Gives every request a time limit: jsforce's `timeout` option aborts the fetch (and with it the socket)
 * when no answer has come in time. The limit is the traced call's, else the connector's default.
 */
class BoundedTransport extends Transport {
  readonly #timeoutMs: number;

  constructor(timeoutMs: number) {
    super();
    this.#timeoutMs = timeoutMs;
  }

  override getRequestStreamCreator(): (req: HttpRequest, options: HttpRequestOptions) => Duplex {
    const create = super.getRequestStreamCreator();
    return (req, options) => {
      const trace = traces.getStore();
      const stream = create(req, { ...options, timeout: trace?.timeoutMs ?? this.#timeoutMs });
      stream.on('response', (res: { statusCode: number; headers: Record<string, string> }) => {
        if (!trace) return;
        trace.status = res.statusCode;
        trace.headers = res.headers ?? {};
      });
      return stream;
    };
  }
}

/** Puts the bounded transport under a connection and its OAuth2 client (token requests and refreshes). */
export function boundRequests(conn: jsforce.Connection, timeoutMs: number): void {
  const transport = new BoundedTransport(timeoutMs);
  conn._transport = transport;
  conn.oauth2._transport = transport;
}
