// Users page (admins): everyone who may sign in, adding one (their token shown once), role changes, disabling, new tokens.
import { api, byId, count, el, fill, guarded, option, setStatus, timeAgo } from './api.js';

const ROLES = ['viewer', 'editor', 'admin'];
const form = byId('add-user', HTMLFormElement);

/** Shows a fresh token once, with how to use it; Atlas cannot show it again. */
function showToken(user, token, what) {
  byId('new-token-title', HTMLElement).textContent = `${what} ${user.name}`;
  byId('new-token-value', HTMLElement).textContent = token;
  byId('new-token-how', HTMLElement).textContent =
    `${user.name} signs in by pasting it on the sign-in page (or sends it as Authorization: Bearer to the API)${user.email ? `, or with single sign-on as ${user.email} where it is configured` : ''}.`;
  byId('new-token', HTMLElement).hidden = false;
}

function roleSelect(user) {
  const select = el(
    'select',
    { 'aria-label': `Role of ${user.name}`, disabled: Boolean(user.disabledAt) },
    ROLES.map((r) => option(r, r, r === user.role)),
  );
  select.addEventListener('change', () =>
    guarded(async () => {
      await api(`/api/users/${encodeURIComponent(user.id)}`, { method: 'PUT', body: { role: select.value } });
      setStatus(
        `${user.name} is now ${select.value === 'viewer' ? 'a' : 'an'} ${select.value}; their sessions ended.`,
      );
      await load();
    }),
  );
  return select;
}

function actions(user) {
  if (user.disabledAt) return '–';
  return el(
    'span',
    {},
    el(
      'button',
      {
        type: 'button',
        onclick: () =>
          guarded(async () => {
            if (!window.confirm(`Give ${user.name} a new token? The old one stops working at once.`)) return;
            const result = await api(`/api/users/${encodeURIComponent(user.id)}/token`, { method: 'POST' });
            showToken(result.user, result.token, 'New token for');
            setStatus(`New token for ${user.name}; their sessions ended.`);
          }),
      },
      'New token',
    ),
    ' ',
    el(
      'button',
      {
        type: 'button',
        onclick: () =>
          guarded(async () => {
            if (!window.confirm(`Disable ${user.name}? They can no longer sign in, and their sessions end.`))
              return;
            await api(`/api/users/${encodeURIComponent(user.id)}`, {
              method: 'PUT',
              body: { disabled: true },
            });
            setStatus(`${user.name} is disabled.`);
            await load();
          }),
      },
      'Disable',
    ),
  );
}

async function load() {
  const { users } = await api('/api/users');
  const active = users.filter((u) => !u.disabledAt).length;
  byId('users-count', HTMLElement).textContent =
    users.length === 0
      ? 'No users yet: only the admin token signs in. Add the first one above.'
      : `${count(users.length, 'user', 'users')}, ${active} of them active.`;
  fill(
    document.querySelector('#users tbody'),
    users.map((u) =>
      el(
        'tr',
        {},
        el('th', { scope: 'row' }, u.name),
        el('td', {}, u.email ?? '–'),
        el('td', {}, roleSelect(u)),
        el('td', {}, u.oidcSubject ? 'Single sign-on' : 'Token'),
        el('td', {}, timeAgo(u.createdAt)),
        el('td', {}, u.disabledAt ? el('span', {}, 'Disabled ', timeAgo(u.disabledAt)) : 'Active'),
        el('td', {}, actions(u)),
      ),
    ),
  );
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  guarded(async () => {
    const data = new FormData(form);
    const result = await api('/api/users', {
      method: 'POST',
      body: {
        name: String(data.get('name') ?? ''),
        email: String(data.get('email') ?? ''),
        role: String(data.get('role')),
      },
    });
    showToken(result.user, result.token, 'Token for');
    setStatus(
      `Added ${result.user.name} as ${result.user.role === 'viewer' ? 'a' : 'an'} ${result.user.role}.`,
    );
    form.reset();
    await load();
  });
});

guarded(load);
