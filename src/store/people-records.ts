/** Users of the admin app, their sign-in sessions and the audit trail of who did what. */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { AtlasError } from '../errors.js';
import {
  type AuditEvent,
  AuditEventSchema,
  type NewAuditEvent,
  type NewUser,
  type StoredSession,
  StoredSessionSchema,
  type User,
  type UserPatch,
  UserSchema,
} from '../model/index.js';
import { canonicalTime, encodeJson } from './column-values.js';
import { parseRow, readJson } from './row-validation.js';
import type { AuditEventsTable, Database, UsersTable } from './schema.js';
import type { ListAuditOptions } from './store.js';

function toUser(row: Selectable<UsersTable>): User {
  return parseRow(
    UserSchema,
    {
      id: row.id,
      name: row.name,
      email: row.email,
      role: row.role,
      oidcIssuer: row.oidc_issuer,
      oidcSubject: row.oidc_subject,
      createdAt: row.created_at,
      disabledAt: row.disabled_at,
    },
    { table: 'users', rowId: row.id },
  );
}

export async function createUser(db: Kysely<Database>, user: NewUser): Promise<User> {
  const row = {
    id: randomUUID(),
    name: user.name,
    email: user.email ?? null,
    role: user.role,
    token_hash: user.tokenHash ?? null,
    oidc_issuer: user.oidcIssuer ?? null,
    oidc_subject: user.oidcSubject ?? null,
    created_at: canonicalTime(user.createdAt, 'createdAt'),
    disabled_at: null,
  };
  await db.insertInto('users').values(row).execute();
  return toUser(row);
}

export async function listUsers(db: Kysely<Database>): Promise<User[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('name').orderBy('id').execute();
  return rows.map(toUser);
}

/** The first user a query finds, or undefined. */
async function firstUser(query: Promise<Selectable<UsersTable> | undefined>): Promise<User | undefined> {
  const row = await query;
  return row === undefined ? undefined : toUser(row);
}

export function getUser(db: Kysely<Database>, id: string): Promise<User | undefined> {
  return firstUser(db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst());
}

export function findUserByTokenHash(db: Kysely<Database>, tokenHash: string): Promise<User | undefined> {
  return firstUser(db.selectFrom('users').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst());
}

export function findUserByOidc(
  db: Kysely<Database>,
  issuer: string,
  subject: string,
): Promise<User | undefined> {
  return firstUser(
    db
      .selectFrom('users')
      .selectAll()
      .where('oidc_issuer', '=', issuer)
      .where('oidc_subject', '=', subject)
      .executeTakeFirst(),
  );
}

export function findUserByEmail(db: Kysely<Database>, email: string): Promise<User | undefined> {
  return firstUser(
    db
      .selectFrom('users')
      .selectAll()
      .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
      .orderBy('created_at')
      .executeTakeFirst(),
  );
}

export async function updateUser(
  db: Kysely<Database>,
  id: string,
  patch: UserPatch & { oidcIssuer?: string | null; oidcSubject?: string | null },
): Promise<User> {
  const set: Partial<Selectable<UsersTable>> = {};
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.email !== undefined) set.email = patch.email;
  if (patch.role !== undefined) set.role = patch.role;
  if (patch.tokenHash !== undefined) set.token_hash = patch.tokenHash;
  if (patch.oidcIssuer !== undefined) set.oidc_issuer = patch.oidcIssuer;
  if (patch.oidcSubject !== undefined) set.oidc_subject = patch.oidcSubject;
  if (patch.disabledAt !== undefined)
    set.disabled_at = patch.disabledAt === null ? null : canonicalTime(patch.disabledAt, 'disabledAt');
  if (Object.keys(set).length > 0) await db.updateTable('users').set(set).where('id', '=', id).execute();
  const user = await getUser(db, id);
  if (user === undefined) {
    throw new AtlasError('STORE_RECORD_NOT_FOUND', `No user ${id} in the store`, { context: { userId: id } });
  }
  return user;
}

export async function saveSession(db: Kysely<Database>, session: StoredSession): Promise<void> {
  const row = {
    id_hash: session.idHash,
    user_id: session.userId,
    csrf_token: session.csrfToken,
    created_at: canonicalTime(session.createdAt, 'createdAt'),
    expires_at: canonicalTime(session.expiresAt, 'expiresAt'),
    via: session.via,
  };
  await db
    .insertInto('sessions')
    .values(row)
    .onConflict((oc) =>
      oc.column('id_hash').doUpdateSet((eb) => ({
        user_id: eb.ref('excluded.user_id'),
        csrf_token: eb.ref('excluded.csrf_token'),
        expires_at: eb.ref('excluded.expires_at'),
        via: eb.ref('excluded.via'),
      })),
    )
    .execute();
}

export async function getSession(
  db: Kysely<Database>,
  idHash: string,
  now: string,
): Promise<StoredSession | undefined> {
  const row = await db
    .selectFrom('sessions')
    .selectAll()
    .where('id_hash', '=', idHash)
    .where('expires_at', '>', canonicalTime(now, 'now'))
    .executeTakeFirst();
  if (row === undefined) return undefined;
  return parseRow(
    StoredSessionSchema,
    {
      idHash: row.id_hash,
      userId: row.user_id,
      csrfToken: row.csrf_token,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      via: row.via,
    },
    // Never the hash itself in a message: it is as good as the cookie to someone with the store.
    { table: 'sessions', rowId: 'of a signed-in user' },
  );
}

async function deleted(result: Promise<{ numDeletedRows: bigint }>): Promise<number> {
  return Number((await result).numDeletedRows);
}

export async function deleteSession(db: Kysely<Database>, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

export function deleteSessionsOf(db: Kysely<Database>, userId: string): Promise<number> {
  return deleted(db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst());
}

export function deleteExpiredSessions(db: Kysely<Database>, now: string): Promise<number> {
  return deleted(
    db.deleteFrom('sessions').where('expires_at', '<=', canonicalTime(now, 'now')).executeTakeFirst(),
  );
}

function toAuditEvent(row: Selectable<AuditEventsTable>): AuditEvent {
  const at = { table: 'audit_events', rowId: row.id };
  return parseRow(
    AuditEventSchema,
    {
      id: Number(row.id),
      at: row.at,
      actor: { userId: row.actor_user_id, name: row.actor_name },
      action: row.action,
      subject: row.subject,
      details: readJson(row.details, { ...at, column: 'details' }),
    },
    at,
  );
}

export async function addAuditEvent(db: Kysely<Database>, event: NewAuditEvent): Promise<AuditEvent> {
  const row = await db
    .insertInto('audit_events')
    .values({
      at: canonicalTime(event.at, 'at'),
      actor_user_id: event.actor.userId,
      actor_name: event.actor.name,
      action: event.action,
      subject: event.subject,
      details: encodeJson(event.details),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toAuditEvent(row);
}

export async function listAuditEvents(
  db: Kysely<Database>,
  options: ListAuditOptions = {},
): Promise<AuditEvent[]> {
  let query = db.selectFrom('audit_events').selectAll();
  if (options.action !== undefined) query = query.where('action', '=', options.action);
  if (options.beforeId !== undefined) query = query.where('id', '<', options.beforeId);
  const rows = await query
    .orderBy('id', 'desc')
    .limit(options.limit ?? 100)
    .execute();
  return rows.map(toAuditEvent);
}
