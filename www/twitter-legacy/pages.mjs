// Legacy Twitter Application Management (apps.twitter.com, about 2013-2018), after real-pages.md §1.
// Markup follows the documented structure: #gaz-content-body, four tabs, `.app-settings` and `.access`
// blocks of `<div class="row"><span class="heading">LABEL</span><span>VALUE</span></div>`.
import { accessToken } from '../world.mjs';

export const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export const keysUrl = (app) => `https://apps.twitter.com/app/${app.id}/keys`;

const ACCESS_LEVELS = {
  // [I] the exact wording of the Access Level value.
  'read-only': 'Read-only',
  'read-write': 'Read and write',
  'read-write-dm': 'Read, write, and direct messages',
};

function layout(title, app, active, content) {
  const tab = (slug, label) =>
    `<li class="${slug === active ? 'active' : ''}"><a href="/app/${app.id}/${slug}">${label}</a></li>`;
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>${esc(title)} | Twitter Application Management</title>
<link rel="stylesheet" href="/__replica/twitter.css"></head>
<body>
<div id="gaz-header"><a class="brand" href="/">Application Management</a><span class="user">@${esc(app.owner)}</span></div>
<div id="gaz-content-body" class="content">
  <div class="app-title"><h1>${esc(app.name)}</h1></div>
  <ul class="nav nav-tabs">
    ${tab('show', 'Details')}${tab('settings', 'Settings')}${tab('keys', 'Keys and Access Tokens')}${tab('permissions', 'Permissions')}
  </ul>
  <div class="tab-content">${content}</div>
</div>
</body></html>`;
}

const row = (label, value) => `<div class="row"><span class="heading">${esc(label)}</span><span>${esc(value)}</span></div>`;

function ownerRows(app) {
  // [I] the labels of the Access Level / Owner ID rows.
  return `<div class="row"><span class="heading">Access Level</span><span>${esc(ACCESS_LEVELS[app.accessLevel])} <a href="/app/${app.id}/permissions">(modify app permissions)</a></span></div>
    ${row('Owner', app.owner)}${row('Owner ID', app.ownerId)}`;
}

function keysPage(app) {
  const token = app.token
    ? `${row('Access Token', app.token.accessToken)}${row('Access Token Secret', app.token.accessTokenSecret)}${ownerRows(app)}
      <div class="token-actions"><h3>Token Actions</h3>
        <form method="post" action="/app/${app.id}/keys/token"><div id="edit-token-actions">
          <input type="submit" class="btn" name="op" value="Regenerate My Access Token and Token Secret">
          <input type="submit" class="btn" name="op" value="Revoke Token Access">
        </div></form></div>`
    : `<p>You haven't authorized this application for your own account yet.</p>
      <p>By creating your access token here, you will have everything you need to make API calls right away.</p>
      <div class="token-actions"><h3>Token Actions</h3>
        <form method="post" action="/app/${app.id}/keys/token">
          <input type="submit" id="edit-submit-owner-token" class="btn" name="op" value="Create my access token">
        </form></div>`;
  return layout(app.name, app, 'keys', `
    <div class="app-settings">
      <div class="heading"><h2>Application Settings</h2></div>
      <p class="description">Keep the "Consumer Secret" a secret. This key should never be human-readable in your application.</p>
      ${row('Consumer Key (API Key)', app.consumerKey)}
      ${row('Consumer Secret (API Secret)', app.consumerSecret)}
      ${ownerRows(app)}
    </div>
    <div class="app-actions">
      <h2>Application Actions</h2>
      <form method="post" action="/app/${app.id}/keys/regenerate">
        <input type="submit" class="btn" value="Regenerate Consumer Key and Secret">
      </form>
      <a class="btn" href="/app/${app.id}/permissions">Change App Permissions</a>
    </div>
    <div class="access">
      <h2>Your Access Token</h2>
      <p class="description">This access token can be used to make API requests on your own account's behalf. Do not share your access token secret with anyone.</p>
      ${token}
    </div>`);
}

function detailsPage(app) {
  // The real Details tab also shows the consumer key; it is not the keys tab, so KeyBridge never captures here.
  return layout(app.name, app, 'show', `
    <div class="description"><p>${esc(app.description)}</p><p><a href="${esc(app.website)}">${esc(app.website)}</a></p></div>
    <div class="app-settings">
      <div class="heading"><h2>Application Settings</h2></div>
      ${row('Consumer Key (API Key)', app.consumerKey)}
      ${row('Callback URL', app.callbackUrl || 'None')}
      ${ownerRows(app)}
    </div>`);
}

/// Answers one request for apps.twitter.com, or `null` for a page that does not exist.
export function handle(world, method, url, form) {
  const m = url.pathname.match(/^\/app\/(\d+)(?:\/(show|keys|settings|permissions))?(?:\/(regenerate|token))?\/?$/);
  if (!m) return null;
  const app = world.twitterApps.find((a) => a.id === m[1]);
  if (!app) return null;
  const [, , tab = 'show', action] = m;
  if (method === 'GET' && !action) {
    if (tab === 'keys') return { body: keysPage(app) };
    if (tab === 'show') return { body: detailsPage(app) };
  }
  if (method === 'POST' && tab === 'keys' && action === 'token') {
    const op = new URLSearchParams(form).get('op') ?? '';
    app.token = op.startsWith('Revoke') ? null : accessToken(app.ownerId);
    return { redirect: keysUrl(app) };
  }
  return null;
}
