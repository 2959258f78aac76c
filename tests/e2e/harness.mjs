// Shared by the end-to-end tests: the replica world, the packaged extension in real Chromium, the popup.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from '@playwright/test';

import { HOSTS } from '../../www/server.mjs';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CHROME_EXTENSION = join(ROOT, 'dist/chrome');
export const FIREFOX_EXTENSION = join(ROOT, 'dist/firefox');

/// Launches Debian's Chromium with the built extension (or `extension`); every replica host resolves to the world.
export async function launchChromium(port, extraArgs = [], extension = CHROME_EXTENSION) {
  const profile = mkdtempSync(join(tmpdir(), 'keybridge-chromium-'));
  const rules = HOSTS.map((h) => `MAP ${h} 127.0.0.1:${port}`).join(', ');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    ignoreHTTPSErrors: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--ignore-certificate-errors',
      `--disable-extensions-except=${extension}`, `--load-extension=${extension}`,
      `--host-resolver-rules=${rules}`,
      ...extraArgs,
    ],
  });
  const worker = context.serviceWorkers()[0] ?? await context.waitForEvent('serviceworker');
  const extensionId = new URL(worker.url()).host;
  const close = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  };
  // The service worker may be stopped and restarted: ask for the live one.
  const currentWorker = async () => context.serviceWorkers()[0] ?? context.waitForEvent('serviceworker');
  return { context, worker, currentWorker, extensionId, popupUrl: `chrome-extension://${extensionId}/popup.html`, close };
}

/// Every page's console lines of a browser, for the end-of-test check.
export function recordConsole(browser) {
  const lines = [];
  browser.context.on('console', (m) => lines.push(m.text()));
  return lines;
}

/// The check every end-to-end test ends with: no key or secret of the world in storage.local/sync or in
/// any console line.
export async function expectNoSecretsLeft(expect, browser, world, lines) {
  const secrets = [...world.twitterApps, ...world.portal.apps].flatMap((a) => [a.consumerKey, a.consumerSecret]);
  const worker = await browser.currentWorker();
  const stored = await worker.evaluate(async () => JSON.stringify([
    await chrome.storage.local.get(null), await chrome.storage.sync.get(null)]));
  for (const s of secrets) {
    expect(stored, 'a key or secret in storage.local/sync').not.toContain(s);
    for (const line of lines) expect(line, 'a key or secret in the console').not.toContain(s);
  }
}

/// Reads the consumer pair a legacy keys page shows (the test's own reading, independent of KeyBridge).
export async function keysShownOn(page) {
  const value = (label) => page.locator('.app-settings .row', { hasText: label }).locator('span').nth(1).textContent();
  return { key: await value('Consumer Key'), secret: await value('Consumer Secret') };
}
