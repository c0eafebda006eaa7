/** What `atlas users …` does and prints: people, their roles and tokens, in words; tokens are shown once. */
import { count } from '../engine/index.js';
import { AtlasError } from '../errors.js';
import { RoleSchema, type User } from '../model/index.js';
import { COMMAND_LINE_ACTOR } from '../server/audit.js';
import { withArticle } from '../server/roles.js';
import {
  addUser,
  disableUser,
  NewUserInputSchema,
  renewUserToken,
  setUserRole,
  signInWords,
} from '../server/users.js';
import type { Store } from '../store/index.js';
import { relativeTime } from '../sync/run-name.js';
import type { CliContext } from './context.js';
import { EXIT } from './exit-codes.js';
import { openCommandStore } from './store-from-options.js';

async function withStore(context: CliContext, db: string | undefined, work: (store: Store) => Promise<void>) {
  const store = await openCommandStore(context.env(), db);
  try {
    await work(store);
    context.exit(EXIT.ok);
  } finally {
    await store.close();
  }
}

/** The user called `who` (name, case-insensitive) or with that e-mail; a usage error naming them otherwise. */
async function findUser(store: Store, who: string): Promise<User> {
  const wanted = who.trim().toLowerCase();
  const found = (await store.listUsers()).find(
    (u) => u.name.toLowerCase() === wanted || u.email?.toLowerCase() === wanted || u.id === who,
  );
  if (!found)
    throw new AtlasError('USAGE', `no user called "${who}" in ${store.location}: see \`atlas users list\``, {
      context: { location: store.location },
    });
  return found;
}

function parseRole(role: string) {
  const parsed = RoleSchema.safeParse(role.trim().toLowerCase());
  if (!parsed.success)
    throw new AtlasError('USAGE', `the role must be admin, editor or viewer, not "${role}"`);
  return parsed.data;
}

/** How to use a fresh token, printed with it. */
function tokenLines(user: User, token: string): string[] {
  return [
    `Token for ${user.name} (shown once; Atlas keeps only a fingerprint of it):`,
    `  ${token}`,
    'To sign in: open the admin app (`atlas serve`) and paste it on the sign-in page,',
    '  or call the API with the header  Authorization: Bearer <token>.',
    ...(user.email
      ? [`With single sign-on configured (ATLAS_OIDC_*), ${user.email} can also sign in there.`]
      : []),
  ];
}

export async function listUsers(context: CliContext, options: { db?: string }): Promise<void> {
  const store = await openCommandStore(context.env(), options.db, { readOnly: true, note: context.err });
  try {
    const users = await store.listUsers();
    if (users.length === 0) {
      context.out(`No users in ${store.location} yet: only the admin token (ATLAS_ADMIN_TOKEN) signs in.`);
      context.out('Add one with: atlas users add "Ana Souza" --role editor --email ana@example.com');
    } else {
      const now = new Date();
      context.out(`${count(users.length, 'user', 'users')} in ${store.location}:`);
      for (const u of users) {
        const status = u.disabledAt
          ? `disabled ${relativeTime(u.disabledAt, now)}`
          : `added ${relativeTime(u.createdAt, now)}`;
        context.out(
          `  ${u.name.padEnd(24)} ${u.role.padEnd(7)} ${(u.email ?? '–').padEnd(28)} ${signInWords(u).padEnd(15)} ${status}`,
        );
      }
    }
    context.exit(EXIT.ok);
  } finally {
    await store.close();
  }
}

export async function addUserCommand(
  context: CliContext,
  name: string,
  options: { role: string; email?: string; db?: string },
): Promise<void> {
  const input = NewUserInputSchema.safeParse({
    name,
    email: options.email ?? null,
    role: parseRole(options.role),
  });
  if (!input.success) {
    const issue = input.error.issues[0];
    throw new AtlasError(
      'USAGE',
      `cannot add ${name}: ${issue?.path.join('.') || 'input'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  await withStore(context, options.db, async (store) => {
    const { user, token } = await addUser(store, input.data, COMMAND_LINE_ACTOR);
    context.out(`Added ${user.name} as ${withArticle(user.role)}.`);
    for (const line of tokenLines(user, token)) context.out(line);
  });
}

export async function setRoleCommand(
  context: CliContext,
  who: string,
  role: string,
  options: { db?: string },
): Promise<void> {
  const wanted = parseRole(role);
  await withStore(context, options.db, async (store) => {
    const user = await findUser(store, who);
    if (user.role === wanted) {
      context.out(`${user.name} is already ${withArticle(wanted)}; nothing changed.`);
      return;
    }
    const changed = await setUserRole(store, user, wanted, COMMAND_LINE_ACTOR);
    context.out(
      `${changed.name} is now ${withArticle(changed.role)} (was ${withArticle(user.role)}); their sessions ended.`,
    );
  });
}

export async function disableCommand(
  context: CliContext,
  who: string,
  options: { db?: string },
): Promise<void> {
  await withStore(context, options.db, async (store) => {
    const user = await findUser(store, who);
    if (user.disabledAt) {
      context.out(`${user.name} was already disabled; nothing changed.`);
      return;
    }
    await disableUser(store, user, COMMAND_LINE_ACTOR);
    context.out(
      `${user.name} is disabled: their token and single sign-on no longer work, and their sessions ended.`,
    );
  });
}

export async function newTokenCommand(
  context: CliContext,
  who: string,
  options: { db?: string },
): Promise<void> {
  await withStore(context, options.db, async (store) => {
    const user = await findUser(store, who);
    const renewed = await renewUserToken(store, user, COMMAND_LINE_ACTOR);
    context.out(`New token for ${user.name}; the old one no longer works and their sessions ended.`);
    for (const line of tokenLines(renewed.user, renewed.token)) context.out(line);
  });
}
