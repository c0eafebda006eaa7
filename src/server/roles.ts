/** Who may do what: the order of the roles, the default a route needs, and the refusal that names the role needed. */
import type { Role } from '../model/index.js';
import { httpError } from './http-errors.js';

const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

/** True when `have` is `need` or above it (admin ⊃ editor ⊃ viewer). */
export function roleAllows(have: Role, need: Role): boolean {
  return RANK[have] >= RANK[need];
}

/** What a route needs unless it says: reading is for everyone signed in, every change is the admin's. */
export function defaultRole(method: string): Role {
  return ['get', 'head', 'options'].includes(method.toLowerCase()) ? 'viewer' : 'admin';
}

/** "a viewer", "an editor", "an admin". */
export function withArticle(role: Role): string {
  return `${role === 'viewer' ? 'a' : 'an'} ${role}`;
}

/**
 * Throws 403 unless `have` allows `need`, naming both: "Saving a mapping needs the editor role; you are a viewer".
 * `doing` is the action in words; without it the refusal says "This".
 */
export function requireRole(have: Role, need: Role, doing?: string): void {
  if (roleAllows(have, need)) return;
  throw httpError(403, `${doing ?? 'This'} needs the ${need} role; you are ${withArticle(have)}`);
}
