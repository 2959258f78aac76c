// Security and faults, end-to-end in real Chromium with the packaged extension: hostile pages see no key
// and no secret, lookalikes get nothing, and the flow survives a stopped service worker and closed tabs.
import { test } from '@playwright/test';

import { FILLED, expect, extensionHooks, stopWorker } from './harness.mjs';

const env = extensionHooks(test, expect);
const openPage = (url) => env.openPage(url);
const openPopup = () => env.openPopup();

/// The legacy keys page and the current dashboard open, the popup open, the keys captured.
async function capturedBesideTheDashboard() {
  const app = env.world.world.twitterApps[0];
  await openPage(env.urls.legacyKeys);
  const auth0 = await openPage(env.urls.auth0Settings);
  await expect(auth0.getByLabel('API Key')).toBeVisible();
  const popup = await openPopup();
  await popup.getByRole('button', { name: 'Capture keys' }).click();
  await expect(popup.locator('#captured')).toBeVisible();
  return { app, auth0, popup };
}

test('hostile page scripts, frames and tabs observe no key and no secret through the whole flow', async () => {
  env.world.world.tenant.hostile = true;
  const app = env.world.world.twitterApps[0];
  const evil = await openPage('https://manage-auth0.evil.test/__evil/page');
  await openPage(env.urls.legacyKeys);
  const auth0 = await openPage(env.urls.auth0Settings);
  await expect(auth0.getByLabel('API Key')).toBeVisible();
  // A value the clipboard holds before the flow, read back at the end: reading works, and nothing replaced it.
  await env.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(env.urls.auth0Settings).origin });
  await auth0.bringToFront();
  await auth0.evaluate(() => navigator.clipboard.writeText('clipboard-before-keybridge'));
  const frame = await env.frameOf(auth0, 'evil.test');
  expect(frame, 'the lookalike form is framed in the Auth0 page').toBeTruthy();
  await expect(frame.getByLabel('API Key')).toBeVisible();

  const popup = await openPopup();
  await expect(popup.locator('#auth0-step .tab')).toHaveText('Found “Auth0 Dashboard”.');
  await popup.getByRole('button', { name: 'Capture keys' }).click();
  await popup.getByRole('button', { name: 'Fill Auth0' }).click();
  await expect(popup.locator('#fill-report li')).toHaveText(FILLED);
  await auth0.getByRole('button', { name: 'Save' }).click();
  await expect(auth0.locator('#saved-state')).toContainText(app.consumerKey);

  const secrets = [app.consumerKey, app.consumerSecret];
  const leaks = (records, kinds = () => true) => records
    .filter((r) => kinds(r.kind))
    .filter((r) => secrets.some((s) => r.text.includes(s)));
  // Another origin's tab and the lookalike frame inside the Auth0 page: nothing at all.
  const evilSeen = await evil.evaluate(() => window.__keybridgeRecorder());
  expect(evilSeen.length).toBeGreaterThan(0); // the recorder works
  expect(leaks(evilSeen)).toEqual([]);
  expect(leaks(await frame.evaluate(() => window.__keybridgeRecorder()))).toEqual([]);
  await expect(frame.getByLabel('API Key')).toHaveValue('');
  await expect(frame.getByLabel('API Secret Key')).toHaveValue('');
  // The Auth0 page's own scripts see the fill itself (its fields), never a secret in a side channel.
  const channels = (kind) => !kind.startsWith('mutation') && kind !== 'field';
  const auth0Seen = await auth0.evaluate(() => window.__keybridgeRecorder());
  expect(auth0Seen.some((r) => r.kind === 'field' && r.text === app.consumerKey)).toBe(true);
  expect(leaks(auth0Seen, channels)).toEqual([]);
  // Never on the clipboard.
  await auth0.bringToFront();
  const clipboard = await auth0.evaluate(() => navigator.clipboard.readText().catch(() => ''));
  expect(secrets.some((s) => clipboard.includes(s))).toBe(false);
  expect(clipboard).toBe('clipboard-before-keybridge');
});

