// The popup as the admin sees it (#18): one checklist that carries every action, the answer to a click
// beside it and in view inside the 600 px a Chrome popup can show, the focus on that answer, and no text
// under 13 px. Runs in Chromium and Firefox.
import { test } from '@playwright/test';

import { tenantDomain } from '../../www/world.mjs';
import { expect, extensionHooks } from './harness.mjs';

const env = extensionHooks(test, expect);

// A Chrome popup is at most 800 × 600 px; KeyBridge's is 380 px wide.
const POPUP = { width: 380, height: 600 };

/// The legacy keys page and the current dashboard, then the popup at its real size.
async function openAll() {
  const twitter = await env.openPage(env.urls.legacyKeys);
  const auth0 = await env.openPage(env.urls.auth0Settings);
  await expect(auth0.getByLabel('API Key', { exact: true })).toBeVisible();
  const popup = await env.browser.context.newPage();
  await popup.setViewportSize(POPUP);
  await popup.goto(env.browser.popupUrl);
  await expect(popup.getByRole('button', { name: 'Capture keys' })).toBeEnabled();
  return { twitter, auth0, popup };
}

/// The current dashboard, then the legacy app's Settings tab, then the popup.
async function openLegacySettings() {
  const auth0 = await env.openPage(env.urls.auth0Settings);
  await expect(auth0.getByLabel('API Key', { exact: true })).toBeVisible();
  const twitter = await env.openPage(env.urls.legacySettings);
  const popup = await env.openPopup();
  return { auth0, twitter, popup };
}

const callback = () => `https://${tenantDomain(env.world.world.tenant)}/login/callback`;

/// Whether the element `selector` matches is shown whole inside the popup's viewport, as scrolled now (to
/// the pixel: layout has fractions of one).
const inView = (popup, selector) => popup.evaluate((selector) => {
  const r = document.querySelector(selector)?.getBoundingClientRect();
  return Boolean(r) && r.height > 0 && r.top > -1 && r.bottom < innerHeight + 1 && r.left > -1 && r.right < innerWidth + 1;
}, selector);

/// The step of the checklist whose `data-step` is `id`.
const step = (popup, id) => popup.locator(`#guide-steps > li[data-step=${id}]`);

test('Capture keys and Fill Auth0 are actions of their steps in the one checklist, with their tabs', async () => {
  const { popup } = await openAll();
  await expect(step(popup, 'keys').getByRole('button', { name: 'Capture keys' })).toBeEnabled();
  await expect(step(popup, 'keys')).toContainText('Found “Acme Sign-in | Twitter Application Management”');
  await expect(step(popup, 'fill').getByRole('button', { name: 'Fill Auth0' })).toBeEnabled();
  await expect(step(popup, 'fill').getByRole('button', { name: 'Go to tab' })).toBeVisible();
  // No second structure beside the checklist.
  expect(await popup.evaluate(() => document.getElementById('panels').children.length)).toBe(0);
});

test('the answer to each action is beside its step, in view within 600 px with what comes next, and has the focus', async () => {
  const { popup } = await openAll();
  await popup.getByRole('button', { name: 'Capture keys' }).click();
  await expect(step(popup, 'keys').locator('#notice')).toContainText('Captured the consumer key and secret');
  await expect(popup.locator('#notice')).toBeFocused();
  expect(await inView(popup, '#notice')).toBe(true);
  // What comes next: the Fill Auth0 button.
  expect(await inView(popup, '#fill')).toBe(true);

  await popup.getByRole('button', { name: 'Fill Auth0' }).click();
  await expect(step(popup, 'fill').locator('#notice')).toContainText('Click Save in Auth0');
  await expect(popup.locator('#notice')).toBeFocused();
  expect(await inView(popup, '#notice')).toBe(true);
  expect(await inView(popup, '#fill-report')).toBe(true);

  // An answer that belongs to no step (Forget keys) is shown beside the button that asked.
  await popup.getByRole('button', { name: 'Export configuration' }).click();
  await expect(popup.locator('#export-text')).toBeVisible();
  await expect(popup.locator('#guide-steps #notice')).toHaveCount(0);
});

