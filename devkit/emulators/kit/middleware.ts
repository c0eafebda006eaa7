/** Connect-style middleware that logs every request and applies the injector's request faults before routing. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { EmulatorClock } from './clock.js';
import type { FaultInjector } from './faults.js';
import type { RequestLog, RequestLogEntry } from './request-log.js';

/** The body an emulator answers for an injected 429 or 5xx, in its vendor's error format. */
export interface FaultAnswer {
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}

export interface EmulatorMiddlewareOptions {
  log: RequestLog;
  faults: FaultInjector;
  clock: EmulatorClock;
  /** Maps a request to its normalised route key, e.g. `GET /query/:locator`. */
  routeOf(req: IncomingMessage): string;
  /** Vendor-formatted body of an injected fault; `route` tells the token endpoint's format apart. */
  faultAnswer(kind: 'too-many-requests' | 'server-error', status: number, route: string): FaultAnswer;
}

type Next = (err?: unknown) => void;

/**
 * One middleware for both jobs, mounted first so faults and the log see every request.
 * @example app.use(createEmulatorMiddleware({ log, faults, clock, routeOf, faultAnswer }));
 */
export function createEmulatorMiddleware(options: EmulatorMiddlewareOptions) {
  const { log, faults, clock } = options;
  return (req: IncomingMessage, res: ServerResponse, next: Next): void => {
    const route = options.routeOf(req);
    const at = clock.now();
    const started = performance.now();
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const fault = faults.decide(route);
    let logged = false;
    const write = (status: number, kind?: RequestLogEntry['fault']) => {
      if (logged) return;
      logged = true;
      log.record({
        at,
        method,
        route,
        path,
        status,
        durationMs: performance.now() - started,
        ...(kind ? { fault: kind } : {}),
      });
    };
    res.once('finish', () =>
      write(res.statusCode, fault.kind === 'none' || fault.kind === 'drop' ? undefined : fault.kind),
    );
    res.once('close', () =>
      write(0, fault.kind === 'drop' || fault.kind === 'stall' ? fault.kind : undefined),
    );
    const act = () => {
      switch (fault.kind) {
        case 'none':
          next();
          return;
        case 'drop':
          write(0, 'drop');
          req.socket.destroy();
          return;
        case 'stall':
          // Accepted and held open: the client's own timeout is what gets rehearsed. Closing the server
          // destroys the socket, so a stall never outlives its emulator.
          if (fault.answerAfterMs !== null) {
            const timer = setTimeout(next, fault.answerAfterMs);
            res.once('close', () => clearTimeout(timer));
          }
          return;
        case 'too-many-requests': {
          const answer = options.faultAnswer('too-many-requests', 429, route);
          res.writeHead(429, {
            'content-type': answer.contentType,
            'retry-after': String(fault.retryAfterSeconds),
            ...answer.headers,
          });
          res.end(answer.body);
          return;
        }
        case 'server-error': {
          const answer = options.faultAnswer('server-error', fault.status, route);
          res.writeHead(fault.status, { 'content-type': answer.contentType, ...answer.headers });
          res.end(answer.body);
          return;
        }
      }
    };
    if (fault.latencyMs > 0) setTimeout(act, fault.latencyMs);
    else act();
  };
}