test('a lookalike Auth0 origin is never filled', async () => {
  await openPage(env.urls.legacyKeys);
  const fake = await openPage(env.urls.auth0Settings.replace('manage.auth0.com', 'manage-auth0.evil.test'));
  await expect(fake.getByLabel('API Key')).toBeVisible();
  const popup = await openPopup();
  await popup.getByRole('button', { name: 'Capture keys' }).click();
  await expect(popup.locator('#captured')).toBeVisible();
  await expect(popup.locator('#auth0-step')).toContainText('No Auth0 Twitter connection tab is open.');
  await expect(popup.getByRole('button', { name: 'Fill Auth0' })).toBeDisabled();
  await expect(fake.getByLabel('API Key')).toHaveValue('');
});

test('the keys page on another port is not the keys page', async () => {
  const other = await openPage(env.urls.legacyKeys.replace('apps.twitter.com/', 'apps.twitter.com:9443/'));
  await expect(other.locator('.app-settings')).toContainText('Consumer Secret (API Secret)');
  const popup = await openPopup();
  await expect(popup.locator('#twitter-step')).toContainText('No Twitter keys tab is open.');
  await expect(popup.getByRole('button', { name: 'Capture keys' })).toBeDisabled();
});

test('page scripts cannot message KeyBridge at all', async () => {
  const auth0 = await openPage(env.urls.auth0Settings);
  const reach = await auth0.evaluate((id) => {
    try {
      if (!globalThis.chrome?.runtime?.sendMessage) return 'no runtime';
      return new Promise((resolve) => chrome.runtime.sendMessage(id, { kind: 'capture' }, () => resolve(chrome.runtime.lastError ? 'refused' : 'answered')));
    } catch (e) {
      return `threw: ${e.message}`;
    }
  }, env.browser.extensionId);
  expect(reach).not.toBe('answered');
});

test('a service worker stopped between capture and fill loses nothing and repeats nothing', async () => {
  test.skip(env.browserName === 'firefox', 'Chromium\'s service worker; Firefox runs the background as an event page');
  const { app, auth0, popup } = await capturedBesideTheDashboard();
  // Stop it as a person would, from chrome://serviceworker-internals (Chromium stops idle workers the same way).
  await stopWorker(env.browser);
  await popup.getByRole('button', { name: 'Fill Auth0' }).click();
  await expect(popup.locator('#fill-report li')).toHaveText(FILLED);
  await auth0.getByRole('button', { name: 'Save' }).click();
  expect(JSON.parse(await auth0.locator('#saved-state').textContent()).client_secret).toBe(app.consumerSecret);
  // Filled once: a second Fill finds nothing captured rather than filling again.
  await popup.getByRole('button', { name: 'Fill Auth0' }).click();
  await expect(popup.locator('#notice')).toContainText('Nothing is captured yet.');
});

test('the Auth0 tab leaving the settings during a fill gets a clear message and nothing half-filled', async () => {
  env.world.world.tenant.loadDelayMs = 3000;
  await openPage(env.urls.legacyKeys);
  const auth0 = await openPage(env.urls.auth0Settings);
  const popup = await openPopup();
  await popup.getByRole('button', { name: 'Capture keys' }).click();
  await expect(popup.locator('#captured')).toBeVisible();
  await popup.getByRole('button', { name: 'Fill Auth0' }).click();
  await auth0.goto(env.urls.auth0Social);
  await expect(popup.locator('#notice')).toHaveText(/not the Auth0 Twitter connection settings|changed \(it reloaded or moved to another page\)|moved to another page/);
  await expect(popup.locator('#captured')).toBeVisible(); // nothing lost
  await expect(popup.locator('#fill-report')).toBeHidden();
  expect(env.world.world.tenant.connection.clientId).toBe('');
});

