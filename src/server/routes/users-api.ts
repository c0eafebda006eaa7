/** API of the Users page (admins only): list people, add one (the token is answered once), change a role, disable, new token. */
import { z } from 'zod';
import { AtlasError } from '../../errors.js';
import { RoleSchema, type User, UserSchema } from '../../model/index.js';
import type { Store } from '../../store/index.js';
import type { ApiRoutes } from '../api-routes.js';
import { actorOf, clockOf } from '../audit.js';
import { httpError } from '../http-errors.js';
import { addUser, disableUser, NewUserInputSchema, renewUserToken, setUserRole } from '../users.js';

const UserIdParams = z.object({ id: z.string().min(1).max(100) });
const TokenAnswerSchema = z.object({
  user: UserSchema,
  token: z.string().describe('The new token, shown once: Atlas keeps only its SHA-256'),
});

async function requireUser(store: Store, id: string): Promise<User> {
  const user = await store.getUser(id);
  if (!user) throw httpError(404, `no user ${id}`, 'id');
  return user;
}

export function registerUsersApi(api: ApiRoutes, store: Store): void {
  api.add({
    method: 'get',
    path: '/api/users',
    tag: 'users',
    summary: 'Everyone who may sign in, by name, with their role and how they sign in',
    role: 'admin',
    doing: 'Seeing the users',
    response: z.object({ users: z.array(UserSchema) }),
    handler: async () => ({ users: await store.listUsers() }),
  });

  api.add({
    method: 'post',
    path: '/api/users',
    tag: 'users',
    summary: 'Adds a user with a new token (answered once; only its SHA-256 is stored)',
    role: 'admin',
    doing: 'Adding a user',
    body: NewUserInputSchema,
    status: 201,
    response: TokenAnswerSchema,
    handler: async ({ body }, req) => {
      try {
        return await addUser(store, body, actorOf(req), clockOf(req));
      } catch (error) {
        // A name or e-mail someone already has: the admin's to fix, not a server fault.
        if (error instanceof AtlasError && error.code === 'STORE_CONSTRAINT')
          throw httpError(409, error.message, 'name');
        throw error;
      }
    },
  });

  api.add({
    method: 'put',
    path: '/api/users/:id',
    tag: 'users',
    summary: "Changes a user's role, or disables them; either ends their sessions",
    role: 'admin',
    doing: 'Changing a user',
    params: UserIdParams,
    body: z.strictObject({ role: RoleSchema.optional(), disabled: z.literal(true).optional() }),
    response: z.object({ user: UserSchema }),
    handler: async ({ params, body }, req) => {
      let user = await requireUser(store, params.id);
      if (body.role) user = await setUserRole(store, user, body.role, actorOf(req), clockOf(req));
      if (body.disabled) user = await disableUser(store, user, actorOf(req), clockOf(req));
      return { user };
    },
  });

  api.add({
    method: 'post',
    path: '/api/users/:id/token',
    tag: 'users',
    summary: "Replaces a user's token (the old one stops working at once); the new one is answered once",
    role: 'admin',
    doing: 'Issuing a token',
    params: UserIdParams,
    response: TokenAnswerSchema,
    handler: async ({ params }, req) => {
      const user = await requireUser(store, params.id);
      try {
        return await renewUserToken(store, user, actorOf(req), clockOf(req));
      } catch (error) {
        // A disabled user: the same refusal as `atlas users new-token`, as a conflict with the user's state.
        if (error instanceof AtlasError && error.code === 'USAGE') throw httpError(409, error.message);
        throw error;
      }
    },
  });
}
