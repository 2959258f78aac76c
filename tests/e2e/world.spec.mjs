// The replica world on its own, driven by plain browser actions (KeyBridge is installed, never asked): its
// forms change its state, and "Try" reaches "It works!" only when Twitter and Auth0 really are configured
// right. Runs in Chromium and Firefox, through the harness's two back ends.
import { test } from '@playwright/test';

import { tenantDomain } from '../../www/world.mjs';
import { expect, extensionHooks } from './harness.mjs';

const env = extensionHooks(test, expect);
// The world, its pages and the browser's pages of the test running.
let world;
let urls;
let context;
test.beforeEach(() => {
  world = env.world;
  urls = env.urls;
  context = env.browser.context;
});

const callback = () => `https://${tenantDomain(world.world.tenant)}/login/callback`;

async function configureLegacyApp(page, { callbackUrl = callback(), signIn = true } = {}) {
  await page.goto(urls.legacySettings);
  await page.getByLabel('Callback URL', { exact: true }).fill(callbackUrl);
  await page.getByLabel('Allow this application to be used to Sign in with Twitter').setChecked(signIn);
  await page.getByRole('button', { name: 'Update Settings' }).click();
  await expect(page.locator('.alert-success')).toHaveText('The application settings have been updated.');
}

/// Saves the current era's connection keys; its labels follow the connection's protocol ("API Key" for OAuth
/// 1.0a, "Client ID" for OAuth 2.0).
async function saveAuth0Keys(page, key, secret) {
  await page.goto(urls.auth0Settings);
  const oauth2 = world.world.tenant.connection.protocol === 'oauth2';
  await page.getByLabel(oauth2 ? 'Client ID' : 'API Key', { exact: true }).fill(key);
  await page.getByLabel(oauth2 ? 'Client Secret' : 'API Secret Key', { exact: true }).fill(secret);
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

// The X Developer Console, the Create Connection flow and sign-in over OAuth 2.0 (real-pages.md §2b, §2c, §4).

const consoleApp = () => world.world.console.apps[0];
const WEB_APP = 'Web App, Automated App or Bot (confidential client)';
const NATIVE_APP = 'Native App (public client)';

/// A value of the one-time dialog, read by its row's label (the test's own reading).
const dialogValue = (page, label) => page.getByRole('dialog').locator('.secret-row', { has: page.getByText(label, { exact: true }) })
  .locator('.secret-value').textContent();

/// Fills and saves the console's user authentication form; returns the OAuth 2.0 pair when the console shows it.
async function setUpConsoleUserAuth(page, { appType = WEB_APP, callbackUrl = callback() } = {}) {
  await page.goto(urls.consoleAuthSettings);
  await page.getByLabel('Read', { exact: true }).check();
  await page.getByLabel(appType).check();
  await page.getByLabel('Callback URI / Redirect URL', { exact: true }).first().fill(callbackUrl);
  await page.getByLabel('Website URL', { exact: true }).fill('https://acme.example');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page).toHaveURL(urls.consoleApp);
  await page.waitForLoadState();
  if (!await page.getByRole('dialog').isVisible()) return null;
  return { clientId: await dialogValue(page, 'Client ID'), clientSecret: await dialogValue(page, 'Client Secret') };
}

/// Makes the Twitter connection through Authentication > Social > Create Connection > Twitter.
async function createTwitterConnection(page, clientId, clientSecret) {
  await page.goto(urls.auth0Social);
  await page.getByRole('link', { name: 'Create Connection' }).click();
  await page.getByRole('link', { name: 'Twitter' }).click();
  await expect(page).toHaveURL(urls.auth0CreateTwitter);
  await page.getByLabel('Client ID', { exact: true }).fill(clientId);
  await page.getByLabel('Client Secret', { exact: true }).fill(clientSecret);
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page).toHaveURL(urls.auth0Settings);
  expect(JSON.parse(await page.locator('#saved-state').textContent()))
    .toEqual({ status: 'created', name: 'twitter', client_id: clientId, client_secret: clientSecret });
}

