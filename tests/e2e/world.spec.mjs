// The replica world on its own, driven by plain browser actions without the extension: its forms change
// its state, and "Try" reaches "It works!" only when Twitter and Auth0 really are configured right.
import { chromium, expect, test } from '@playwright/test';

import { pageUrls, startWorld } from '../../www/server.mjs';
import { tenantDomain } from '../../www/world.mjs';
import { PORT, hostRules } from './harness.mjs';

let world;
let browser;
let context;
let urls;

test.beforeAll(async () => {
  world = await startWorld({ port: PORT });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--ignore-certificate-errors',
      hostRules(PORT)],
  });
});
test.afterAll(async () => { await browser?.close(); await world?.close(); });
test.beforeEach(async () => {
  world.reset();
  urls = pageUrls(world.world);
  context = await browser.newContext({ ignoreHTTPSErrors: true });
});
test.afterEach(async () => { await context?.close(); });

const callback = () => `https://${tenantDomain(world.world.tenant)}/login/callback`;

async function configureLegacyApp(page, { callbackUrl = callback(), signIn = true } = {}) {
  await page.goto(urls.legacySettings);
  await page.getByLabel('Callback URL', { exact: true }).fill(callbackUrl);
  await page.getByLabel('Allow this application to be used to Sign in with Twitter').setChecked(signIn);
  await page.getByRole('button', { name: 'Update Settings' }).click();
  await expect(page.locator('.alert-success')).toHaveText('The application settings have been updated.');
}

async function saveAuth0Keys(page, key, secret) {
  await page.goto(urls.auth0Settings);
  await page.getByLabel('API Key').fill(key);
  await page.getByLabel('API Secret Key').fill(secret);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('#saved-state')).toContainText('"status":"saved"');
}

async function tryConnection(page) {
  await page.goto(urls.auth0Social);
  await page.getByRole('row', { name: /twitter/i }).getByRole('button', { name: 'More actions' }).click();
  const opened = context.waitForEvent('page');
  await page.getByRole('menuitem', { name: 'Try Connection' }).click();
  const tryPage = await opened;
  await tryPage.waitForLoadState();
  return tryPage;
}

test('the legacy create form refuses missing fields, then creates the app', async () => {
  const page = await context.newPage();
  await page.goto(urls.legacyAppList);
  await page.getByRole('link', { name: 'Create New App' }).click();
  await page.getByRole('button', { name: 'Create your Twitter application' }).click();
  await expect(page.locator('.alert-error')).toContainText('Name field is required.');
  await expect(page.locator('.alert-error')).toContainText('You must agree to the Developer Agreement.');
  await page.getByLabel('Name').fill('Acme Two');
  await page.getByLabel('Description').fill('A second app for Acme sign-in');
  await page.getByLabel('Website').fill('https://acme.example');
  await page.getByLabel('Callback URL', { exact: true }).fill(callback());
  await page.getByLabel('Yes, I agree').check();
  await page.getByRole('button', { name: 'Create your Twitter application' }).click();
  await expect(page.locator('h1')).toHaveText('Acme Two');
  await expect(page.locator('.app-settings')).toContainText(callback());
  expect(world.world.twitterApps.map((a) => a.name)).toEqual(['Acme Sign-in', 'Acme Two']);
});

test('legacy settings, permissions and access token change only through their forms', async () => {
  const page = await context.newPage();
  await configureLegacyApp(page);
  const app = world.world.twitterApps[0];
  expect([app.callbackUrl, app.signInWithTwitter]).toEqual([callback(), true]);
  await page.goto(urls.legacyPermissions);
  await page.getByLabel('Read only').check();
  await page.getByRole('button', { name: 'Update Settings' }).click();
  await expect(page.getByLabel('Read only')).toBeChecked();
  expect(app.accessLevel).toBe('read-only');
  await page.goto(urls.legacyKeys);
  await expect(page.locator('.access')).not.toContainText('Access Token Secret');
  await page.getByRole('button', { name: 'Create my access token' }).click();
  await expect(page.locator('.access')).toContainText(app.token.accessTokenSecret);
});

test('regenerating the legacy consumer keys asks first and really changes them', async () => {
  const page = await context.newPage();
  const app = world.world.twitterApps[0];
  const before = app.consumerKey;
  await page.goto(urls.legacyKeys);
  await page.getByRole('link', { name: 'Regenerate Consumer Key and Secret' }).click();
  await page.getByRole('link', { name: 'Cancel' }).click();
  expect(app.consumerKey).toBe(before);
  await page.getByRole('link', { name: 'Regenerate Consumer Key and Secret' }).click();
  await page.getByRole('button', { name: 'Regenerate' }).click();
  await expect(page.locator('.alert-success')).toContainText('regenerated');
  expect(app.consumerKey).not.toBe(before);
  expect(app.consumerKey).toMatch(/^[A-Za-z0-9]{25}$/);
  await expect(page.locator('.app-settings')).toContainText(app.consumerKey);
});

