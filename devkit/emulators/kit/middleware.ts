/** Connect-style middleware that logs every request and applies the injector's request faults before routing. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { EmulatorClock } from './clock.js';
import type { FaultInjector } from './faults.js';
import type { RequestLog } from './request-log.js';

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
  /** Vendor-formatted body of an injected fault. */
  faultAnswer(kind: 'too-many-requests' | 'server-error', status: number): FaultAnswer;
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
    const write = (status: number, kind?: 'drop' | 'too-many-requests' | 'server-error') => {
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
    res.once('close', () => write(0, fault.kind === 'drop' ? 'drop' : undefined));
    const act = () => {
      switch (fault.kind) {
        case 'none':
          next();
          return;
        case 'drop':
          write(0, 'drop');
          req.socket.destroy();
          return;
        case 'too-many-requests': {
          const answer = options.faultAnswer('too-many-requests', 429);
          res.writeHead(429, {
            'content-type': answer.contentType,
            'retry-after': String(fault.retryAfterSeconds),
            ...answer.headers,
          });
          res.end(answer.body);
          return;
        }
        case 'server-error': {
          const answer = options.faultAnswer('server-error', fault.status);
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
