// End-to-end in real Chromium and Firefox: the packaged extension, the replica world at the real URLs, two tabs,
// driven only through the popup (opened as a page) and the admin's own clicks on the sites.
import { test } from '@playwright/test';

import { oauth2Client, tenantDomain } from '../../www/world.mjs';
import { CONTENT_SCRIPT, FILLED, MASKED, filled, allSecrets, contentScriptActivity, expect, extensionHooks } from './harness.mjs';

const env = extensionHooks(test, expect);

const session = async () => (await env.browser.currentWorker()).evaluate(() => chrome.storage.session.get(null));

/// Nothing captured: no capture in storage.session, and no secret of the world anywhere in it.
async function expectNothingCaptured() {
  const stored = await session();
  expect(stored).not.toHaveProperty('capture');
  for (const secret of allSecrets(env.world.world)) expect(JSON.stringify(stored)).not.toContain(secret);
}

/// Opens the Twitter page of `era` showing the keys; returns the page and the keys it shows.
async function openTwitter(era) {
  const page = await env.browser.context.newPage();
  if (era === 'legacy') {
    await page.goto(env.urls.legacyKeys);
    const app = env.world.world.twitterApps[0];
    return { page, key: app.consumerKey, secret: app.consumerSecret };
  }
  // The portal shows keys only once: regenerate, then capture while the dialog is open.
  await page.goto(env.urls.portalKeys);
  await page.locator('.key-card', { hasText: 'API Key and Secret' }).getByRole('link', { name: 'Regenerate' }).click();
  await page.getByRole('button', { name: 'Yes, regenerate' }).click();
  const app = env.world.world.portal.apps[0];
  await expect(page.getByRole('dialog')).toContainText(app.consumerSecret);
  return { page, key: app.consumerKey, secret: app.consumerSecret };
}

const AUTH0 = {
  current: { url: () => env.urls.auth0Settings, key: 'API Key', secret: 'API Secret Key' },
  seed: { url: () => env.urls.auth0SeedSettings, key: 'Consumer Key', secret: 'Consumer Secret' },
};

async function openAuth0(era, { wait = true } = {}) {
  const page = await env.browser.context.newPage();
  await page.goto(AUTH0[era].url());
  if (wait) await expect(page.getByLabel(AUTH0[era].key, { exact: true })).toBeVisible();
  return page;
}

const openPopup = () => env.openPopup();

async function saveAndReadReactState(auth0) {
  await auth0.getByRole('button', { name: 'Save' }).click();
  return JSON.parse(await auth0.locator('#saved-state').textContent());
}

for (const twitterEra of ['legacy', 'portal']) {
  for (const auth0Era of ['current', 'seed']) {
    test(`captures on the ${twitterEra} keys page and fills the ${auth0Era}-era Auth0 connection`, async () => {
      const twitter = await openTwitter(twitterEra);
      const auth0 = await openAuth0(auth0Era);
      const popup = await openPopup();
      await popup.getByRole('button', { name: 'Capture keys' }).click();
      await expect(popup.locator('#captured-key')).toHaveText(MASKED(twitter.key));
      await expect(popup.locator('#expiry')).toContainText('forgets them in 10 min');
      await expect(popup.locator('body')).not.toContainText(twitter.key);
      await expect(popup.locator('body')).not.toContainText(twitter.secret);
      await popup.getByRole('button', { name: 'Fill Auth0' }).click();
      await expect(popup.locator('#fill-report li')).toHaveText(filled(AUTH0[auth0Era].key, AUTH0[auth0Era].secret));
      expect(await saveAndReadReactState(auth0)).toEqual({ status: 'saved', client_id: twitter.key, client_secret: twitter.secret });
      expect(env.world.world.tenant.connection.clientSecret).toBe(twitter.secret);
      // Used keys leave KeyBridge: only the secret-free fill report remains in the session.
      expect(JSON.stringify(await session())).not.toContain(twitter.secret);
    });
  }
}

test('captures and fills across two browser windows', async () => {
  const twitter = await openTwitter('legacy');
  const opened = env.browser.context.waitForEvent('page');
  await (await env.browser.currentWorker()).evaluate((url) => chrome.windows.create({ url }), env.urls.auth0Settings);
  const auth0 = await opened;
  await expect(auth0.getByLabel('API Key')).toBeVisible();
  const popup = await openPopup();
  await popup.getByRole('button', { name: 'Capture keys' }).click();
  await popup.getByRole('button', { name: 'Fill Auth0' }).click();
  await expect(popup.locator('#fill-report li')).toHaveText(FILLED);
  expect((await saveAndReadReactState(auth0)).client_id).toBe(twitter.key);
});