test('the Twitter tab closing after the capture, and the Auth0 window closing and reopening, lose nothing', async () => {
  const app = env.world.world.twitterApps[0];
  const twitter = await openPage(env.urls.legacyKeys);
  const popup = await openPopup();
  await popup.getByRole('button', { name: 'Capture keys' }).click();
  await expect(popup.locator('#captured')).toBeVisible();
  await twitter.close();
  let opened = env.browser.context.waitForEvent('page');
  const { id } = await (await env.browser.currentWorker()).evaluate((url) => chrome.windows.create({ url }), env.urls.auth0Settings);
  await opened;
  await (await env.browser.currentWorker()).evaluate((w) => chrome.windows.remove(w), id);
  await expect(popup.locator('#auth0-step')).toContainText('No Auth0 Twitter connection tab is open.');
  opened = env.browser.context.waitForEvent('page');
  await (await env.browser.currentWorker()).evaluate((url) => chrome.windows.create({ url }), env.urls.auth0Settings);
  const auth0 = await opened;
  await expect(auth0.getByLabel('API Key')).toBeVisible();
  await popup.getByRole('button', { name: 'Fill Auth0' }).click();
  await expect(popup.locator('#fill-report li')).toHaveText(FILLED);
  await expect(auth0.getByLabel('API Key')).toHaveValue(app.consumerKey);
});

test('a keys page padded past what a snapshot carries is not captured from, even with a pair in reach', async () => {
  const app = env.world.world.twitterApps[0];
  // 398 filler rows, then an injected pair: the real keys come after the snapshot's 400 values.
  app.injected = { filler: 398, consumerKey: 'I'.repeat(25), consumerSecret: 'J'.repeat(50) };
  await openPage(env.urls.legacyKeys);
  const popup = await openPopup();
  await popup.getByRole('button', { name: 'Capture keys' }).click();
  await expect(popup.locator('#notice')).toContainText('holds more fields or values than KeyBridge reads safely');
  await expect(popup.locator('#captured')).toBeHidden();
  const stored = await (await env.browser.currentWorker()).evaluate(() => chrome.storage.session.get(null));
  expect(stored).not.toHaveProperty('capture');
});

test('a page of deeply nested headings (8 MB of heading text) is read in bounded time: capture and fill work', async () => {
  const keys = await openPage(env.urls.legacyKeys);
  // The page's own script nests 1,300 headings (2,000 crashed Chromium's renderer here), each with 6,000
  // characters of its own: read whole, every heading's text holds all those inside it (5 GB in all; about
  // 4 s per snapshot with half as much text per heading, on this machine), past the 5 s a tab may take.
  await keys.evaluate(() => {
    let at = document.body.appendChild(document.createElement('div'));
    for (let i = 0; i < 1300; i++) {
      const h = at.appendChild(document.createElement(i % 2 ? 'h3' : 'h2'));
      h.append(`Section ${i} `, 'x'.repeat(5990));
      at = h.appendChild(document.createElement('div'));
    }
  });
  await openPage(env.urls.auth0Settings);
  const popup = await openPopup();
  await popup.getByRole('button', { name: 'Capture keys' }).click();
  await expect(popup.locator('#captured')).toBeVisible();
  await popup.getByRole('button', { name: 'Fill Auth0' }).click();
  await expect(popup.locator('#fill-report li')).toHaveText(FILLED);
});

test('a page in another script, of a realistic size, works: a 180-character Japanese description', async () => {
  const app = env.world.world.twitterApps[0];
  app.description = 'ツイッターでサインイン'.repeat(18).slice(0, 180);
  expect(app.description.length).toBe(180);
  await openPage(env.urls.auth0Settings);
  const twitter = await openPage(env.urls.legacySettings);
  const popup = await openPopup();
  await popup.getByRole('button', { name: 'Fill callback URL' }).click();
  await expect(popup.locator('#notice')).toContainText('Filled and read back: ');
  await expect(twitter.getByLabel('Callback URL', { exact: true })).toHaveValue(/\/login\/callback$/);
});