test('the console shows a new app\'s three values once, in a dialog', async () => {
  const page = await context.newPage();
  await page.goto(urls.consoleApps);
  await expect(page).toHaveTitle('Apps | X Developer Console');
  await page.getByRole('button', { name: 'Create App' }).click();
  await expect(page.getByRole('alert')).toContainText('App name is required');
  await page.getByLabel('App name').fill('Acme Two');
  await page.getByRole('button', { name: 'Create App' }).click();
  const dialog = page.getByRole('dialog', { name: 'Application Created Successfully' });
  await expect(dialog).toBeVisible();
  const app = world.world.console.apps[1];
  await expect(page).toHaveURL(`${urls.consoleApps}/${app.id}`);
  expect([await dialogValue(page, 'Consumer Key'), await dialogValue(page, 'Secret Key'), await dialogValue(page, 'Bearer Token')])
    .toEqual([app.consumerKey, app.consumerSecret, app.bearer]);
  for (const label of ['Consumer Key', 'Secret Key', 'Bearer Token']) {
    await expect(dialog.getByRole('button', { name: `Copy ${label}`, exact: true })).toBeVisible();
  }
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.reload();
  await expect(page.locator('h1')).toHaveText('Acme Two');
  for (const value of [app.consumerKey, app.consumerSecret, app.bearer]) await expect(page.locator('body')).not.toContainText(value);
});

