/** The admin web app: JSON API (documented as OpenAPI) and pages, behind sign-in with roles, on 127.0.0.1 by default. */
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import helmet from 'helmet';
import { AtlasError } from '../errors.js';
import { ApiRoutes } from './api-routes.js';
import { type AuthOptions, authRoutes, identify, requireApiAuth } from './auth.js';
import { AuthThrottle } from './auth-throttle.js';
import type { ServerDeps } from './deps.js';
import { errorMiddleware, httpError } from './http-errors.js';
import { MappingFiles } from './mapping-files.js';
import { oidcRoutes } from './oidc.js';
import { buildOpenApi } from './openapi.js';
import { pageRoutes } from './pages.js';
import { registerAuditApi } from './routes/audit-api.js';
import { registerEcosystemApi } from './routes/ecosystem-api.js';
import { registerMappingsApi } from './routes/mappings-api.js';
import { registerMatchApi } from './routes/match-api.js';
import { registerOverridesApi } from './routes/overrides-api.js';
import { registerPartnerTeamingApi } from './routes/partner-teaming-api.js';
import { registerPartnersApi } from './routes/partners-api.js';
import { registerReviewsApi } from './routes/reviews-api.js';
import { registerRunsApi } from './routes/runs-api.js';
import { registerTeamingApi } from './routes/teaming-api.js';
import { registerUsersApi } from './routes/users-api.js';
import { linkSigningKey, registerScorecardApi, scorecardPages } from './scorecard/index.js';
import { ScoresSource } from './scores-source.js';
import { DEFAULT_SESSION_TTL_MS, SessionStore } from './sessions.js';

export type {
  CrmField,
  CrmLinkSettings,
  CrmPreviews,
  OidcSettings,
  RunLauncher,
  ServerDeps,
  StartRunOptions,
} from './deps.js';

/** Default throttle: 10 wrong tokens per client per 15 minutes, then refused until the window ends. */
const AUTH_FAILURE_LIMIT = { windowMs: 15 * 60 * 1000, limit: 10 };
/** JSON bodies: mapping files are the largest (a few KB; 512 KB accepted). */
const JSON_BODY_LIMIT = '1mb';
/** Shortest admin token accepted, so a placeholder like "admin" cannot guard the app. */
export const ADMIN_TOKEN_MIN_LENGTH = 16;

const PUBLIC_DIR = join(dirname(fileURLToPath(import.meta.url)), 'public');
const CHART_JS_DIR = dirname(createRequire(import.meta.url).resolve('chart.js'));
/** Cytoscape's dist folder (its UMD build draws the Teaming page's network; no eval, no inline script). */
const CYTOSCAPE_DIR = dirname(createRequire(import.meta.url).resolve('cytoscape'));

/**
 * Builds the app. Every route but `/health`, the sign-in routes and the static assets requires a session
 * cookie or `Authorization: Bearer <a user's token or ATLAS_ADMIN_TOKEN>`, and the role the route needs.
 * Sessions live in the store, so a new app over the same store (a restart) keeps everyone signed in.
 */
