/**
 * OAuth token endpoints and account information:
 * `POST /oauth/v1/token` (https://developers.hubspot.com/docs/api/oauth/tokens),
 * `GET /oauth/v1/access-tokens/{token}`, `GET /account-info/v3/details` and
 * `GET /account-info/v3/api-usage/daily/private-apps`
 * (https://developers.hubspot.com/docs/api-reference/legacy/account/account-information/guide).
 */
import { Router } from 'express';
import { z } from 'zod';
import { HubSpotHttpError, notFound } from './errors.js';
import { param, parseBody } from './http-helpers.js';
import type { HubSpotState } from './state.js';

const TokenRequestSchema = z.object({
  grant_type: z.string().optional(),
  client_id: z.string().optional(),
  client_secret: z.string().optional(),
  refresh_token: z.string().optional(),
  redirect_uri: z.string().optional(),
  code: z.string().optional(),
});

/** OAuth errors use their own body: `{ status: "BAD_REFRESH_TOKEN", message, correlationId }`. */
function oauthError(status: string, message: string): HubSpotHttpError {
  return new HubSpotHttpError(400, { status, message });
}

/** Routes of the OAuth and account-information APIs. */
export function authRoutes(state: HubSpotState): Router {
  const router = Router();

  router.post('/oauth/v1/token', (req, res) => {
    const body = parseBody(TokenRequestSchema, req.body ?? {});
    const app = state.tokens.oauth;
    if (body.client_id !== app.clientId) throw oauthError('BAD_CLIENT_ID', 'missing or invalid client_id');
    if (body.client_secret !== app.clientSecret)
      throw oauthError('BAD_CLIENT_SECRET', 'missing or invalid client_secret');
    if (body.grant_type !== 'refresh_token') {
      throw oauthError(
        'BAD_GRANT_TYPE',
        `unsupported grant_type ${body.grant_type ?? '(missing)'}; the emulator issues tokens from refresh tokens`,
      );
    }
    if (!body.refresh_token || !state.tokens.hasRefreshToken(body.refresh_token)) {
      throw oauthError('BAD_REFRESH_TOKEN', 'missing or unknown refresh token');
    }
    const issued = state.tokens.issueAccessToken();
    // hub_id and scopes joined the answer in August 2025 (developer changelog).
    res.json({
      token_type: 'bearer',
      refresh_token: body.refresh_token,
      hub_id: state.portalId,
      scopes: issued.scopes,
      access_token: issued.token,
      expires_in: Math.round(((issued.expiresAt ?? issued.issuedAt) - issued.issuedAt) / 1000),
    });
  });

  router.get('/oauth/v1/access-tokens/:token', (req, res) => {
    const entry = state.tokens.get(param(req, 'token'));
    if (!entry) throw notFound('Token not found');
    const app = state.tokens.oauth;
    const expiresIn =
      entry.expiresAt === undefined
        ? 0
        : Math.max(0, Math.round((entry.expiresAt - state.clock.now()) / 1000));
    res.json({
      token: entry.token,
      user: app.user,
      hub_domain: `emulator-${state.portalId}.hubspot.com`,
      scopes: entry.scopes,
      hub_id: state.portalId,
      app_id: app.appId,
      expires_in: expiresIn,
      user_id: app.userId,
      token_type: 'access',
    });
  });

  router.get('/account-info/v3/details', (_req, res) => {
    const offset = state.utcOffsetMilliseconds;
    const sign = offset < 0 ? '-' : '+';
    const abs = Math.abs(offset);
    const hh = String(Math.floor(abs / 3_600_000)).padStart(2, '0');
    const mm = String(Math.floor((abs % 3_600_000) / 60_000)).padStart(2, '0');
    res.json({
      portalId: state.portalId,
      accountType: 'STANDARD',
      timeZone: state.timeZone,
      companyCurrency: 'USD',
      additionalCurrencies: ['EUR', 'GBP'],
      utcOffset: `${sign}${hh}:${mm}`,
      utcOffsetMilliseconds: offset,
      uiDomain: 'app.hubspot.com',
      dataHostingLocation: 'na1',
    });
  });

  router.get('/account-info/v3/api-usage/daily/private-apps', (_req, res) => {
    const limiter = state.rateLimiter;
    res.json({
      results: [
        {
          name: 'private-apps-api-calls-daily',
          usageLimit: limiter.config.daily,
          currentUsage: limiter.dailyUsed,
          collectedAt: new Date(state.clock.now()).toISOString(),
          fetchStatus: 'SUCCESS',
          resetsAt: new Date(limiter.resetsAt()).toISOString(),
        },
      ],
    });
  });

  return router;
}
