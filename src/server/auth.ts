/** Admin authentication: sign-in page, session cookie, bearer token, CSRF checks, and the gate in front of every route. */
import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { AuthThrottle } from './auth-throttle.js';
import { type ErrorBody, httpError } from './http-errors.js';
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

const TOO_MANY = 'Too many wrong admin tokens from this address; wait a few minutes.';

/** True, with `Retry-After` set, when the client is locked out of trying; counts the failure otherwise. */
function refused(throttle: AuthThrottle, req: Request, res: Response): boolean {
  const retryAfter = throttle.refuseOrCount(req);
  if (retryAfter === 0) return false;
  res.setHeader('Retry-After', String(retryAfter));
  return true;
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

/**
 * Resolves who is calling: a valid bearer token or a live session cookie. A wrong bearer token counts against
 * the client's throttle, and is answered 429 once the client is locked out.
 */
export function identify(
  sessions: SessionStore,
  adminToken: string,
  throttle: AuthThrottle,
  logger?: Logger,
): RequestHandler {
  return (req, res, next) => {
    const bearer = bearerToken(req);
    if (bearer !== undefined) {
      if (secretsEqual(bearer, adminToken)) req.auth = { kind: 'bearer' };
      else if (refused(throttle, req, res)) {
        res.status(429).json({ error: { message: TOO_MANY } } satisfies ErrorBody);
        return;
      } else logger?.warn({ ip: req.ip }, 'API request refused: wrong bearer token');
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

/** The sign-in and sign-out routes, with CSRF protection; wrong tokens count against the client's throttle. */
export function authRoutes(options: {
  sessions: SessionStore;
  adminToken: string;
  sessionTtlMs: number;
  throttle: AuthThrottle;
  logger?: Logger;
}): Router {
  const { sessions, adminToken } = options;
  const router = express.Router();

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

  router.post('/login', express.urlencoded({ extended: false, limit: '8kb' }), (req, res) => {
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
    // The token is checked before the throttle, so the real admin is never locked out by someone's guesses.
    if (!secretsEqual(parsed.data.token, adminToken)) {
      if (refused(options.throttle, req, res)) {
        fail(429, TOO_MANY);
        return;
      }
      // Who tried, never what they typed; at most the throttle's limit of lines per client and window.
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
