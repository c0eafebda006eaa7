/** The sign-in page: one password field for ATLAS_ADMIN_TOKEN, a CSRF token, and where to go next. */
import { escapeHtml } from './html.js';

export function renderLogin(o: { csrf: string; next: string; error: string | null }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in · Partner Atlas</title>
<link rel="stylesheet" href="/assets/app.css">
</head>
<body class="login">
<main id="main">
<h1>Partner Atlas</h1>
<form method="post" action="/login" class="card">
  <p>Sign in with the admin token (<code>ATLAS_ADMIN_TOKEN</code>).</p>
  ${o.error ? `<p class="error" role="alert">${escapeHtml(o.error)}</p>` : ''}
  <label for="token">Admin token</label>
  <input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
  <input type="hidden" name="csrf" value="${escapeHtml(o.csrf)}">
  <input type="hidden" name="next" value="${escapeHtml(o.next)}">
  <button type="submit">Sign in</button>
</form>
</main>
</body>
</html>`;
}
