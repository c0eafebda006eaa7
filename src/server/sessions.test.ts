/** Sessions, constant-time secret comparison, cookie reading and generated admin tokens. */
import { describe, expect, it } from 'vitest';
import { generateAdminToken, readCookie, SessionStore, secretsEqual } from './sessions.js';

describe('secretsEqual', () => {
  it('is true only for the same secret', () => {
    expect(secretsEqual('s3cret-token-value', 's3cret-token-value')).toBe(true);
    expect(secretsEqual('s3cret-token-valuE', 's3cret-token-value')).toBe(false);
    expect(secretsEqual('s3cret', 's3cret-token-value')).toBe(false);
    expect(secretsEqual('', 's3cret-token-value')).toBe(false);
  });
});

describe('SessionStore', () => {
  it('forgets a session once it expires, by the injected clock', () => {
    let now = new Date('2025-06-30T10:00:00Z');
    const sessions = new SessionStore({ ttlMs: 60_000, now: () => now });
    const session = sessions.create();
    expect(session.id).not.toBe(session.csrfToken);
    expect(sessions.get(session.id)).toBe(session);
    now = new Date('2025-06-30T10:01:00Z');
    expect(sessions.get(session.id)).toBeUndefined();
  });

  it('destroys a session on sign-out', () => {
    const sessions = new SessionStore({ ttlMs: 60_000, now: () => new Date() });
    const session = sessions.create();
    sessions.destroy(session.id);
    expect(sessions.get(session.id)).toBeUndefined();
    expect(sessions.get(undefined)).toBeUndefined();
  });
});

describe('readCookie', () => {
  it('reads one cookie of a Cookie header', () => {
    expect(readCookie('a=1; atlas_session=abc%3D; b=2', 'atlas_session')).toBe('abc=');
    expect(readCookie('a=1', 'atlas_session')).toBeUndefined();
    expect(readCookie(undefined, 'atlas_session')).toBeUndefined();
    expect(readCookie('atlas_session=%E0%A4%A', 'atlas_session')).toBeUndefined();
  });
});

describe('generateAdminToken', () => {
  it('makes long, URL-safe, different tokens the server accepts', () => {
    const a = generateAdminToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(generateAdminToken()).not.toBe(a);
  });
});