test('one tab that stops answering wedges nothing: the popup shows its state, and the slow tab is named', async () => {
  const app = env.world.world.twitterApps[0];
  app.hangMs = 30_000;
  const twitter = await openPage(env.urls.legacySettings);
  await twitter.waitForTimeout(800); // the page's main thread is now busy
  await openPage(env.urls.legacyKeys); // the keys tab answers (only the Settings tab hangs)
  const auth0 = await openPage(env.urls.auth0Settings);
  await expect(auth0.getByLabel('API Key')).toBeVisible();
  const popup = await openPopup();
  const started = Date.now();
  await expect(popup.getByRole('button', { name: 'Capture keys' })).toBeEnabled({ timeout: 6_000 });
  expect(Date.now() - started).toBeLessThan(6_000);
  await popup.getByRole('button', { name: 'Capture keys' }).click();
  await expect(popup.locator('#notice')).toContainText('Captured the consumer key and secret');
  await popup.getByRole('button', { name: 'Fill callback URL' }).click();
  await expect(popup.locator('#notice')).toContainText('did not answer within 5 seconds', { timeout: 10_000 });
  await twitter.close({ runBeforeUnload: false });
});

test('a custom domain that is not a domain name never reaches the callback URL', async () => {
  const worker = await env.browser.currentWorker();
  await worker.evaluate(() => chrome.storage.local.set({ options: { customDomain: 'evil.example/login/callback?x=' } }));
  await openPage(env.urls.auth0Settings);
  await openPage(env.urls.legacySettings);
  const popup = await openPopup();
  const tenant = `https://${new URL(env.urls.auth0Settings).pathname.split('/')[3]}.us.auth0.com/login/callback`;
  await expect(popup.locator('#guide li[data-step=callback]')).toContainText(tenant);
  await expect(popup.locator('#guide')).not.toContainText('evil.example');
  await worker.evaluate(() => chrome.storage.local.clear());
});

test('a dashboard that another page opens beside the admin\'s is never filled on a guess', async () => {
  await openPage(env.urls.legacyKeys);
  const own = await openPage(env.urls.auth0Settings);
  await expect(own.getByLabel('API Key')).toBeVisible();
  const evil = await openPage('https://manage-auth0.evil.test/__evil/page');
  // The hostile page opens a dashboard (any tenant's): the most recent Auth0 tab is now the one it opened.
  const opened = env.browser.context.waitForEvent('page');
  await evil.evaluate((url) => { window.open(url); }, env.urls.auth0Settings);
  const dashboard = await opened;
  await expect(dashboard.getByLabel('API Key')).toBeVisible();
  const popup = await openPopup();
  await expect(popup.locator('#auth0-step .tab')).toContainText('is one of 2 Auth0 tabs');
  await popup.getByRole('button', { name: 'Capture keys' }).click();
  await popup.getByRole('button', { name: 'Fill Auth0' }).click();
  await expect(popup.locator('#notice')).toContainText('KeyBridge fills only the one you pick');
  for (const page of [own, dashboard]) await expect(page.getByLabel('API Key')).toHaveValue('');
  // The admin picks their own tab (the older one): it alone is filled.
  await popup.locator('#auth0-choices li').nth(1).getByRole('button', { name: /Use this tab/ }).click();
  await popup.getByRole('button', { name: 'Fill Auth0' }).click();
  await expect(popup.locator('#fill-report li')).toHaveText(FILLED);
  await expect(own.getByLabel('API Key')).not.toHaveValue('');
  await expect(dashboard.getByLabel('API Key')).toHaveValue('');
});

