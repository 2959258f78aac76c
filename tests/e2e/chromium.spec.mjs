// End-to-end in real Chromium: the packaged extension, the replica world at the real URLs, two tabs.
import { expect, test } from '@playwright/test';

import { startWorld, startingPages } from '../../www/server.mjs';
import { keysShownOn, launchChromium } from './harness.mjs';

const PORT = Number(process.env.REPLICA_PORT || 8443);
let world;
let browser;

test.beforeAll(async () => { world = await startWorld({ port: PORT }); });
test.afterAll(async () => { await world?.close(); });
test.beforeEach(async () => {
  world.reset();
  browser = await launchChromium(PORT);
});
test.afterEach(async () => { await browser?.close(); });

async function storageSnapshot(worker) {
  return worker.evaluate(async () => ({
    local: await chrome.storage.local.get(null),
    sync: await chrome.storage.sync.get(null),
    session: await chrome.storage.session.get(null),
  }));
}

async function captureAndFill({ twoWindows }) {
  const [keysUrl, auth0Url] = startingPages(world.world);
  const twitter = await browser.context.newPage();
  await twitter.goto(keysUrl);
  const shown = await keysShownOn(twitter);
  expect(shown.key).toMatch(/^[A-Za-z0-9]{25}$/);

  let auth0;
  if (twoWindows) {
    const opened = browser.context.waitForEvent('page');
    await browser.worker.evaluate((url) => chrome.windows.create({ url }), auth0Url);
    auth0 = await opened;
  } else {
    auth0 = await browser.context.newPage();
    await auth0.goto(auth0Url);
  }
  await expect(auth0.getByLabel('API Key')).toBeVisible();

  const popup = await browser.context.newPage();
  await popup.goto(browser.popupUrl);
  await expect(popup.getByRole('button', { name: 'Capture keys' })).toBeEnabled();
  await popup.getByRole('button', { name: 'Capture keys' }).click();
  await expect(popup.locator('#captured dd').first()).toHaveText(`${shown.key.slice(0, 4)}${'•'.repeat(12)}`);
  await expect(popup.locator('#captured')).toContainText('Acme Sign-in');
  await expect(popup.locator('body')).not.toContainText(shown.key);
  await expect(popup.locator('body')).not.toContainText(shown.secret);

  await popup.getByRole('button', { name: 'Fill Auth0' }).click();
  await expect(popup.locator('#fill-report li')).toHaveText([
    'Consumer Key: filled and read back from the page',
    'Consumer Secret: filled and read back from the page',
  ]);

  await auth0.getByRole('button', { name: 'Save' }).click();
  const saved = JSON.parse(await auth0.locator('#saved-state').textContent());
  expect(saved).toEqual({ status: 'saved', client_id: shown.key, client_secret: shown.secret });
  expect(world.world.tenant.connection.clientId).toBe(shown.key);

  const storage = await storageSnapshot(browser.worker);
  expect(storage.local).toEqual({});
  expect(storage.sync).toEqual({});
  // Used keys leave KeyBridge: only the (secret-free) fill report remains in the session.
  expect(JSON.stringify(storage.session)).not.toContain(shown.secret);
  expect(JSON.stringify(storage.session)).not.toContain(shown.key);
}

test('captures the keys on the legacy keys tab and fills the Auth0 connection (two tabs)', async () => {
  await captureAndFill({ twoWindows: false });
});

test('captures and fills across two browser windows', async () => {
  await captureAndFill({ twoWindows: true });
});

test('does not capture from the app details tab (not the keys tab)', async () => {
  const details = await browser.context.newPage();
  await details.goto(startingPages(world.world)[0].replace(/\/keys$/, '/show'));
  await expect(details.locator('.app-settings')).toContainText('Consumer Key (API Key)');
  const popup = await browser.context.newPage();
  await popup.goto(browser.popupUrl);
  await expect(popup.locator('#twitter-step')).toContainText('No Twitter keys tab is open.');
  await expect(popup.getByRole('button', { name: 'Capture keys' })).toBeDisabled();
  const storage = await storageSnapshot(browser.worker);
  expect(storage.session).toEqual({});
});

test('does not capture from the keys page on a lookalike origin', async () => {
  const fake = await browser.context.newPage();
  await fake.goto(startingPages(world.world)[0].replace('apps.twitter.com', 'apps.twitter.com.evil.test'));
  await expect(fake.locator('.app-settings')).toContainText('Consumer Secret (API Secret)');
  const popup = await browser.context.newPage();
  await popup.goto(browser.popupUrl);
  await expect(popup.locator('#twitter-step')).toContainText('No Twitter keys tab is open.');
  await expect(popup.getByRole('button', { name: 'Capture keys' })).toBeDisabled();
});

test('Fill Auth0 before any capture says what to do and fills nothing', async () => {
  const auth0 = await browser.context.newPage();
  await auth0.goto(startingPages(world.world)[1]);
  await expect(auth0.getByLabel('API Key')).toBeVisible();
  const popup = await browser.context.newPage();
  await popup.goto(browser.popupUrl);
  await popup.getByRole('button', { name: 'Fill Auth0' }).click();
  await expect(popup.locator('#notice')).toHaveText('Nothing is captured yet. Click “Capture keys” on the Twitter keys tab first.');
  await expect(auth0.getByLabel('API Key')).toHaveValue('');
});