test('the console masks the Consumer Key even after Show; Regenerate shows new values once', async () => {
  const page = await context.newPage();
  const app = consoleApp();
  const before = app.consumerKey;
  await page.goto(urls.consoleApp);
  await expect(page.locator('h1')).toHaveText(app.name);
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page.getByRole('button', { name: 'Show' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('body')).toContainText('••••••••••••••••••••••••');
  await expect(page.locator('body')).not.toContainText(app.consumerKey);
  await page.getByRole('button', { name: 'Regenerate Consumer Key and Secret Key' }).click();
  expect([await dialogValue(page, 'Consumer Key'), await dialogValue(page, 'Secret Key')]).toEqual([app.consumerKey, app.consumerSecret]);
  expect(app.consumerKey).not.toBe(before);
  expect(app.consumerKey).toMatch(/^[A-Za-z0-9]{25}$/);
  await page.reload();
  await expect(page.locator('body')).not.toContainText(app.consumerSecret);
  await page.getByRole('button', { name: 'Regenerate Bearer Token' }).click();
  expect(await dialogValue(page, 'Bearer Token')).toBe(app.bearer);
  await page.reload();
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

test('the console user authentication form validates; its first save shows the OAuth 2.0 pair once', async () => {
  const page = await context.newPage();
  const app = consoleApp();
  await page.goto(urls.consoleApp);
  await expect(page.getByRole('region', { name: 'OAuth 2.0 Client ID and Client Secret' })).toContainText('Set up user authentication first');
  await expect(page.locator('body')).not.toContainText(app.oauth2.clientId);
  await page.getByRole('link', { name: 'Set up' }).click();
  await expect(page).toHaveURL(urls.consoleAuthSettings);
  await page.getByRole('button', { name: 'Save' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Choose a type of app.');
  await expect(alert).toContainText('Callback URI / Redirect URL is required.');
  await expect(alert).toContainText('Website URL must be a valid https URL.');
  expect(app.userAuth).toBeNull();

  expect(await setUpConsoleUserAuth(page)).toEqual(app.oauth2);
  expect(app.oauth2.clientId).toMatch(/^[A-Za-z0-9+/]{28}MTpjaQ$/);
  await page.getByRole('dialog').getByRole('button', { name: 'Done' }).click();
  // The summary's rows, read in the page (term → its description).
  const summary = await page.evaluate(() => {
    const section = [...document.querySelectorAll('section')].find((s) => /User authentication settings/.test(s.getAttribute('aria-label') ?? document.getElementById(s.getAttribute('aria-labelledby') ?? '')?.textContent ?? ''));
    return Object.fromEntries([...(section?.querySelectorAll('dl dt') ?? [])].map((dt) => [dt.textContent.trim(), dt.nextElementSibling?.textContent.trim()]));
  });
  expect(summary).toMatchObject({ 'User authentication': 'Set up', 'Type of App': 'Web App, Automated App or Bot',
    'Callback URI / Redirect URL': callback(), 'Website URL': 'https://acme.example' });
  await expect(page.locator('body')).toContainText(app.oauth2.clientId); // in plain text [I]
  await expect(page.locator('body')).not.toContainText(app.oauth2.clientSecret);

  expect(await setUpConsoleUserAuth(page, { appType: NATIVE_APP })).toBeNull(); // later saves show nothing
  expect(app.userAuth.appType).toBe('native');
  const secret = app.oauth2.clientSecret;
  await page.getByRole('button', { name: 'Regenerate Client Secret' }).click();
  expect(await dialogValue(page, 'Client Secret')).toBe(app.oauth2.clientSecret);
  expect(app.oauth2.clientSecret).not.toBe(secret);
});

test('Try over OAuth 2.0 reaches "It works!" with the console app and a connection made by Create Connection', async () => {
  const page = await context.newPage();
  const pair = await setUpConsoleUserAuth(page);
  await createTwitterConnection(page, pair.clientId, pair.clientSecret);
  expect(world.world.tenant.connection).toMatchObject({ protocol: 'oauth2', created: true, clientId: pair.clientId, clientSecret: pair.clientSecret });
  const tryPage = await tryConnection(page);
  const authorize = new URL(await tryPage.url());
  expect(`${authorize.origin}${authorize.pathname}`).toBe('https://x.com/i/oauth2/authorize');
  expect(Object.fromEntries(authorize.searchParams)).toMatchObject({ response_type: 'code', client_id: pair.clientId,
    redirect_uri: callback(), scope: 'users.read tweet.read', code_challenge_method: 'S256' });
  expect(await tryPage.url()).toContain('scope=users.read%20tweet.read');
  await expect(tryPage.locator('h1')).toHaveText('Acme Console Sign-in wants to access your X account');
  await tryPage.getByRole('button', { name: 'Authorize app' }).click();
  await expect(tryPage.locator('h1')).toHaveText('It works!');
});

test('Try over OAuth 2.0 names an unapproved redirect URI, a cancel, a wrong secret and a public client', async () => {
  const page = await context.newPage();
  const pair = await setUpConsoleUserAuth(page, { callbackUrl: 'https://acme.example/callback' });
  await createTwitterConnection(page, pair.clientId, pair.clientSecret);
  let tryPage = await tryConnection(page);
  await expect(tryPage.locator('h1')).toHaveText('Something went wrong');
  await expect(tryPage.locator('body')).toContainText("You weren't able to give access to the App. Go back and try logging in again.");
  await tryPage.close();

  await setUpConsoleUserAuth(page);
  tryPage = await tryConnection(page);
  await tryPage.getByRole('button', { name: 'Cancel' }).click();
  await expect(tryPage.locator('.error-code')).toHaveText('access_denied');
  await tryPage.close();

  await saveAuth0Keys(page, pair.clientId, 'x'.repeat(50));
  expect(world.world.tenant.connection.protocol).toBe('oauth2');
  tryPage = await tryConnection(page);
  await tryPage.getByRole('button', { name: 'Authorize app' }).click();
  await expect(tryPage.locator('.error-description')).toContainText('unauthorized_client');
  await expect(tryPage.locator('.error-hint')).toHaveText('Check the Client ID and Client Secret of the X connection, and that the X app is a Web App, Automated App or Bot (confidential client).');
  await tryPage.close();

  await saveAuth0Keys(page, pair.clientId, pair.clientSecret);
  await setUpConsoleUserAuth(page, { appType: NATIVE_APP });
  tryPage = await tryConnection(page);
  await tryPage.getByRole('button', { name: 'Authorize app' }).click();
  await expect(tryPage.locator('.error-description')).toContainText('unauthorized_client');
});

test('the seed-era list opens each provider\'s settings as a dialog over it', async () => {
  world.world.tenant.seedDialog = true;
  const page = await context.newPage();
  await page.goto(urls.auth0SeedSocial);
  await page.getByRole('button', { name: 'Twitter' }).click();
  const dialog = page.getByRole('dialog', { name: 'Twitter' });
  await expect(dialog).toHaveAttribute('aria-modal', 'true');
  await expect(dialog.getByRole('img', { name: 'Twitter' })).toBeVisible();
  await expect(page).toHaveURL(urls.auth0SeedSocial);
  await expect(page.getByRole('heading', { name: 'Social Connections' })).toBeAttached();
  await dialog.getByLabel('Consumer Key').fill('K'.repeat(25));
  await dialog.getByLabel('Consumer Secret').fill('S'.repeat(50));
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.locator('#saved-state')).toContainText('"status":"saved"');
  expect(world.world.tenant.connection).toMatchObject({ clientId: 'K'.repeat(25), clientSecret: 'S'.repeat(50) });
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await page.getByRole('button', { name: 'GitHub' }).click();
  const github = page.getByRole('dialog', { name: 'GitHub' });
  await github.getByLabel('Consumer Key').fill('G'.repeat(20));
  await github.getByLabel('Consumer Secret').fill('H'.repeat(40));
  await github.getByRole('button', { name: 'Save' }).click();
  await expect(github.locator('#saved-state')).toContainText('"status":"saved"');
  expect(world.world.tenant.otherConnections).toMatchObject([{ strategy: 'github', clientId: 'G'.repeat(20), clientSecret: 'H'.repeat(40) }]);
  expect(world.world.tenant.connection.clientId).toBe('K'.repeat(25));
  await github.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('button', { name: 'GitHub' })).toBeFocused();
});

test('Create Connection for GitHub leaves the Twitter connection untouched', async () => {
  const page = await context.newPage();
  await saveAuth0Keys(page, 'K'.repeat(25), 'S'.repeat(50));
  const before = structuredClone(world.world.tenant.connection);
  await page.goto(urls.auth0Create);
  await expect(page.getByRole('link', { name: 'Twitter' }).getByRole('img', { name: 'Twitter' })).toBeVisible();
  await page.getByRole('link', { name: 'GitHub' }).click();
  await expect(page).toHaveURL(urls.auth0CreateGithub);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('New GitHub Connection');
  await expect(page.getByRole('img', { name: 'GitHub' })).toBeVisible();
  await expect(page.getByLabel('Name')).toHaveValue('github');
  await page.getByLabel('Client ID', { exact: true }).fill('g'.repeat(20));
  await page.getByLabel('Client Secret', { exact: true }).fill('h'.repeat(40));
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page).toHaveURL(urls.auth0Social);
  expect(JSON.parse(await page.locator('#saved-state').textContent()))
    .toEqual({ status: 'created', name: 'github', client_id: 'g'.repeat(20), client_secret: 'h'.repeat(40) });
  expect(world.world.tenant.otherConnections).toMatchObject([{ strategy: 'github', name: 'github', clientId: 'g'.repeat(20) }]);
  expect(world.world.tenant.connection).toEqual(before);
});

test('the setup page\'s help and the settings page\'s protocol follow the world', async () => {
  const page = await context.newPage();
  const t = world.world.tenant;
  await page.goto(urls.auth0CreateTwitter);
  await expect(page.getByLabel('Client ID', { exact: true })).toHaveAccessibleDescription('The OAuth 2.0 Client ID of your X app (Keys and tokens).');
  t.createHelp = 'none';
  await page.reload();
  await expect(page.getByLabel('Client ID', { exact: true })).toHaveAccessibleDescription('Client ID of your Twitter app.');
  await expect(page.locator('form')).not.toContainText('OAuth');

  await page.goto(urls.auth0Settings);
  await expect(page.getByLabel('API Key')).toHaveAccessibleDescription('The API Key of your Twitter app.');
  await expect(page.getByLabel('Protocol')).toHaveCount(0);
  t.protocolUi = 'help';
  await page.reload();
  await expect(page.getByLabel('API Key')).toHaveAccessibleDescription('The Consumer Key (OAuth 1.0a) of your Twitter app.');
  t.protocolUi = 'control';
  await page.reload();
  await expect(page.getByLabel('Protocol')).toHaveValue('oauth1');
  await page.getByLabel('Protocol').selectOption({ label: 'OAuth 2.0' });
  await page.getByLabel('API Key').fill('c'.repeat(34));
  await page.getByRole('button', { name: 'Save' }).click();
  expect(JSON.parse(await page.locator('#saved-state').textContent())).toMatchObject({ status: 'saved', protocol: 'oauth2' });
  expect(t.connection.protocol).toBe('oauth2');
  t.protocolUi = 'help';
  await page.reload();
  // An OAuth 2.0 connection's fields are labelled as Auth0's docs say: Client ID / Client Secret.
  await expect(page.getByLabel('Client ID', { exact: true })).toHaveAccessibleDescription('The OAuth 2.0 Client ID of your Twitter app.');
});
