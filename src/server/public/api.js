// Shared by every page module: JSON API calls with the CSRF header, safe DOM building, status messages.

/** The session's CSRF token, rendered by the server into the page head. */
export const csrfToken = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';

/** An API error with the server's message and offending field. */
export class ApiError extends Error {
  constructor(status, body) {
    super(body?.error?.message ?? `HTTP ${status}`);
    this.status = status;
    this.field = body?.error?.field;
    this.body = body;
  }
}

/** Calls the JSON API; a 401 sends the admin back to the sign-in page. */
export async function api(path, options = {}) {
  const { method = 'GET', body } = options;
  const headers = { accept: 'application/json', 'x-csrf-token': csrfToken };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status === 401) {
    window.location.assign(
      `/login?next=${encodeURIComponent(window.location.pathname + window.location.search)}`,
    );
    throw new ApiError(401, { error: { message: 'signed out' } });
  }
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

/** Creates an element; strings become text nodes (never HTML), attributes are set one by one. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/**
 * The element with `id`, checked to be a `type` (e.g. HTMLInputElement) so its properties type-check; a page
 * without it fails here, naming the id, instead of later on `null`.
 * @template {Element} T
 * @param {string} id
 * @param {{ new (...args: never[]): T }} type
 * @returns {T}
 */
export function byId(id, type) {
  const node = document.getElementById(id);
  if (!(node instanceof type)) throw new Error(`this page has no ${type.name} #${id}`);
  return node;
}

/** Replaces the children of `node`. */
export function fill(node, ...children) {
  node.replaceChildren();
  for (const child of children.flat()) if (child) node.append(child instanceof Node ? child : String(child));
}

const statusNode = () => document.getElementById('status');

/** Shows a message in the page's live region; `kind` is 'info' or 'error'. */
export function setStatus(message, kind = 'info') {
  const node = statusNode();
  if (!node) return;
  node.textContent = message;
  node.dataset.kind = kind;
}

/** Runs `work`, showing a failure in the status region instead of losing it. */
export async function guarded(work) {
  try {
    return await work();
  } catch (error) {
    setStatus(error instanceof Error ? error.message : String(error), 'error');
    return undefined;
  }
}

export function fmt(value, digits = 1) {
  if (value === null || value === undefined) return '–';
  return typeof value === 'number' ? value.toFixed(digits).replace(/\.0+$/, '') : String(value);
}

/** `n` and its noun, singular for exactly 1: count(1, 'won customer', 'won customers') → "1 won customer" (as the engine's `count`). */
export function count(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}

export function partnerLink(id, name) {
  return el('a', { href: `/partners/${encodeURIComponent(id)}` }, name ?? id);
}

/** A definition list from an object of plain values; an element value (e.g. a `timeAgo`) is shown as is. */
export function factsList(node, facts) {
  fill(
    node,
    Object.entries(facts ?? {}).flatMap(([key, value]) => [
      el('dt', {}, key),
      el('dd', {}, value instanceof Node ? value : fmt(value, 2)),
    ]),
  );
}

const exactTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
/**
 * Relative-time units, largest first, with their length in seconds.
 * @type {[Intl.RelativeTimeFormatUnit, number][]}
 */
const UNITS = [
  ['year', 365 * 86400],
  ['month', 30 * 86400],
  ['week', 7 * 86400],
  ['day', 86400],
  ['hour', 3600],
  ['minute', 60],
];

/** "3 hours ago" (or "in 2 days") for an ISO time or date, in words; "just now" within a minute. */
export function relativeTime(iso, now = Date.now()) {
  const seconds = (Date.parse(iso) - now) / 1000;
  for (const [unit, length] of UNITS)
    if (Math.abs(seconds) >= length) return relative.format(Math.round(seconds / length), unit);
  return 'just now';
}

/** The time in the viewer's local time zone, e.g. "7 Dec 2026, 21:07". */
export function localTime(iso) {
  return exactTime.format(new Date(iso));
}

/** A `<time>` showing a relative time, the exact local time on hover; "–" without a time. */
export function timeAgo(iso) {
  if (!iso) return '–';
  return el('time', { datetime: iso, title: localTime(iso) }, relativeTime(iso));
}

const runDay = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short' });
const runClock = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });

/**
 * The name people use for a run instead of its id: "Run of 7 Dec 21:07" in local time, as the CLI names it.
 * What the run is called ("Run", "Dry run", "Sync") comes from the API (`label`, src/sync/run-name.ts);
 * only the time is the browser's.
 */
export function runName(run) {
  const at = new Date(run.startedAt);
  const label = run.label ?? (isDryRun(run) ? 'Dry run' : 'Run');
  return `${label} of ${runDay.format(at)} ${runClock.format(at)}`;
}

/** Whether the run was started as a dry run (nothing written to the CRMs), from its recorded options. */
export function isDryRun(run) {
  return run?.options?.dryRun === true;
}

export function option(value, label, selected = false) {
  return el('option', { value, selected }, label);
}
