/**
 * Single sign-on through OpenID Connect (openid-client): the authorization code flow with PKCE, state and nonce.
 * Who may sign in: a user already linked to the provider's issuer + subject, or an invited user whose e-mail
 * matches the ID token's verified e-mail (linked then). Everyone else is refused with a page that says why.
 */
import { randomBytes } from 'node:crypto';
import express, { type Request, type Response, type Router } from 'express';
import * as client from 'openid-client';
import { z } from 'zod';
import { errorMessage } from '../errors.js';
import type { User } from '../model/index.js';
import { clockOf, recordActorAudit } from './audit.js';
import { type AuthOptions, cookieOptions, recordRefusedSignIn, safeNext, startSession } from './auth.js';
import type { OidcSettings } from './deps.js';
import { escapeHtml } from './pages/html.js';
import { renderLogin } from './pages/login-page.js';
import { isLoopbackHost } from './plain-http-warning.js';
import { LOGIN_CSRF_COOKIE, randomToken, readCookie } from './sessions.js';

export const OIDC_START_PATH = '/login/oidc';
export const OIDC_CALLBACK_PATH = '/login/oidc/callback';
/** The cookie naming this browser's sign-in in progress; Lax, since the provider's redirect back is cross-site. */
const FLOW_COOKIE = 'atlas_oidc';
/** How long a sign-in may stay at the provider before it has to start again. */
const FLOW_TTL_MS = 10 * 60 * 1000;
/**
 * Most sign-ins kept waiting for the provider's answer. Anyone may start one without signing in, so the map
 * is capped (the oldest is dropped first); a real team has a handful in flight at once.
 */
export const MAX_PENDING_FLOWS = 1000;

/** What the ID token must say; e-mail only counts when the provider verified it. */
const IdClaimsSchema = z.object({
  iss: z.string().min(1),
  sub: z.string().min(1),
  email: z.string().optional(),
  // Some providers (Amazon Cognito, older Azure AD B2C policies) send the claim as the string "true".
  email_verified: z
    .union([z.boolean(), z.enum(['true', 'false'])])
    .optional()
    .transform((v) => v === true || v === 'true'),
  name: z.string().optional(),
});
type IdClaims = z.infer<typeof IdClaimsSchema>;

interface Flow {
  verifier: string;
  state: string;
  nonce: string;
  next: string;
  redirectUri: string;
  expiresAt: number;
}

/**
 * Sign-ins waiting for the provider, by the key in the browser's flow cookie: expired ones are swept at each
 * start, and past `max` the oldest goes (a Map iterates in insertion order).
 */
export class PendingFlows<F extends { expiresAt: number }> {
  readonly #flows = new Map<string, F>();
  readonly #max: number;

  constructor(max: number) {
    this.#max = max;
  }

  get size(): number {
    return this.#flows.size;
  }