test('with two Auth0 tabs, lists both and fills the one the admin picks', async () => {
  const twitter = await openTwitter('legacy');
  const first = await openAuth0('current');
  const second = await openAuth0('current');
  const popup = await openPopup();
  const choices = popup.locator('#auth0-choices li');
  await expect(choices).toHaveCount(2);
  await expect(popup.locator('#auth0-step .tab')).toContainText('is one of 2 Auth0 tabs');
  await popup.getByRole('button', { name: 'Capture keys' }).click();
  // KeyBridge does not guess: Fill Auth0 asks for the pick and fills nothing.
  await popup.getByRole('button', { name: 'Fill Auth0' }).click();
  await expect(popup.locator('#notice')).toContainText('KeyBridge fills only the one you pick');
  for (const page of [first, second]) await expect(page.getByLabel('API Key')).toHaveValue('');
  // Pick the older tab (the most recent is listed first).
  await choices.nth(1).getByRole('button', { name: /Use this tab/ }).click();
  await expect(popup.locator('#auth0-step .tab')).toContainText('which you picked among 2 open tabs');
  await popup.getByRole('button', { name: 'Fill Auth0' }).click();
  await expect(popup.locator('#fill-report li')).toHaveText(FILLED);
  await expect(first.getByLabel('API Key')).toHaveValue(twitter.key);
  await expect(second.getByLabel('API Key')).toHaveValue('');
  await popup.locator('#auth0-goto').click();
  await expect.poll(() => first.evaluate(() => document.visibilityState)).toBe('visible');
});

test('a dashboard field holding another value is replaced only after the admin confirms', async () => {
  Object.assign(env.world.world.tenant.connection, { clientId: 'X'.repeat(25), clientSecret: 'Y'.repeat(50) });
  const twitter = await openTwitter('legacy');
  const auth0 = await openAuth0('current');
  await expect(auth0.getByLabel('API Key')).toHaveValue('X'.repeat(25));
  const popup = await openPopup();
  await popup.getByRole('button', { name: 'Capture keys' }).click();
  await popup.getByRole('button', { name: 'Fill Auth0' }).click();
  await expect(popup.locator('#fill-report li')).toHaveText([
    'API Key: holds a different value: not replaced', 'API Secret Key: holds a different value: not replaced']);
  await expect(auth0.getByLabel('API Key')).toHaveValue('X'.repeat(25));
  await expect(popup.locator('#captured')).toBeVisible(); // nothing lost while the admin decides
  // The popup closed and opened again still offers the choice.
  await popup.close();
  const again = await openPopup();
  await again.getByRole('button', { name: 'Replace in Auth0' }).click();
  await expect(again.locator('#fill-report li')).toHaveText(FILLED);
  expect(await saveAndReadReactState(auth0)).toEqual({ status: 'saved', client_id: twitter.key, client_secret: twitter.secret });
});

test('Replace in Auth0 right after the fill that found other values', async () => {
  Object.assign(env.world.world.tenant.connection, { clientId: 'X'.repeat(25), clientSecret: 'Y'.repeat(50) });
  const twitter = await openTwitter('legacy');
  const auth0 = await openAuth0('current');
  const popup = await openPopup();
  await popup.getByRole('button', { name: 'Capture keys' }).click();
  await popup.getByRole('button', { name: 'Fill Auth0' }).click();
  await expect(popup.locator('#fill-report li.bad')).toHaveCount(2);
  await popup.getByRole('button', { name: 'Replace in Auth0' }).click();
  await expect(popup.locator('#fill-report li')).toHaveText(FILLED);
  expect(await saveAndReadReactState(auth0)).toEqual({ status: 'saved', client_id: twitter.key, client_secret: twitter.secret });
});

test('a dashboard already holding the same keys is left as it is', async () => {
  const app = env.world.world.twitterApps[0];
  Object.assign(env.world.world.tenant.connection, { clientId: app.consumerKey, clientSecret: app.consumerSecret });
  await openTwitter('legacy');
  await openAuth0('current');
  const popup = await openPopup();
  await popup.getByRole('button', { name: 'Capture keys' }).click();
  await popup.getByRole('button', { name: 'Fill Auth0' }).click();
  await expect(popup.locator('#fill-report li')).toHaveText([
    'API Key: already held this value (read back)', 'API Secret Key: already held this value (read back)']);
  // Nothing changed, nothing to save: Auth0 holds the keys.
  await expect(popup.locator('#guide-steps > li[data-step=fill]')).toHaveClass(/done/);
});

