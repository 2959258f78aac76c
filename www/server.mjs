// The replica world: one HTTPS server on loopback that answers for every host KeyBridge serves, with
// realistic CSP headers and in-memory state that changes only through the pages' own forms.
// Browsers reach it at the real URLs (Chromium: --host-resolver-rules; Firefox: network.dns.localDomains).
//
//   node www/server.mjs [--port 443]       (prints the URLs of the starting pages)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { TENANT, newWorld, tenantDomain } from './world.mjs';
import * as legacy from './twitter-legacy/pages.mjs';
import * as portal from './portal/pages.mjs';
import * as xconsole from './console/pages.mjs';
import * as auth0 from './auth0/pages.mjs';
import { handleTenant, handleTwitterApi, handleX } from './signin.mjs';
import { handleEvil } from './evil/pages.mjs';
import { handleVariant } from './variants/generate.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, '..', 'node_modules');

// Every host the replica world answers for, and who answers it.
const SITES = {
  'apps.twitter.com': legacy.handle,
  'api.twitter.com': handleTwitterApi,
  'developer.x.com': portal.handle,
  'developer.twitter.com': portal.handle,
  'console.x.com': xconsole.handle,
  // X's OAuth 2.0 authorize page (x.com/i/oauth2/authorize; twitter.com the older host of the same path).
  'x.com': handleX,
  'twitter.com': handleX,
  'manage.auth0.com': auth0.handle,
  [tenantDomain(TENANT)]: handleTenant,
};
export const REAL_HOSTS = Object.keys(SITES);
// Lookalike hosts serve the same pages, so tests can prove KeyBridge ignores them.
export const LOOKALIKE_HOSTS = { 'apps.twitter.com.evil.test': 'apps.twitter.com', 'manage-auth0.evil.test': 'manage.auth0.com' };
export const HOSTS = [...REAL_HOSTS, ...Object.keys(LOOKALIKE_HOSTS)];

// Strict like the live sites: no 'wasm-unsafe-eval', so wasm in a content script would fail here as there.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
  + "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
// Twitter's authorize form redirects to the app's callback on another origin; form-action covers redirects.
const CSP_REDIRECTING_FORMS = CSP.replace("form-action 'self'", "form-action 'self' https:");
const CSP_BY_HOST = { 'api.twitter.com': CSP_REDIRECTING_FORMS, 'x.com': CSP_REDIRECTING_FORMS, 'twitter.com': CSP_REDIRECTING_FORMS };

const STATIC = {
  '/__replica/react.production.min.js': [join(modules, 'react/umd/react.production.min.js'), 'text/javascript'],
  '/__replica/react-dom.production.min.js': [join(modules, 'react-dom/umd/react-dom.production.min.js'), 'text/javascript'],
  '/__replica/auth0-app.js': [join(here, 'auth0/app.js'), 'text/javascript'],
  '/__replica/auth0.css': [join(here, 'auth0/auth0.css'), 'text/css'],
  '/__replica/twitter.css': [join(here, 'twitter-legacy/twitter.css'), 'text/css'],
  '/__replica/portal.js': [join(here, 'portal/portal.js'), 'text/javascript'],
  '/__replica/portal.css': [join(here, 'portal/portal.css'), 'text/css'],
  '/__replica/console.css': [join(here, 'console/console.css'), 'text/css'],
  '/__replica/recorder.js': [join(here, 'evil/recorder.js'), 'text/javascript'],
  '/__replica/hang.js': [join(here, 'evil/hang.js'), 'text/javascript'],
  '/__replica/variants.js': [join(here, 'variants/variants.js'), 'text/javascript'],
  '/__replica/variants.css': [join(here, 'variants/variants.css'), 'text/css'],
};

