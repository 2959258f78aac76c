// The Auth0 dashboard (manage.auth0.com): a React single-page app (www/auth0/app.js) behind one HTML shell,
// the JSON calls the app makes (shaped like the Management API, real-pages.md §5), and the page "Try" ends on.
import { randomBytes } from 'node:crypto';

import { handleTester, tryUrl } from '../signin.mjs';
import { alnum, tenantDomain } from '../world.mjs';

const tenantPath = (t) => `/dashboard/${t.region}/${t.name}`;

export const settingsUrl = (t) => `https://manage.auth0.com${tenantPath(t)}/connections/social/${t.connection.id}/settings`;
export const applicationsUrl = (t) => `https://manage.auth0.com${tenantPath(t)}/connections/social/${t.connection.id}/applications`;
export const socialListUrl = (t) => `https://manage.auth0.com${tenantPath(t)}/connections/social`;
/// The Create Connection catalogue, or with `provider` (lowercase, e.g. 'twitter') that provider's setup page.
export const createUrl = (t, provider) => `${socialListUrl(t)}/create${provider ? `/${provider}/setup` : ''}`;
export const SEED_SETTINGS_URL = 'https://manage.auth0.com/#/connections/social/twitter/settings';
export const SEED_CLIENTS_URL = 'https://manage.auth0.com/#/connections/social/twitter/clients';
export const SEED_SOCIAL_URL = 'https://manage.auth0.com/#/connections/social';

const SHELL = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Auth0 Dashboard</title><link rel="stylesheet" href="/__replica/auth0.css"></head>
<body>
<div id="root"><div class="spinner" role="progressbar" aria-label="Loading"></div></div>
<script src="/__replica/react.production.min.js"></script>
<script src="/__replica/react-dom.production.min.js"></script>
<script src="/__replica/auth0-app.js"></script>
</body></html>`;

function connectionJson(t) {
  const c = t.connection;
  return { id: c.id, name: c.name ?? 'twitter', strategy: 'twitter',
    options: { client_id: c.clientId, client_secret: c.clientSecret, protocol: c.protocol } };
}

const otherJson = (o) => ({ id: o.id, name: o.name, strategy: o.strategy, options: { client_id: o.clientId, client_secret: o.clientSecret } });

/// POST /api/v2/connections: a Twitter connection made now speaks OAuth 2.0 (real-pages.md §2c) and replaces
/// the tenant's Twitter connection's credentials; any other provider's is made, or updated, in `otherConnections`.
function createConnection(t, { name, strategy, options = {} } = {}) {
  const fields = { name: String(name || strategy), clientId: String(options.client_id ?? ''), clientSecret: String(options.client_secret ?? '') };
  if (strategy === 'twitter') {
    Object.assign(t.connection, fields, { protocol: 'oauth2', created: true });
    return connectionJson(t);
  }
  let other = t.otherConnections.find((o) => o.strategy === strategy);
  if (!other) t.otherConnections.push(other = { id: `con_${alnum(16)}`, strategy });
  return otherJson(Object.assign(other, fields));
}

const json = (value) => ({ type: 'application/json', body: JSON.stringify(value) });

/// Answers one request for manage.auth0.com, or `null` for a page that does not exist.
export function handle(world, method, url, form) {
  const t = world.tenant;
  const c = t.connection;
  const conn = `/api/v2/connections/${c.id}`;
  const body = () => JSON.parse(form || 'null');
  switch (url.pathname) {
    case '/api/v2/replica/bootstrap':
      return json({ tenant: { name: t.name, region: t.region, domain: tenantDomain(t) },
        otherTenants: (t.otherTenants ?? []).map((o) => ({ ...o, domain: tenantDomain(o) })), connection: { id: c.id, provider: c.provider ?? 'Twitter', protocol: c.protocol },
        tryUrl: tryUrl(world), fieldLabels: t.fieldLabels ?? null, createHelp: t.createHelp, protocolUi: t.protocolUi,
        seedDialog: Boolean(t.seedDialog), csrf: randomBytes(8).toString('hex') });
    case '/api/v2/connections':
      if (method === 'POST') {
        const request = body();
        if (!/^[a-z0-9-]{1,32}$/.test(request?.strategy ?? '')) return { status: 400, ...json({ error: 'invalid strategy' }) };
        return { status: 201, ...json(createConnection(t, request)) };
      }
      return json([connectionJson(t), ...t.otherConnections.map(otherJson)]);
    case conn:
      if (method === 'PATCH') {
        const options = body()?.options ?? {};
        c.clientId = String(options.client_id ?? '');
        c.clientSecret = String(options.client_secret ?? '');
        if (['oauth1', 'oauth2'].includes(options.protocol)) c.protocol = options.protocol;
      }
      return { ...json(connectionJson(t)), delayMs: t.loadDelayMs ?? 0 };
    case `${conn}/clients`:
      if (method === 'PATCH') {
        for (const { client_id: id, status } of body() ?? []) {
          c.enabledClients = c.enabledClients.filter((x) => x !== id);
          if (status && t.clients.some((x) => x.id === id)) c.enabledClients.push(id);
        }
      }
      return json(t.clients.map((x) => ({ client_id: x.id, name: x.name, type: x.type, status: c.enabledClients.includes(x.id) })));
    case '/tester/callback':
      return handleTester(world, url);
    default:
  }
  if (method === 'GET' && (url.pathname === '/' || url.pathname.startsWith('/dashboard/'))) {
    // The hostile setting (security tests): a recording page script, and a lookalike form in an iframe.
    if (t.hostile) {
      const body = SHELL.replace('<script src="/__replica/react', '<script src="/__replica/recorder.js"></script>\n<script src="/__replica/react')
        .replace('</body>', '<iframe title="Help" src="https://manage-auth0.evil.test/__evil/form" width="600" height="260"></iframe>\n</body>');
      return { body, frameSrc: 'https://manage-auth0.evil.test' };
    }
    return { body: SHELL };
  }
  return null;
}