test('waits for an Auth0 form that renders after the click', async () => {
  env.world.world.tenant.loadDelayMs = 2500;
  const twitter = await openTwitter('legacy');
  const auth0 = await openAuth0('current', { wait: false });
  const popup = await openPopup();
  await popup.getByRole('button', { name: 'Capture keys' }).click();
  await expect(auth0.getByRole('progressbar')).toBeVisible();
  await popup.getByRole('button', { name: 'Fill Auth0' }).click();
  // The notice first: if the wait fails, the failure shows what the popup said.
  await expect(popup.locator('#notice')).toHaveText(/Both values are in the Auth0 form/, { timeout: 20_000 });
  await expect(popup.locator('#fill-report li')).toHaveText(FILLED);
  expect((await saveAndReadReactState(auth0)).client_secret).toBe(twitter.secret);
});

test('follows a route change in the Auth0 tab while the popup is open', async () => {
  const twitter = await openTwitter('legacy');
  const auth0 = await env.browser.context.newPage();
  await auth0.goto(env.urls.auth0Social);
  const popup = await openPopup();
  await expect(popup.locator('#auth0-step')).toContainText('No Auth0 Twitter connection tab is open.');
  await expect(popup.getByRole('button', { name: 'Fill Auth0' })).toBeDisabled();
  await popup.getByRole('button', { name: 'Capture keys' }).click();
  await auth0.getByRole('link', { name: 'twitter', exact: true }).click(); // a pushState route, no reload
  await expect(popup.getByRole('button', { name: 'Fill Auth0' })).toBeEnabled();
  await popup.getByRole('button', { name: 'Fill Auth0' }).click();
  await expect(popup.locator('#fill-report li')).toHaveText(FILLED);
  expect((await saveAndReadReactState(auth0)).client_id).toBe(twitter.key);
});

