/** OAuth 2.0 token endpoint (password, client_credentials, refresh_token, JWT bearer), revoke, userinfo, identity. */
import { createHmac } from 'node:crypto';
import express, { type Request, type Response, Router } from 'express';
import { decodeJwt, decodeProtectedHeader, importSPKI, importX509, jwtVerify } from 'jose';
import { z } from 'zod';
import { invalidSession } from './api-error.js';
import { baseUrlOf, type EmulatorContext, identityUrl } from './context.js';

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

const TokenRequestSchema = z.object({
  grant_type: z.string().optional(),
  client_id: z.string().optional(),
  client_secret: z.string().optional(),
  username: z.string().optional(),
  password: z.string().optional(),
  refresh_token: z.string().optional(),
  assertion: z.string().optional(),
});

class OAuthError extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
    readonly status = 400,
  ) {
    super(description);
  }
}

/** Reads `Authorization: Bearer <token>` (or `OAuth <token>`). */
export function bearerToken(req: Request): string | undefined {
  const header = req.get('authorization') ?? '';
  const m = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(header);
  return m?.[1]?.trim();
}

/** Rejects the request with 401 INVALID_SESSION_ID unless its token is valid. */
export function requireSession(ctx: EmulatorContext) {
  return (req: Request, _res: Response, next: (err?: unknown) => void) => {
    const queryToken = typeof req.query.oauth_token === 'string' ? req.query.oauth_token : undefined;
    next(ctx.tokens.isValid(bearerToken(req) ?? queryToken) ? undefined : invalidSession());
  };
}

function basicClient(req: Request): { id?: string; secret?: string } {
  const m = /^Basic\s+(.+)$/i.exec(req.get('authorization') ?? '');
  if (!m?.[1]) return {};
  const [id, secret] = Buffer.from(m[1], 'base64').toString('utf8').split(':');
  return { id, secret };
}

/**
 * Token response as documented for each flow
 * (https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_username_password_flow.htm):
 * `signature` is base64 HMAC-SHA256 of `id + issued_at` keyed by the client secret.
 */
function tokenResponse(req: Request, ctx: EmulatorContext, grant: string): Record<string, string> {
  const { token, issuedAt } = ctx.tokens.issueAccessToken();
  const id = identityUrl(req, ctx);
  const issued = String(issuedAt);
  const signature = createHmac('sha256', ctx.credentials.clientSecret)
    .update(id + issued)
    .digest('base64');
  const common = { access_token: token, instance_url: baseUrlOf(req), id, token_type: 'Bearer' };
  if (grant === JWT_BEARER) return { ...common, scope: 'api' };
  if (grant === 'password') return { ...common, issued_at: issued, signature };
  return { ...common, issued_at: issued, signature, scope: 'api' };
}

async function verifyAssertion(ctx: EmulatorContext, req: Request, assertion: string): Promise<void> {
  const { clientId, username, jwtPublicKey } = ctx.credentials;
  let claims: Record<string, unknown>;
  try {
    if (decodeProtectedHeader(assertion).alg !== 'RS256')
      throw new OAuthError('invalid_grant', 'invalid assertion');
    if (jwtPublicKey) {
      const key = jwtPublicKey.includes('CERTIFICATE')
        ? await importX509(jwtPublicKey, 'RS256')
        : await importSPKI(jwtPublicKey, 'RS256');
      // Expiry is checked below against the emulator clock, not the wall clock.
      claims = (
        await jwtVerify(assertion, key, {
          algorithms: ['RS256'],
          currentDate: new Date(ctx.state.clock.now()),
        })
      ).payload;
    } else {
      claims = decodeJwt(assertion);
    }
  } catch (error) {
    if (error instanceof OAuthError) throw error;
    const expired = error instanceof Error && 'code' in error && error.code === 'ERR_JWT_EXPIRED';
    throw new OAuthError('invalid_grant', expired ? 'expired authorization code' : 'invalid assertion');
  }
  const audiences = [baseUrlOf(req), 'https://login.salesforce.com', 'https://test.salesforce.com'];
  const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (claims.iss !== clientId) throw new OAuthError('invalid_client_id', 'client identifier invalid');
  if (claims.sub !== username) throw new OAuthError('invalid_grant', "user hasn't approved this consumer");
  if (!aud.some((a) => typeof a === 'string' && audiences.includes(a.replace(/\/$/, '')))) {
    throw new OAuthError('invalid_grant', 'audience is invalid');
  }
  if (typeof claims.exp !== 'number' || claims.exp * 1000 <= ctx.state.clock.now()) {
    throw new OAuthError('invalid_grant', 'expired authorization code');
  }
}