export function createApp(deps: ServerDeps, health: HealthOptions = {}): express.Application {
  if (deps.adminToken.length < ADMIN_TOKEN_MIN_LENGTH) {
    throw new AtlasError(
      'SERVER_CONFIG_INVALID',
      `ATLAS_ADMIN_TOKEN must have at least ${ADMIN_TOKEN_MIN_LENGTH} characters; generate one with: openssl rand -base64 32`,
      { context: { variable: 'ATLAS_ADMIN_TOKEN' } },
    );
  }
  const now = deps.now ?? (() => new Date());
  const sessionTtlMs = deps.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS;
  const sessions = new SessionStore({
    store: deps.store,
    ttlMs: sessionTtlMs,
    now,
    adminToken: deps.adminToken,
  });
  const scores = new ScoresSource(deps.store, deps.mappingsDir);
  const scorecards = {
    scores,
    store: deps.store,
    mappingsDir: deps.mappingsDir,
    key: linkSigningKey({ linkSecret: deps.linkSecret, adminToken: deps.adminToken }),
    now,
    ...(deps.logger ? { logger: deps.logger } : {}),
  };
  const files = new MappingFiles(deps.mappingsDir, now);
  const throttle = new AuthThrottle(deps.authFailureLimit ?? AUTH_FAILURE_LIMIT, now);

  const app = express();
  app.locals.now = now;
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy ?? false);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          // Only upgrade when served over TLS; on plain 127.0.0.1 the directive would break every asset.
          upgradeInsecureRequests: null,
        },
      },
      strictTransportSecurity: false,
    }),
  );
  // HSTS only over TLS (behind a trusted proxy, X-Forwarded-Proto: https): on plain HTTP it means nothing.
  const hsts = helmet.strictTransportSecurity();
  app.use((req, res, next) => (req.secure ? hsts(req, res, next) : next()));

  // Browsers ask for it on every first visit; answering keeps their consoles free of 404s.
  app.get('/favicon.ico', (_req, res) => {
    res.status(204).end();
  });
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', schedule: health.schedule?.() ?? { armed: false } });
  });
  app.use('/assets/vendor/cytoscape', express.static(CYTOSCAPE_DIR, { index: false, maxAge: '1h' }));
  app.use('/assets/vendor', express.static(CHART_JS_DIR, { index: false, maxAge: '1h' }));
  app.use('/assets', express.static(PUBLIC_DIR, { index: false, maxAge: 0 }));
  app.use('/assets', (req, res) => {
    res.status(404).type('text').send(`No such file: /assets${req.path}`);
  });

  const auth: AuthOptions = {
    sessions,
    store: deps.store,
    adminToken: deps.adminToken,
    sessionTtlMs,
    throttle,
    ...(deps.logger ? { logger: deps.logger } : {}),
  };
  app.use(identify(auth));
  app.use(authRoutes({ ...auth, ssoName: deps.oidc?.providerName ?? null }));
  if (deps.oidc) app.use(oidcRoutes({ ...auth, settings: deps.oidc }));

  const apiRouter = express.Router();
  apiRouter.use('/api', requireApiAuth);
  apiRouter.use('/api', express.json({ limit: JSON_BODY_LIMIT }));
  apiRouter.use('/api', (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  const api = new ApiRoutes(apiRouter);
  registerEcosystemApi(api, scores);
  registerPartnersApi(api, scores, deps.store, deps.crmLinks);
  registerMatchApi(api, scores);
  registerRunsApi(api, deps.store, deps.runs);
  registerMappingsApi(api, files, deps.crm, deps.store, () => scores.invalidate());
  registerPartnerTeamingApi(api, scores);
  registerTeamingApi(api, scores);
  registerOverridesApi(api, scores, deps.store, now);
  registerReviewsApi(api, scores, deps.store, now);
  registerScorecardApi(api, scorecards);
  registerUsersApi(api, deps.store);
  registerAuditApi(api, deps.store);
  const openApi = buildOpenApi(api.routes);
  apiRouter.get('/api/openapi.json', (_req, res) => {
    res.json(openApi);
  });
  apiRouter.use('/api', (req) => {
    throw httpError(404, `no API route ${req.method} ${req.originalUrl.split('?')[0]}`);
  });
  app.use(apiRouter);
  app.use(scorecardPages(scorecards));
  app.use(pageRoutes());
  app.use((req, res) => {
    res.status(404).type('text').send(`not found: ${req.path}`);
  });
  app.use(errorMiddleware(deps.logger));
  return app;
}

/** What `/health` reports of the nightly schedule: an API for monitors, so times are ISO. */
export interface ScheduleHealth {
  /** True when this process will start scheduled runs. */
  armed: boolean;
  expression?: string;
  timezone?: string;
  /** When the next scheduled run starts (ISO), null when it never will. */
  nextRun?: string | null;
  /** When the next full reconciliation starts (ISO); null when turned off. */
  nextFullRun?: string | null;
}

export interface HealthOptions {
  /** The schedule's state, asked at each `/health` request; unarmed when absent (the demo, `--no-schedule`). */
  schedule?: () => ScheduleHealth;
}

/** The error a busy port gives: names the port and how to choose another, instead of a bare EADDRINUSE. */
export function portInUseError(port: number, host: string, cause?: unknown): AtlasError {
  return new AtlasError(
    'SERVER_PORT_IN_USE',
    `port ${port} on ${host} is already in use (another \`atlas serve\` or \`npm run demo\`?): stop that process, or pick another port with --port N or ATLAS_PORT (--port 0 takes any free one)`,
    { context: { port, host }, ...(cause === undefined ? {} : { cause }) },
  );
}

/** Whether `port` on `host` is free now: the demo checks before it rebuilds its store under a running dashboard. */
export async function assertPortFree(port: number, host = '127.0.0.1'): Promise<void> {
  if (port === 0) return;
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? portInUseError(port, host, error) : error),
    );
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

/**
 * Starts the app on `host` (127.0.0.1 unless told otherwise) and `port` (0 picks a free one).
 * @example
 * const server = await startServer(deps, { port: env.ATLAS_PORT });
 * console.log(`Dashboard: ${server.url}`);
 */
export async function startServer(
  deps: ServerDeps,
  options: { port: number; host?: string } & HealthOptions,
): Promise<{ url: string; close: () => Promise<void> }> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer(createApp(deps, options.schedule ? { schedule: options.schedule } : {}));
  await new Promise<void>((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? portInUseError(options.port, host, error) : error);
    server.once('error', failed);
    server.listen(options.port, host, () => {
      server.off('error', failed);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  deps.logger?.info({ host, port }, 'admin server listening');
  return {
    url: `http://${shownHost}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
