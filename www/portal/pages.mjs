// The X developer portal (developer.x.com, and the same paths on developer.twitter.com), after
// real-pages.md §2. Since 2021 keys are shown once, in a dialog after Generate/Regenerate; otherwise only
// hints. The dialog markup, the hint wording and the confirm step are [I]: no public source shows them.
import { accessToken, bearerToken, consumerPair, oauth2Client } from '../world.mjs';
import { esc } from '../twitter-legacy/pages.mjs';

export const PORTAL_HOSTS = ['developer.x.com', 'developer.twitter.com'];

const appBase = (world, app) => `/en/portal/projects/${world.portal.projectId}/apps/${app.id}`;
export const portalKeysUrl = (world, app, host = 'developer.x.com') => `https://${host}${appBase(world, app)}/keys`;
export const portalSettingsUrl = (world, app, host = 'developer.x.com') => `https://${host}${appBase(world, app)}/settings`;

function page(title, content) {
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>${esc(title)} | Developer Portal</title>
<link rel="stylesheet" href="/__replica/portal.css"><script src="/__replica/portal.js" defer></script></head>
<body>
<header class="portal-header"><a class="logo" href="/en/portal/dashboard">Developer Portal</a>
  <nav aria-label="Portal"><a href="/en/portal/dashboard">Dashboard</a><a href="/en/portal/projects-and-apps">Projects &amp; Apps</a></nav></header>
<main class="portal-main">${content}</main>
</body></html>`;
}

function appPage(world, app, active, content) {
  const tab = (slug, label) => `<a href="${appBase(world, app)}/${slug}" class="${slug === active ? 'active' : ''}"${slug === active ? ' aria-current="page"' : ''}>${label}</a>`;
  return page(app.name, `
  <p class="crumbs"><a href="/en/portal/projects-and-apps">Projects &amp; Apps</a> / ${esc(world.portal.projectName)} / ${esc(app.name)}</p>
  <h1>${esc(app.name)}</h1>
  <nav class="app-tabs" aria-label="App">${tab('settings', 'Settings')}${tab('keys', 'Keys and tokens')}</nav>
  ${content}`);
}

function projectsPage(world) {
  const apps = world.portal.apps.map((a) => `<li><a href="${appBase(world, a)}/settings">${esc(a.name)}</a>
    <a class="icon-link" href="${appBase(world, a)}/keys" aria-label="Keys and tokens of ${esc(a.name)}">🔑</a></li>`).join('');
  return page('Projects & Apps', `<h1>Projects &amp; Apps</h1>
  <section class="card"><h2>${esc(world.portal.projectName)}</h2><p>Project ID ${esc(world.portal.projectId)}</p><ul class="apps">${apps}</ul></section>`);
}

/// The one-time dialog: each value with a copy button; shown once, then gone. Shared with the console,
/// which closes it with its own button.
export function revealDialog(reveal, close = '<a class="btn" href="?">Yes, I saved them</a>') {
  const rows = reveal.rows.map(([label, value], i) => `
      <div class="secret-row"><p class="secret-label" id="label-${i}">${esc(label)}</p>
        <p class="secret-value" id="value-${i}">${esc(value)}</p>
        <button type="button" class="copy" data-copy="value-${i}" aria-label="Copy ${esc(label)}">Copy</button></div>`).join('');
  return `<div class="backdrop"><div class="dialog" role="dialog" aria-modal="true" aria-labelledby="reveal-title">
    <h2 id="reveal-title">${esc(reveal.title)}</h2>
    <p class="warning">For security, this will be the last time we'll fully display these. If they are lost, you will need to regenerate them.</p>
    ${rows}
    ${close}</div></div>`;
}

const CONFIRMS = {
  consumer: ['Regenerate API Key and Secret?', 'Your current API Key and Secret will stop working immediately.'],
  oauth2: ['Regenerate Client Secret?', 'Your current OAuth 2.0 Client Secret will stop working immediately.'],
  bearer: ['Regenerate Bearer Token?', 'Your current Bearer Token will stop working immediately.'],
  token: ['Regenerate Access Token and Secret?', 'Your current Access Token and Secret will stop working immediately.'],
};

function confirmDialog(which) {
  const [title, text] = CONFIRMS[which];
  return `<div class="backdrop"><div class="dialog" role="dialog" aria-modal="true" aria-labelledby="confirm-title">
    <h2 id="confirm-title">${esc(title)}</h2><p>${esc(text)}</p>
    <form method="post" action="keys/regenerate"><input type="hidden" name="which" value="${which}">
      <button type="submit" class="btn btn-danger">Yes, regenerate</button> <a class="btn" href="?">Cancel</a></form></div></div>`;
}

function keysPage(world, app, url) {
  const which = url.searchParams.get('confirm');
  const hint = url.searchParams.get('hint') === 'consumer';
  const reveal = app.reveal;
  app.reveal = null; // shown once
  const generate = (kind, has) => `<a class="btn" href="?confirm=${kind}">${has ? 'Regenerate' : 'Generate'}</a>`;
  return appPage(world, app, 'keys', `
  <section class="card"><h2>Consumer Keys</h2>
    <div class="key-card"><h3>API Key and Secret</h3>
      <p class="hint">${hint ? `API Key hint: <code>${esc(app.consumerKey.slice(0, 5))}••••••••</code>` : 'For security, we only display your API Key and Secret once.'}</p>
      ${generate('consumer', true)} <a class="btn btn-link" href="?hint=consumer">Reveal API Key hint</a></div>
  </section>
  <section class="card"><h2>Authentication Tokens</h2>
    <div class="key-card"><h3>Bearer Token</h3><p class="hint">Generated. For security, it is displayed only once.</p>${generate('bearer', true)}</div>
    <div class="key-card"><h3>Access Token and Secret</h3>
      <p class="hint">${app.token ? `For @${esc(app.owner)}. Created with Read and Write permissions` : 'Not generated yet.'}</p>${generate('token', Boolean(app.token))}</div>
  </section>
  <section class="card"><h2>OAuth 2.0 Client ID and Client Secret</h2>
    <div class="key-card"><div class="client-id"><p class="secret-label">Client ID</p><p class="secret-value" id="client-id">${esc(app.oauth2.clientId)}</p>
      <button type="button" class="copy" data-copy="client-id" aria-label="Copy Client ID">Copy</button></div>
      <p class="hint">Client Secret: displayed only once.</p>${generate('oauth2', true)}</div>
  </section>
  ${which && CONFIRMS[which] ? confirmDialog(which) : ''}${reveal ? revealDialog(reveal) : ''}`);
}

function settingsPage(world, app) {
  const ua = app.userAuth;
  return appPage(world, app, 'settings', `
  <section class="card"><h2>App details</h2><p>App ID ${esc(app.id)}</p></section>
  <section class="card"><h2>User authentication settings</h2>
    ${ua ? `<div class="setting"><p class="setting-label">User authentication</p><p>OAuth 1.0a and OAuth 2.0 turned on</p></div>
      <div class="setting"><p class="setting-label">App permissions</p><p>${esc(PERMISSIONS[ua.permissions])}</p></div>
      <div class="setting"><p class="setting-label">Type of App</p><p>${esc(APP_TYPES[ua.appType])}</p></div>
      <div class="setting"><p class="setting-label">Callback URI / Redirect URL</p><p>${esc(ua.callbackUrls.join(', '))}</p></div>
      <div class="setting"><p class="setting-label">Website URL</p><p>${esc(ua.websiteUrl)}</p></div>
      <a class="btn" href="${appBase(world, app)}/auth-settings">Edit</a>`
    : `<div class="setting"><p class="setting-label">User authentication</p><p>Not set up</p></div>
      <p>Set up user authentication to use Sign in with Twitter / X.</p>
      <a class="btn btn-primary" href="${appBase(world, app)}/auth-settings">Set up</a>`}
  </section>`);
}

export const PERMISSIONS = { read: 'Read', 'read-write': 'Read and write', 'read-write-dm': 'Read and write and Direct message' };
export const APP_TYPES = { native: 'Native App', web: 'Web App, Automated App or Bot' };

const isHttpsUrl = (s) => { try { return new URL(s).protocol === 'https:'; } catch { return false; } };

/// The user authentication form's values from the saved settings (or blanks), as the form's fields name them.
export const userAuthValues = (ua) => ({ permissions: ua?.permissions ?? 'read', app_type: ua?.appType ?? '',
  callback_url: ua?.callbackUrls ?? [''], website_url: ua?.websiteUrl ?? '', organization_name: ua?.organizationName ?? '' });

function authSettingsPage(world, app, values, errors = []) {
  const v = values ?? userAuthValues(app.userAuth);
  const callbacks = [...v.callback_url, '', ''].slice(0, Math.max(2, v.callback_url.length));
  const radio = (name, value, label, help) => `<div class="choice"><input type="radio" id="${name}-${value}" name="${name}" value="${value}"${v[name] === value ? ' checked' : ''}>
      <label for="${name}-${value}">${esc(label)}</label>${help ? `<p class="help">${esc(help)}</p>` : ''}</div>`;
  return appPage(world, app, 'settings', `
  <form class="card" method="post" action="${appBase(world, app)}/auth-settings" aria-labelledby="ua-title">
    <h2 id="ua-title">User authentication settings</h2>
    ${errors.length ? `<div class="alert" role="alert"><ul>${errors.map((e) => `<li>${esc(e)}</li>`).join('')}</ul></div>` : ''}
    <fieldset><legend>App permissions</legend>
      ${radio('permissions', 'read', 'Read', 'Read Posts and profile information')}
      ${radio('permissions', 'read-write', 'Read and write', 'Read and Post Posts and profile information')}
      ${radio('permissions', 'read-write-dm', 'Read and write and Direct message', 'Read Posts and profile information, read and post Direct messages')}
      <div class="choice"><input type="checkbox" id="request-email" name="request_email" value="1"><label for="request-email">Request email from users</label></div>
    </fieldset>
    <fieldset><legend>Type of App</legend>
      ${radio('app_type', 'native', 'Native App', 'Public client')}
      ${radio('app_type', 'web', 'Web App, Automated App or Bot', 'Confidential client')}
    </fieldset>
    <fieldset><legend>App info</legend>
      ${callbacks.map((u, i) => `<div class="field"><label for="callback-${i}">Callback URI / Redirect URL${i === 0 ? ' <span class="required">(required)</span>' : ''}</label>
        <input type="url" id="callback-${i}" name="callback_url" value="${esc(u)}" placeholder="https://"></div>`).join('')}
      <p class="help">Up to 10 URLs, matched exactly.</p>
      <div class="field"><label for="website-url">Website URL <span class="required">(required)</span></label>
        <input type="url" id="website-url" name="website_url" value="${esc(v.website_url)}" placeholder="https://"></div>
      <div class="field"><label for="organization-name">Organization name</label><input type="text" id="organization-name" name="organization_name" value="${esc(v.organization_name)}"></div>
      <div class="field"><label for="organization-url">Organization URL</label><input type="url" id="organization-url" name="organization_url"></div>
      <div class="field"><label for="terms-url">Terms of service</label><input type="url" id="terms-url" name="terms_url"></div>
      <div class="field"><label for="privacy-url">Privacy policy</label><input type="url" id="privacy-url" name="privacy_url"></div>
    </fieldset>
    <button type="submit" class="btn btn-primary">Save</button> <a class="btn" href="${appBase(world, app)}/settings">Cancel</a>
  </form>`);
}

/// What each kind of value is called in the one-time dialog: its title, then each row's label.
const PORTAL_REVEALS = {
  consumer: ['API Key and Secret', 'API Key', 'API Key Secret'],
  oauth2: ['OAuth 2.0 Client ID and Client Secret', 'Client ID', 'Client Secret'],
  bearer: ['Bearer Token', 'Bearer Token'],
  token: ['Access Token and Secret', 'Access Token', 'Access Token Secret'],
};

/// The one-time dialog of `which` value(s) of `app`, titled and labelled after `reveals`.
export function revealOf(app, which, reveals = PORTAL_REVEALS) {
  const values = { consumer: () => [app.consumerKey, app.consumerSecret], oauth2: () => [app.oauth2.clientId, app.oauth2.clientSecret],
    bearer: () => [app.bearer], token: () => [app.token.accessToken, app.token.accessTokenSecret],
    created: () => [app.consumerKey, app.consumerSecret, app.bearer] }[which]();
  const [title, ...labels] = reveals[which];
  return { title, rows: labels.map((label, i) => [label, values[i]]) };
}

/// Makes new values of `which` kind and shows them once.
export function regenerate(app, which, reveals = PORTAL_REVEALS) {
  const make = { consumer: () => Object.assign(app, consumerPair()), oauth2: () => { app.oauth2 = oauth2Client(); },
    bearer: () => { app.bearer = bearerToken(); }, token: () => { app.token = accessToken(app.ownerId); } }[which];
  if (!make || !reveals[which]) return;
  make();
  app.reveal = revealOf(app, which, reveals);
}

/// Reads the user authentication form as the real portal checks it (messages [I]): `{ values, errors }`,
/// and when there are no errors `settings`, the app's new `userAuth`.
export function readUserAuth(form) {
  const params = new URLSearchParams(form);
  const v = Object.fromEntries(params);
  v.callback_url = params.getAll('callback_url').map((s) => s.trim()).filter(Boolean);
  const errors = [];
  if (!['read', 'read-write', 'read-write-dm'].includes(v.permissions)) errors.push('Choose the app permissions.');
  if (!['native', 'web'].includes(v.app_type)) errors.push('Choose a type of app.');
  if (!v.callback_url.length) errors.push('Callback URI / Redirect URL is required.');
  if (v.callback_url.length > 10) errors.push('At most 10 callback URLs.');
  if (v.callback_url.some((u) => !isHttpsUrl(u) && !/^[a-z][a-z0-9+.-]*:\/\//.test(u))) errors.push('Callback URI / Redirect URL must be a valid URL.');
  if (!isHttpsUrl(v.website_url ?? '')) errors.push('Website URL must be a valid https URL.');
  const settings = errors.length ? null : { permissions: v.permissions, appType: v.app_type, callbackUrls: v.callback_url,
    websiteUrl: v.website_url, organizationName: v.organization_name ?? '' };
  return { values: v, errors, settings };
}

/// Answers one request for the developer portal, or `null` for a page that does not exist.
export function handle(world, method, url, form) {
  if (['/en/portal/dashboard', '/en/portal/projects-and-apps', '/'].includes(url.pathname) && method === 'GET') {
    return { body: projectsPage(world) };
  }
  const m = url.pathname.match(/^\/en\/portal\/projects\/(\d{19})\/apps\/(\d+)\/(keys|settings|auth-settings|keys\/regenerate)\/?$/);
  if (!m || m[1] !== world.portal.projectId) return null;
  const app = world.portal.apps.find((a) => a.id === m[2]);
  if (!app) return null;
  const view = m[3];
  const base = `https://${url.host}${appBase(world, app)}`;
  if (method === 'GET') {
    if (view === 'keys') return { body: keysPage(world, app, url) };
    if (view === 'settings') return { body: settingsPage(world, app) };
    if (view === 'auth-settings') return { body: authSettingsPage(world, app, null) };
    return null;
  }
  const params = new URLSearchParams(form);
  if (view === 'keys/regenerate') {
    regenerate(app, params.get('which'));
    return { redirect: `${base}/keys` };
  }
  if (view === 'auth-settings') {
    const { values, errors, settings } = readUserAuth(form);
    if (errors.length) return { status: 400, body: authSettingsPage(world, app, values, errors) };
    app.userAuth = settings;
    return { redirect: `${base}/settings` };
  }
  return null;
}
