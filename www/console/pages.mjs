// The X Developer Console (console.x.com, 2025 onward), after real-pages.md §2b. [V]: the paths
// /accounts/<19-digit account id>/apps[/<app id>], the one-time "Application Created Successfully" dialog
// (Consumer Key, Secret Key, Bearer Token, each with Copy), the Consumer Key masked even after "Show".
// [I]: all markup, the section names on the app page, the /auth-settings path of the user authentication
// form, the plain-text Client ID, the dialog after the first save of user authentication, and every message.
// Shares the portal's look, page script, one-time dialog, regeneration and form checks.
import { consoleApp, digits } from '../world.mjs';
import { esc } from '../twitter-legacy/pages.mjs';
import { APP_TYPES, PERMISSIONS, readUserAuth, regenerate, revealDialog, revealOf, userAuthValues } from '../portal/pages.mjs';

const appsPath = (world) => `/accounts/${world.console.accountId}/apps`;
const appPath = (world, app) => `${appsPath(world)}/${app.id}`;
export const consoleAppsUrl = (world) => `https://console.x.com${appsPath(world)}`;
export const consoleAppUrl = (world, app) => `https://console.x.com${appPath(world, app)}`;
export const consoleAuthSettingsUrl = (world, app) => `${consoleAppUrl(world, app)}/auth-settings`;

/// The console's names for the values it shows once ([V] for creation; [I] for the others).
const REVEALS = {
  created: ['Application Created Successfully', 'Consumer Key', 'Secret Key', 'Bearer Token'],
  consumer: ['Consumer Key and Secret Key', 'Consumer Key', 'Secret Key'],
  bearer: ['Bearer Token', 'Bearer Token'],
  oauth2: ['OAuth 2.0 Client ID and Client Secret', 'Client ID', 'Client Secret'],
};
/// The dialog's close button [I]: a plain GET of the same page, where the values are gone.
const DONE = '<form method="get" class="dialog-actions"><button type="submit" class="btn btn-primary">Done</button></form>';
const MASK = '•'.repeat(24);