test('the portal showing only hints says to regenerate and captures nothing', async () => {
  const page = await env.browser.context.newPage();
  await page.goto(env.urls.portalKeys);
  const popup = await openPopup();
  await popup.getByRole('button', { name: 'Capture keys' }).click();
  await expect(popup.locator('#notice')).toHaveText(/shows these keys only once\. On the app's Keys and tokens, click Regenerate/);
  await expect(popup.locator('#captured')).toBeHidden();
  await expectNothingCaptured();
});

test('an OAuth 2.0 Client ID offered as the consumer key gets a warning and the admin decides', async () => {
  const app = env.world.world.twitterApps[0];
  app.consumerKey = oauth2Client().clientId; // a page that labels the wrong value "Consumer Key"
  await openTwitter('legacy');
  await openAuth0('current');
  const popup = await openPopup();
  await popup.getByRole('button', { name: 'Capture keys' }).click();
  await expect(popup.locator('#notice')).toContainText('looks like an OAuth 2.0 Client ID');
  await expect(popup.locator('#captured')).toBeHidden();
  await popup.getByRole('button', { name: 'Capture anyway' }).click();
  await expect(popup.locator('#captured-key')).toHaveText(MASKED(app.consumerKey));
});

test('notices keys regenerated after the capture and asks for a new capture', async () => {
  const twitter = await openTwitter('legacy');
  const auth0 = await openAuth0('current');
  const popup = await openPopup();
  await popup.getByRole('button', { name: 'Capture keys' }).click();
  await twitter.page.getByRole('link', { name: 'Regenerate Consumer Key and Secret' }).click();
  await twitter.page.getByRole('button', { name: 'Regenerate' }).click();
  await popup.getByRole('button', { name: 'Fill Auth0' }).click();
  await expect(popup.locator('#notice')).toHaveText(/changed since you captured them.*Capture keys/);
  await expect(auth0.getByLabel('API Key')).toHaveValue('');
  await popup.getByRole('button', { name: 'Capture keys' }).click();
  await popup.getByRole('button', { name: 'Fill Auth0' }).click();
  await expect(popup.locator('#fill-report li')).toHaveText(FILLED);
  await expect(auth0.getByLabel('API Key')).toHaveValue(env.world.world.twitterApps[0].consumerKey);
});

test('captured keys expire and are forgotten', async () => {
  await openTwitter('legacy');
  await openAuth0('current');
  const popup = await openPopup();
  await popup.getByRole('button', { name: 'Capture keys' }).click();
  await expect(popup.locator('#captured')).toBeVisible();
  await (await env.browser.currentWorker()).evaluate(async () => {
    const { capture } = await chrome.storage.session.get('capture');
    await chrome.storage.session.set({ capture: { ...capture, expiresAt: Date.now() - 1 } });
  });
  await popup.getByRole('button', { name: 'Fill Auth0' }).click();
  await expect(popup.locator('#notice')).toHaveText('The captured keys expired and were forgotten. Capture them again.');
  await expectNothingCaptured();
});

test('keys that expire while the popup is closed are not forgotten without a word', async () => {
  await openTwitter('legacy');
  const popup = await openPopup();
  await popup.getByRole('button', { name: 'Capture keys' }).click();
  await expect(popup.locator('#captured')).toBeVisible();
  await popup.close();
  // Their time is up, and the expiry alarm goes off.
  const worker = () => env.browser.currentWorker();
  await (await worker()).evaluate(async () => {
    const { capture } = await chrome.storage.session.get('capture');
    await chrome.storage.session.set({ capture: { ...capture, expiresAt: Date.now() - 1 } });
    await chrome.alarms.create('forget-captured-keys', { when: Date.now() + 10 });
  });
  await expect.poll(async () => (await worker()).evaluate(async () => Object.keys(await chrome.storage.session.get('capture')).length)).toBe(0);
  const again = await openPopup();
  await expect(again.locator('#notice')).toHaveText('The captured keys expired and were forgotten. Capture them again.');
  await expect(again.locator('#guide-steps > li[data-step=keys]')).not.toHaveClass(/done/);
  await expectNothingCaptured();
});

test('Forget keys clears them at once', async () => {
  await openTwitter('legacy');
  const popup = await openPopup();
  await popup.getByRole('button', { name: 'Capture keys' }).click();
  await popup.getByRole('button', { name: 'Forget keys' }).click();
  await expect(popup.locator('#notice')).toHaveText('KeyBridge forgot the captured keys.');
  await expectNothingCaptured();
});

/// The console app with user authentication set up, showing its OAuth 2.0 pair once (after Regenerate).
async function openConsoleShowingOAuth2() {
  const app = env.world.world.console.apps[0];
  app.userAuth = { permissions: 'read', appType: 'web', callbackUrls: [`https://${tenantDomain(env.world.world.tenant)}/login/callback`],
    websiteUrl: 'https://acme.example', organizationName: '' };
  const page = await env.openPage(env.urls.consoleApp);
  await page.getByRole('button', { name: 'Regenerate Client Secret' }).click();
  await expect(page.getByRole('dialog')).toContainText(app.oauth2.clientSecret);
  return { page, app };
}

/// What the create form's React state held when the admin clicked Create.
async function createAndReadReactState(auth0) {
  await auth0.getByRole('button', { name: 'Create' }).click();
  return JSON.parse(await auth0.locator('#saved-state').textContent());
}

test('a create form that does not say which pair it wants: the admin is asked, and the answer is filled', async () => {
  env.world.world.tenant.createHelp = 'none';
  const { app } = await openConsoleShowingOAuth2();
  const auth0 = await env.openPage(env.urls.auth0CreateTwitter);
  await expect(auth0.getByLabel('Client ID', { exact: true })).toBeVisible();
  const popup = await openPopup();
  await popup.getByRole('button', { name: 'Capture keys' }).click();
  await expect(popup.locator('#captured-pair')).toHaveText('OAuth 2.0 Client ID and Secret');
  await popup.getByRole('button', { name: 'Fill Auth0' }).click();
  await expect(popup.locator('#notice')).toContainText('does not say which pair it wants');
  await expect(popup.locator('#ask-protocol')).toBeVisible();
  await expect(auth0.getByLabel('Client ID', { exact: true })).toHaveValue('');
  await popup.getByRole('button', { name: 'Fill the OAuth 2.0 Client ID and Secret' }).click();
  await expect(popup.locator('#fill-report li.ok')).toHaveCount(2);
  await expect(popup.locator('#ask-protocol')).toBeHidden();
  expect(await createAndReadReactState(auth0)).toEqual({ status: 'created', name: 'twitter',
    client_id: app.oauth2.clientId, client_secret: app.oauth2.clientSecret });
});

test('a form that wants the OAuth 2.0 pair never gets the consumer pair', async () => {
  const twitter = await openTwitter('legacy');
  const auth0 = await env.openPage(env.urls.auth0CreateTwitter);
  await expect(auth0.getByLabel('Client ID', { exact: true })).toBeVisible();
  const popup = await openPopup();
  await popup.getByRole('button', { name: 'Capture keys' }).click();
  await expect(popup.locator('#captured-pair')).toHaveText('Consumer key and secret (OAuth 1.0a)');
  await popup.getByRole('button', { name: 'Fill Auth0' }).click();
  await expect(popup.locator('#notice')).toContainText('takes the OAuth 2.0 Client ID and Client Secret, which KeyBridge has not captured');
  await expect(popup.locator('#ask-protocol')).toBeHidden();
  for (const label of ['Client ID', 'Client Secret']) await expect(auth0.getByLabel(label, { exact: true })).toHaveValue('');
  await expect(popup.locator('#captured-key')).toHaveText(MASKED(twitter.key)); // nothing lost
});

test('Create Connection for another provider is never filled', async () => {
  await openConsoleShowingOAuth2();
  const github = await env.openPage(env.urls.auth0CreateGithub);
  await expect(github.getByLabel('Client ID', { exact: true })).toBeVisible();
  const popup = await openPopup();
  await popup.getByRole('button', { name: 'Capture keys' }).click();
  await popup.getByRole('button', { name: 'Fill Auth0' }).click();
  await expect(popup.locator('#notice')).toContainText('is for GitHub, not Twitter');
  for (const label of ['Client ID', 'Client Secret']) await expect(github.getByLabel(label, { exact: true })).toHaveValue('');
});

test('the seed era\'s Twitter settings open as a dialog over the list: filled there, and only once it is open', async () => {
  env.world.world.tenant.seedDialog = true;
  const twitter = await openTwitter('legacy');
  const auth0 = await env.openPage(env.urls.auth0SeedSocial);
  await expect(auth0.getByRole('button', { name: 'Twitter', exact: true })).toBeVisible();
  const popup = await openPopup();
  await popup.getByRole('button', { name: 'Capture keys' }).click();
  await popup.getByRole('button', { name: 'Fill Auth0' }).click();
  await expect(popup.locator('#notice')).toContainText('Click Twitter in the list of social connections to open its settings');
  await auth0.getByRole('button', { name: 'GitHub', exact: true }).click();
  await popup.getByRole('button', { name: 'Fill Auth0' }).click();
  await expect(popup.locator('#notice')).toContainText('is for GitHub, not Twitter');
  await auth0.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  await auth0.getByRole('button', { name: 'Twitter', exact: true }).click();
  await popup.getByRole('button', { name: 'Fill Auth0' }).click();
  await expect(popup.locator('#fill-report li.ok')).toHaveCount(2);
  expect(await saveAndReadReactState(auth0)).toEqual({ status: 'saved', client_id: twitter.key, client_secret: twitter.secret });
});

test('a page read for the checklist carries no key: only Capture asks the content script for values', async () => {
  test.skip(env.browserName === 'firefox', 'asks the content script as the background does; Firefox\'s background (an event page) is out of WebDriver\'s reach, and the content script answers no extension page in a tab');
  await env.openPage(env.urls.legacyKeys);
  const app = env.world.world.twitterApps[0];
  const worker = await env.browser.currentWorker();
  const snapshot = (secrets, fingerprints = false) => worker.evaluate(async ([secrets, fingerprints]) => {
    const [tab] = await chrome.tabs.query({ url: 'https://apps.twitter.com/*' });
    return JSON.stringify(await chrome.tabs.sendMessage(tab.id, { kind: 'snapshot', secrets, fingerprints }, { frameId: 0 }));
  }, [secrets, fingerprints]);
  const observed = await snapshot(false);
  expect(observed).toContain('Consumer Key (API Key)');
  for (const value of [app.consumerKey, app.consumerSecret]) expect(observed).not.toContain(value);
  // A keys page's look (to notice keys regenerated): each key-like value's fingerprint, never the value.
  const printed = await snapshot(false, true);
  for (const value of [app.consumerKey, app.consumerSecret]) expect(printed).not.toContain(value);
  const pairs = JSON.parse(printed).pairs.filter((p) => /^Consumer (Key|Secret)/.test(p.label));
  expect(pairs.map((p) => [p.value, /^[0-9a-f]{16}$/.test(p.fingerprint)])).toEqual([['', true], ['', true]]);
  const captured = await snapshot(true);
  for (const value of [app.consumerKey, app.consumerSecret]) expect(captured).toContain(value);
});

test('does not capture from the app details tab (not the keys tab)', async () => {
  const details = await env.browser.context.newPage();
  await details.goto(env.urls.legacyDetails);
  await expect(details.locator('.app-settings')).toContainText('Consumer Key (API Key)');
  const popup = await openPopup();
  await expect(popup.locator('#twitter-step')).toContainText('No Twitter keys tab is open.');
  await expect(popup.getByRole('button', { name: 'Capture keys' })).toBeDisabled();
  await expectNothingCaptured();
});

test('does not capture from the keys page on a lookalike origin', async () => {
  const fake = await env.browser.context.newPage();
  await fake.goto(env.urls.legacyKeys.replace('apps.twitter.com', 'apps.twitter.com.evil.test'));
  await expect(fake.locator('.app-settings')).toContainText('Consumer Secret (API Secret)');
  const popup = await openPopup();
  await expect(popup.locator('#twitter-step')).toContainText('No Twitter keys tab is open.');
  await expect(popup.getByRole('button', { name: 'Capture keys' })).toBeDisabled();
});

test('Fill Auth0 before any capture says what to do and fills nothing', async () => {
  const auth0 = await openAuth0('current');
  const popup = await openPopup();
  await popup.getByRole('button', { name: 'Fill Auth0' }).click();
  await expect(popup.locator('#notice')).toHaveText('Nothing is captured yet. Click “Capture keys” on the Twitter keys tab first.');
  await expect(auth0.getByLabel('API Key')).toHaveValue('');
});

test('the content script starts no timer, observer or listener on a page until asked to fill', async () => {
  for (const url of [env.urls.legacyKeys, env.urls.auth0Settings]) {
    const page = await env.browser.context.newPage();
    await page.goto(url);
    expect(await contentScriptActivity(page), url).toEqual([]);
    // The check sees such work when there is some.
    const observing = `${CONTENT_SCRIPT}\nnew MutationObserver(() => {}).observe(document, { subtree: true, childList: true });`;
    expect(await contentScriptActivity(page, observing, 50)).toEqual(['MutationObserver']);
    await page.close();
  }
});

test('holding "reveal" shows the consumer key in full only while held, never the secret', async () => {
  const twitter = await openTwitter('legacy');
  const popup = await openPopup();
  await popup.getByRole('button', { name: 'Capture keys' }).click();
  const key = popup.locator('#captured-key');
  await expect(key).toHaveText(MASKED(twitter.key));
  await popup.locator('#reveal').dispatchEvent('pointerdown');
  await expect(key).toHaveText(twitter.key);
  await expect(popup.locator('body')).not.toContainText(twitter.secret);
  await popup.locator('#reveal').dispatchEvent('pointerup');
  await expect(key).toHaveText(MASKED(twitter.key));
  await popup.locator('#reveal').focus();
  await popup.keyboard.down('Space');
  await expect(key).toHaveText(twitter.key);
  await popup.keyboard.up('Space');
  await expect(key).toHaveText(MASKED(twitter.key));
});

// Every Auth0 social connection has the same URL shape and, today, the same labels: only the page's heading
// says which provider it is. KeyBridge fills none but Twitter's, in both eras.
for (const auth0Era of ['current', 'seed']) {
  for (const [provider, said] of [['GitHub', /for GitHub, not Twitter/], ['Tumblr', /for Tumblr, not Twitter/], ['', /does not say which provider/]]) {
    test(`refuses to fill the ${auth0Era}-era connection page of ${provider || 'no named provider'}`, async () => {
      const connection = env.world.world.tenant.connection;
      connection.provider = provider;
      try {
        await openTwitter('legacy');
        const auth0 = await openAuth0(auth0Era);
        await expect(auth0.getByRole('heading', { level: 1 })).toHaveText(provider || 'Social connection');
        const popup = await openPopup();
        await popup.getByRole('button', { name: 'Capture keys' }).click();
        await expect(popup.locator('#captured')).toBeVisible();
        await popup.getByRole('button', { name: 'Fill Auth0' }).click();
        await expect(popup.locator('#notice')).toHaveText(said);
        await expect(auth0.getByLabel(AUTH0[auth0Era].key, { exact: true })).toHaveValue('');
        await expect(auth0.getByLabel(AUTH0[auth0Era].secret, { exact: true })).toHaveValue('');
        await expect(popup.locator('#fill-report')).toBeHidden();
        await expect(popup.locator('#captured')).toBeVisible(); // nothing lost: the right tab can still be filled
      } finally {
        delete connection.provider;
      }
    });
  }
}
