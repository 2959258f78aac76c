// Accessibility: an axe-core audit of the popup (at several steps, light and dark) and the options page,
// and keyboard-only use of the popup.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import { test } from '@playwright/test';

import { MASKED, expect, extensionHooks } from './harness.mjs';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const env = extensionHooks(test, expect, { savesOptions: true });

/// Runs axe-core in the page (evaluated, so the extension page's CSP is untouched) and returns violations.
async function audit(page) {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const result = await globalThis.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  });
}

for (const scheme of ['light', 'dark']) {
  test(`the popup passes an axe-core audit at each step (${scheme})`, async () => {
    const twitter = await env.browser.context.newPage();
    await twitter.goto(env.urls.legacyKeys);
    const auth0 = await env.browser.context.newPage();
    await auth0.goto(env.urls.auth0Settings);
    await auth0.getByLabel('API Key').waitFor();
    const popup = await env.browser.context.newPage();
    await popup.emulateMedia({ colorScheme: scheme });
    await popup.goto(env.browser.popupUrl);
    await expect(popup.locator('#guide')).toBeVisible();
    // The audit really sees the scheme it is named for.
    expect(await popup.evaluate((s) => matchMedia(`(prefers-color-scheme: ${s})`).matches, scheme)).toBe(true);
    expect(await audit(popup)).toEqual([]);
    await popup.getByRole('button', { name: 'Capture keys' }).click();
    await expect(popup.locator('#captured')).toBeVisible();
    expect(await audit(popup)).toEqual([]);
    await popup.getByRole('button', { name: 'Fill Auth0' }).click();
    await expect(popup.locator('#fill-report')).toBeVisible();
    await popup.getByRole('button', { name: 'Export configuration' }).click();
    await expect(popup.locator('#export-text')).toBeVisible();
    expect(await audit(popup)).toEqual([]);
  });
}

test('the options page passes an axe-core audit and saves a custom domain', async () => {
  const options = await env.browser.context.newPage();
  await options.goto(env.browser.popupUrl.replace('popup.html', 'options.html'));
  expect(await audit(options)).toEqual([]);
  await options.getByLabel('Custom domain for the callback URL').fill('not a domain');
  await options.getByRole('button', { name: 'Save options' }).click();
  await expect(options.getByRole('status')).toHaveText('That is not a domain name, such as login.example.com.');
  await options.getByLabel('Custom domain for the callback URL').fill('https://login.acme.example/');
  await options.getByRole('button', { name: 'Save options' }).click();
  await expect(options.getByRole('status')).toHaveText('Saved.');
  expect(await audit(options)).toEqual([]);
  // The checklist now suggests the custom domain's callback URL.
  const auth0 = await env.browser.context.newPage();
  await auth0.goto(env.urls.auth0Settings);
  await auth0.getByLabel('API Key').waitFor();
  const popup = await env.browser.context.newPage();
  await popup.goto(env.browser.popupUrl);
  await expect(popup.locator('#guide li[data-step=callback]')).toContainText('https://login.acme.example/login/callback');
});

test('the popup works from the keyboard alone, in checklist order, and shows the shortcuts', async () => {
  const app = env.world.world.twitterApps[0];
  const twitter = await env.browser.context.newPage();
  await twitter.goto(env.urls.legacyKeys);
  // Both tabs, so both sections have their "Go to tab" button in the order.
  await env.openPage(env.urls.auth0Settings);
  const popup = await env.browser.context.newPage();
  await popup.goto(env.browser.popupUrl);
  await expect(popup.getByRole('button', { name: 'Capture keys' })).toBeEnabled();
  await expect(popup.locator('#auth0-goto')).toBeVisible();
  await expect(popup.locator('#twitter-step kbd')).toHaveText('Alt+Shift+K');
  const order = [];
  for (let i = 0; i < 20; i++) {
    await popup.keyboard.press('Tab');
    order.push(await popup.evaluate(() => document.activeElement?.id || document.activeElement?.textContent));
  }
  const capture = order.indexOf('capture');
  expect(order.indexOf('twitter-goto'), `Tab order: ${order}`).toBeGreaterThanOrEqual(0);
  expect(capture).toBeGreaterThan(order.indexOf('twitter-goto'));
  expect(order.indexOf('auth0-goto') === -1 || order.indexOf('auth0-goto') > capture).toBe(true);
  expect(order.indexOf('auth0-goto'), `Tab order: ${order}`).toBeGreaterThan(capture);
  await popup.focus('#capture');
  await popup.keyboard.press('Enter');
  await expect(popup.locator('#captured-key')).toHaveText(MASKED(app.consumerKey));
});

test('the popup speaks the browser\'s language (German), keeping the names of its two main buttons', async () => {
  // An add-on speaks the browser's interface language: Chromium's --lang; Firefox's requested locale, with
  // Debian's German language pack (firefox-esr-l10n-de, which `cargo xtask test` installs).
  if (env.browserName === 'firefox') await env.relaunch([], { prefs: { 'intl.locale.requested': 'de' } });
  else await env.relaunch(['--lang=de']);
  const twitter = await env.browser.context.newPage();
  await twitter.goto(env.urls.legacyKeys);
  const popup = await env.browser.context.newPage();
  await popup.goto(env.browser.popupUrl);
  await expect(popup.locator('#guide h2')).toHaveText('Auth0s Twitter-Anleitung');
  await expect(popup.locator('#twitter-goto')).toHaveText('Zum Tab');
  await expect(popup.getByRole('button', { name: 'Capture keys' })).toBeEnabled();
  await expect(popup.getByRole('button', { name: 'Fill Auth0' })).toBeVisible();
  expect(await audit(popup)).toEqual([]);
});
