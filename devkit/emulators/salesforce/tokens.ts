/** Access and refresh tokens of the emulator: issued per grant, expiring on the injected clock and on fault epochs. */
import type { EmulatorClock, FaultInjector, Random } from '../kit/index.js';

const TOKEN_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

interface IssuedToken {
  issuedAt: number;
  expiresAt: number;
  epoch: number;
}

/**
 * Token store. Access tokens look like Salesforce session ids (`00D...!AQ...`), never like JWTs, because
 * jsforce refuses SOAP calls with JWT-shaped tokens.
 */
export class TokenStore {
  readonly #clock: EmulatorClock;
  readonly #random: Random;
  readonly #faults: FaultInjector;
  readonly #orgId: string;
  readonly #access = new Map<string, IssuedToken>();
  readonly #refresh = new Set<string>();
  /** Lifetime of an access token (ms). */
  ttlMs: number;

  constructor(options: {
    clock: EmulatorClock;
    random: Random;
    faults: FaultInjector;
    orgId: string;
    ttlMs: number;
  }) {
    this.#clock = options.clock;
    this.#random = options.random;
    this.#faults = options.faults;
    this.#orgId = options.orgId;
    this.ttlMs = options.ttlMs;
  }

  #randomText(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += TOKEN_CHARS[this.#random.int(TOKEN_CHARS.length)];
    return out;
  }

  /** Issues an access token valid for `ttlMs` from now. */
  issueAccessToken(): { token: string; issuedAt: number } {
    const issuedAt = this.#clock.now();
    const token = `${this.#orgId.slice(0, 15)}!AQ${this.#randomText(96)}`;
    this.#access.set(token, { issuedAt, expiresAt: issuedAt + this.ttlMs, epoch: this.#faults.tokenEpoch });
    return { token, issuedAt };
  }

  /** Issues a refresh token (as the web-server flow would), usable with grant_type=refresh_token. */
  issueRefreshToken(): string {
    const token = `5Aep861${this.#randomText(80)}`;
    this.#refresh.add(token);
    return token;
  }

  /** True when the access token exists, has not expired and predates no forced expiry. */
  isValid(token: string | undefined): boolean {
    if (!token) return false;
    const t = this.#access.get(token);
    if (!t) return false;
    return this.#clock.now() < t.expiresAt && t.epoch >= this.#faults.tokenEpoch;
  }

  isRefreshToken(token: string | undefined): boolean {
    return token !== undefined && this.#refresh.has(token);
  }

  /** Revokes an access or refresh token (POST /services/oauth2/revoke, SOAP logout). */
  revoke(token: string): void {
    this.#access.delete(token);
    this.#refresh.delete(token);
  }
}
