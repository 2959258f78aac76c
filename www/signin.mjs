// The sign-in path that "Try" opens: the tenant's /authorize → Twitter's authorize page → the tenant's
// /login/callback → the dashboard's "It works!" page; or, as the real systems would, an error page naming
// what is wrong. Twitter's error texts follow its public error codes (32, 415, 416); Auth0's error page
// layout and the "Sign in with Twitter not allowed" page are [I].
import { randomBytes } from 'node:crypto';

import { allApps, approvedCallbacks, signInAllowed, tenantDomain } from './world.mjs';
import { esc } from './twitter-legacy/pages.mjs';

const token = () => randomBytes(16).toString('hex');

export const tryUrl = (world) => {
  const t = world.tenant;
  const q = new URLSearchParams({ response_type: 'code', client_id: t.globalClientId, connection: 'twitter',
    redirect_uri: 'https://manage.auth0.com/tester/callback?connection=twitter', scope: 'openid profile' });
  return `https://${tenantDomain(t)}/authorize?${q}`;
};

function auth0Error(title, description, step) {
  return { status: 400, body: `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Error</title>
<link rel="stylesheet" href="/__replica/auth0.css"></head><body class="auth0-error">
<main class="error-card"><h1>Oops!, something went wrong</h1>
<p class="error-code" data-error="${esc(title)}">${esc(title)}</p><p class="error-description">${esc(description)}</p>
${step ? `<p class="error-hint">${esc(step)}</p>` : ''}
<p class="tracking">TRACKING ID: ${token().slice(0, 24)}</p></main></body></html>` };
}

function twitterPage(title, content, status = 200) {
  return { status, body: `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<link rel="stylesheet" href="/__replica/twitter.css"></head><body class="oauth">
<div id="gaz-header"><span class="brand">Twitter</span></div><div id="gaz-content-body" class="content">${content}</div></body></html>` };
}

/// The tenant's domain: /authorize and /login/callback.
export function handleTenant(world, method, url) {
  const t = world.tenant;
  const c = t.connection;
  if (url.pathname === '/authorize' && method === 'GET') {
    const clientId = url.searchParams.get('client_id');
    if (url.searchParams.get('connection') !== 'twitter') return auth0Error('invalid_request', 'Unknown connection.');
    const client = t.clients.find((x) => x.id === clientId);
    if (clientId !== t.globalClientId && !client) return auth0Error('invalid_request', `Unknown client: ${clientId}`);
    if (client && !c.enabledClients.includes(client.id)) {
      return auth0Error('invalid_request', `the connection is not enabled for the application ${client.name}`,
        'Enable the Twitter connection for this application (Applications tab), then Save.');
    }
    // Auth0 asks Twitter for a request token, signed with the connection's consumer key and secret.
    const app = allApps(world).find((a) => a.consumerKey === c.clientId);
    if (!app || app.consumerSecret !== c.clientSecret) {
      return auth0Error('invalid_request', 'Twitter: Could not authenticate you. (code 32)',
        'Check the Consumer Key and Consumer Secret of the Twitter connection.');
    }
    if (app.suspended) return auth0Error('invalid_request', 'Twitter: This application has been suspended. (code 416)');
    const callback = `https://${tenantDomain(t)}/login/callback`;
    if (!approvedCallbacks(app).includes(callback)) {
      return auth0Error('invalid_request',
        'Twitter: Callback URL not approved for this client application. Approved callback URLs can be adjusted in your application settings (code 415)',
        `Add ${callback} to the Twitter app's callback URLs.`);
    }
    const oauthToken = token();
    world.requests.set(oauthToken, { appId: app.id, redirectUri: url.searchParams.get('redirect_uri'), state: url.searchParams.get('state') ?? '' });
    return { redirect: `https://api.twitter.com/oauth/authenticate?oauth_token=${oauthToken}` };
  }
  if (url.pathname === '/login/callback' && method === 'GET') {
    const denied = url.searchParams.get('denied');
    if (denied) {
      world.requests.delete(denied);
      return auth0Error('access_denied', 'User did not authorize the request');
    }
    const request = world.requests.get(url.searchParams.get('oauth_token') ?? '');
    if (!request || request.verifier !== url.searchParams.get('oauth_verifier')) {
      return auth0Error('invalid_request', 'Invalid or expired request token.');
    }
    world.requests.delete(url.searchParams.get('oauth_token'));
    const code = token();
    const app = allApps(world).find((a) => a.id === request.appId);
    world.requests.set(`code:${code}`, { profile: { user_id: `twitter|${app.ownerId}`, nickname: app.owner, name: 'Acme Admin',
      picture: 'https://pbs.twimg.com/profile_images/default_profile_normal.png', identities: [{ provider: 'twitter', user_id: app.ownerId, connection: 'twitter', isSocial: true }] } });
    const target = new URL(request.redirectUri);
    target.searchParams.set('code', code);
    return { redirect: target.toString() };
  }
  return null;
}

