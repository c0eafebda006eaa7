/** Admin sessions kept in memory: a random id in an HttpOnly cookie, with its CSRF token (synchronizer pattern). */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'atlas_session';
/** Double-submit cookie that protects the sign-in form itself (there is no session yet to hold a token). */
export const LOGIN_CSRF_COOKIE = 'atlas_login_csrf';
export const CSRF_HEADER = 'x-csrf-token';
export const DEFAULT_SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export interface Session {
  id: string;
  csrfToken: string;
  expiresAt: number;
}

/** 32 random bytes, URL-safe: unguessable session ids and CSRF tokens. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A fresh admin token (ATLAS_ADMIN_TOKEN) for the demo or a first start: 32 URL-safe characters, 192 bits. */
export function generateAdminToken(): string {
  return randomBytes(24).toString('base64url');
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

export class SessionStore {
  readonly #sessions = new Map<string, Session>();
  readonly #ttlMs: number;
  readonly #now: () => Date;

  constructor(options: { ttlMs: number; now: () => Date }) {
    this.#ttlMs = options.ttlMs;
    this.#now = options.now;
  }

  create(): Session {
    this.#sweep();
    const session = {
      id: randomToken(),
      csrfToken: randomToken(),
      expiresAt: this.#now().getTime() + this.#ttlMs,
    };
    this.#sessions.set(session.id, session);
    return session;
  }

  /** The live session with this id, or undefined (unknown or expired). */
  get(id: string | undefined): Session | undefined {
    if (id === undefined) return undefined;
    const session = this.#sessions.get(id);
    if (!session) return undefined;
    if (session.expiresAt <= this.#now().getTime()) {
      this.#sessions.delete(id);
      return undefined;
    }
    return session;
  }

  destroy(id: string): void {
    this.#sessions.delete(id);
  }

  #sweep(): void {
    const now = this.#now().getTime();
    for (const [id, s] of this.#sessions) if (s.expiresAt <= now) this.#sessions.delete(id);
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
