/** Admin authentication: sign-in page, session cookie, bearer token, CSRF checks, and the gate in front of every route. */
import express, { type Request, type RequestHandler, type Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Logger } from 'pino';
import { z } from 'zod';
import { httpError } from './http-errors.js';
import { renderLogin } from './pages/login-page.js';
import {
  CSRF_HEADER,
  LOGIN_CSRF_COOKIE,
  randomToken,
  readCookie,
  SESSION_COOKIE,
  type Session,
  type SessionStore,
  secretsEqual,
} from './sessions.js';

/** What a request was authenticated with; bearer callers are API clients and skip CSRF. */
export type AuthVia = { kind: 'session'; session: Session } | { kind: 'bearer' };

declare module 'express-serve-static-core' {
  interface Request {
    auth?: AuthVia;
  }
}

const LoginBodySchema = z.object({
  token: z.string().min(1, 'enter the admin token').max(1024),
  csrf: z.string().min(1),
  next: z.string().optional(),
});

/** Only same-site paths are followed after sign-in (no open redirect to `//evil.example`). */
function safeNext(next: string | undefined): string {
  return next && /^\/(?!\/|\\)/.test(next) ? next : '/';
}

function bearerToken(req: Request): string | undefined {
  const header = req.get('authorization');
  const match = header ? /^Bearer\s+(.+)$/i.exec(header) : null;
  return match?.[1]?.trim();
}

function cookieOptions(req: Request, maxAge?: number) {
  return {
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: req.secure,
    path: '/',
    ...(maxAge === undefined ? {} : { maxAge }),
  };
}

/** Resolves who is calling: a valid bearer token or a live session cookie. */
export function identify(sessions: SessionStore, adminToken: string): RequestHandler {
  return (req, _res, next) => {
    const bearer = bearerToken(req);
    if (bearer !== undefined) {
      if (secretsEqual(bearer, adminToken)) req.auth = { kind: 'bearer' };
      next();
      return;
    }
    const session = sessions.get(readCookie(req.get('cookie'), SESSION_COOKIE));
    if (session) req.auth = { kind: 'session', session };
    next();
  };
}

/** API routes: 401 JSON without credentials; 403 when a cookie-authenticated change lacks its CSRF token. */
export const requireApiAuth: RequestHandler = (req, _res, next) => {
  if (!req.auth) throw httpError(401, 'sign in first, or send Authorization: Bearer <ATLAS_ADMIN_TOKEN>');
  if (req.auth.kind === 'session' && !['GET', 'HEAD', 'OPTIONS'].includes(req.method)) {
    const sent = req.get(CSRF_HEADER) ?? '';
    if (!secretsEqual(sent, req.auth.session.csrfToken)) {
      throw httpError(403, `missing or wrong ${CSRF_HEADER} header`, CSRF_HEADER);
    }
  }
  next();
};

/** Pages: redirect to the sign-in page, remembering where the admin was going. */
export const requirePageAuth: RequestHandler = (req, res, next) => {
  if (req.auth) {
    next();
    return;
  }
  res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
};

/** The sign-in and sign-out routes, with their own rate limit and CSRF protection. */
export function authRoutes(options: {
  sessions: SessionStore;
  adminToken: string;
  sessionTtlMs: number;
  loginRateLimit: { windowMs: number; limit: number };
  logger?: Logger;
}): Router {
  const { sessions, adminToken } = options;
  const router = express.Router();
  const limiter = rateLimit({
    windowMs: options.loginRateLimit.windowMs,
    limit: options.loginRateLimit.limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // Only failed attempts count, so an admin who signs in right is never locked out by their own logins.
    skipSuccessfulRequests: true,
    handler: (_req, res) => {
      res
        .status(429)
        .type('html')
        .send(renderLogin({ csrf: '', next: '/', error: 'Too many sign-in attempts; wait a few minutes.' }));
    },
  });

  router.get('/login', (req, res) => {
    if (req.auth) {
      res.redirect(303, typeof req.query.next === 'string' ? safeNext(req.query.next) : '/');
      return;
    }
    const csrf = randomToken();
    res.cookie(LOGIN_CSRF_COOKIE, csrf, cookieOptions(req));
    const next = typeof req.query.next === 'string' ? safeNext(req.query.next) : '/';
    res.type('html').send(renderLogin({ csrf, next, error: null }));
  });

  router.post('/login', limiter, express.urlencoded({ extended: false, limit: '8kb' }), (req, res) => {
    const parsed = LoginBodySchema.safeParse(req.body);
    const next = safeNext(parsed.success ? parsed.data.next : undefined);
    const cookieCsrf = readCookie(req.get('cookie'), LOGIN_CSRF_COOKIE) ?? '';
    const fail = (status: number, error: string) => {
      const csrf = randomToken();
      res.cookie(LOGIN_CSRF_COOKIE, csrf, cookieOptions(req));
      res.status(status).type('html').send(renderLogin({ csrf, next, error }));
    };
    if (!parsed.success) {
      fail(400, parsed.error.issues[0]?.message ?? 'enter the admin token');
      return;
    }
    if (cookieCsrf === '' || !secretsEqual(parsed.data.csrf, cookieCsrf)) {
      fail(403, 'The sign-in form expired; try again.');
      return;
    }
    if (!secretsEqual(parsed.data.token, adminToken)) {
      // Who tried, never what they typed.
      options.logger?.warn({ ip: req.ip }, 'admin sign-in refused: wrong token');
      fail(401, 'Wrong admin token.');
      return;
    }
    const session = sessions.create();
    options.logger?.info({ ip: req.ip }, 'admin signed in');
    res.clearCookie(LOGIN_CSRF_COOKIE, cookieOptions(req));
    res.cookie(SESSION_COOKIE, session.id, cookieOptions(req, options.sessionTtlMs));
    res.redirect(303, next);
  });

  router.post('/logout', express.urlencoded({ extended: false, limit: '8kb' }), (req, res) => {
    const session = req.auth?.kind === 'session' ? req.auth.session : undefined;
    const sent = typeof req.body?.csrf === 'string' ? req.body.csrf : '';
    if (session && secretsEqual(sent, session.csrfToken)) {
      sessions.destroy(session.id);
      res.clearCookie(SESSION_COOKIE, cookieOptions(req));
    }
    res.redirect(303, '/login');
  });
  return router;
}