/// api.twitter.com: the authorize page an admin sees during "Try".
export function handleTwitterApi(world, method, url, form) {
  if (url.pathname !== '/oauth/authenticate' && url.pathname !== '/oauth/authorize') return null;
  const params = method === 'POST' ? new URLSearchParams(form) : url.searchParams;
  const oauthToken = params.get('oauth_token') ?? '';
  const request = world.requests.get(oauthToken);
  if (!request) {
    return twitterPage('Twitter / Error', '<h1>Whoa there!</h1><p>There is no request token for this page. That\'s the special key we need from applications asking to use your Twitter account.</p>', 403);
  }
  const app = allApps(world).find((a) => a.id === request.appId);
  if (!signInAllowed(app)) {
    return twitterPage('Twitter / Error', `<h1>Whoa there!</h1><p class="error" data-error="sign-in-not-allowed">${esc(app.name)} is not allowed to use Sign in with Twitter.</p>
      <p>The application's owner must allow it to be used to Sign in with Twitter in the application's settings.</p>`, 403);
  }
  const callback = `https://${tenantDomain(world.tenant)}/login/callback`;
  if (method === 'POST') {
    if (params.get('cancel')) return { redirect: `${callback}?denied=${oauthToken}` };
    request.verifier = token();
    return { redirect: `${callback}?oauth_token=${oauthToken}&oauth_verifier=${request.verifier}` };
  }
  return twitterPage('Twitter / Authorize an application', `
    <h1>Authorize ${esc(app.name)} to use your account?</h1>
    <p>This application will be able to: read Tweets from your timeline; see who you follow.</p>
    <form id="oauth_form" method="post" action="/oauth/authenticate">
      <input type="hidden" name="oauth_token" value="${esc(oauthToken)}">
      <input type="submit" id="allow" class="btn btn-primary" name="allow" value="Authorize app">
      <input type="submit" id="cancel" class="btn" name="cancel" value="Cancel">
    </form>
    <p>Signed in as @${esc(app.owner)}</p>`);
}

/// manage.auth0.com/tester/callback: the page "Try" ends on.
export function handleTester(world, url) {
  const entry = world.requests.get(`code:${url.searchParams.get('code') ?? ''}`);
  if (!entry) return auth0Error('invalid_request', 'Invalid authorization code.');
  world.lastSignIn = { connection: url.searchParams.get('connection'), at: Date.now() };
  return { body: `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>It works!</title>
<link rel="stylesheet" href="/__replica/auth0.css"></head><body class="auth0-tester">
<main class="content"><h1>It works!</h1><p>Congratulations! The <strong>twitter</strong> connection of <strong>${esc(world.tenant.name)}</strong> is configured correctly. This is the profile it returned:</p>
<pre class="profile">${esc(JSON.stringify(entry.profile, null, 2))}</pre></main></body></html>` };
}
