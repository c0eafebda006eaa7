/**
 * HubSpot requests over Node's fetch, each bounded by `AbortSignal.timeout`: @hubspot/api-client's
 * `apiRequest` and token API take no signal, so a portal that accepts and never answers would hold the
 * call for ever. The abort closes the socket, and it also bounds reading the body.
 */
import { z } from 'zod';
import type { HubSpotOAuthApi } from './auth.js';
import type { HubSpotHttp } from './client.js';

/** The token answer on the wire. https://developers.hubspot.com/docs/api/oauth/tokens */
const WireTokenSchema = z.object({
  access_token: z.string(),
  refresh_token: z.string().optional(),
  expires_in: z.number(),
});

/** A failed token request as the client's ApiException has it: `code` the status, `body` the answer. */
class TokenRequestError extends Error {
  readonly code: number;
  readonly body: unknown;

  constructor(code: number, body: unknown) {
    super(`HTTP ${code}`);
    this.code = code;
    this.body = body;
  }
}

/** An `apiRequest` like the client's (JSON body, query string under `basePath`), and its token API, with a time limit. */
export function boundedHttp(basePath: string, timeoutMs: number): HubSpotHttp & HubSpotOAuthApi {
  return {
    oauth: {
      tokensApi: {
        create: async (grantType, _code, _redirectUri, clientId, clientSecret, refreshToken) => {
          const form = new URLSearchParams({
            grant_type: grantType ?? 'refresh_token',
            client_id: clientId ?? '',
            client_secret: clientSecret ?? '',
            refresh_token: refreshToken ?? '',
          });
          const res = await fetch(`${basePath}/oauth/v1/token`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            body: form,
            signal: AbortSignal.timeout(timeoutMs),
          });
          const body: unknown = await res.json().catch(() => undefined);
          if (!res.ok) throw new TokenRequestError(res.status, body);
          const token = WireTokenSchema.parse(body);
          return {
            accessToken: token.access_token,
            refreshToken: token.refresh_token,
            expiresIn: token.expires_in,
          };
        },
      },
    },
    apiRequest: async (opts) => {
      const url = new URL(`${basePath}${opts.path ?? ''}`);
      for (const [name, value] of Object.entries(opts.qs ?? {})) url.searchParams.set(name, value);
      const signal = AbortSignal.timeout(timeoutMs);
      const res = await fetch(url, {
        method: opts.method ?? 'GET',
        headers: {
          Accept: 'application/json, */*;q=0.8',
          ...(opts.body === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...opts.headers,
        },
        ...(opts.body === undefined ? {} : { body: JSON.stringify(opts.body) }),
        signal,
      });
      return res;
    },
  };
}
