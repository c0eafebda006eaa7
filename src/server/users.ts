/**
 * People of the admin app, one set of rules for the CLI and the Users page: adding a user hands out a token
 * once (only its SHA-256 is kept); a changed role, a disabled user or a new token ends their sessions; every
 * change is audited.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { AtlasError } from '../errors.js';
import { type Actor, RoleSchema, type User } from '../model/index.js';
import type { Store } from '../store/index.js';
import { recordActorAudit, systemClock } from './audit.js';
import { withArticle } from './roles.js';
import { sha256Hex } from './sessions.js';

/** Prefix of user tokens, so a leaked one is recognisable (and told apart from ATLAS_ADMIN_TOKEN). */
const USER_TOKEN_PREFIX = 'atlas_';

export const NewUserInputSchema = z.strictObject({
  name: z.string().trim().min(1, 'enter a name').max(120),
  email: z
    .string()
    .trim()
    .max(254)
    .transform((v) => (v === '' ? null : v.toLowerCase()))
    .pipe(z.email('an e-mail address such as ana@example.com').nullable())
    .nullish(),
  role: RoleSchema,
});
export type NewUserInput = z.input<typeof NewUserInputSchema>;

/** A fresh user token: 32 random bytes, URL-safe, with the Atlas prefix. */
export function newUserToken(): string {
  return `${USER_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** How a user signs in, in words. */
export function signInWords(user: User): string {
  return user.oidcSubject ? 'single sign-on' : 'token';
}

/** Adds a user with a new token; the token is returned once and never stored in clear. */
export async function addUser(
  store: Store,
  input: NewUserInput,
  actor: Actor,
  now: () => Date = systemClock,
): Promise<{ user: User; token: string }> {
  const parsed = NewUserInputSchema.parse(input);
  const existing = (await store.listUsers()).find((u) => u.name.toLowerCase() === parsed.name.toLowerCase());
  if (existing) {
    throw new AtlasError('STORE_CONSTRAINT', `there is already a user called ${existing.name}`, {
      context: { userId: existing.id },
    });
  }
  if (parsed.email && (await store.findUserByEmail(parsed.email))) {
    throw new AtlasError('STORE_CONSTRAINT', `another user already has the e-mail ${parsed.email}`);
  }
  const token = newUserToken();
  const at = now();
  const user = await store.createUser({
    name: parsed.name,
    email: parsed.email ?? null,
    role: parsed.role,
    tokenHash: sha256Hex(token),
    createdAt: at.toISOString(),
  });
  await recordActorAudit(
    store,
    actor,
    'user-added',
    user.name,
    { userId: user.id, role: user.role, email: user.email },
    at,
  );
  return { user, token };
}

/**
 * One change to a user, in one transaction: the patch, their sessions ended (whatever changed applies at
 * their next sign-in), and the audit entry saying what changed.
 */
async function changeUser(
  store: Store,
  user: User,
  patch: Parameters<Store['updateUser']>[1],
  actor: Actor,
  change: Record<string, unknown>,
  at: Date,
): Promise<User> {
  return store.transaction(async (tx) => {
    const changed = await tx.updateUser(user.id, patch);
    await tx.deleteSessionsOf(user.id);
    await recordActorAudit(tx, actor, 'user-changed', user.name, { userId: user.id, ...change }, at);
    return changed;
  });
}

/** Changes a user's role; their sessions end so the new role applies at their next sign-in. */
export async function setUserRole(
  store: Store,
  user: User,
  role: User['role'],
  actor: Actor,
  now: () => Date = systemClock,
): Promise<User> {
  if (user.role === role) return user;
  return changeUser(store, user, { role }, actor, { change: 'role', from: user.role, to: role }, now());
}

/** Disables a user: their token and single sign-on stop working and their sessions end. */
export async function disableUser(
  store: Store,
  user: User,
  actor: Actor,
  now: () => Date = systemClock,
): Promise<User> {
  if (user.disabledAt) return user;
  const at = now();
  return changeUser(store, user, { disabledAt: at.toISOString() }, actor, { change: 'disabled' }, at);
}

/**
 * Replaces a user's token (a lost or leaked one stops working); returns the new one, shown once. A disabled
 * user gets none (an AtlasError with code USAGE): it would not let them sign in, and handing out a working
 * secret for a disabled account invites mistakes.
 */
export async function renewUserToken(
  store: Store,
  user: User,
  actor: Actor,
  now: () => Date = systemClock,
): Promise<{ user: User; token: string }> {
  if (user.disabledAt)
    throw new AtlasError('USAGE', `${user.name} is disabled: a new token would not let them sign in`, {
      context: { userId: user.id },
    });
  const token = newUserToken();
  const changed = await changeUser(
    store,
    user,
    { tokenHash: sha256Hex(token) },
    actor,
    { change: 'new-token' },
    now(),
  );
  return { user: changed, token };
}

/** "Ana Souza (editor)" / "Ana Souza (viewer, disabled)". */
export function userWords(user: User): string {
  return `${user.name} (${user.role}${user.disabledAt ? ', disabled' : ''})`;
}

/** "Ana Souza is now an editor". */
export function roleSentence(user: User): string {
  return `${user.name} is now ${withArticle(user.role)}`;
}
