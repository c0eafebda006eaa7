/**
 * The Express app of the HubSpot emulator: the control endpoint, request log and faults (emulator kit) first, then bearer
 * authentication, rate limits, the routes, and one error middleware that answers HubSpot's bodies.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import {
  createControlRoutes,
  createEmulatorMiddleware,
  type FaultInjector,
  type RequestLog,
} from '../kit/index.js';
import { HubSpotHttpError, rateLimitBody } from './errors.js';
import { hubSpotFaultAnswer } from './faults.js';
import { routeKey } from './route-keys.js';
import { associationRoutes } from './routes-associations.js';
import { authRoutes } from './routes-auth.js';
import { batchRoutes } from './routes-batch.js';
import { listRoutes } from './routes-lists.js';
import { objectRoutes } from './routes-objects.js';
import { propertyRoutes } from './routes-properties.js';
import { schemaRoutes } from './routes-schemas.js';
import { searchRoutes } from './routes-search.js';
import type { HubSpotState } from './state.js';

/** Routes anyone may call: the token endpoints authenticate with client credentials or the token itself. */
const PUBLIC_ROUTE = /^\/oauth\/v1\/(token$|access-tokens\/)/;
const SEARCH_ROUTE = /^\/crm\/v3\/objects\/[^/]+\/search$/;

/** HubSpot's 401 message for a missing or unknown token. */
const NO_CREDENTIALS =
  'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview';

function bearer(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(.+)$/i.exec(header);
  return match?.[1]?.trim();
}

/** `POST /crm/v3/objects/{objectType}/search`: limited per second, and answered without rate-limit headers. */
function isSearch(req: Request): boolean {
  return req.method === 'POST' && SEARCH_ROUTE.test(req.path);
}

function sendError(state: HubSpotState, res: Response, err: HubSpotHttpError): void {
  for (const [k, v] of Object.entries(err.headers)) res.setHeader(k, v);
  res.status(err.status).json({ ...err.body, correlationId: state.correlationId() });
}

/** Builds the app; `startHubSpotEmulator` listens with it. */
export function createHubSpotApp(state: HubSpotState, deps: { log: RequestLog; faults: FaultInjector }) {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  // The emulator's own control endpoint (/__emulator/…): before faults, the log and authentication.
  app.use(createControlRoutes(deps));

  // Rate-limit headers on every answer, faulted ones included: describe the window before this request.
  // Not on search answers: "Responses from the search API endpoints will not include any of the rate limit
  // headers" (https://developers.hubspot.com/docs/developer-tooling/platform/usage-guidelines).
  app.use((req, res, next) => {
    if (isSearch(req)) {
      next();
      return;
    }
    const token = bearer(req);
    const entry = token === undefined ? undefined : state.tokens.get(token);
    if (entry) {
      for (const [k, v] of Object.entries(
        state.rateLimiter.peek(entry.token, entry.kind === 'private-app'),
      )) {
        res.setHeader(k, v);
      }
    }
    next();
  });

  app.use(
    createEmulatorMiddleware({
      log: deps.log,
      faults: deps.faults,
      clock: state.clock,
      routeOf: (req) => routeKey(req.method ?? 'GET', req.url ?? '/'),
      faultAnswer: (kind, status) => hubSpotFaultAnswer(kind, status, state.correlationId()),
    }),
  );
  app.use(express.json({ limit: '50mb' }));
  app.use(express.urlencoded({ extended: false }));

  app.use((req, res, next) => {
    if (PUBLIC_ROUTE.test(req.path)) {
      next();
      return;
    }
    const check = state.tokens.check(bearer(req));
    if (!check.ok) {
      if (check.reason === 'expired') {
        const ago = Math.max(0, Math.round((state.clock.now() - check.expiredAt) / 1000));
        throw new HubSpotHttpError(401, {
          status: 'error',
          message: `The OAuth token used to make this call expired ${ago} second(s) ago.`,
          category: 'EXPIRED_AUTHENTICATION',
          context: { 'expire time': [new Date(check.expiredAt).toISOString()] },
        });
      }
      throw new HubSpotHttpError(401, {
        status: 'error',
        message: NO_CREDENTIALS,
        category: 'INVALID_AUTHENTICATION',
      });
    }
    const token = check.token;
    const search = isSearch(req);
    const decision = state.rateLimiter.admit(token.token, {
      search,
      privateApp: token.kind === 'private-app',
    });
    if (!search) for (const [k, v] of Object.entries(decision.headers)) res.setHeader(k, v);
    // No Retry-After: the usage guidelines document none; the body's policyName names the window to wait out.
    if (!decision.ok) throw new HubSpotHttpError(429, rateLimitBody(decision.policy));
    next();
  });

  app.use(authRoutes(state));
  app.use(searchRoutes(state));
  app.use(batchRoutes(state, deps.faults));
  app.use(objectRoutes(state));
  app.use(associationRoutes(state));
  app.use(propertyRoutes(state));
  app.use(schemaRoutes(state));
  app.use(listRoutes(state));

  app.use((req, _res, next) => {
    next(
      new HubSpotHttpError(404, {
        status: 'error',
        message: `No route for ${req.method} ${req.path}`,
        category: 'OBJECT_NOT_FOUND',
      }),
    );
  });

  // Express 5 forwards thrown errors and rejections here.
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof HubSpotHttpError) {
      sendError(state, res, err);
      return;
    }
    if (
      err instanceof SyntaxError ||
      (typeof err === 'object' && err !== null && 'type' in err && err.type === 'entity.parse.failed')
    ) {
      sendError(
        state,
        res,
        new HubSpotHttpError(400, {
          status: 'error',
          message: `Invalid input JSON: ${err instanceof Error ? err.message : 'unparseable body'}`,
          category: 'VALIDATION_ERROR',
        }),
      );
      return;
    }
    sendError(
      state,
      res,
      new HubSpotHttpError(500, {
        status: 'error',
        message: `internal error: ${err instanceof Error ? err.message : String(err)}`,
        category: 'INTERNAL_ERROR',
      }),
    );
  });

  return app;
}