function page(title, content) {
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>${esc(title)} | X Developer Console</title>
<link rel="stylesheet" href="/__replica/portal.css"><link rel="stylesheet" href="/__replica/console.css">
<script src="/__replica/portal.js" defer></script></head>
<body class="x-console">
<header class="portal-header"><a class="logo" href="/">X Developer Console</a>
  <nav aria-label="Console"><a href="/">Apps</a><a href="/">Usage</a><a href="/">Billing</a></nav></header>
<main class="portal-main">${content}</main>
</body></html>`;
}

const alert = (errors) => (errors.length
  ? `<div class="alert" role="alert"><ul>${errors.map((e) => `<li>${esc(e)}</li>`).join('')}</ul></div>` : '');

function appsPage(world, errors = []) {
  const apps = world.console.apps.map((a) => `<li><a href="${appPath(world, a)}">${esc(a.name)}</a> <span class="hint">App ID ${esc(a.id)}</span></li>`).join('');
  return page('Apps', `<h1>Apps</h1>
  <section class="card" aria-labelledby="apps-title"><h2 id="apps-title">Your apps</h2><ul class="apps">${apps}</ul></section>
  <form class="card" method="post" action="${appsPath(world)}" aria-labelledby="create-title">
    <h2 id="create-title">Create App</h2>${alert(errors)}
    <div class="field"><label for="app-name">App name</label><input type="text" id="app-name" name="name" maxlength="32"></div>
    <button type="submit" class="btn btn-primary">Create App</button>
  </form>`);
}

const pair = (label, value) => `<dt>${esc(label)}</dt><dd>${esc(value)}</dd>`;
const postButton = (action, which, label, what) => `<form method="post" action="${action}" class="inline">
      <input type="hidden" name="which" value="${which}"><button type="submit" class="btn" aria-label="${label} ${what}">${label}</button></form>`;

function appPage(world, app) {
  const reveal = app.reveal;
  app.reveal = null; // shown once
  const ua = app.userAuth;
  const regen = `${appPath(world, app)}/keys/regenerate`;
  const settings = `${appPath(world, app)}/auth-settings`;
  return page(app.name, `
  <p class="crumbs"><a href="${appsPath(world)}">Apps</a> / ${esc(app.name)}</p>
  <h1>${esc(app.name)}</h1>
  <section class="card" aria-labelledby="keys-title"><h2 id="keys-title">Keys and tokens</h2>
    <div class="key-card"><h3>Consumer Key</h3>
      <div class="secret-row"><p class="secret-label">Consumer Key</p><p class="secret-value masked">${MASK}</p>
        <button type="button" class="btn btn-link" data-show aria-pressed="false">Show</button></div>
      <p class="hint">For security, the Consumer Key and Secret Key are shown only once. Regenerate them to see new ones.</p>
      ${postButton(regen, 'consumer', 'Regenerate', 'Consumer Key and Secret Key')}</div>
    <div class="key-card"><h3>Bearer Token</h3><p class="hint">${app.bearer ? 'Generated. For security, it is shown only once.' : 'Not generated yet.'}</p>
      ${postButton(regen, 'bearer', app.bearer ? 'Regenerate' : 'Generate', 'Bearer Token')}</div>
  </section>
  <section class="card" aria-labelledby="oauth2-title"><h2 id="oauth2-title">OAuth 2.0 Client ID and Client Secret</h2>
    ${ua ? `<div class="key-card"><div class="client-id"><p class="secret-label">Client ID</p><p class="secret-value" id="client-id">${esc(app.oauth2.clientId)}</p>
      <button type="button" class="copy" data-copy="client-id" aria-label="Copy Client ID">Copy</button></div>
      <h3>Client Secret</h3><p class="hint">Shown only once. Regenerate it to see a new one.</p>
      ${postButton(regen, 'oauth2', 'Regenerate', 'Client Secret')}</div>`
    : `<p>Set up user authentication first: your OAuth 2.0 Client ID and Client Secret are made when you save the user authentication settings.</p>`}
  </section>
  <section class="card" aria-labelledby="ua-title"><h2 id="ua-title">User authentication settings</h2>
    <dl class="summary">${pair('User authentication', ua ? 'Set up' : 'Not set up')}${ua ? `${pair('App permissions', PERMISSIONS[ua.permissions])}
      ${pair('Type of App', APP_TYPES[ua.appType])}${pair('Callback URI / Redirect URL', ua.callbackUrls.join(', '))}${pair('Website URL', ua.websiteUrl)}` : ''}</dl>
    <a class="btn${ua ? '' : ' btn-primary'}" href="${settings}">${ua ? 'Edit' : 'Set up'}</a>
  </section>
  ${reveal ? revealDialog(reveal, DONE) : ''}`);
}

function authSettingsPage(world, app, values, errors = []) {
  const v = values ?? userAuthValues(app.userAuth);
  const callbacks = [...v.callback_url, '', ''].slice(0, Math.max(2, v.callback_url.length));
  const radio = (name, value, label) => `<div class="choice"><input type="radio" id="${name}-${value}" name="${name}" value="${value}"${v[name] === value ? ' checked' : ''}>
      <label for="${name}-${value}">${esc(label)}</label></div>`;
  const text = (id, name, label, value) => `<div class="field"><label for="${id}">${esc(label)}</label>
        <input type="text" id="${id}" name="${name}" value="${esc(value)}"></div>`;
  return page(`User authentication settings · ${app.name}`, `
  <p class="crumbs"><a href="${appsPath(world)}">Apps</a> / <a href="${appPath(world, app)}">${esc(app.name)}</a></p>
  <form class="card" method="post" action="${appPath(world, app)}/auth-settings" aria-labelledby="ua-title">
    <h1 id="ua-title">User authentication settings</h1>
    ${alert(errors)}
    <fieldset><legend>App permissions</legend>
      ${radio('permissions', 'read', 'Read')}${radio('permissions', 'read-write', 'Read and write')}${radio('permissions', 'read-write-dm', 'Read and write and Direct message')}
    </fieldset>
    <fieldset><legend>Type of App</legend>
      ${radio('app_type', 'native', 'Native App (public client)')}${radio('app_type', 'web', 'Web App, Automated App or Bot (confidential client)')}
    </fieldset>
    <fieldset><legend>App info</legend>
      ${callbacks.map((u, i) => text(`callback-${i}`, 'callback_url', 'Callback URI / Redirect URL', u)).join('')}
      <p class="help">Required. Up to 10 URLs, matched exactly.</p>
      ${text('website-url', 'website_url', 'Website URL', v.website_url)}
      ${text('organization-name', 'organization_name', 'Organization name', v.organization_name)}
    </fieldset>
    <button type="submit" class="btn btn-primary">Save</button> <a class="btn" href="${appPath(world, app)}">Cancel</a>
  </form>`);
}

/// Answers one request for console.x.com, or `null` for a page that does not exist.
export function handle(world, method, url, form) {
  if (url.pathname === '/' && method === 'GET') return { redirect: consoleAppsUrl(world) };
  const m = url.pathname.match(/^\/accounts\/(\d{19})\/apps(?:\/(\d+)(?:\/(auth-settings|keys\/regenerate))?)?\/?$/);
  if (!m || m[1] !== world.console.accountId) return null;
  const params = new URLSearchParams(form);
  if (!m[2]) {
    if (method === 'GET') return { body: appsPage(world) };
    const name = (params.get('name') ?? '').trim();
    if (!name || name.length > 32) return { status: 400, body: appsPage(world, ['App name is required, 32 characters at most.']) };
    const app = consoleApp(digits(19), name);
    app.reveal = revealOf(app, 'created', REVEALS);
    world.console.apps.push(app);
    return { redirect: consoleAppUrl(world, app) };
  }
  const app = world.console.apps.find((a) => a.id === m[2]);
  if (!app) return null;
  const view = m[3];
  if (method === 'GET') {
    if (!view) return { body: appPage(world, app) };
    if (view === 'auth-settings') return { body: authSettingsPage(world, app, null) };
    return null;
  }
  if (view === 'keys/regenerate') {
    regenerate(app, params.get('which'), REVEALS);
    return { redirect: consoleAppUrl(world, app) };
  }
  if (view === 'auth-settings') {
    const { values, errors, settings } = readUserAuth(form);
    if (errors.length) return { status: 400, body: authSettingsPage(world, app, values, errors) };
    // The OAuth 2.0 pair is shown once, after the first save [I].
    if (!app.userAuth) app.reveal = revealOf(app, 'oauth2', REVEALS);
    app.userAuth = settings;
    return { redirect: consoleAppUrl(world, app) };
  }
  return null;
}
