/** Stored sessions, constant-time secret comparison, cookie reading and generated admin tokens. */
import { describe, expect, it } from 'vitest';
import type { StoredSession } from '../model/index.js';
import {
  generateAdminToken,
  readCookie,
  SessionStore,
  type SessionTable,
  secretsEqual,
  sha256Hex,
} from './sessions.js';

describe('secretsEqual', () => {
  it('is true only for the same secret', () => {
    expect(secretsEqual('s3cret-token-value', 's3cret-token-value')).toBe(true);
    expect(secretsEqual('s3cret-token-valuE', 's3cret-token-value')).toBe(false);
    expect(secretsEqual('s3cret', 's3cret-token-value')).toBe(false);
    expect(secretsEqual('', 's3cret-token-value')).toBe(false);
  });
});

/** The store's session table in memory, with the store's contract: only live sessions are found. */
function memorySessions(): SessionTable & { rows: Map<string, StoredSession> } {
  const rows = new Map<string, StoredSession>();
  return {
    rows,
    saveSession: async (s) => {
      rows.set(s.idHash, s);
    },
    getSession: async (idHash, now) => {
      const s = rows.get(idHash);
      return s && s.expiresAt > now ? s : undefined;
    },
    deleteSession: async (idHash) => {
      rows.delete(idHash);
    },
    deleteSessionsOf: async (userId) => {
      const mine = [...rows.values()].filter((s) => s.userId === userId);
      for (const s of mine) rows.delete(s.idHash);
      return mine.length;
    },
    deleteExpiredSessions: async (now) => {
      const old = [...rows.values()].filter((s) => s.expiresAt <= now);
      for (const s of old) rows.delete(s.idHash);
      return old.length;
    },
  };
}

describe('SessionStore', () => {
  it('stores only the hash of the session id, and forgets the session once it expires', async () => {
    let now = new Date('2025-06-30T10:00:00Z');
    const table = memorySessions();
    const sessions = new SessionStore({ store: table, ttlMs: 60_000, now: () => now });
    const session = await sessions.create('user-1', 'token');
    expect(session.id).not.toBe(session.csrfToken);
    expect([...table.rows.keys()]).toEqual([sha256Hex(session.id)]);
    expect(JSON.stringify([...table.rows.values()])).not.toContain(session.id);
    expect(await sessions.get(session.id)).toEqual(session);
    now = new Date('2025-06-30T10:01:00Z');
    expect(await sessions.get(session.id)).toBeUndefined();
  });

  it('finds a session again through a new SessionStore over the same table (a restart)', async () => {
    const table = memorySessions();
    const now = () => new Date('2025-06-30T10:00:00Z');
    const session = await new SessionStore({ store: table, ttlMs: 60_000, now }).create(null, 'token');
    const restarted = new SessionStore({ store: table, ttlMs: 60_000, now });
    expect(await restarted.get(session.id)).toMatchObject({ userId: null, csrfToken: session.csrfToken });
  });

  it('sweeps expired sessions when the next one opens', async () => {
    let now = new Date('2025-06-30T10:00:00Z');
    const table = memorySessions();
    const sessions = new SessionStore({ store: table, ttlMs: 60_000, now: () => now });
    await sessions.create('user-1', 'token');
    now = new Date('2025-06-30T11:00:00Z');
    const fresh = await sessions.create('user-2', 'oidc');
    expect([...table.rows.keys()]).toEqual([sha256Hex(fresh.id)]);
  });

  it('destroys a session on sign-out, and all of a user’s sessions when their role changes', async () => {
    const table = memorySessions();
    const sessions = new SessionStore({ store: table, ttlMs: 60_000, now: () => new Date() });
    const session = await sessions.create('user-1', 'token');
    await sessions.destroy(session.id);
    expect(await sessions.get(session.id)).toBeUndefined();
    expect(await sessions.get(undefined)).toBeUndefined();
    await sessions.create('user-1', 'token');
    await sessions.create('user-1', 'oidc');
    const other = await sessions.create('user-2', 'token');
    expect(await sessions.endSessionsOf('user-1')).toBe(2);
    expect(await sessions.get(other.id)).toBeDefined();
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