/// A self-signed certificate for every replica host, made fresh at start-up.
function certificate(hosts) {
  const dir = mkdtempSync(join(tmpdir(), 'keybridge-cert-'));
  try {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', key, '-out', cert, '-days', '7', '-subj', '/CN=KeyBridge replica world',
      '-addext', `subjectAltName=${hosts.map((h) => `DNS:${h}`).join(',')}`], { stdio: 'ignore' });
    return { key: readFileSync(key), cert: readFileSync(cert) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function body(req) {
  const chunks = [];
  let size = 0;
  for await (const c of req) {
    size += c.length;
    if (size > 64 * 1024) throw new Error('body too large');
    chunks.push(c);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/// The replica world on `port`, and on each of `alsoOn` too (one world: Firefox reaches a host on the URL's
/// own port, so a test of "the same page on another port" needs a listener there).
export async function startWorld({ port = 8443, host = '127.0.0.1', alsoOn = [] } = {}) {
  let world = newWorld();
  const handler = async (req, res) => {
    const hostName = (req.headers.host ?? '').replace(/:\d+$/, '');
    const send = (status, type, text, headers = {}) => {
      const all = { 'content-type': `${type}; charset=utf-8`, 'content-security-policy': CSP_BY_HOST[hostName] ?? CSP,
        'cache-control': 'no-store', 'x-frame-options': 'DENY', ...headers };
      res.writeHead(status, Object.fromEntries(Object.entries(all).filter(([, v]) => v !== '')));
      res.end(text);
    };
    try {
      const url = new URL(req.url, `https://${hostName}`);
      if (req.method === 'POST' && url.pathname === '/__replica/reset') {
        world = newWorld();
        return send(200, 'application/json', JSON.stringify({ ok: true }));
      }
      const file = STATIC[url.pathname];
      if (file) return send(200, file[1], readFileSync(file[0]));
      const form = ['POST', 'PATCH', 'PUT'].includes(req.method) ? await body(req) : '';
      const site = SITES[LOOKALIKE_HOSTS[hostName] ?? hostName];
      // The variant corpus (www/variants/generate.mjs): `?kb-variant=<name>` on any replica host is answered
      // from the page's meaning in one of many markup styles, before the site's own pages.
      const variant = site && req.method === 'GET' && url.searchParams.has('kb-variant') ? handleVariant(url) : null;
      const answer = variant || (LOOKALIKE_HOSTS[hostName] && handleEvil(url)) || site?.(world, req.method, url, form);
      // A tenant can be made slow, so tests can prove KeyBridge waits for a form that renders late.
      if (answer?.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
      if (!answer) return send(404, 'text/html', '<!doctype html><title>Not found</title><h1>Sorry, that page doesn’t exist!</h1>');
      if (answer.redirect) return send(303, 'text/plain', '', { location: answer.redirect });
      if (answer.frameAncestors || answer.frameSrc) {
        // A page that must be framed, or that frames another origin: its own CSP, no X-Frame-Options.
        let csp = CSP;
        if (answer.frameAncestors) csp = csp.replace("frame-ancestors 'none'", `frame-ancestors ${answer.frameAncestors}`);
        if (answer.frameSrc) csp += `; frame-src ${answer.frameSrc}`;
        return send(answer.status ?? 200, answer.type ?? 'text/html', answer.body, { 'content-security-policy': csp, 'x-frame-options': '' });
      }
      return send(answer.status ?? 200, answer.type ?? 'text/html', answer.body);
    } catch (e) {
      send(500, 'text/plain', `replica error: ${e.message}`);
    }
  };
  const servers = [];
  for (const p of [port, ...alsoOn]) {
    const server = createServer(certificate(HOSTS), handler);
    await new Promise((resolve, reject) => server.once('error', reject).listen(p, host, resolve));
    servers.push(server);
  }
  return {
    port: servers[0].address().port,
    get world() { return world; },
    reset() { world = newWorld(); },
    close: () => Promise.all(servers.map((server) => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }))),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--port');
  const port = i > 0 ? Number(process.argv[i + 1]) : 8443;
  const w = await startWorld({ port });
  const suffix = w.port === 443 ? '' : `:${w.port}`;
  console.log(`replica world on 127.0.0.1:${w.port} (HTTPS, self-signed) for ${HOSTS.join(', ')}`);
  for (const u of startingPages(w.world)) console.log(`  ${u.replace('.com/', `.com${suffix}/`)}`);
}

/// The two pages an admin starts from today: the X Developer Console's user authentication settings and
/// Auth0's Create Connection form for Twitter (the older eras' pages are in `pageUrls`).
export function startingPages(world) {
  return [xconsole.consoleAuthSettingsUrl(world, world.console.apps[0]), auth0.createUrl(world.tenant, 'twitter')];
}

/// Every page of the world by name, for the tests and the snapshot recorder.
export function pageUrls(world) {
  const app = world.twitterApps[0];
  const papp = world.portal.apps[0];
  const capp = world.console.apps[0];
  return {
    legacyAppList: 'https://apps.twitter.com/',
    legacyCreateApp: 'https://apps.twitter.com/app/new',
    legacyDetails: legacy.appUrl(app, 'show'),
    legacySettings: legacy.appUrl(app, 'settings'),
    legacyKeys: legacy.keysUrl(app),
    legacyPermissions: legacy.appUrl(app, 'permissions'),
    portalProjects: 'https://developer.x.com/en/portal/projects-and-apps',
    portalKeys: portal.portalKeysUrl(world, papp),
    portalKeysTwitterHost: portal.portalKeysUrl(world, papp, 'developer.twitter.com'),
    portalSettings: portal.portalSettingsUrl(world, papp),
    portalAuthSettings: portal.portalSettingsUrl(world, papp).replace(/settings$/, 'auth-settings'),
    consoleApps: xconsole.consoleAppsUrl(world),
    consoleApp: xconsole.consoleAppUrl(world, capp),
    consoleAuthSettings: xconsole.consoleAuthSettingsUrl(world, capp),
    auth0SeedSocial: auth0.SEED_SOCIAL_URL,
    auth0SeedSettings: auth0.SEED_SETTINGS_URL,
    auth0SeedClients: auth0.SEED_CLIENTS_URL,
    auth0Social: auth0.socialListUrl(world.tenant),
    auth0Settings: auth0.settingsUrl(world.tenant),
    auth0Applications: auth0.applicationsUrl(world.tenant),
    auth0Create: auth0.createUrl(world.tenant),
    auth0CreateTwitter: auth0.createUrl(world.tenant, 'twitter'),
    auth0CreateGithub: auth0.createUrl(world.tenant, 'github'),
  };
}
