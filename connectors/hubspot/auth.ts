/**
 * Access tokens: a private app token as is, or OAuth access tokens from the refresh token, refreshed ahead
 * of their 30-minute expiry and once more when HubSpot answers 401. Tokens never leave this module except
 * in the Authorization header.
 * https://developers.hubspot.com/docs/api/oauth/tokens
 */
import type { Client } from '@hubspot/api-client';
import { z } from 'zod';
import { CrmApiError, errorMessage } from '../../src/errors.js';
import { noAnswerOf, noAnswerText, unreachableHostText } from '../kit/failure.js';
import { CONNECTOR_ERRORS } from '../types.js';
import type { ResolvedHubSpotOptions } from './options.js';

/** The token answer as @hubspot/api-client deserialises it (TokenResponseIF, camelCase). */
const TokenResponseSchema = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().optional(),
  expiresIn: z.number().int().positive(),
});

/** The slice of @hubspot/api-client the token source calls. */
export interface HubSpotOAuthApi {
  oauth: {
    tokensApi: {
      create(
        grantType?: string,
        code?: string,
        redirectUri?: string,
        clientId?: string,
        clientSecret?: string,
        refreshToken?: string,
      ): Promise<unknown>;
    };
  };
}

export class TokenSource {
  readonly kind: 'private-app' | 'oauth';
  readonly #auth: ResolvedHubSpotOptions['auth'];
  readonly #client: HubSpotOAuthApi;
  readonly #now: () => number;
  #token: string | null = null;
  #expiresAt = 0;
  #refreshing: Promise<string> | null = null;
  /** Token refreshes made (for usage figures). */
  refreshes = 0;

  readonly #onCall: (operation: string) => void;
  /** The time limit of the token request, for the error that names it. */
  readonly #timeoutMs: number;
  /** Where the token endpoint lives (HUBSPOT_BASE_URL), for the error of a host that cannot be reached. */
  readonly #baseUrl: string;

  constructor(
    auth: ResolvedHubSpotOptions['auth'],
    client: HubSpotOAuthApi | Client,
    now: () => number,
    onCall: (operation: string) => void = () => {},
    timeoutMs: number,
    baseUrl: string,
  ) {
    this.#timeoutMs = timeoutMs;
    this.#baseUrl = baseUrl;
    this.#onCall = onCall;
    this.kind = auth.kind;
    this.#auth = auth;
    this.#client = client as HubSpotOAuthApi;
    this.#now = now;
    if (auth.kind === 'private-app') this.#token = auth.accessToken;
  }

  /** A token valid for a while yet (OAuth: refreshed when within `refreshAheadMs` of expiry). */
  async token(): Promise<string> {
    if (this.#auth.kind === 'private-app') return this.#auth.accessToken;
    if (this.#token !== null && this.#now() < this.#expiresAt - this.#auth.refreshAheadMs) return this.#token;
    return this.#refresh();
  }

  /**
   * After a 401: a fresh OAuth token unless another call refreshed already; null for a private app, whose
   * token cannot be renewed (the caller fails with AUTH_FAILED instead of retrying blindly).
   */
  async renewAfter401(rejected: string): Promise<string | null> {
    if (this.#auth.kind === 'private-app') return null;
    if (this.#token !== null && this.#token !== rejected) return this.#token;
    return this.#refresh();
  }

  /** The token in use now (null before the first OAuth refresh). */
  get current(): string | null {
    return this.#token;
  }

  /** One refresh at a time: concurrent callers share it. */
  #refresh(): Promise<string> {
    if (this.#refreshing) return this.#refreshing;
    const auth = this.#auth;
    if (auth.kind !== 'oauth') return Promise.resolve(auth.accessToken);
    this.#refreshing = (async () => {
      try {
        // POST /oauth/v1/token (grant_type=refresh_token): https://developers.hubspot.com/docs/api/oauth/tokens
        const raw = await this.#client.oauth.tokensApi.create(
          'refresh_token',
          undefined,
          undefined,
          auth.clientId,
          auth.clientSecret,
          auth.refreshToken,
        );
        this.#onCall('oauth/token');
        const answer = TokenResponseSchema.parse(raw);
        this.refreshes++;
        this.#token = answer.accessToken;
        this.#expiresAt = this.#now() + answer.expiresIn * 1000;
        return answer.accessToken;
      } catch (error) {
        const noAnswer = noAnswerOf(error);
        if (noAnswer) {
          const unreachable = unreachableHostText(noAnswer, 'HubSpot', this.#baseUrl, 'HUBSPOT_BASE_URL');
          throw new CrmApiError(
            unreachable ??
              `HubSpot OAuth token refresh (POST /oauth/v1/token) failed: ${noAnswerText(noAnswer, this.#timeoutMs)}.`,
            {
              system: 'hubspot',
              operation: 'oauth/token',
              method: 'POST',
              path: '/oauth/v1/token',
              vendorCode: unreachable ? 'CRM_UNREACHABLE' : 'NO_ANSWER',
              retryable: true,
            },
            { cause: error },
          );
        }
        const status =
          typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
        throw new CrmApiError(
          `HubSpot refused to refresh the OAuth token (${typeof status === 'number' ? status : 'no answer'}): check HUBSPOT_CLIENT_ID, HUBSPOT_CLIENT_SECRET and HUBSPOT_REFRESH_TOKEN (${safeReason(error)}).`,
          {
            system: 'hubspot',
            operation: 'oauth/token',
            method: 'POST',
            path: '/oauth/v1/token',
            ...(typeof status === 'number' ? { status } : {}),
            vendorCode: CONNECTOR_ERRORS.auth,
            retryable: false,
          },
        );
      } finally {
        this.#refreshing = null;
      }
    })();
    return this.#refreshing;
  }
}

/** The vendor's error status (e.g. BAD_REFRESH_TOKEN) without anything that could carry a secret. */
function safeReason(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'body' in error) {
    const body = (error as { body: unknown }).body;
    const parsed = z.object({ status: z.string().optional() }).safeParse(body);
    if (parsed.success && parsed.data.status) return parsed.data.status;
  }
  return errorMessage(error).split('\n')[0]?.slice(0, 120) ?? 'unknown error';
}
