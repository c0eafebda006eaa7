/**
 * Sign-in: the sign-in page (a user's token or ATLAS_ADMIN_TOKEN), stored session cookies, bearer tokens,
 * CSRF checks, and the gates in front of every route. Who is calling and their role land on `req.auth`.
 */
import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Actor, Role, User } from '../model/index.js';
import type { Store } from '../store/index.js';
import { ADMIN_TOKEN_ACTOR, recordAudit } from './audit.js';
import type { AuthThrottle } from './auth-throttle.js';
import { type ErrorBody, httpError } from './http-errors.js';
import { renderLogin } from './pages/login-page.js';
import { roleAllows } from './roles.js';
import {
  CSRF_HEADER,
  LOGIN_CSRF_COOKIE,
  randomToken,
  readCookie,
  SESSION_COOKIE,
  type Session,
  type SessionStore,
  secretsEqual,
  sha256Hex,
} from './sessions.js';

/** Who is calling, with what, and as which role; bearer callers are API clients and skip CSRF. */
export type AuthVia = ({ kind: 'session'; session: Session } | { kind: 'bearer' }) & {
  actor: Actor;
  role: Role;
};

declare module 'express-serve-static-core' {
  interface Request {
    auth?: AuthVia;
  }
}

const LoginBodySchema = z.object({
  token: z.string().min(1, 'enter your token or the admin token').max(1024),
  csrf: z.string().min(1),
  next: z.string().optional(),
});

/** Only same-site paths are followed after sign-in (no open redirect to `//evil.example`). */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?!\/|\\)/.test(next) ? next : '/';
}

function bearerToken(req: Request): string | undefined {
  const header = req.get('authorization');
  const match = header ? /^Bearer\s+(.+)$/i.exec(header) : null;
  return match?.[1]?.trim();
}

const TOO_MANY = 'Too many wrong tokens from this address; wait a few minutes.';

/** True, with `Retry-After` set, when the client is locked out of trying; counts the failure otherwise. */
function refused(throttle: AuthThrottle, req: Request, res: Response): boolean {
  const retryAfter = throttle.refuseOrCount(req);
  if (retryAfter === 0) return false;
  res.setHeader('Retry-After', String(retryAfter));
  return true;
}

/**
 * Options of every cookie Atlas sets: HttpOnly, Secure over TLS, SameSite=Strict on `/` unless `scope` says
 * otherwise (the single sign-on flow cookie is Lax, on its callback path only).
 */
export function cookieOptions(
  req: Request,
  scope: { maxAge?: number; sameSite?: 'strict' | 'lax'; path?: string } = {},
) {
  return {
    httpOnly: true,
    sameSite: scope.sameSite ?? 'strict',
    secure: req.secure,
    path: scope.path ?? '/',
    ...(scope.maxAge === undefined ? {} : { maxAge: scope.maxAge }),
  };
}

const userActor = (user: User): Actor => ({ userId: user.id, name: user.name });

/** The enabled user a token belongs to, or the disabled one (to say so), or nothing. */
async function userOfToken(store: Store, token: string): Promise<User | undefined> {
  return store.findUserByTokenHash(sha256Hex(token));
}

export interface AuthOptions {
  sessions: SessionStore;
  store: Store;
  adminToken: string;
  throttle: AuthThrottle;
  sessionTtlMs: number;
  logger?: Logger;
}

/**
 * Resolves who is calling: the admin token or a user's token as `Authorization: Bearer`, or a live session
 * cookie of an enabled user. A wrong bearer token counts against the client's throttle, and is answered 429
 * once the client is locked out.
 */
export function identify(options: AuthOptions): RequestHandler {
  const { sessions, store, adminToken, throttle, logger } = options;
  return async (req, res, next) => {
    const bearer = bearerToken(req);
    if (bearer !== undefined) {
      if (secretsEqual(bearer, adminToken)) {
        req.auth = { kind: 'bearer', actor: ADMIN_TOKEN_ACTOR, role: 'admin' };
      } else {
        const user = await userOfToken(store, bearer);
        if (user && !user.disabledAt) req.auth = { kind: 'bearer', actor: userActor(user), role: user.role };
        else if (refused(throttle, req, res)) {
          res.status(429).json({ error: { message: TOO_MANY } } satisfies ErrorBody);
          return;
        } else logger?.warn({ ip: req.ip }, 'API request refused: wrong bearer token');
      }
      next();
      return;
    }
    const session = await sessions.get(readCookie(req.get('cookie'), SESSION_COOKIE));
    if (session?.userId === null)
      req.auth = { kind: 'session', session, actor: ADMIN_TOKEN_ACTOR, role: 'admin' };
    else if (session) {
      const user = await store.getUser(session.userId);
      if (user && !user.disabledAt)
        req.auth = { kind: 'session', session, actor: userActor(user), role: user.role };
    }
    next();
  };
}

/** API routes: 401 JSON without credentials; 403 when a cookie-authenticated change lacks its CSRF token. */
export const requireApiAuth: RequestHandler = (req, _res, next) => {
  if (!req.auth) throw httpError(401, 'sign in first, or send Authorization: Bearer <your token>');
  if (req.auth.kind === 'session' && !['GET', 'HEAD', 'OPTIONS'].includes(req.method)) {
    const sent = req.get(CSRF_HEADER) ?? '';
    if (!secretsEqual(sent, req.auth.session.csrfToken)) {
      throw httpError(403, `missing or wrong ${CSRF_HEADER} header`, CSRF_HEADER);
    }
  }
  next();
};

