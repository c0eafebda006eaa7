/** The sign-in page: a user's token or ATLAS_ADMIN_TOKEN, single sign-on when configured, a CSRF token, and where to go next. */
import { escapeHtml } from './html.js';

export function renderLogin(o: {
  csrf: string;
  next: string;
  error: string | null;
  /** The identity provider's name when single sign-on is configured. */
  ssoName: string | null;
}): string {
  const sso = o.ssoName
    ? `<p class="sso"><a class="button" href="/login/oidc?next=${encodeURIComponent(o.next)}">Sign in with ${escapeHtml(o.ssoName)}</a></p>
  <p class="or">or with a token</p>`
    : '';
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
  ${o.error ? `<p class="error" role="alert">${escapeHtml(o.error)}</p>` : ''}
  ${sso}
  <p>Sign in with the token an admin gave you (<code>atlas users add</code>), or with the admin token (<code>ATLAS_ADMIN_TOKEN</code>).</p>
  <label for="token">Your token or the admin token</label>
  <input id="token" name="token" type="password" autocomplete="current-password" required${o.ssoName ? '' : ' autofocus'}>
  <input type="hidden" name="csrf" value="${escapeHtml(o.csrf)}">
  <input type="hidden" name="next" value="${escapeHtml(o.next)}">
  <button type="submit">Sign in</button>
</form>
</main>
</body>
</html>`;
}
