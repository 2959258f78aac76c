// End-to-end in headless Firefox ESR through geckodriver: the packaged dist/firefox add-on, the replica
// world on loopback port 443 reached at the real URLs through Firefox's DNS override.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';

import { HOSTS, pageUrls, startWorld } from '../../www/server.mjs';
import { FIREFOX_EXTENSION } from './harness.mjs';
import { Session, startGeckodriver, waitFor } from './webdriver.mjs';

const ADDON_ID = 'keybridge@keybridge.dev';
const uuid = randomUUID();
let world;
let driver;
let session;

before(async () => {
  // Firefox resolves the listed hosts to 127.0.0.1 on the URL's own port: 443 (the tests run as root).
  world = await startWorld({ port: 443 });
  driver = await startGeckodriver(process.env.GECKODRIVER || 'geckodriver');
  session = await Session.create(driver.base, {
    browserName: 'firefox',
    acceptInsecureCerts: true,
    'moz:firefoxOptions': {
      binary: process.env.FIREFOX || '/usr/bin/firefox-esr',
      args: ['-headless'],
      prefs: {
        'network.dns.localDomains': HOSTS.join(','),
        'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: uuid }),
        'browser.shell.checkDefaultBrowser': false,
        'datareporting.policy.dataSubmissionEnabled': false,
      },
    },
  });
  await session.installAddon(FIREFOX_EXTENSION);
});

after(async () => {
  await session?.close();
  driver?.stop();
  await world?.close();
});

const text = async (css) => session.text(await session.find(css));
const FILLED = 'Consumer Key: filled and read back from the page|Consumer Secret: filled and read back from the page';

/// Opens the keys page of `era` in the current window; returns the keys it shows (read by the test).
async function openTwitter(era, urls) {
  if (era === 'legacy') {
    await session.goto(urls.legacyKeys);
    const cells = await session.findAll('.app-settings .row > span');
    const app = world.world.twitterApps[0];
    assert.equal(await session.text(cells[1]), app.consumerKey);
    return app;
  }
  await session.goto(`${urls.portalKeys}?confirm=consumer`);
  await session.click(await session.find('.dialog button[type=submit]'));
  const app = world.world.portal.apps[0];
  await waitFor('the one-time dialog', async () => (await text('[role=dialog]')).includes(app.consumerSecret));
  return app;
}

for (const [twitterEra, auth0Era] of [['legacy', 'current'], ['portal', 'seed']]) {
  test(`Firefox: captures on the ${twitterEra} keys page and fills the ${auth0Era}-era Auth0 connection`, async () => {
    world.reset();
    const urls = pageUrls(world.world);
    const app = await openTwitter(twitterEra, urls);

    const auth0Window = await session.newWindow();
    await session.switchTo(auth0Window);
    await session.goto(auth0Era === 'current' ? urls.auth0Settings : urls.auth0SeedSettings);
    await waitFor('the Auth0 form', () => session.find('#client_id'));

    const popupWindow = await session.newWindow();
    await session.switchTo(popupWindow);
    await session.goto(`moz-extension://${uuid}/popup.html`);
    const capture = await waitFor('an enabled Capture keys button', async () => {
      const b = await session.find('#capture');
      return (await session.enabled(b)) && (await session.text(b)) === 'Capture keys' && b;
    });
    await session.click(capture);
    await waitFor('the masked key', async () => (await text('#captured-key')) === `${app.consumerKey.slice(0, 4)}${'•'.repeat(12)}`);
    const popupText = await text('main');
    assert.ok(!popupText.includes(app.consumerKey) && !popupText.includes(app.consumerSecret), 'the popup shows a key unmasked');

    const fill = await session.find('#fill');
    assert.equal(await session.text(fill), 'Fill Auth0');
    await session.click(fill);
    await waitFor('the fill report', async () => {
      const items = await Promise.all((await session.findAll('#fill-report li')).map((li) => session.text(li)));
      return items.join('|') === FILLED;
    });

    const storage = await session.executeAsync(`const done = arguments[arguments.length - 1];
      Promise.all([browser.storage.local.get(null), browser.storage.sync.get(null), browser.storage.session.get(null)])
        .then(([local, sync, session]) => done({ local, sync, session: JSON.stringify(session) }));`);
    assert.deepEqual([storage.local, storage.sync], [{}, {}]);
    assert.ok(!storage.session.includes(app.consumerSecret), 'storage.session still holds the secret after a verified fill');

    await session.switchTo(auth0Window);
    await session.click(await session.find('button[type=submit]'));
    const saved = JSON.parse(await waitFor('the saved state', () => text('#saved-state')));
    assert.deepEqual(saved, { status: 'saved', client_id: app.consumerKey, client_secret: app.consumerSecret });
    for (const handle of [auth0Window, popupWindow]) {
      await session.switchTo(handle);
      await session.call('DELETE', '/window');
    }
    const [first] = await session.call('GET', '/window/handles');
    await session.switchTo(first);
  });
}

test('Firefox: today\'s path: the X Developer Console\'s OAuth 2.0 pair into Auth0\'s Create Connection form', async () => {
  world.reset();
  const urls = pageUrls(world.world);
  const app = world.world.console.apps[0];
  app.userAuth = { permissions: 'read', appType: 'web', callbackUrls: [`https://${world.world.tenant.name}.${world.world.tenant.region}.auth0.com/login/callback`],
    websiteUrl: 'https://acme.example', organizationName: '' };
  await session.goto(urls.consoleApp);
  await session.click(await session.find('input[name=which][value=oauth2] + button'));
  await waitFor('the one-time dialog', async () => (await text('[role=dialog]')).includes(app.oauth2.clientSecret));

  const auth0Window = await session.newWindow();
  await session.switchTo(auth0Window);
  await session.goto(urls.auth0CreateTwitter);
  await waitFor('the create form', () => session.find('#client_id'));

  const popupWindow = await session.newWindow();
  await session.switchTo(popupWindow);
  await session.goto(`moz-extension://${uuid}/popup.html`);
  const capture = await waitFor('an enabled Capture keys button', async () => {
    const b = await session.find('#capture');
    return (await session.enabled(b)) && b;
  });
  await session.click(capture);
  await waitFor('the captured pair', async () => (await text('#captured-pair')) === 'OAuth 2.0 Client ID and Secret');
  await session.click(await session.find('#fill'));
  await waitFor('the fill report', async () => {
    const items = await Promise.all((await session.findAll('#fill-report li')).map((li) => session.text(li)));
    return items.join('|') === 'OAuth 2.0 Client ID: filled and read back from the page|OAuth 2.0 Client Secret: filled and read back from the page';
  });

  await session.switchTo(auth0Window);
  await session.click(await session.find('button[type=submit]'));
  const saved = JSON.parse(await waitFor('the created state', () => text('#saved-state')));
  assert.deepEqual(saved, { status: 'created', name: 'twitter', client_id: app.oauth2.clientId, client_secret: app.oauth2.clientSecret });
  for (const handle of [auth0Window, popupWindow]) {
    await session.switchTo(handle);
    await session.call('DELETE', '/window');
  }
  const [first] = await session.call('GET', '/window/handles');
  await session.switchTo(first);
});
