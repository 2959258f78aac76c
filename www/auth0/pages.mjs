// The Auth0 dashboard (manage.auth0.com): a React single-page app (www/auth0/app.js) behind one HTML shell,
// and the small JSON API the app loads its data from and saves to (the dashboard's own calls [I]).
const tenantPath = (t) => `/dashboard/${t.region}/${t.name}`;

export const settingsUrl = (t) => `https://manage.auth0.com${tenantPath(t)}/connections/social/${t.connection.id}/settings`;

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
  return {
    id: c.id, name: 'twitter', strategy: 'twitter',
    options: { client_id: c.clientId, client_secret: c.clientSecret, protocol: 'oauth1' },
    enabled_clients: c.enabledClients,
  };
}

/// Answers one request for manage.auth0.com, or `null` for a page that does not exist.
export function handle(world, method, url, form) {
  const t = world.tenant;
  const api = `/api/v2/connections/${t.connection.id}`;
  if (url.pathname === api) {
    if (method === 'PATCH' || method === 'POST') {
      const { options } = JSON.parse(form || '{}');
      t.connection.clientId = String(options?.client_id ?? '');
      t.connection.clientSecret = String(options?.client_secret ?? '');
    }
    return { type: 'application/json', body: JSON.stringify(connectionJson(t)) };
  }
  if (url.pathname === '/api/v2/clients') {
    return { type: 'application/json', body: JSON.stringify(t.clients.map((c) => ({ client_id: c.id, name: c.name }))) };
  }
  if (url.pathname === '/' || url.pathname.startsWith(`${tenantPath(t)}/`) || url.pathname === tenantPath(t)) {
    return { body: SHELL };
  }
  return null;
}
