/** The page frame: head, navigation, who is signed in with sign-out, and the page's script module; no inline script (the CSP forbids it). */
import type { Role } from '../../model/index.js';
import { roleAllows } from '../roles.js';
import { escapeHtml } from './html.js';

export interface NavItem {
  href: string;
  label: string;
  /** The least role that sees the link (viewer when absent). */
  role?: Role;
}

export interface LayoutOptions {
  title: string;
  /** Path of the current page, to mark its link. */
  active: string;
  nav: readonly NavItem[];
  csrfToken: string;
  /** Who is signed in: shown in the header, and the role tells page scripts what to offer (`meta[name=atlas-role]`). */
  user: { name: string; role: Role };
  /** Body of `<main>`, already escaped. */
  body: string;
  /** Module under /assets/ that renders the page from the API. */
  script: string;
  /** Load Chart.js (served from node_modules) before the page script. */
  charts?: boolean;
  /** Load Cytoscape (served from node_modules) before the page script. */
  network?: boolean;
}

/**
 * Cytoscape injects a <style> element (position: relative on its container) unless an element with the id
 * it looks for already exists; the CSP allows no inline style, so the same rule ships as a stylesheet with
 * that id (cytoscape's renderer/canvas base: `__________cytoscape_stylesheet`).
 */
const NETWORK_HEAD = `<link rel="stylesheet" id="__________cytoscape_stylesheet" href="/assets/network.css">
<script src="/assets/vendor/cytoscape/cytoscape.min.js" defer></script>`;

export function renderLayout(o: LayoutOptions): string {
  const links = o.nav
    .filter((n) => roleAllows(o.user.role, n.role ?? 'viewer'))
    .map(
      (n) =>
        `<li><a href="${escapeHtml(n.href)}"${n.href === o.active ? ' aria-current="page"' : ''}>${escapeHtml(n.label)}</a></li>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="csrf-token" content="${escapeHtml(o.csrfToken)}">
<meta name="atlas-role" content="${escapeHtml(o.user.role)}">
<title>${escapeHtml(o.title)} · Partner Atlas</title>
<link rel="stylesheet" href="/assets/app.css">
${o.charts ? '<script src="/assets/vendor/chart.umd.js" defer></script>' : ''}
${o.network ? NETWORK_HEAD : ''}
<script type="module" src="/assets/${escapeHtml(o.script)}"></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
  <span class="brand">Partner Atlas</span>
  <nav aria-label="Main"><ul>${links}</ul></nav>
  <form method="post" action="/logout" class="logout">
    <span class="who">${escapeHtml(o.user.name)} <span class="role">${escapeHtml(o.user.role)}</span></span>
    <input type="hidden" name="csrf" value="${escapeHtml(o.csrfToken)}">
    <button type="submit">Sign out</button>
  </form>
</header>
<main id="main" tabindex="-1">
<h1>${escapeHtml(o.title)}</h1>
<p class="status" role="status" aria-live="polite" id="status"></p>
${o.body}
</main>
</body>
</html>`;
}