test('the popup opens on the current step, in view within 600 px', async () => {
  // Five steps done on the legacy app: the current step (the applications) is low in the list. The app's
  // callback URL and Sign in with Twitter are saved already (the guide spec walks those steps).
  Object.assign(env.world.world.twitterApps[0], { callbackUrl: callback(), signInWithTwitter: true });
  const { auth0, twitter, popup } = await openLegacySettings();
  await expect(step(popup, 'callback')).toHaveClass(/done/);
  await expect(step(popup, 'signin')).toHaveClass(/done/);
  await twitter.getByRole('link', { name: 'Keys and Access Tokens' }).click();
  await expect(step(popup, 'keys')).toHaveClass(/next/);
  await popup.getByRole('button', { name: 'Capture keys' }).click();
  await expect(step(popup, 'fill')).toHaveClass(/next/);
  await popup.getByRole('button', { name: 'Fill Auth0' }).click();
  await expect(popup.locator('#fill-report li')).toHaveCount(2);
  await auth0.getByRole('button', { name: 'Save' }).click();
  await auth0.getByRole('navigation', { name: 'Connection' }).getByRole('link', { name: 'Applications' }).click();
  await expect(step(popup, 'applications')).toHaveClass(/next/);
  await popup.close();

  const again = await env.browser.context.newPage();
  await again.setViewportSize(POPUP);
  await again.goto(env.browser.popupUrl);
  await expect(again.locator('#guide-steps > li.next')).toHaveAttribute('data-step', 'applications');
  await expect.poll(() => inView(again, '#guide-steps > li.next')).toBe(true);
});

test('no text in the popup is smaller than 13 px, at any step shown', async () => {
  const { popup } = await openAll();
  const tooSmall = () => popup.evaluate(() => {
    const small = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement;
      const box = element.getBoundingClientRect();
      // Text for screen readers only (clipped to 1 px) is not shown.
      if (!node.textContent.trim() || box.width <= 1 || box.height <= 1) continue;
      const size = parseFloat(getComputedStyle(element).fontSize);
      if (size < 13) small.push(`${size} px: ${node.textContent.trim().slice(0, 40)}`);
    }
    return small;
  });
  expect(await tooSmall()).toEqual([]);
  await popup.getByRole('button', { name: 'Capture keys' }).click();
  await expect(popup.locator('#captured')).toBeVisible();
  expect(await tooSmall()).toEqual([]);
  await popup.getByRole('button', { name: 'Fill Auth0' }).click();
  await expect(popup.locator('#fill-report')).toBeVisible();
  await popup.getByRole('button', { name: 'Export configuration' }).click();
  await expect(popup.locator('#export-text')).toBeVisible();
  expect(await tooSmall()).toEqual([]);
});

test('a box KeyBridge ticks is not Done until the site saved it; leaving without saving keeps it To do', async () => {
  const { twitter, popup } = await openLegacySettings();
  await popup.getByRole('button', { name: 'Allow Sign in with Twitter' }).click();
  await expect(twitter.getByLabel('Allow this application to be used to Sign in with Twitter')).toBeChecked();
  // Ticked, not saved: the step waits for Update Settings, through the popup's next looks.
  await expect(step(popup, 'signin')).toContainText('not saved yet');
  await popup.waitForTimeout(2000);
  await expect(step(popup, 'signin')).not.toHaveClass(/done/);
  // The admin leaves without saving: the app still does not allow it.
  await twitter.getByRole('link', { name: 'Details' }).click();
  await expect(step(popup, 'signin')).toContainText('Not allowed yet');
  await expect(step(popup, 'signin')).not.toHaveClass(/done/);
  expect(env.world.world.twitterApps[0].signInWithTwitter).toBe(false);
  // Ticked again and saved: Done, because the page, loaded again, shows it.
  await twitter.getByRole('link', { name: 'Settings' }).click();
  await popup.getByRole('button', { name: 'Allow Sign in with Twitter' }).click();
  await twitter.getByRole('button', { name: 'Update Settings' }).click();
  await expect(step(popup, 'signin')).toHaveClass(/done/);
  expect(env.world.world.twitterApps[0].signInWithTwitter).toBe(true);
});

test('a callback URL the portal refused to save is not Done, and the step says what the portal said', async () => {
  await env.openPage(env.urls.auth0Settings);
  const portal = await env.openPage(env.urls.portalSettings);
  const popup = await env.openPopup();
  await portal.getByRole('link', { name: 'Set up' }).click();
  await portal.getByLabel('Read', { exact: true }).check();
  await portal.getByLabel('Web App, Automated App or Bot').check();
  await popup.getByRole('button', { name: 'Fill callback URL' }).click();
  await expect(portal.getByLabel('Callback URI / Redirect URL (required)')).toHaveValue(callback());
  // The admin's Website URL is one the portal refuses (the browser's own check lets it through).
  await portal.getByLabel('Website URL (required)').fill('http://acme.example');
  await portal.getByRole('button', { name: 'Save' }).click();
  await expect(portal.getByRole('alert')).toContainText('Website URL must be a valid https URL.');
  await expect(step(popup, 'callback')).toContainText('The page did not save: “Website URL must be a valid https URL.”');
  await expect(step(popup, 'callback')).not.toHaveClass(/done/);
  await expect(step(popup, 'callback')).not.toContainText('The app\'s callback URLs include');
});

