/**
 * Who may call the emulator: private app tokens given at start, and OAuth access tokens issued from
 * refresh tokens by `POST /oauth/v1/token` (they expire after `expires_in`, 1800 s by default).
 * https://developers.hubspot.com/docs/api/oauth/tokens
 */
import { createRandom, type Random } from '../kit/index.js';

export type TokenKind = 'private-app' | 'oauth';

/** One known access token. */
export interface AccessToken {
  token: string;
  kind: TokenKind;
  scopes: string[];
  issuedAt: number;
  /** Expiry (ms); private app tokens never expire. */
  expiresAt?: number;
  /** Fault-injector token epoch the token was issued in (OAuth only): older epochs are expired. */
  epoch: number;
  revokedAt?: number;
}

/** Why a bearer token is refused. */
export type TokenCheck =
  | { ok: true; token: AccessToken }
  | { ok: false; reason: 'missing' | 'unknown' }
  | { ok: false; reason: 'expired'; expiredAt: number };

export interface OAuthAppConfig {
  clientId: string;
  clientSecret: string;
  refreshTokens: string[];
  accessTokenTtlSeconds: number;
  scopes: string[];
  appId: number;
  userId: number;
  user: string;
}

/** The portal's tokens. */
export class TokenStore {
  readonly #tokens = new Map<string, AccessToken>();
  readonly #refreshTokens: Set<string>;
  readonly #random: Random;
  readonly #now: () => number;
  readonly #epoch: () => number;
  readonly #epochStartedAt = new Map<number, number>();
  readonly oauth: OAuthAppConfig;
  #issued = 0;

  constructor(options: {
    now: () => number;
    epoch: () => number;
    seed: number | string;
    oauth: OAuthAppConfig;
  }) {
    this.#now = options.now;
    this.#epoch = options.epoch;
    this.oauth = options.oauth;
    this.#refreshTokens = new Set(options.oauth.refreshTokens);
    this.#random = createRandom(`${options.seed}:tokens`);
  }

  /** Adds a private app token (never expires unless revoked). */
  addPrivateAppToken(token: string, scopes: string[]): AccessToken {
    const entry: AccessToken = {
      token,
      kind: 'private-app',
      scopes,
      issuedAt: this.#now(),
      epoch: this.#epoch(),
    };
    this.#tokens.set(token, entry);
    return entry;
  }

  /** Adds a refresh token the OAuth app may exchange. */
  addRefreshToken(token: string): void {
    this.#refreshTokens.add(token);
  }

  hasRefreshToken(token: string): boolean {
    return this.#refreshTokens.has(token);
  }

  /** Issues an OAuth access token living `ttlSeconds` (default from the app config). */
  issueAccessToken(ttlSeconds = this.oauth.accessTokenTtlSeconds): AccessToken {
    this.#issued++;
    const hex = Math.floor(this.#random.next() * 0xffffffff)
      .toString(16)
      .padStart(8, '0');
    const token = `emulator-oauth-${this.#issued}-${hex}`;
    const at = this.#now();
    const entry: AccessToken = {
      token,
      kind: 'oauth',
      scopes: this.oauth.scopes,
      issuedAt: at,
      expiresAt: at + ttlSeconds * 1000,
      epoch: this.#epoch(),
    };
    this.#tokens.set(token, entry);
    return entry;
  }

  /** Records when an epoch began (the fault injector bumps it to expire every OAuth token at once). */
  noteEpochStarted(epoch: number, at: number): void {
    this.#epochStartedAt.set(epoch, at);
  }

  /** Makes one token expire now (a token that dies mid-run). */
  expire(token: string): void {
    const entry = this.#tokens.get(token);
    if (entry) entry.revokedAt = this.#now();
  }

  /** The token entry, for `GET /oauth/v1/access-tokens/:token` and tests. */
  get(token: string): AccessToken | undefined {
    return this.#tokens.get(token);
  }

  /** Checks a token at the current time. */
  check(token: string | undefined): TokenCheck {
    if (token === undefined || token === '') return { ok: false, reason: 'missing' };
    const entry = this.#tokens.get(token);
    if (!entry) return { ok: false, reason: 'unknown' };
    const now = this.#now();
    if (entry.revokedAt !== undefined) return { ok: false, reason: 'expired', expiredAt: entry.revokedAt };
    if (entry.expiresAt !== undefined && now >= entry.expiresAt) {
      return { ok: false, reason: 'expired', expiredAt: entry.expiresAt };
    }
    if (entry.kind === 'oauth' && entry.epoch < this.#epoch()) {
      return { ok: false, reason: 'expired', expiredAt: this.#epochStartedAt.get(entry.epoch + 1) ?? now };
    }
    return { ok: true, token: entry };
  }
}
