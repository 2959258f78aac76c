// Records what KeyBridge's real content script sees on each replica page, as JSON fixtures for the native
// classification tests (tests/pages.rs). Run after changing a replica: `cargo xtask snapshots`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { chromium } from '@playwright/test';

import { pageUrls, startWorld } from '../../www/server.mjs';
import { tryUrl } from '../../www/signin.mjs';
import { tenantDomain } from '../../www/world.mjs';
import { CONTENT_SCRIPT, PORT, ROOT, hostRules } from './harness.mjs';

const world = await startWorld({ port: PORT });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--ignore-certificate-errors',
    hostRules(PORT)],
});
// bypassCSP only so the recorder can evaluate the content script as the page's own code.
const context = await browser.newContext({ ignoreHTTPSErrors: true, bypassCSP: true });

/// Runs the unmodified content script with a stand-in for the one browser API it touches.
async function snapshotOf(page) {
  return page.evaluate((source) => {
    let listener;
    globalThis.chrome = { runtime: { id: 'recorder', onMessage: { addListener: (l) => { listener = l; } } } };
    (0, eval)(source);
    let answer;
    listener({ kind: 'snapshot', text: true, secrets: true }, { id: 'recorder' }, (a) => { answer = a; });
    return answer;
  }, CONTENT_SCRIPT);
}

const w = world.world;
const app = w.twitterApps[0];
const papp = w.portal.apps[0];
const capp = w.console.apps[0];
const urls = pageUrls(w);
const tenantCallback = `https://${tenantDomain(w.tenant)}/login/callback`;
const regenerate = (which) => async (page) => {
  await page.goto(`${urls.portalKeys}?confirm=${which}`);
  await page.getByRole('button', { name: 'Yes, regenerate' }).click();
  await page.getByRole('dialog').waitFor();
};
/// The seed era's list with one provider's settings open as a dialog over it.
const seedDialog = (provider) => async (page) => {
  w.tenant.seedDialog = true;
  await page.goto(urls.auth0SeedSocial);
  await page.getByRole('button', { name: provider, exact: true }).click();
  await page.getByRole('dialog').locator('#client_id').waitFor();
  w.tenant.seedDialog = false;
};
const openTry = (setup) => async (page) => {
  setup();
  await page.goto(tryUrl(w));
};

/// The pairs a page shows whole: the consumer pair (OAuth 1.0a) and the OAuth 2.0 pair.
const consumer = (a) => ({ protocol: 'oauth1', key: a.consumerKey, secret: a.consumerSecret });
const oauth2 = (a) => ({ protocol: 'oauth2', key: a.oauth2.clientId, secret: a.oauth2.clientSecret });

