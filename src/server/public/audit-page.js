// Audit page: who did what and when, newest first, filtered by action, paged; the CSV export follows the filter.
import { api, byId, count, el, fill, guarded, option, timeAgo } from './api.js';

const actionSelect = byId('a-action', HTMLSelectElement);
const csvLink = byId('audit-csv', HTMLAnchorElement);
const newer = byId('audit-newer', HTMLButtonElement);
const older = byId('audit-older', HTMLButtonElement);

/** `before` of each page shown so far: going back to newer pages retraces them. */
let pages = [undefined];
let olderCursor = null;
let labelsShown = false;

async function load() {
  const before = pages.at(-1);
  const params = new URLSearchParams();
  if (actionSelect.value) params.set('action', actionSelect.value);
  if (before) params.set('before', String(before));
  const data = await api(`/api/audit?${params}`);
  if (!labelsShown) {
    labelsShown = true;
    actionSelect.append(...Object.entries(data.actions).map(([value, label]) => option(value, label)));
  }
  olderCursor = data.older;
  older.disabled = data.older === null;
  newer.disabled = pages.length === 1;
  const filter = actionSelect.value ? ` (${data.actions[actionSelect.value]})` : '';
  byId('audit-count', HTMLElement).textContent =
    data.events.length === 0
      ? `Nothing recorded yet${filter}.`
      : `${count(data.events.length, 'event', 'events')} on this page${filter}, newest first.`;
  fill(
    document.querySelector('#audit tbody'),
    data.events.map((e) =>
      el(
        'tr',
        { dataset: { action: e.action } },
        el('td', {}, timeAgo(e.at)),
        el('td', {}, e.actor.name),
        el('td', {}, e.sentence),
        el('td', {}, e.subject),
      ),
    ),
  );
  csvLink.href = actionSelect.value
    ? `/api/audit.csv?action=${encodeURIComponent(actionSelect.value)}`
    : '/api/audit.csv';
}

actionSelect.addEventListener('change', () => {
  pages = [undefined];
  guarded(load);
});
older.addEventListener('click', () => {
  if (olderCursor === null) return;
  pages.push(olderCursor);
  guarded(load);
});
newer.addEventListener('click', () => {
  if (pages.length > 1) pages.pop();
  guarded(load);
});

guarded(load);