/** Pages: redirect to the sign-in page, remembering where the user was going; 403 below the page's role. */
export function requirePageAuth(role: Role = 'viewer'): RequestHandler {
  return (req, res, next) => {
    if (!req.auth) {
      res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
      return;
    }
    if (!roleAllows(req.auth.role, role)) {
      res
        .status(403)
        .type('text')
        .send(
          `This page needs the ${role} role; you are signed in as ${req.auth.actor.name} (${req.auth.role}).`,
        );
      return;
    }
    next();
  };
}

/** Opens a session for `actor` and sends its cookie; the sign-in is audited. */
export async function startSession(
  options: AuthOptions,
  req: Request,
  res: Response,
  signedIn: { user: User | null; via: 'token' | 'oidc' },
): Promise<void> {
  const session = await options.sessions.create(signedIn.user?.id ?? null, signedIn.via);
  req.auth = signedIn.user
    ? { kind: 'session', session, actor: userActor(signedIn.user), role: signedIn.user.role }
    : { kind: 'session', session, actor: ADMIN_TOKEN_ACTOR, role: 'admin' };
  await recordAudit(options.store, req, 'sign-in', req.auth.actor.name, {
    via: signedIn.user ? signedIn.via : 'admin-token',
    role: req.auth.role,
    ip: req.ip,
  });
  options.logger?.info({ ip: req.ip, userId: signedIn.user?.id ?? null }, 'signed in');
  res.clearCookie(LOGIN_CSRF_COOKIE, cookieOptions(req));
  res.cookie(SESSION_COOKIE, session.id, cookieOptions(req, { maxAge: options.sessionTtlMs }));
}

/** Records a refused sign-in: where it came from and why, never what was typed. */
export async function recordRefusedSignIn(
  store: Store,
  req: Request,
  reason: string,
  extra: Record<string, unknown> = {},
): Promise<void> {
  await recordAudit(store, req, 'sign-in-refused', 'Sign-in', {
    reason,
    ip: req.ip,
    userAgent: req.get('user-agent') ?? null,
    ...extra,
  });
}

/** The sign-in and sign-out routes, with CSRF protection; wrong tokens count against the client's throttle. */
export function authRoutes(options: AuthOptions & { ssoName: string | null }): Router {
  const { sessions, adminToken, store } = options;
  const router = express.Router();
  const page = (csrf: string, next: string, error: string | null) =>
    renderLogin({ csrf, next, error, ssoName: options.ssoName });

  router.get('/login', (req, res) => {
    if (req.auth) {
      res.redirect(303, safeNext(req.query.next));
      return;
    }
    const csrf = randomToken();
    res.cookie(LOGIN_CSRF_COOKIE, csrf, cookieOptions(req));
    res.type('html').send(page(csrf, safeNext(req.query.next), null));
  });

  router.post('/login', express.urlencoded({ extended: false, limit: '8kb' }), async (req, res) => {
    const parsed = LoginBodySchema.safeParse(req.body);
    const next = safeNext(parsed.success ? parsed.data.next : undefined);
    const cookieCsrf = readCookie(req.get('cookie'), LOGIN_CSRF_COOKIE) ?? '';
    const fail = (status: number, error: string) => {
      const csrf = randomToken();
      res.cookie(LOGIN_CSRF_COOKIE, csrf, cookieOptions(req));
      res
        .status(status)
        .type('html')
        .send(page(csrf, next, error));
    };
    if (!parsed.success) {
      fail(400, parsed.error.issues[0]?.message ?? 'enter your token or the admin token');
      return;
    }
    if (cookieCsrf === '' || !secretsEqual(parsed.data.csrf, cookieCsrf)) {
      fail(403, 'The sign-in form expired; try again.');
      return;
    }
    // The token is checked before the throttle, so a real user is never locked out by someone's guesses.
    if (secretsEqual(parsed.data.token, adminToken)) {
      await startSession(options, req, res, { user: null, via: 'token' });
      res.redirect(303, next);
      return;
    }
    const user = await userOfToken(store, parsed.data.token);
    if (user && !user.disabledAt) {
      await startSession(options, req, res, { user, via: 'token' });
      res.redirect(303, next);
      return;
    }
    if (refused(options.throttle, req, res)) {
      fail(429, TOO_MANY);
      return;
    }
    // Who tried, never what they typed; at most the throttle's limit of lines per client and window.
    options.logger?.warn({ ip: req.ip }, 'sign-in refused');
    if (user) {
      await recordRefusedSignIn(store, req, `${user.name} is disabled`, { userId: user.id });
      fail(403, `${user.name} is disabled: ask an admin to add you again.`);
      return;
    }
    await recordRefusedSignIn(store, req, 'wrong token');
    fail(401, 'Wrong token: neither a user’s token nor the admin token.');
  });

  router.post('/logout', express.urlencoded({ extended: false, limit: '8kb' }), async (req, res) => {
    const session = req.auth?.kind === 'session' ? req.auth.session : undefined;
    const sent = typeof req.body?.csrf === 'string' ? req.body.csrf : '';
    if (session && secretsEqual(sent, session.csrfToken)) {
      await sessions.destroy(session);
      await recordAudit(store, req, 'sign-out', req.auth?.actor.name ?? 'Sign-out');
      res.clearCookie(SESSION_COOKIE, cookieOptions(req));
    }
    res.redirect(303, '/login');
  });
  return router;
}