// Each page of the world, in each state that matters; `kind` is what KeyBridge must call it (null: nothing);
// `keys`, the pairs Capture must take from it.
const pages = [
  { name: 'twitter-legacy-app-list', url: urls.legacyAppList, kind: 'twitterLegacyAppList' },
  { name: 'twitter-legacy-create-app', url: urls.legacyCreateApp, kind: 'twitterLegacyCreateApp' },
  { name: 'twitter-legacy-details', url: urls.legacyDetails, kind: 'twitterLegacyDetails' },
  { name: 'twitter-legacy-settings', url: urls.legacySettings, kind: 'twitterLegacySettings' },
  { name: 'twitter-legacy-keys', url: urls.legacyKeys, kind: 'twitterLegacyKeys', keys: () => [consumer(app)] },
  { name: 'twitter-legacy-keys-with-token', url: urls.legacyKeys, kind: 'twitterLegacyKeys', keys: () => [consumer(app)],
    before: async (page) => { await page.goto(urls.legacyKeys); await page.getByRole('button', { name: 'Create my access token' }).click(); } },
  { name: 'twitter-legacy-permissions', url: urls.legacyPermissions, kind: 'twitterLegacyPermissions' },
  { name: 'twitter-legacy-keys-lookalike', url: urls.legacyKeys.replace('apps.twitter.com', 'apps.twitter.com.evil.test'), kind: null },
  { name: 'portal-projects', url: urls.portalProjects, kind: 'portalProjects' },
  { name: 'portal-keys-hints-only', url: urls.portalKeys, kind: 'portalKeys' },
  { name: 'portal-keys-revealed', kind: 'portalKeys', keys: () => [consumer(papp)], before: regenerate('consumer') },
  { name: 'portal-keys-oauth2-revealed', kind: 'portalKeys', keys: () => [oauth2(papp)], before: regenerate('oauth2') },
  { name: 'portal-keys-twitter-host', url: urls.portalKeysTwitterHost, kind: 'portalKeys' },
  { name: 'portal-app-settings', url: urls.portalSettings, kind: 'portalAppSettings' },
  { name: 'portal-user-auth-settings', url: urls.portalAuthSettings, kind: 'portalUserAuthSettings' },
  { name: 'console-apps', url: urls.consoleApps, kind: 'consoleApps' },
  // A new app's keys, shown once after Create App: the consumer pair (and a bearer token, never captured).
  { name: 'console-app-created', kind: 'consoleApp', keys: () => [consumer(w.console.apps.at(-1))], before: async (page) => {
    await page.goto(urls.consoleApps);
    await page.getByLabel('App name').fill('Acme Created');
    await page.getByRole('button', { name: 'Create App' }).click();
    await page.getByRole('dialog').waitFor();
  } },
  // The app page afterwards: the Consumer Key masked, nothing to capture.
  { name: 'console-app', url: urls.consoleApp, kind: 'consoleApp' },
  { name: 'console-auth-settings', url: urls.consoleAuthSettings, kind: 'consoleUserAuthSettings' },
  // The first save of user authentication shows the OAuth 2.0 pair once, over the masked consumer key.
  { name: 'console-app-oauth2-revealed', kind: 'consoleApp', keys: () => [oauth2(capp)], before: async (page) => {
    await page.goto(urls.consoleAuthSettings);
    await page.getByLabel('Web App, Automated App or Bot (confidential client)').check();
    await page.getByLabel('Callback URI / Redirect URL').first().fill(tenantCallback);
    await page.getByLabel('Website URL').fill('https://www.example.com');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('dialog').waitFor();
  } },
  { name: 'auth0-create', url: urls.auth0Create, kind: 'auth0SocialConnections', ready: 'img[alt=GitHub]' },
  { name: 'auth0-create-twitter', url: urls.auth0CreateTwitter, kind: 'auth0TwitterConnection', ready: '#client_id' },
  { name: 'auth0-create-github', url: urls.auth0CreateGithub, kind: 'auth0TwitterConnection', ready: '#client_id' },
  { name: 'auth0-seed-dialog', kind: 'auth0SeedSocialConnections', before: seedDialog('Twitter') },
  { name: 'auth0-seed-dialog-github', kind: 'auth0SeedSocialConnections', before: seedDialog('GitHub') },
  { name: 'auth0-seed-social', url: urls.auth0SeedSocial, kind: 'auth0SeedSocialConnections', ready: '.tiles' },
  { name: 'auth0-seed-settings', url: urls.auth0SeedSettings, kind: 'auth0TwitterConnection', ready: '#client_id' },
  { name: 'auth0-seed-clients', url: urls.auth0SeedClients, kind: 'auth0ConnectionApplications', ready: 'ul.clients' },
  { name: 'auth0-social', url: urls.auth0Social, kind: 'auth0SocialConnections', ready: 'table.list' },
  { name: 'auth0-connection-settings', url: urls.auth0Settings, kind: 'auth0TwitterConnection', ready: '#client_id' },
  { name: 'auth0-connection-applications', url: urls.auth0Applications, kind: 'auth0ConnectionApplications', ready: 'ul.clients' },
  { name: 'auth0-connection-settings-lookalike', url: urls.auth0Settings.replace('manage.auth0.com', 'manage-auth0.evil.test'), kind: null, ready: '#client_id' },
  { name: 'auth0-tenant-error-wrong-keys', kind: 'auth0TenantSignIn', before: openTry(() => {}) },
  { name: 'twitter-authorize', kind: 'twitterAuthorize', before: openTry(() => {
    Object.assign(w.tenant.connection, { clientId: app.consumerKey, clientSecret: app.consumerSecret });
    Object.assign(app, { callbackUrl: tenantCallback, signInWithTwitter: true });
  }) },
  { name: 'auth0-it-works', kind: 'auth0ItWorks', before: async (page) => {
    await openTry(() => {})(page);
    await page.getByRole('button', { name: 'Authorize app' }).click();
    await page.getByText('It works!').waitFor();
  } },
];

for (const p of pages) {
  const page = await context.newPage();
  if (p.before) await p.before(page);
  if (p.url) await page.goto(p.url);
  if (p.ready) await page.waitForSelector(p.ready);
  const keys = p.keys?.();
  const snapshot = await snapshotOf(page);
  const fixture = { page: p.name, url: page.url(), kind: p.kind,
    expected: keys ? keys.map(({ protocol, key, secret }) => ({ protocol, key, secret })) : null, snapshot };
  writeFileSync(join(ROOT, 'tests/fixtures', `${p.name}.json`), `${JSON.stringify(fixture, null, 2)}\n`);
  console.log(`recorded ${p.name}: ${snapshot.fields.length} fields, ${snapshot.pairs.length} pairs`);
  await page.close();
}
await browser.close();
await world.close();