test('the portal shows regenerated keys once, in a dialog, then only hints', async () => {
  const page = await context.newPage();
  const app = world.world.portal.apps[0];
  await page.goto(urls.portalKeys);
  await expect(page.locator('body')).not.toContainText(app.consumerKey);
  await page.getByRole('link', { name: 'Reveal API Key hint' }).click();
  await expect(page.locator('.hint').first()).toContainText(app.consumerKey.slice(0, 5));
  await expect(page.locator('body')).not.toContainText(app.consumerKey);
  await page.locator('.key-card', { hasText: 'API Key and Secret' }).getByRole('link', { name: 'Regenerate' }).click();
  await page.getByRole('button', { name: 'Yes, regenerate' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(app.consumerKey);
  await expect(dialog).toContainText(app.consumerSecret);
  await expect(dialog.getByRole('button', { name: 'Copy API Key', exact: true })).toBeVisible();
  await page.reload();
  await expect(page.locator('body')).not.toContainText(app.consumerSecret);
  await page.goto(urls.portalKeysTwitterHost);
  await expect(page.locator('h1')).toHaveText(app.name);
});

test('the portal user authentication settings validate, then save', async () => {
  const page = await context.newPage();
  await page.goto(urls.portalSettings);
  await page.getByRole('link', { name: 'Set up' }).click();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('alert')).toContainText('Callback URI / Redirect URL is required.');
  await page.getByLabel('Read', { exact: true }).check();
  await page.getByLabel('Web App, Automated App or Bot').check();
  await page.getByLabel('Callback URI / Redirect URL (required)').fill(callback());
  await page.getByLabel('Website URL (required)').fill('https://acme.example');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('.setting', { hasText: 'Callback URI / Redirect URL' })).toContainText(callback());
  expect(world.world.portal.apps[0].userAuth.callbackUrls).toEqual([callback()]);
});

test('both Auth0 eras save the connection and its applications through React', async () => {
  const page = await context.newPage();
  await page.goto(urls.auth0Settings);
  await expect(page.getByRole('progressbar')).toBeVisible();
  await saveAuth0Keys(page, 'K'.repeat(25), 'S'.repeat(50));
  expect(world.world.tenant.connection.clientId).toBe('K'.repeat(25));
  await page.getByRole('link', { name: 'Applications' }).last().click();
  await expect(page).toHaveURL(urls.auth0Applications);
  await page.getByRole('switch', { name: 'Acme Web' }).check();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('#saved-clients')).toHaveText('["Acme Web"]');

  await page.goto(urls.auth0SeedSocial);
  await page.getByRole('link', { name: 'Twitter' }).click();
  await expect(page.getByLabel('Consumer Key')).toHaveValue('K'.repeat(25));
  await page.getByLabel('Consumer Secret').fill('T'.repeat(50));
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('#saved-state')).toContainText('"status":"saved"');
  expect(world.world.tenant.connection.clientSecret).toBe('T'.repeat(50));
  await page.getByRole('navigation', { name: 'Connection' }).getByRole('link', { name: 'Clients' }).click();
  await expect(page.getByRole('switch', { name: 'Acme Web' })).toBeChecked();
});

test('Try reaches "It works!" only when the Twitter app and the Auth0 connection are right', async () => {
  const page = await context.newPage();
  const app = world.world.twitterApps[0];
  await configureLegacyApp(page);
  await saveAuth0Keys(page, app.consumerKey, app.consumerSecret);
  const tryPage = await tryConnection(page);
  await expect(tryPage.locator('h1')).toHaveText('Authorize Acme Sign-in to use your account?');
  await tryPage.getByRole('button', { name: 'Authorize app' }).click();
  await expect(tryPage.locator('h1')).toHaveText('It works!');
  await expect(tryPage).toHaveURL(/^https:\/\/manage\.auth0\.com\/tester\/callback/);
});

test('Try names each misconfiguration on the page the real systems would show', async () => {
  const page = await context.newPage();
  const app = world.world.twitterApps[0];

  await saveAuth0Keys(page, app.consumerKey, 'x'.repeat(50));
  let tryPage = await tryConnection(page);
  await expect(tryPage.locator('.error-description')).toHaveText('Twitter: Could not authenticate you. (code 32)');
  await tryPage.close();

  await saveAuth0Keys(page, app.consumerKey, app.consumerSecret);
  tryPage = await tryConnection(page);
  await expect(tryPage.locator('.error-description')).toContainText('Callback URL not approved for this client application');
  await tryPage.close();

  await configureLegacyApp(page, { signIn: false });
  tryPage = await tryConnection(page);
  await expect(tryPage.locator('[data-error=sign-in-not-allowed]')).toContainText('is not allowed to use Sign in with Twitter');
  await tryPage.close();

  await configureLegacyApp(page);
  tryPage = await tryConnection(page);
  await tryPage.getByRole('button', { name: 'Cancel' }).click();
  await expect(tryPage.locator('.error-code')).toHaveText('access_denied');
  await tryPage.close();

  app.suspended = true; // no page suspends an app; Twitter does
  tryPage = await tryConnection(page);
  await expect(tryPage.locator('.error-description')).toContainText('This application has been suspended');
});