  /** Keeps `flow` under `key`, after sweeping what expired by `now` and, when full, the oldest. */
  add(key: string, flow: F, now: number): void {
    for (const [k, f] of this.#flows) if (f.expiresAt <= now) this.#flows.delete(k);
    for (const k of this.#flows.keys()) {
      if (this.#flows.size < this.#max) break;
      this.#flows.delete(k);
    }
    this.#flows.set(key, flow);
  }

  /** The live flow under `key`, taken out (a flow is used once), or undefined. */
  take(key: string | undefined, now: number): F | undefined {
    if (key === undefined) return undefined;
    const flow = this.#flows.get(key);
    this.#flows.delete(key);
    return flow && flow.expiresAt > now ? flow : undefined;
  }
}

/** The provider's configuration, discovered once (and again after a failure, so a provider that was down recovers). */
function discoverer(settings: OidcSettings): () => Promise<client.Configuration> {
  let discovered: Promise<client.Configuration> | undefined;
  return () => {
    const issuer = new URL(settings.issuer);
    discovered ??= client
      .discovery(issuer, settings.clientId, settings.clientSecret, undefined, {
        // Plain HTTP is accepted only for a provider on this machine (tests, a local provider).
        ...(issuer.protocol === 'http:' && isLoopbackHost(issuer.hostname)
          ? { execute: [client.allowInsecureRequests] }
          : {}),
      })
      .catch((error: unknown) => {
        discovered = undefined;
        throw error;
      });
    return discovered;
  };
}

/** Who the ID token is among Atlas's users: linked before, or invited by e-mail (then linked); else why not. */
async function userOfClaims(
  options: AuthOptions,
  claims: IdClaims,
  now: () => Date,
): Promise<{ user: User } | { refusal: string; userId?: string }> {
  const { store } = options;
  const linked = await store.findUserByOidc(claims.iss, claims.sub);
  if (linked)
    return linked.disabledAt
      ? { refusal: `${linked.name} is disabled`, userId: linked.id }
      : { user: linked };
  const who = claims.email ?? claims.name ?? 'this account';
  if (!claims.email || !claims.email_verified)
    return {
      refusal: `${who} has no verified e-mail address at the provider, and is not a user of Partner Atlas`,
    };
  const invited = await store.findUserByEmail(claims.email);
  if (!invited) return { refusal: `${claims.email} is not a user of Partner Atlas` };
  if (invited.disabledAt) return { refusal: `${invited.name} is disabled`, userId: invited.id };
  if (invited.oidcSubject)
    return {
      refusal: `${invited.name} already signs in with another single sign-on account`,
      userId: invited.id,
    };
  const user = await store.updateUser(invited.id, { oidcIssuer: claims.iss, oidcSubject: claims.sub });
  await recordActorAudit(
    store,
    { userId: user.id, name: user.name },
    'user-changed',
    user.name,
    { userId: user.id, change: 'linked', email: claims.email },
    now(),
  );
  return { user };
}

/**
 * Where the provider sends the browser back: ATLAS_OIDC_REDIRECT_URL, or, on a server only this machine
 * reaches (`atlas serve` refuses to start otherwise), its callback on the loopback host the browser used.
 * The Host header is the client's to choose, so a non-loopback one is never trusted: undefined then.
 */
function redirectUriOf(settings: OidcSettings, req: Request): string | undefined {
  if (settings.redirectUrl) return settings.redirectUrl;
  const host = req.get('host') ?? '';
  let hostname: string;
  try {
    hostname = new URL(`http://${host}`).hostname;
  } catch {
    return undefined;
  }
  return isLoopbackHost(hostname) ? `${req.protocol}://${host}${OIDC_CALLBACK_PATH}` : undefined;
}

/** After sign-in the browser moves on with a same-site navigation, so the SameSite=Strict session cookie is sent. */
function continuePage(next: string): string {
  const href = escapeHtml(next);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${href}">
<title>Signed in · Partner Atlas</title><link rel="stylesheet" href="/assets/app.css"></head>
<body class="login"><main id="main"><h1>Signed in</h1><p><a href="${href}">Continue to Partner Atlas</a></p></main></body></html>`;
}

/** The single sign-on routes: start at the provider, and come back with a code. */
export function oidcRoutes(options: AuthOptions & { settings: OidcSettings }): Router {
  const { settings } = options;
  const configuration = discoverer(settings);
  const flows = new PendingFlows<Flow>(MAX_PENDING_FLOWS);
  const router = express.Router();
  const flowCookie = (req: Request, maxAge?: number) =>
    cookieOptions(req, { sameSite: 'lax', path: OIDC_CALLBACK_PATH, ...(maxAge ? { maxAge } : {}) });

  const refuse = (req: Request, res: Response, status: number, message: string) => {
    const csrf = randomToken();
    res.cookie(LOGIN_CSRF_COOKIE, csrf, cookieOptions(req));
    res
      .status(status)
      .type('html')
      .send(renderLogin({ csrf, next: '/', error: message, ssoName: settings.providerName }));
  };

  router.get(OIDC_START_PATH, async (req, res) => {
    const redirectUri = redirectUriOf(settings, req);
    if (!redirectUri) {
      options.logger?.warn({ host: req.get('host') }, 'single sign-on refused: no ATLAS_OIDC_REDIRECT_URL');
      refuse(
        req,
        res,
        400,
        'Single sign-on is not set up for this address: the administrator has to set ATLAS_OIDC_REDIRECT_URL.',
      );
      return;
    }
    let config: client.Configuration;
    try {
      config = await configuration();
    } catch (error) {
      options.logger?.error(
        { issuer: settings.issuer, err: errorMessage(error) },
        'single sign-on discovery failed',
      );
      refuse(
        req,
        res,
        502,
        `${settings.providerName} did not answer; sign in with a token, or try again later.`,
      );
      return;
    }
    const now = clockOf(req)().getTime();
    const flow: Flow = {
      verifier: client.randomPKCECodeVerifier(),
      state: client.randomState(),
      nonce: client.randomNonce(),
      next: safeNext(req.query.next),
      redirectUri,
      expiresAt: now + FLOW_TTL_MS,
    };
    const key = randomBytes(24).toString('base64url');
    flows.add(key, flow, now);
    res.cookie(FLOW_COOKIE, key, flowCookie(req, FLOW_TTL_MS));
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: flow.redirectUri,
      scope: 'openid email profile',
      code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
      code_challenge_method: 'S256',
      state: flow.state,
      nonce: flow.nonce,
    });
    res.redirect(303, url.href);
  });

  router.get(OIDC_CALLBACK_PATH, async (req, res) => {
    const flow = flows.take(readCookie(req.get('cookie'), FLOW_COOKIE), clockOf(req)().getTime());
    res.clearCookie(FLOW_COOKIE, flowCookie(req));
    if (!flow) {
      refuse(req, res, 400, 'That single sign-on took too long or was started elsewhere; start again.');
      return;
    }
    let claims: IdClaims;
    try {
      const current = new URL(flow.redirectUri);
      current.search = new URLSearchParams(
        Object.entries(req.query).filter((e): e is [string, string] => typeof e[1] === 'string'),
      ).toString();
      const tokens = await client.authorizationCodeGrant(await configuration(), current, {
        pkceCodeVerifier: flow.verifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      claims = IdClaimsSchema.parse(tokens.claims());
    } catch (error) {
      options.logger?.warn({ ip: req.ip, err: errorMessage(error) }, 'single sign-on failed');
      await recordRefusedSignIn(options.store, req, `single sign-on failed: ${errorMessage(error)}`);
      refuse(
        req,
        res,
        401,
        `${settings.providerName} did not confirm who you are; try again, or sign in with a token.`,
      );
      return;
    }
    const found = await userOfClaims(options, claims, clockOf(req));
    if ('refusal' in found) {
      await recordRefusedSignIn(options.store, req, found.refusal, {
        provider: settings.providerName,
        email: claims.email ?? null,
        subject: claims.sub,
        ...(found.userId ? { userId: found.userId } : {}),
      });
      refuse(
        req,
        res,
        403,
        `${found.refusal}: ask an admin of Partner Atlas to add you (with this e-mail address) on the Users page.`,
      );
      return;
    }
    await startSession(options, req, res, { user: found.user, via: 'oidc' });
    res.type('html').send(continuePage(flow.next));
  });
  return router;
}
