// Legacy Twitter Application Management (apps.twitter.com, about 2013-2018), after real-pages.md §1.
// The structure is documented: #gaz-content-body, four tabs (Details, Settings, Keys and Access Tokens,
// Permissions), `.app-settings` and `.access` blocks of `<div class="row"><span class="heading">LABEL</span>
// <span>VALUE</span></div>`, the Drupal-style create form. Marked [I] where inferred.
import { accessToken, consumerPair, digits, legacyApp } from '../world.mjs';

export const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export const appUrl = (app, tab = 'show') => `https://apps.twitter.com/app/${app.id}/${tab}`;
export const keysUrl = (app) => appUrl(app, 'keys');

const ACCESS_LEVELS = [
  // [I] values and the exact wording shown on the keys tab.
  ['read-only', 'Read only', 'Read-only'],
  ['read-write', 'Read and Write', 'Read and write'],
  ['read-write-dm', 'Read, Write and Access direct messages', 'Read, write, and direct messages'],
];
const accessLevelText = (app) => ACCESS_LEVELS.find(([v]) => v === app.accessLevel)?.[2] ?? '';

function page(title, content) {
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>${esc(title)} | Twitter Application Management</title>
<link rel="stylesheet" href="/__replica/twitter.css"></head>
<body>
<div id="gaz-header"><a class="brand" href="/">Application Management</a><span class="user">@acme_admin</span></div>
<div id="gaz-content-body" class="content">${content}</div>
</body></html>`;
}

function appPage(app, active, content, notice = '') {
  const tab = (slug, label) =>
    `<li class="${slug === active ? 'active' : ''}"><a href="/app/${app.id}/${slug}">${label}</a></li>`;
  return page(app.name, `
  <div class="app-title"><h1>${esc(app.name)}</h1></div>
  <ul class="nav nav-tabs">
    ${tab('show', 'Details')}${tab('settings', 'Settings')}${tab('keys', 'Keys and Access Tokens')}${tab('permissions', 'Permissions')}
  </ul>
  ${notice ? `<div class="alert alert-success">${esc(notice)}</div>` : ''}
  <div class="tab-content">${content}</div>
  ${app.hangMs && active === 'settings' ? `<script src="/__replica/hang.js" data-ms="${Number(app.hangMs)}"></script>` : ''}`);
}

/// The hostile keys page of the security tests: filler rows, then an injected pair, before the real keys
/// (`app.injected`, set by the test world; the real pages never show this).
function injectedRows(app) {
  if (!app.injected) return '';
  const filler = Array.from({ length: app.injected.filler }, (_, i) => row(`Row ${i}`, `value ${i}`)).join('');
  return `<div class="promo">${filler}${row('Consumer Key (API Key)', app.injected.consumerKey)}${row('Consumer Secret (API Secret)', app.injected.consumerSecret)}</div>`;
}

const row = (label, value) => `<div class="row"><span class="heading">${esc(label)}</span><span>${esc(value)}</span></div>`;

function ownerRows(app) {
  // [I] the labels of the Access Level / Owner ID rows.
  return `<div class="row"><span class="heading">Access Level</span><span>${esc(accessLevelText(app))} <a href="/app/${app.id}/permissions">(modify app permissions)</a></span></div>
    ${row('Owner', app.owner)}${row('Owner ID', app.ownerId)}`;
}

function appList(world) {
  const items = world.twitterApps.map((a) => `<li class="app"><a href="/app/${a.id}/show"><strong>${esc(a.name)}</strong></a>
    <p class="description">${esc(a.description)}</p></li>`).join('');
  return page('Twitter Apps', `
  <div class="app-title"><h1>Twitter Apps</h1><a class="btn btn-primary" href="/app/new">Create New App</a></div>
  <ul class="app-list">${items}</ul>`);
}

const inputRow = (id, name, label, value, help, type = 'text') => `
      <div class="form-item"><label for="${id}">${esc(label)} <span class="form-required">*</span></label>
        <input type="${type}" id="${id}" name="${name}" value="${esc(value)}" class="form-text">
        <div class="description">${help}</div></div>`;

function createForm(values = {}, errors = []) {
  return page('Create an application', `
  <div class="app-title"><h1>Create an application</h1></div>
  ${errors.length ? `<div class="alert alert-error"><ul>${errors.map((e) => `<li>${esc(e)}</li>`).join('')}</ul></div>` : ''}
  <form id="twitter-apps-create-form" method="post" action="/app/new" accept-charset="UTF-8">
    <fieldset id="edit-app-details"><legend>Application Details</legend>
      ${inputRow('edit-name', 'name', 'Name', values.name, 'Your application name. This is used to attribute the source of a tweet and in user-facing authorization screens. 32 characters max.')}
      ${inputRow('edit-description', 'description', 'Description', values.description, 'Your application description, which will be shown in user-facing authorization screens. Between 10 and 200 characters max.')}
      ${inputRow('edit-url', 'url', 'Website', values.url, 'Your application\'s publicly accessible home page, where users can go to download, make use of, or find out more information about your application.')}
      <div class="form-item"><label for="edit-callback-url">Callback URL</label>
        <input type="text" id="edit-callback-url" name="callback_url" value="${esc(values.callback_url)}" class="form-text">
        <div class="description">Where should we return after successfully authenticating? OAuth 1.0a applications should explicitly specify their oauth_callback URL on the request token step, regardless of the value given here.</div></div>
    </fieldset>
    <fieldset id="edit-tos"><legend>Developer Agreement</legend>
      <div class="form-item"><input type="checkbox" id="edit-tos-agreement" name="tos_agreement" value="1"${values.tos_agreement ? ' checked' : ''}>
        <label for="edit-tos-agreement">Yes, I agree</label></div>
    </fieldset>
    <input type="submit" id="edit-submit" class="btn btn-primary" value="Create your Twitter application">
  </form>`);
}

const isUrl = (s) => { try { return ['http:', 'https:'].includes(new URL(s).protocol); } catch { return false; } };

/// The checks of the create and settings forms; messages [I].
function validate(world, v, self) {
  const errors = [];
  const name = (v.name ?? '').trim();
  if (!name) errors.push('Name field is required.');
  else if (name.length > 32) errors.push('Name cannot be longer than 32 characters.');
  else if (world.twitterApps.some((a) => a !== self && a.name.toLowerCase() === name.toLowerCase())) {
    errors.push(`The client application failed validation: ${name} is already taken.`);
  }
  const description = (v.description ?? '').trim();
  if (description.length < 10 || description.length > 200) errors.push('Description must be between 10 and 200 characters.');
  if (!isUrl((v.url ?? '').trim())) errors.push('Website must be a valid URL (e.g. https://example.com).');
  const callback = (v.callback_url ?? '').trim();
  if (callback && !isUrl(callback)) errors.push('Callback URL must be a valid URL.');
  return errors;
}

function detailsPage(app) {
  // The real Details tab also shows the consumer key; it is not the keys tab, so KeyBridge never captures here.
  return appPage(app, 'show', `
    <div class="description"><p>${esc(app.description)}</p><p><a href="${esc(app.website)}">${esc(app.website)}</a></p></div>
    <div class="app-settings">
      <div class="heading"><h2>Application Settings</h2></div>
      <p class="description">Your application's Consumer Key and Secret are used to authenticate requests to the Twitter Platform.</p>
      ${row('Access level', accessLevelText(app))}
      ${row('Consumer Key (API Key)', app.consumerKey)}
      ${row('Callback URL', app.callbackUrl || 'None')}
      ${row('Callback URL Locked', app.callbackLocking ? 'Yes' : 'No')}
      ${row('Sign in with Twitter', app.signInWithTwitter ? 'Yes' : 'No')}
      ${row('App-only authentication', 'https://api.twitter.com/oauth2/token')}
      ${row('Request token URL', 'https://api.twitter.com/oauth/request_token')}
      ${row('Authorize URL', 'https://api.twitter.com/oauth/authorize')}
      ${row('Access token URL', 'https://api.twitter.com/oauth/access_token')}
    </div>`);
}

function settingsPage(app, values, errors, notice) {
  const v = values ?? { name: app.name, description: app.description, url: app.website, callback_url: app.callbackUrl,
    signin: app.signInWithTwitter, locking: app.callbackLocking };
  return appPage(app, 'settings', `
    ${errors?.length ? `<div class="alert alert-error"><ul>${errors.map((e) => `<li>${esc(e)}</li>`).join('')}</ul></div>` : ''}
    <form id="twitter-apps-settings-form" method="post" action="/app/${app.id}/settings">
      <fieldset><legend>Application Details</legend>
        ${inputRow('edit-name', 'name', 'Name', v.name, '32 characters max.')}
        ${inputRow('edit-description', 'description', 'Description', v.description, 'Between 10 and 200 characters max.')}
        ${inputRow('edit-url', 'url', 'Website', v.url, 'Your application\'s publicly accessible home page.')}
        <div class="form-item"><label for="edit-callback-url">Callback URL</label>
          <input type="text" id="edit-callback-url" name="callback_url" value="${esc(v.callback_url)}" class="form-text">
          <div class="description">Where should we return after successfully authenticating?</div></div>
        <div class="form-item"><input type="checkbox" id="edit-callback-locking" name="callback_locking" value="1"${v.locking ? ' checked' : ''}>
          <label for="edit-callback-locking">Enable Callback Locking (It is recommended to enable callback locking to ensure apps cannot overwrite the callback url)</label></div>
        <div class="form-item"><input type="checkbox" id="edit-allow-signin" name="signin_with_twitter" value="1"${v.signin ? ' checked' : ''}>
          <label for="edit-allow-signin">Allow this application to be used to Sign in with Twitter</label></div>
      </fieldset>
      <fieldset><legend>Application Icon</legend><input type="file" id="edit-icon" name="icon" aria-label="Application Icon"></fieldset>
      <fieldset><legend>Organization</legend>
        <div class="form-item"><label for="edit-organization-name">Organization name</label><input type="text" id="edit-organization-name" name="organization_name" class="form-text"></div>
        <div class="form-item"><label for="edit-organization-url">Organization website</label><input type="text" id="edit-organization-url" name="organization_url" class="form-text"></div>
      </fieldset>
      <fieldset><legend>Legal</legend>
        <div class="form-item"><label for="edit-tos-url">Terms of Service URL</label><input type="text" id="edit-tos-url" name="tos_url" class="form-text"></div>
        <div class="form-item"><label for="edit-privacy-url">Privacy Policy URL</label><input type="text" id="edit-privacy-url" name="privacy_url" class="form-text"></div>
      </fieldset>
      <input type="submit" id="edit-submit" class="btn btn-primary" value="Update Settings">
    </form>`, notice);
}

function keysPage(app, notice) {
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
  return appPage(app, 'keys', `
    <div class="app-settings">
      <div class="heading"><h2>Application Settings</h2></div>
      <p class="description">Keep the "Consumer Secret" a secret. This key should never be human-readable in your application.</p>
      ${injectedRows(app)}
      ${row('Consumer Key (API Key)', app.consumerKey)}
      ${row('Consumer Secret (API Secret)', app.consumerSecret)}
      ${ownerRows(app)}
    </div>
    <div class="app-actions">
      <h2>Application Actions</h2>
      <a class="btn" href="/app/${app.id}/keys/regenerate">Regenerate Consumer Key and Secret</a>
      <a class="btn" href="/app/${app.id}/permissions">Change App Permissions</a>
    </div>
    <div class="access">
      <h2>Your Access Token</h2>
      <p class="description">This access token can be used to make API requests on your own account's behalf. Do not share your access token secret with anyone.</p>
      ${token}
    </div>`, notice);
}

function regenerateConfirm(app) {
  // [I] the confirm step's wording; the real page asked before regenerating.
  return appPage(app, 'keys', `
    <div class="confirm">
      <h2>Are you sure you want to regenerate your consumer key and secret?</h2>
      <p>This will invalidate the current consumer key and secret. Applications using them will stop working until you update them.</p>
      <form method="post" action="/app/${app.id}/keys/regenerate">
        <input type="submit" id="edit-submit-regenerate" class="btn btn-danger" value="Regenerate">
        <a class="btn" href="/app/${app.id}/keys">Cancel</a>
      </form>
    </div>`);
}

function permissionsPage(app, notice) {
  const radios = ACCESS_LEVELS.map(([value, label], i) => `
      <div class="form-item"><input type="radio" id="edit-access-level-${i + 1}" name="access_level" value="${value}"${app.accessLevel === value ? ' checked' : ''}>
        <label for="edit-access-level-${i + 1}">${esc(label)}</label></div>`).join('');
  return appPage(app, 'permissions', `
    <form id="twitter-apps-permissions-form" method="post" action="/app/${app.id}/permissions">
      <fieldset><legend>Access</legend><p>What type of access does your application need?</p>${radios}
        <p class="description">Changes to the application permission model will only reflect in access tokens obtained after the permission model change is saved.</p>
      </fieldset>
      <fieldset><legend>Additional Permissions</legend>
        <div class="form-item"><input type="checkbox" id="edit-request-email" name="request_email" value="1"${app.requestEmail ? ' checked' : ''}>
          <label for="edit-request-email">Request email addresses from users</label></div>
      </fieldset>
      <input type="submit" id="edit-submit" class="btn btn-primary" value="Update Settings">
    </form>`, notice);
}

/// The keys page padded with `n` unrelated elements, for the benchmark (`?pad=10000`).
function padded(html, n) {
  if (!(n > 0)) return html;
  const rows = Array.from({ length: Math.min(n, 50_000) / 5 }, (_, i) =>
    `<div class="tweet"><p class="text">Unrelated timeline item ${i}</p><a href="#t${i}">link</a><span>♥ ${i}</span><i></i></div>`).join('');
  return html.replace('</body>', `<section class="padding" aria-hidden="true">${rows}</section></body>`);
}

/// Answers one request for apps.twitter.com, or `null` for a page that does not exist.
export function handle(world, method, url, form) {
  const f = Object.fromEntries(new URLSearchParams(form));
  if (url.pathname === '/' && method === 'GET') return { body: appList(world) };
  if (url.pathname === '/app/new') {
    if (method === 'GET') return { body: createForm() };
    const errors = validate(world, f, null);
    if (!f.tos_agreement) errors.push('You must agree to the Developer Agreement.');
    if (errors.length) return { status: 400, body: createForm(f, errors) };
    const app = legacyApp(digits(8), f.name.trim(), {
      description: f.description.trim(), website: f.url.trim(), callbackUrl: (f.callback_url ?? '').trim(),
    });
    world.twitterApps.push(app);
    return { redirect: appUrl(app) };
  }
  const m = url.pathname.match(/^\/app\/(\d+)(?:\/(show|keys|settings|permissions))?(?:\/(regenerate|token))?\/?$/);
  const app = m && world.twitterApps.find((a) => a.id === m[1]);
  if (!app) return null;
  const [, , tab = 'show', action] = m;
  const notice = { updated: 'The application settings have been updated.', regenerated: 'Your consumer key and secret have been regenerated.' }[url.searchParams.get('done')] ?? '';
  if (method === 'GET') {
    if (action === 'regenerate' && tab === 'keys') return { body: regenerateConfirm(app) };
    if (action) return null;
    return { body: { show: detailsPage, settings: (a) => settingsPage(a, null, [], notice), keys: (a) => padded(keysPage(a, notice), Number(url.searchParams.get('pad') ?? 0)), permissions: (a) => permissionsPage(a, notice) }[tab](app) };
  }
  if (tab === 'keys' && action === 'regenerate') {
    Object.assign(app, consumerPair());
    return { redirect: `${keysUrl(app)}?done=regenerated` };
  }
  if (tab === 'keys' && action === 'token') {
    app.token = (f.op ?? '').startsWith('Revoke') ? null : accessToken(app.ownerId);
    return { redirect: keysUrl(app) };
  }
  if (tab === 'settings' && !action) {
    const values = { ...f, signin: Boolean(f.signin_with_twitter), locking: Boolean(f.callback_locking) };
    const errors = validate(world, f, app);
    if (errors.length) return { status: 400, body: settingsPage(app, values, errors, '') };
    Object.assign(app, { name: f.name.trim(), description: f.description.trim(), website: f.url.trim(),
      callbackUrl: (f.callback_url ?? '').trim(), signInWithTwitter: values.signin, callbackLocking: values.locking });
    return { redirect: `${appUrl(app, 'settings')}?done=updated` };
  }
  if (tab === 'permissions' && !action) {
    if (ACCESS_LEVELS.some(([v]) => v === f.access_level)) app.accessLevel = f.access_level;
    app.requestEmail = Boolean(f.request_email);
    return { redirect: `${appUrl(app, 'permissions')}?done=updated` };
  }
  return null;
}
