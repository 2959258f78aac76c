// The sign-in path that "Try" opens: the tenant's /authorize → Twitter's authorize page → the tenant's
// /login/callback → the dashboard's "It works!" page; or, as the real systems would, an error page naming
// what is wrong. Twitter's error texts follow its public error codes (32, 415, 416); Auth0's error page
// layout and the "Sign in with Twitter not allowed" page are [I].
// A connection whose protocol is 'oauth2' (real-pages.md §2c) goes through X's OAuth 2.0 authorize page
// (x.com/i/oauth2/authorize) instead, and the tenant exchanges the code with the connection's Client ID and
// Secret. X's generic error text is X's own; the "wants to access your X account" page layout, the
// exchange's error text on Auth0's page and its hint are [I].
import { createHash, randomBytes } from 'node:crypto';

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

function twitterPage(title, content, status = 200, brand = 'Twitter') {
  return { status, body: `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<link rel="stylesheet" href="/__replica/twitter.css"></head><body class="oauth">
<div id="gaz-header"><span class="brand">${brand}</span></div><div id="gaz-content-body" class="content">${content}</div></body></html>` };
}

const base64url = (buffer) => buffer.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/// The OAuth 2.0 leg of /authorize: straight to X's authorize page with the connection's Client ID (X, not
/// Auth0, finds out whether it is right), PKCE as X requires.
function authorizeOAuth2(world, url) {
  const t = world.tenant;
  const state = token();
  const verifier = base64url(randomBytes(32));
  world.requests.set(`oauth2:${state}`, { redirectUri: url.searchParams.get('redirect_uri'), state: url.searchParams.get('state') ?? '' });
  const query = Object.entries({ response_type: 'code', client_id: t.connection.clientId, redirect_uri: `https://${tenantDomain(t)}/login/callback`,
    scope: 'users.read tweet.read', state, code_challenge: base64url(createHash('sha256').update(verifier).digest()), code_challenge_method: 'S256' })
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
  return { redirect: `https://x.com/i/oauth2/authorize?${query}` };
}

/// The OAuth 2.0 leg of /login/callback: X sent back a code (or an error); Auth0 exchanges it, which fails
/// when the connection's secret is not the app's or the app is a public client (no secret allowed).
function callbackOAuth2(world, url, request) {
  world.requests.delete(`oauth2:${url.searchParams.get('state')}`);
  if (url.searchParams.get('error') === 'access_denied') return auth0Error('access_denied', 'User did not authorize the request');
  const grant = world.requests.get(`x-code:${url.searchParams.get('code') ?? ''}`);
  world.requests.delete(`x-code:${url.searchParams.get('code') ?? ''}`);
  const app = grant && allApps(world).find((a) => a.id === grant.appId);
  if (!app) return auth0Error('invalid_request', 'Invalid or expired authorization code.');
  const c = world.tenant.connection;
  if (c.clientId !== app.oauth2.clientId || c.clientSecret !== app.oauth2.clientSecret || app.userAuth?.appType !== 'web') {
    return auth0Error('invalid_request', 'X: Error obtaining the access token: unauthorized_client (Missing valid authorization header)',
      'Check the Client ID and Client Secret of the X connection, and that the X app is a Web App, Automated App or Bot (confidential client).');
  }
  return signedIn(world, request, app);
}

/// The end of a good sign-in: a code for the dashboard's tester, which shows the profile.
function signedIn(world, request, app) {
  const code = token();
  world.requests.set(`code:${code}`, { profile: { user_id: `twitter|${app.ownerId}`, nickname: app.owner, name: 'Acme Admin',
    picture: 'https://pbs.twimg.com/profile_images/default_profile_normal.png', identities: [{ provider: 'twitter', user_id: app.ownerId, connection: 'twitter', isSocial: true }] } });
  const target = new URL(request.redirectUri);
  target.searchParams.set('code', code);
  return { redirect: target.toString() };
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
    if (c.protocol === 'oauth2') return authorizeOAuth2(world, url);
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
    const oauth2 = world.requests.get(`oauth2:${url.searchParams.get('state') ?? ''}`);
    if (oauth2) return callbackOAuth2(world, url, oauth2);
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
    return signedIn(world, request, allApps(world).find((a) => a.id === request.appId));
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

/// x.com (and twitter.com): X's OAuth 2.0 authorize page. The app is found by its OAuth 2.0 Client ID; it
/// must have user authentication set up and approve the redirect URI exactly, else X's generic error.
export function handleX(world, method, url, form) {
  if (url.pathname !== '/i/oauth2/authorize') return null;
  const params = method === 'POST' ? new URLSearchParams(form) : url.searchParams;
  const clientId = params.get('client_id') ?? '';
  const redirectUri = params.get('redirect_uri') ?? '';
  const app = clientId && allApps(world).find((a) => a.oauth2?.clientId === clientId);
  if (!app || !signInAllowed(app) || !approvedCallbacks(app).includes(redirectUri) || params.get('response_type') !== 'code'
    || params.get('code_challenge_method') !== 'S256' || !params.get('code_challenge')) {
    return twitterPage('X / Error', `<h1>Something went wrong</h1>
      <p class="error" data-error="oauth2-authorize">You weren't able to give access to the App. Go back and try logging in again.</p>`, 400, 'X');
  }
  const back = (query) => ({ redirect: `${redirectUri}?${new URLSearchParams({ ...query, state: params.get('state') ?? '' })}` });
  if (method === 'POST') {
    if (params.get('cancel')) return back({ error: 'access_denied' });
    const code = token();
    world.requests.set(`x-code:${code}`, { appId: app.id });
    return back({ code });
  }
  const hidden = ['response_type', 'client_id', 'redirect_uri', 'scope', 'state', 'code_challenge', 'code_challenge_method']
    .map((k) => `<input type="hidden" name="${k}" value="${esc(params.get(k) ?? '')}">`).join('');
  return twitterPage('Authorize app / X', `
    <h1>${esc(app.name)} wants to access your X account</h1>
    <p>It will be able to: see Posts from your timeline; see your X profile information.</p>
    <form id="oauth2_form" method="post" action="/i/oauth2/authorize">${hidden}
      <input type="submit" id="allow" class="btn btn-primary" name="allow" value="Authorize app">
      <input type="submit" id="cancel" class="btn" name="cancel" value="Cancel">
    </form>
    <p>Signed in as @${esc(app.owner)}</p>`, 200, 'X');
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
