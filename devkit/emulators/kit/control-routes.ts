/** The emulators' own control endpoint under `/__emulator/`: read, replace and clear faults, read the request log; loopback callers only. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { text } from 'node:stream/consumers';
import { z } from 'zod';
import { applyFaultPlan, FaultPlanSchema, faultReport } from './fault-plan.js';
import type { FaultInjector } from './faults.js';
import type { RequestLog } from './request-log.js';

/** No Salesforce (`/services/…`, `/id/…`) or HubSpot (`/crm/…`, `/oauth/…`) path starts with `/__`. */
export const CONTROL_PREFIX = '/__emulator/';

const RequestsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(10_000).default(100),
});

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 (`::ffff:127.0.0.1`). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return v4.startsWith('127.') || address === '::1';
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

/** `key.path: message` for each zod issue, unknown keys named one by one. */
function issueLines(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.flatMap((issue) => {
    const at = (path: readonly PropertyKey[]) => path.map(String).join('.') || '(body)';
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => `${at([...issue.path, key])}: unknown key "${key}"`);
    return [`${at(issue.path)}: ${issue.message}`];
  });
}

async function replaceFaults(
  req: IncomingMessage,
  res: ServerResponse,
  faults: FaultInjector,
): Promise<void> {
  let body: unknown;
  try {
    body = JSON.parse((await text(req)) || '{}');
  } catch {
    send(res, 400, { error: 'the body is not JSON: send a fault plan such as {"rateLimit":{"count":3}}' });
    return;
  }
  const plan = FaultPlanSchema.safeParse(body);
  if (!plan.success) {
    send(res, 400, { error: 'invalid fault plan', problems: issueLines(plan.error.issues) });
    return;
  }
  send(res, 200, applyFaultPlan(faults, plan.data));
}

/**
 * Connect-style middleware, mounted before the emulator middleware so control calls are never faulted,
 * logged or asked for CRM credentials. Callers other than loopback get 403, even when the emulator
 * listens on another interface.
 * @example curl -X POST localhost:PORT/__emulator/faults -d '{"rateLimit":{"count":3}}'
 */
export function createControlRoutes(deps: { faults: FaultInjector; log: RequestLog }) {
  return (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void): void => {
    const url = new URL(req.url ?? '/', 'http://emulator');
    if (!url.pathname.startsWith(CONTROL_PREFIX)) {
      next();
      return;
    }
    if (!isLoopbackAddress(req.socket.remoteAddress)) {
      send(res, 403, { error: 'the emulator control endpoint answers loopback callers only' });
      return;
    }
    const route = `${req.method ?? 'GET'} ${url.pathname}`;
    switch (route) {
      case `GET ${CONTROL_PREFIX}faults`:
        send(res, 200, faultReport(deps.faults));
        return;
      case `POST ${CONTROL_PREFIX}faults`:
        replaceFaults(req, res, deps.faults).catch(next);
        return;
      case `DELETE ${CONTROL_PREFIX}faults`:
        deps.faults.reset();
        send(res, 200, faultReport(deps.faults));
        return;
      case `GET ${CONTROL_PREFIX}requests`: {
        const query = RequestsQuerySchema.safeParse(Object.fromEntries(url.searchParams));
        if (!query.success) {
          send(res, 400, { error: 'limit takes a whole number from 1 to 10000' });
          return;
        }
        const { log } = deps;
        send(res, 200, {
          total: log.total,
          counts: log.counts(),
          entries: log.entries.slice(-query.data.limit),
        });
        return;
      }
      default:
        send(res, 404, {
          error: `no control route ${route}`,
          routes: ['GET|POST|DELETE /__emulator/faults', 'GET /__emulator/requests?limit=N'],
        });
    }
  };
}
