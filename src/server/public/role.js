// The signed-in user's role, rendered by the server into the page head (pages/layout.ts): pages disable what it cannot do.
import { el } from './api.js';

const RANK = { viewer: 0, editor: 1, admin: 2 };

/** 'admin', 'editor' or 'viewer'. */
export const role = document.querySelector('meta[name="atlas-role"]')?.getAttribute('content') ?? 'viewer';

/** Whether the signed-in role is `need` or above (the server's rule, src/server/roles.ts). */
export function can(need) {
  return (RANK[role] ?? 0) >= RANK[need];
}

/** "a viewer", "an editor", "an admin". */
export function withArticle(r) {
  return `${r === 'viewer' ? 'a' : 'an'} ${r}`;
}

/**
 * Disables `buttons` when the role is below `need` and puts a note after the last, saying what the role
 * allows: "Saving a mapping needs the editor role; you are a viewer." Returns whether the role may.
 */
export function disableBelow(need, doing, ...buttons) {
  if (can(need)) return true;
  const note = `${doing} needs the ${need} role; you are ${withArticle(role)}.`;
  for (const button of buttons) {
    button.disabled = true;
    button.title = note;
  }
  buttons.at(-1)?.after(el('span', { class: 'role-note', id: 'role-note' }, ` ${note}`));
  return false;
}
