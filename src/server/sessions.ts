/**
 * Sign-in sessions kept in the store, so they survive a restart: a random id in an HttpOnly cookie (the store
 * holds only a hash of it), with its CSRF token (synchronizer pattern). Expired sessions are swept now and then.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { StoredSession } from '../model/index.js';
import type { Store } from '../store/index.js';

export const SESSION_COOKIE = 'atlas_session';
/** Double-submit cookie that protects the sign-in form itself (there is no session yet to hold a token). */
export const LOGIN_CSRF_COOKIE = 'atlas_login_csrf';
export const CSRF_HEADER = 'x-csrf-token';
export const DEFAULT_SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** Expired sessions are deleted at most this often (on a sign-in), so the table does not grow without end. */
const SWEEP_EVERY_MS = 10 * 60 * 1000;

/** A live session as the server uses it: the cookie's id in clear, the rest as stored. */
export interface Session {
  id: string;
  /** null for the bootstrap admin (ATLAS_ADMIN_TOKEN). */
  userId: string | null;
  csrfToken: string;
  expiresAt: string;
  via: StoredSession['via'];
}

/** 32 random bytes, URL-safe: unguessable session ids and CSRF tokens. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A fresh admin token (ATLAS_ADMIN_TOKEN) for the demo or a first start: 32 URL-safe characters, 192 bits. */
export function generateAdminToken(): string {
  return randomBytes(24).toString('base64url');
}

/** SHA-256 in hex: how session ids and user tokens are kept in the store, never in clear. */
export function sha256Hex(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/**
 * Compares two secrets in constant time. Both sides are hashed first so that neither the length of the
 * secret nor the position of the first differing byte shows in the timing.
 */
export function secretsEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b) && given.length === expected.length;
}

/** The slice of the store sessions use. */
export type SessionTable = Pick<
  Store,
  'saveSession' | 'getSession' | 'deleteSession' | 'deleteExpiredSessions'
>;

/**
 * Sessions by hash of their id. A user's session is kept under SHA-256(id); a session opened with the admin
 * token under HMAC-SHA256(admin token, id), so it is found only while the server runs with that same token:
 * rotating ATLAS_ADMIN_TOKEN signs out everyone who signed in with the old one, and a restart with the same
 * token keeps them signed in. A user's session ends through the user (role change, disabled), not the token.
 */
export class SessionStore {
  readonly #store: SessionTable;
  readonly #ttlMs: number;
  readonly #now: () => Date;
  readonly #adminToken: string;
  #nextSweepAt = 0;

  constructor(options: { store: SessionTable; ttlMs: number; now: () => Date; adminToken: string }) {
    this.#store = options.store;
    this.#ttlMs = options.ttlMs;
    this.#now = options.now;
    this.#adminToken = options.adminToken;
  }

  #adminHash(id: string): string {
    return createHmac('sha256', this.#adminToken).update(id).digest('hex');
  }

  #hashOf(id: string, userId: string | null): string {
    return userId === null ? this.#adminHash(id) : sha256Hex(id);
  }

  /** Opens a session for a user (null: the bootstrap admin) and stores it by the hash of its id. */
  async create(userId: string | null, via: StoredSession['via']): Promise<Session> {
    await this.#sweep();
    const now = this.#now();
    const session: Session = {
      id: randomToken(),
      userId,
      csrfToken: randomToken(),
      expiresAt: new Date(now.getTime() + this.#ttlMs).toISOString(),
      via,
    };
    await this.#store.saveSession({
      idHash: this.#hashOf(session.id, userId),
      userId,
      csrfToken: session.csrfToken,
      createdAt: now.toISOString(),
      expiresAt: session.expiresAt,
      via,
    });
    return session;
  }

  /**
   * The live session with this id, or undefined (unknown, expired, or opened with another admin token).
   * An admin-token session found under the plain SHA-256 (stored before sessions were keyed by the token) is
   * refused: nothing ties it to the current token.
   */
  async get(id: string | undefined): Promise<Session | undefined> {
    if (id === undefined || id === '') return undefined;
    const now = this.#now().toISOString();
    const ofUser = await this.#store.getSession(sha256Hex(id), now);
    const stored = ofUser
      ? ofUser.userId === null
        ? undefined
        : ofUser
      : await this.#store.getSession(this.#adminHash(id), now);
    if (!stored) return undefined;
    return {
      id,
      userId: stored.userId,
      csrfToken: stored.csrfToken,
      expiresAt: stored.expiresAt,
      via: stored.via,
    };
  }

  /** Ends a session (sign-out). */
  async destroy(session: Session): Promise<void> {
    await this.#store.deleteSession(this.#hashOf(session.id, session.userId));
  }

  async #sweep(): Promise<void> {
    const now = this.#now();
    if (now.getTime() < this.#nextSweepAt) return;
    this.#nextSweepAt = now.getTime() + SWEEP_EVERY_MS;
    await this.#store.deleteExpiredSessions(now.toISOString());
  }
}

/** Reads one cookie from a `Cookie` header (RFC 6265 `name=value; name2=value2`). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(value);
    } catch {
      return undefined;
    }
  }
  return undefined;
}