test('keys filled into Auth0 are not Done until Auth0 saved them', async () => {
  const { popup, auth0 } = await openAll();
  await popup.getByRole('button', { name: 'Capture keys' }).click();
  await popup.getByRole('button', { name: 'Fill Auth0' }).click();
  await expect(popup.locator('#fill-report li.ok')).toHaveCount(2);
  await expect(step(popup, 'fill')).toContainText('not saved yet');
  await expect(step(popup, 'fill')).not.toHaveClass(/done/);
  // Leaving for the Applications tab without saving: still not saved.
  await auth0.getByRole('navigation', { name: 'Connection' }).getByRole('link', { name: 'Applications' }).click();
  await popup.waitForTimeout(2000);
  await expect(step(popup, 'fill')).not.toHaveClass(/done/);
  // Back on the settings, a Save there saves what the form shows now, not the keys that were left.
  await auth0.getByRole('navigation', { name: 'Connection' }).getByRole('link', { name: 'Settings' }).click();
  await expect(auth0.getByLabel('API Key', { exact: true })).toBeVisible();
  await auth0.getByRole('button', { name: 'Save' }).click();
  await popup.waitForTimeout(2000);
  await expect(step(popup, 'fill')).not.toHaveClass(/done/);
  await expect(step(popup, 'fill')).toContainText('not saved yet');
});

test('keys filled into Auth0 and saved there are Done', async () => {
  const { popup, auth0 } = await openAll();
  await popup.getByRole('button', { name: 'Capture keys' }).click();
  await popup.getByRole('button', { name: 'Fill Auth0' }).click();
  await expect(step(popup, 'fill')).toContainText('not saved yet');
  await auth0.getByRole('button', { name: 'Save' }).click();
  await expect(step(popup, 'fill')).toHaveClass(/done/);
  await expect(step(popup, 'fill')).toContainText('Saved in the Auth0 connection.');
});

test('every message of every catalogue fits the popup: nothing overflows, no state word overlaps its step', async () => {
  const popup = await env.browser.context.newPage();
  await popup.setViewportSize(POPUP);
  await popup.goto(env.browser.popupUrl);
  await expect(popup.locator('#guide-steps > li').first()).toBeVisible();
  const problems = await popup.evaluate(async () => {
    // Placeholders get long, realistic values: a callback URL on a custom domain, a tab title, a tenant
    // domain, a number.
    const ARGS = ['https://signin.customer-identity.acme-production-example.com/login/callback', 'Acme Production Sign-in | Twitter Application Management', 'acme-production-eu.eu.auth0.com', '10'];
    const main = document.querySelector('main');
    const step = document.querySelector('#guide-steps > li');
    const state = step.querySelector('.state');
    const title = step.querySelector('.title');
    const why = step.querySelector('.why');
    why.classList.remove('quiet');
    const notice = document.getElementById('notice');
    const button = document.getElementById('export');
    const out = [];
    const overflows = (el) => el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().right > main.getBoundingClientRect().right + 1;
    for (const lang of ['en', 'de']) {
      const catalogue = await (await fetch(`_locales/${lang}/messages.json`)).json();
      for (const [id, { message }] of Object.entries(catalogue)) {
        const text = message.replace(/\$A(\d)\$/g, (_, n) => ARGS[n - 1]);
        if (id.startsWith('state')) {
          state.textContent = text;
          if (state.getBoundingClientRect().right > title.getBoundingClientRect().left) out.push(`${lang} ${id}: overlaps the step's title`);
          continue;
        }
        for (const el of [title, why, notice, button]) {
          el.textContent = text;
          if (overflows(el)) out.push(`${lang} ${id}: overflows ${el.id || el.className}`);
        }
        if (document.documentElement.scrollWidth > innerWidth) out.push(`${lang} ${id}: the popup scrolls sideways`);
      }
    }
    return out;
  });
  expect(problems).toEqual([]);
});