test('a dashboard of another tenant, even the only Auth0 tab, is never filled until the admin picks it', async () => {
  env.world.world.tenant.otherTenants = [{ name: 'globex-prod', region: 'eu' }];
  const tenant = new URL(env.urls.auth0Settings).pathname.split('/')[3];
  await openPage(env.urls.legacyKeys);
  const own = await openPage(env.urls.auth0Settings);
  await expect(own.getByLabel('API Key')).toBeVisible();
  let popup = await openPopup();
  // Said before any click: which tenant Fill Auth0 fills, and from which page the keys come.
  await expect(popup.locator('#fill-target')).toHaveText(`Fills tenant ${tenant} (${tenant}.us.auth0.com).`);
  await popup.getByRole('button', { name: 'Capture keys' }).click();
  await expect(popup.locator('#fill-target')).toContainText(`Fills tenant ${tenant} (${tenant}.us.auth0.com) with the keys from “`);
  await own.close();
  // The admin's dashboard is gone; a hostile page opens another tenant's: the only Auth0 tab now.
  const evil = await openPage('https://manage-auth0.evil.test/__evil/page');
  const opened = env.browser.context.waitForEvent('page');
  await evil.evaluate((url) => { window.open(url); }, env.urls.auth0Settings.replace(`/dashboard/us/${tenant}/`, '/dashboard/eu/globex-prod/'));
  const other = await opened;
  await expect(other.getByLabel('API Key')).toBeVisible();
  await popup.close();
  popup = await openPopup();
  await expect(popup.locator('#auth0-step .tab')).toContainText(`is for tenant globex-prod.eu.auth0.com, not ${tenant}.us.auth0.com`);
  await expect(popup.locator('#fill-target')).toContainText('Fills tenant globex-prod (globex-prod.eu.auth0.com)');
  await popup.getByRole('button', { name: 'Fill Auth0' }).click();
  await expect(popup.locator('#notice')).toContainText(`This Auth0 tab is for tenant globex-prod.eu.auth0.com, but this setup started with ${tenant}.us.auth0.com`);
  await expect(other.getByLabel('API Key')).toHaveValue('');
  // The candidates name their tenants (every dashboard tab has the same title).
  await expect(popup.locator('#auth0-choices li').first()).toContainText('Tenant globex-prod (globex-prod.eu.auth0.com), window');
  // Only the admin's pick makes it the tenant to fill; the callback URL follows it then.
  await popup.locator('#auth0-choices li').first().getByRole('button', { name: /Use this tab/ }).click();
  await popup.getByRole('button', { name: 'Fill Auth0' }).click();
  await expect(popup.locator('#fill-report li')).toHaveText(FILLED);
  await expect(other.getByLabel('API Key')).not.toHaveValue('');
  await expect(popup.locator('#guide li[data-step=callback]')).toContainText('https://globex-prod.eu.auth0.com/login/callback');
});

test('the consumer key does not outlive the fill that used it: not in what the checklist keeps, not in Export', async () => {
  const { app, auth0, popup } = await capturedBesideTheDashboard();
  await popup.getByRole('button', { name: 'Fill Auth0' }).click();
  await expect(popup.locator('#fill-report li')).toHaveText(FILLED);
  // Used, the keys are forgotten. The Auth0 form still shows the key: the checklist's looks read that page
  // again (two of them).
  await expect(auth0.getByLabel('API Key')).toHaveValue(app.consumerKey);
  await popup.waitForTimeout(3200);
  const worker = await env.browser.currentWorker();
  const kept = JSON.stringify(await worker.evaluate(() => chrome.storage.session.get(null)));
  expect(kept).toContain('"facts"'); // the checklist keeps its facts
  for (const value of [app.consumerKey, app.consumerSecret]) expect(kept).not.toContain(value);
  await popup.getByRole('button', { name: 'Export configuration' }).click();
  await expect(popup.locator('#export-text')).toContainText('"client_id"');
  for (const value of [app.consumerKey, app.consumerSecret]) await expect(popup.locator('#export-text')).not.toContainText(value);
});