async function grant(req: Request, ctx: EmulatorContext): Promise<Record<string, string>> {
  const body = TokenRequestSchema.parse(req.body ?? {});
  const basic = basicClient(req);
  const clientId = body.client_id ?? basic.id;
  const clientSecret = body.client_secret ?? basic.secret;
  const creds = ctx.credentials;
  const grantType = body.grant_type ?? '';
  const checkClient = (secretRequired: boolean) => {
    if (clientId !== creds.clientId) throw new OAuthError('invalid_client_id', 'client identifier invalid');
    if ((secretRequired || clientSecret !== undefined) && clientSecret !== creds.clientSecret) {
      throw new OAuthError('invalid_client', 'invalid client credentials');
    }
  };
  switch (grantType) {
    case 'password':
      checkClient(true);
      if (body.username !== creds.username || body.password !== creds.password) {
        throw new OAuthError('invalid_grant', 'authentication failure');
      }
      return tokenResponse(req, ctx, grantType);
    case 'client_credentials':
      checkClient(true);
      return tokenResponse(req, ctx, grantType);
    case 'refresh_token':
      checkClient(false);
      if (!ctx.tokens.isRefreshToken(body.refresh_token))
        throw new OAuthError('invalid_grant', 'expired access/refresh token');
      return tokenResponse(req, ctx, grantType);
    case JWT_BEARER:
      await verifyAssertion(ctx, req, body.assertion ?? '');
      return tokenResponse(req, ctx, grantType);
    default:
      throw new OAuthError('unsupported_grant_type', 'grant type not supported');
  }
}

/** Routes under /services/oauth2 and the identity URL. */
export function createOAuthRouter(ctx: EmulatorContext): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false });

  router.post('/services/oauth2/token', form, async (req, res) => {
    try {
      res.json(await grant(req, ctx));
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      res.status(error.status).json({ error: error.error, error_description: error.description });
    }
  });

  router.post('/services/oauth2/revoke', form, (req, res) => {
    const token = typeof req.body?.token === 'string' ? req.body.token : String(req.query.token ?? '');
    ctx.tokens.revoke(token);
    res.status(200).end();
  });

  router.get('/services/oauth2/userinfo', requireSession(ctx), (req, res) => {
    const { state } = ctx;
    res.json({
      sub: identityUrl(req, ctx),
      user_id: state.userId,
      organization_id: state.orgId,
      preferred_username: state.username,
      nickname: 'atlas',
      name: 'Atlas Integration',
      email: state.username,
      email_verified: true,
      given_name: 'Atlas',
      family_name: 'Integration',
      zoneinfo: 'GMT',
      active: true,
      user_type: 'STANDARD',
      language: 'en_US',
      locale: 'en_US',
      utcOffset: 0,
      urls: identityUrls(req, ctx),
    });
  });

  router.get('/id/:orgId/:userId', requireSession(ctx), (req, res) => {
    const { state } = ctx;
    if (req.params.orgId !== state.orgId || req.params.userId !== state.userId) {
      res.status(403).json({ error: 'Bad_Id', error_description: 'Bad ID' });
      return;
    }
    res.json({
      id: identityUrl(req, ctx),
      asserted_user: true,
      user_id: state.userId,
      organization_id: state.orgId,
      username: state.username,
      nick_name: 'atlas',
      display_name: 'Atlas Integration',
      email: state.username,
      email_verified: true,
      first_name: 'Atlas',
      last_name: 'Integration',
      timezone: 'GMT',
      active: true,
      user_type: 'STANDARD',
      language: 'en_US',
      locale: 'en_US',
      utcOffset: 0,
      last_modified_date: '2024-01-01T00:00:00.000+0000',
      urls: identityUrls(req, ctx),
    });
  });
  return router;
}

function identityUrls(req: Request, ctx: EmulatorContext): Record<string, string> {
  const base = `${baseUrlOf(req)}/services`;
  return {
    enterprise: `${base}/Soap/c/{version}/${ctx.state.orgId}`,
    metadata: `${base}/Soap/m/{version}/${ctx.state.orgId}`,
    partner: `${base}/Soap/u/{version}/${ctx.state.orgId}`,
    rest: `${base}/data/v{version}/`,
    sobjects: `${base}/data/v{version}/sobjects/`,
    query: `${base}/data/v{version}/query/`,
    profile: `${baseUrlOf(req)}/${ctx.state.userId}`,
  };
}
