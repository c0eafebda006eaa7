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

const ADMIN_TOKEN = 'admin-token-for-session-tests';

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
    const sessions = new SessionStore({
      store: table,
      ttlMs: 60_000,
      now: () => now,
      adminToken: ADMIN_TOKEN,
    });
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
    const session = await new SessionStore({
      store: table,
      ttlMs: 60_000,
      now,
      adminToken: ADMIN_TOKEN,
    }).create(null, 'token');
    const restarted = new SessionStore({ store: table, ttlMs: 60_000, now, adminToken: ADMIN_TOKEN });
    expect(await restarted.get(session.id)).toMatchObject({ userId: null, csrfToken: session.csrfToken });
  });

  it('sweeps expired sessions when the next one opens', async () => {
    let now = new Date('2025-06-30T10:00:00Z');
    const table = memorySessions();
    const sessions = new SessionStore({
      store: table,
      ttlMs: 60_000,
      now: () => now,
      adminToken: ADMIN_TOKEN,
    });
    await sessions.create('user-1', 'token');
    now = new Date('2025-06-30T11:00:00Z');
    const fresh = await sessions.create('user-2', 'oidc');
    expect([...table.rows.keys()]).toEqual([sha256Hex(fresh.id)]);
  });

  it('destroys a session on sign-out, a user’s and an admin token’s alike', async () => {
    const table = memorySessions();
    const sessions = new SessionStore({
      store: table,
      ttlMs: 60_000,
      now: () => new Date(),
      adminToken: ADMIN_TOKEN,
    });
    const session = await sessions.create('user-1', 'token');
    const admin = await sessions.create(null, 'token');
    await sessions.destroy(session);
    await sessions.destroy(admin);
    expect(await sessions.get(session.id)).toBeUndefined();
    expect(await sessions.get(admin.id)).toBeUndefined();
    expect(table.rows.size).toBe(0);
    expect(await sessions.get(undefined)).toBeUndefined();
  });

  it('knows an admin token’s session only while the server runs with that same admin token', async () => {
    const table = memorySessions();
    const now = () => new Date('2025-06-30T10:00:00Z');
    const admin = await new SessionStore({
      store: table,
      ttlMs: 60_000,
      now,
      adminToken: ADMIN_TOKEN,
    }).create(null, 'token');
    const user = await new SessionStore({ store: table, ttlMs: 60_000, now, adminToken: ADMIN_TOKEN }).create(
      'user-1',
      'token',
    );
    const rotated = new SessionStore({
      store: table,
      ttlMs: 60_000,
      now,
      adminToken: 'a-new-admin-token-value',
    });
    expect(await rotated.get(admin.id)).toBeUndefined();
    expect(await rotated.get(user.id)).toMatchObject({ userId: 'user-1' });
  });

  it('refuses an admin session kept under the plain hash, which no admin token vouches for', async () => {
    const table = memorySessions();
    const now = () => new Date('2025-06-30T10:00:00Z');
    const id = 'session-stored-before-sessions-were-keyed';
    await table.saveSession({
      idHash: sha256Hex(id),
      userId: null,
      csrfToken: 'csrf',
      createdAt: now().toISOString(),
      expiresAt: '2025-06-30T11:00:00.000Z',
      via: 'token',
    });
    const sessions = new SessionStore({ store: table, ttlMs: 60_000, now, adminToken: ADMIN_TOKEN });
    expect(await sessions.get(id)).toBeUndefined();
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
