/** The Users page (admins: add, change role, disable, new token) and the Audit page (everyone: who did what, when). */
import type { PageSpec } from './app-pages.js';

export const USERS_PAGE: PageSpec = {
  title: 'Users',
  script: 'users-page.js',
  body: `
<section aria-labelledby="add-user-title">
  <h2 id="add-user-title">Add a user</h2>
  <form id="add-user" class="filters">
    <div><label for="u-name">Name</label><input id="u-name" name="name" required maxlength="120"></div>
    <div><label for="u-email">E-mail (for single sign-on; optional)</label><input id="u-email" name="email" type="email" maxlength="254"></div>
    <div><label for="u-role">Role</label><select id="u-role" name="role">
      <option value="viewer">Viewer: reads everything, changes nothing</option>
      <option value="editor">Editor: mappings, overrides and reviews</option>
      <option value="admin">Admin: everything, users and runs too</option></select></div>
    <div class="actions"><button type="submit">Add user</button></div>
  </form>
  <div id="new-token" class="card" hidden role="region" aria-labelledby="new-token-title">
    <h3 id="new-token-title"></h3>
    <p>Copy it now: Atlas keeps only a fingerprint of it and cannot show it again.</p>
    <p><code id="new-token-value"></code></p>
    <p id="new-token-how"></p>
  </div>
</section>
<section aria-labelledby="users-title">
  <h2 id="users-title">People</h2>
  <p id="users-count"></p>
  <div class="scroll"><table class="data" id="users"><caption class="sr-only">Users of Partner Atlas</caption>
    <thead><tr><th scope="col">Name</th><th scope="col">E-mail</th><th scope="col">Role</th><th scope="col">Signs in with</th><th scope="col">Added</th><th scope="col">Status</th><th scope="col">Actions</th></tr></thead>
    <tbody></tbody></table></div>
</section>`,
};

export const AUDIT_PAGE: PageSpec = {
  title: 'Audit',
  script: 'audit-page.js',
  body: `
<form id="audit-filters" class="filters" aria-label="Which events">
  <div><label for="a-action">What</label><select id="a-action" name="action"><option value="">Everything</option></select></div>
  <div class="actions"><a id="audit-csv" class="button" href="/api/audit.csv" download>Export CSV</a></div>
</form>
<p id="audit-count"></p>
<div class="scroll"><table class="data" id="audit"><caption class="sr-only">Audit trail, newest first</caption>
  <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th><th scope="col">Subject</th></tr></thead>
  <tbody></tbody></table></div>
<div class="pager"><button type="button" id="audit-newer">Newer</button> <button type="button" id="audit-older">Older</button></div>`,
};