test('Export: every format with Copy and Download, every identifier KeyBridge knows filled in, no key', async () => {
  const { popup, auth0 } = await openAll();
  const { tenant } = env.world.world;
  await popup.getByRole('button', { name: 'Capture keys' }).click();
  await popup.getByRole('button', { name: 'Fill Auth0' }).click();
  await auth0.getByRole('button', { name: 'Save' }).click();
  await auth0.getByRole('navigation', { name: 'Connection' }).getByRole('link', { name: 'Applications' }).click();
  await popup.getByLabel('Default App').check();
  await popup.getByRole('button', { name: 'Enable selected applications' }).click();
  await auth0.getByRole('button', { name: 'Save' }).click();
  await expect(step(popup, 'applications')).toHaveClass(/done/);
  await popup.getByRole('button', { name: 'Export configuration' }).click();

  const api = popup.locator('#export-management-api');
  await expect(api).toContainText(`PATCH https://${tenant.name}.${tenant.region}.auth0.com/api/v2/connections/${tenant.connection.id}`);
  await expect(api).toContainText('{"client_id": "<client_id of Default App>", "status": true}');
  await expect(api).not.toContainText('{id}');
  await expect(api).not.toContainText('<application client_id>');
  await expect(popup.locator('#export-terraform')).toContainText(`terraform import auth0_connection.twitter ${tenant.connection.id}`);
  await expect(popup.locator('#export-deploy-cli')).toContainText('enabled_clients: ["Default App"]');
  await expect(popup.locator('.export section')).toHaveCount(3);
  expect(await inView(popup, '#export-text')).toBe(false); // taller than the popup: it scrolls, and nothing overflows sideways
  expect(await popup.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);

  // Copy: what the clipboard is asked to hold is the text shown (recorded on its way to the real clipboard;
  // in Chromium, whose page scripts the test can reach: Firefox's WebDriver scripts run beside the page's).
  const terraform = popup.locator('.export section', { hasText: 'Terraform' });
  if (env.browserName === 'chromium') {
    await popup.evaluate(() => {
      const write = navigator.clipboard.writeText.bind(navigator.clipboard);
      globalThis.copied = [];
      navigator.clipboard.writeText = (text) => { globalThis.copied.push(text); return write(text); };
    });
  }
  await terraform.getByRole('button', { name: 'Copy' }).click();
  await expect(terraform.getByRole('button', { name: /^(Copied|Copy failed)/ })).toBeVisible();
  if (env.browserName === 'chromium') {
    const copied = await popup.evaluate(() => globalThis.copied);
    expect(copied).toEqual([await popup.locator('#export-terraform').textContent()]);
    const app = env.world.world.twitterApps[0];
    for (const s of [app.consumerKey, app.consumerSecret]) expect(copied[0]).not.toContain(s);
  }

  // Download: a file of that text, named for its format.
  if (env.browserName === 'chromium') {
    const download = popup.waitForEvent('download');
    await popup.locator('.export section', { hasText: 'Deploy CLI' }).getByRole('button', { name: 'Download' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('auth0-twitter-connection.yaml');
    const text = (await import('node:fs')).readFileSync(await file.path(), 'utf8');
    expect(text).toBe(await popup.locator('#export-deploy-cli').textContent());
  } else {
    await popup.locator('.export section', { hasText: 'Deploy CLI' }).getByRole('button', { name: 'Download' }).click();
    await expect(popup.locator('.export section', { hasText: 'Deploy CLI' }).getByRole('button', { name: 'Downloaded' })).toBeVisible();
  }
});

test('each step has a button to its page: its tab brought forward, or its page opened from the app\'s and the connection\'s open pages', async () => {
  // The legacy app's keys and the connection's Applications tab: no settings page of either is open.
  await env.openPage(env.urls.legacyKeys);
  const applications = await env.openPage(env.urls.auth0Applications);
  await expect(applications.getByRole('navigation', { name: 'Connection' })).toBeVisible();
  const popup = await env.openPopup();
  // Not "no tab is open": the connection's tab is, but not the one Fill Auth0 fills.
  await expect(step(popup, 'fill')).toContainText('The connection\'s Applications tab is open; Fill Auth0 needs its Settings tab.');
  await expect(step(popup, 'applications').getByRole('button', { name: 'Go to tab' })).toBeVisible();

  // The callback's form is the app's Settings tab: opened, at the app's own address.
  let opened = env.browser.context.waitForEvent('page');
  await step(popup, 'callback').getByRole('button', { name: 'Open the app\'s settings' }).click();
  const settings = await opened;
  await expect(settings.getByLabel('Callback URL', { exact: true })).toBeVisible();
  expect(await settings.url()).toBe(env.urls.legacySettings);
  // Now that it is open, the step brings that tab forward instead.
  await popup.bringToFront();
  await expect(step(popup, 'callback').getByRole('button', { name: 'Go to tab' })).toBeVisible();

  // The connection's Settings, made from its Applications tab's address.
  opened = env.browser.context.waitForEvent('page');
  await step(popup, 'fill').getByRole('button', { name: 'Open the Twitter connection' }).click();
  const auth0 = await opened;
  await expect(auth0.getByLabel('API Key', { exact: true })).toBeVisible();
  expect(await auth0.url()).toBe(env.urls.auth0Settings);
  await popup.bringToFront();
  await expect(step(popup, 'fill').getByRole('button', { name: 'Fill Auth0' })).toBeEnabled();
  await expect(step(popup, 'fill')).not.toContainText('Applications tab is open');
});

test('with no page of either site open, the steps open where each site starts', async () => {
  const popup = await env.openPopup();
  const opened = env.browser.context.waitForEvent('page');
  await step(popup, 'keys').getByRole('button', { name: 'Open the X Developer Console' }).click();
  const consolePage = await opened;
  expect(new URL(await consolePage.url()).origin).toBe('https://console.x.com');
  await popup.bringToFront();
  await expect(step(popup, 'fill').getByRole('button', { name: 'Open the Auth0 dashboard' })).toBeVisible();
});

test('keys regenerated on X after the fill move the Keys and Fill steps back, with the reason, until captured again', async () => {
  const { popup, auth0, twitter } = await openAll();
  await popup.getByRole('button', { name: 'Capture keys' }).click();
  await popup.getByRole('button', { name: 'Fill Auth0' }).click();
  await auth0.getByRole('button', { name: 'Save' }).click();
  await expect(step(popup, 'fill')).toHaveClass(/done/);
  await expect(step(popup, 'keys')).toHaveClass(/done/);
  // The admin regenerates the app's keys on X (after its confirmation page).
  await twitter.getByRole('link', { name: 'Regenerate Consumer Key and Secret' }).click();
  await twitter.getByRole('button', { name: 'Regenerate' }).click();
  await expect(twitter.locator('.alert-success', { hasText: 'Your consumer key and secret have been regenerated.' })).toBeVisible();
  await popup.bringToFront();
  // To revisit, the reason shown (not only to screen readers).
  await expect(step(popup, 'keys')).toHaveClass(/blocked/);
  await expect(step(popup, 'keys').locator('.why')).toHaveText(/they were regenerated, and the old ones no longer work/);
  await expect(step(popup, 'keys').locator('.why')).not.toHaveClass(/quiet/);
  await expect(step(popup, 'fill')).toHaveClass(/blocked/);
  await expect(step(popup, 'fill').locator('.why')).toHaveText(/Auth0 holds the old ones/);
  // Captured again: the keys are the app's; the fill is to do with them.
  await step(popup, 'keys').getByRole('button', { name: 'Capture keys' }).click();
  await expect(step(popup, 'keys')).toHaveClass(/done/);
  await expect(step(popup, 'fill')).not.toHaveClass(/done/);
  await expect(step(popup, 'fill')).toContainText('Fill the Auth0 connection');
});

test('the seed-era dashboard\'s tab of applications is named as it names it (Clients), and opened from its settings', async () => {
  const auth0 = await env.openPage(env.urls.auth0SeedSettings);
  await expect(auth0.getByLabel('Consumer Key')).toBeVisible();
  const popup = await env.openPopup();
  const opened = env.browser.context.waitForEvent('page');
  await step(popup, 'applications').getByRole('button', { name: 'Open the Clients tab' }).click();
  const clients = await opened;
  expect(await clients.url()).toBe(env.urls.auth0SeedClients);
  await popup.bringToFront();
  await expect(step(popup, 'applications')).toContainText('click Save on the Clients tab');
  await expect(step(popup, 'applications')).not.toContainText('Applications tab');
});

test('Try connection is not offered where there is nothing to try: the Create Connection form', async () => {
  const auth0 = await env.openPage(env.urls.auth0CreateTwitter);
  await expect(auth0.getByLabel('Client ID', { exact: true })).toBeVisible();
  const popup = await env.openPopup();
  await expect(step(popup, 'fill').getByRole('button', { name: 'Fill Auth0' })).toBeEnabled();
  await expect(step(popup, 'try').getByRole('button', { name: 'Try connection' })).toHaveCount(0);
});

test('a step\'s Open opens only pages of the sites KeyBridge serves: any other address is refused', async () => {
  const popup = await env.openPopup();
  const answer = (url) => popup.evaluate((url) => (globalThis.browser ?? chrome).runtime.sendMessage({ kind: 'open', url }), url);
  for (const url of ['https://evil.test/', 'http://manage.auth0.com/', 'javascript:alert(1)', 'https://manage.auth0.com.evil.test/']) {
    const state = await answer(url);
    expect(state.notice?.text?.id, url).toBe('errBadMessage');
  }
  const served = await answer('https://console.x.com/');
  expect(served.notice ?? null).toBe(null);
});
