// Shared by the end-to-end tests: the replica world, the packaged extension in real Chromium or Firefox, the popup.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium, expect as playwrightExpect } from '@playwright/test';

import { HOSTS, pageUrls, startWorld } from '../../www/server.mjs';
import { allApps } from '../../www/world.mjs';
import { FirefoxLocator, FirefoxPage, firefoxExpect, launchFirefox, startGeckodriver } from './firefox-driver.mjs';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CHROME_EXTENSION = join(ROOT, 'dist/chrome');
/// The packaged Firefox add-on (`dist/keybridge-firefox-<version>.zip`), as submitted to the store: what the
/// Firefox tests install.
export function firefoxPackage() {
  const zips = readdirSync(join(ROOT, 'dist')).filter((f) => /^keybridge-firefox-.*\.zip$/.test(f));
  if (zips.length !== 1) throw new Error(`expected one Firefox package in dist/, found ${zips.length}: run cargo xtask build`);
  return join(ROOT, 'dist', zips[0]);
}

/// Launches Debian's Chromium with the built extension (or `extension`); every replica host resolves to the world.
/// `grantOptional`: the admin has already allowed the optional host
/// permissions (the pages where a Try ends), as if they had said yes to the browser's prompt: headless
/// Chromium cannot show that prompt, so the grant is written into the profile as Chromium keeps it (a first
/// launch installs the extension, then its granted permissions are extended and the browser started again).
export async function launchChromium(port, extraArgs = [], extension = CHROME_EXTENSION, { grantOptional = false } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'keybridge-chromium-'));
  if (grantOptional) await grantOptionalHosts(profile, extension, port);
  const context = await launchIn(profile, extension, port, extraArgs);
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

async function grantOptionalHosts(profile, extension, port) {
  const first = await launchIn(profile, extension, port, []);
  const worker = first.serviceWorkers()[0] ?? await first.waitForEvent('serviceworker');
  const id = new URL(worker.url()).host;
  const optional = JSON.parse(readFileSync(join(extension, 'manifest.json'), 'utf8')).optional_host_permissions;
  await first.close();
  const file = join(profile, 'Default', 'Preferences');
  const prefs = JSON.parse(readFileSync(file, 'utf8'));
  const settings = prefs.extensions.settings[id];
  for (const key of ['granted_permissions', 'active_permissions']) {
    settings[key].explicit_host = [...new Set([...settings[key].explicit_host, ...optional])].sort();
  }
  settings.runtime_granted_permissions = { api: [], explicit_host: optional, manifest_permissions: [], scriptable_host: [] };
  writeFileSync(file, JSON.stringify(prefs));
}

function launchIn(profile, extension, port, extraArgs) {
  return chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    ignoreHTTPSErrors: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--ignore-certificate-errors',
      `--disable-extensions-except=${extension}`, `--load-extension=${extension}`,
      hostRules(port),
      ...extraArgs,
    ],
  });
}

/// The port the replica world listens on.
export const PORT = Number(process.env.REPLICA_PORT || 8443);

/// Chromium's flag that sends every replica host to the world on `port`.
export const hostRules = (port) => `--host-resolver-rules=${HOSTS.map((h) => `MAP ${h} 127.0.0.1:${port}`).join(', ')}`;

/// The popup's fill report when both values went in and were read back.
/// The fill report's lines, in the words of the dashboard filled (the current one's by default).
export const filled = (key = 'API Key', secret = 'API Secret Key') => [key, secret].map((label) => `${label}: filled and read back from the page`);
export const FILLED = filled();

/// A consumer key as the popup shows it: its first four characters, then dots.
export const MASKED = (key) => `${key.slice(0, 4)}${'•'.repeat(12)}`;

/// The hooks of every spec that drives the packaged extension: one replica world per file; per test a reset
/// world and a fresh browser (the project's: Chromium or Firefox); after each test, the checks that nothing is left in storage.local/sync
/// (unless the spec saves the admin's options) and no key or secret anywhere. Returns the live ones.
export function extensionHooks(test, expect, { savesOptions = false } = {}) {
  // The Playwright project names the browser: `chromium` (Playwright's own driver) or `firefox` (geckodriver
  // through firefox-driver.mjs, behind the same calls).
  let geckodriver;
  const launch = async (extraArgs = [], options = {}) => {
    if (env.browserName === 'firefox') {
      return launchFirefox({ geckodriver, binary: process.env.FIREFOX || '/usr/bin/firefox-esr', extension: firefoxPackage(), ...options });
    }
    return launchChromium(PORT, extraArgs, CHROME_EXTENSION, options);
  };
  const env = {
    world: undefined, urls: undefined, browser: undefined, consoleLines: [], browserName: 'chromium',
    /// Closes this test's browser and starts another with `extraArgs` (a language, say) and `options`
    /// (`launchChromium`'s).
    async relaunch(extraArgs, options) {
      await env.browser.close();
      env.browser = await launch(extraArgs, options);
      env.consoleLines = recordConsole(env.browser);
    },
    /// The frame of `page` whose address contains `part`.
    async frameOf(page, part) {
      if (env.browserName === 'firefox') return (await page.frames()).find((f) => f.src.includes(part));
      return page.frames().find((f) => f.url().includes(part));
    },
    /// A new tab at `url`.
    async openPage(url) {
      const page = await env.browser.context.newPage();
      await page.goto(url);
      return page;
    },
    /// The popup, opened as a page, once its buttons are there.
    async openPopup() {
      const popup = await env.openPage(env.browser.popupUrl);
      await expect(popup.getByRole('button', { name: 'Capture keys' })).toBeVisible();
      return popup;
    },
  };
  test.beforeAll(async ({}, testInfo) => { // eslint-disable-line no-empty-pattern
    env.browserName = testInfo.project.name === 'firefox' ? 'firefox' : 'chromium';
    if (env.browserName === 'firefox') {
      // Firefox resolves the replica hosts to 127.0.0.1 on the URL's own port: 443 (the tests run as root),
      // and 9443 for "the same page on another port".
      env.world = await startWorld({ port: 443, alsoOn: [9443] });
      geckodriver = await startGeckodriver(process.env.GECKODRIVER || 'geckodriver');
    } else {
      env.world = await startWorld({ port: PORT });
    }
  });
  test.afterAll(async () => {
    geckodriver?.stop();
    await env.world?.close();
  });
  test.beforeEach(async () => {
    env.world.reset();
    env.urls = pageUrls(env.world.world);
    env.browser = await launch();
    env.consoleLines = recordConsole(env.browser);
  });
  test.afterEach(async () => {
    const worker = await env.browser.currentWorker();
    const storage = await worker.evaluate(async () => ({
      local: await chrome.storage.local.get(null), sync: await chrome.storage.sync.get(null),
    }));
    if (!savesOptions) expect(storage, 'storage.local/sync after the test').toEqual({ local: {}, sync: {} });
    expectNoSecretsLeft(expect, JSON.stringify(storage), env.world.world, env.consoleLines);
    await env.browser?.close();
  });
  return env;
}

/// Every key and secret of every Twitter app of the world: both pairs.
export const allSecrets = (world) => allApps(world)
  .flatMap((a) => [a.consumerKey, a.consumerSecret, a.oauth2?.clientId, a.oauth2?.clientSecret].filter(Boolean));

/// Every page's console lines of a browser, for the end-of-test check.
function recordConsole(browser) {
  // Firefox's back end reads them from Firefox's output (its devtools.console.stdout.* prefs).
  if (browser.consoleLines) return browser.consoleLines;
  const lines = [];
  browser.context.on('console', (m) => lines.push(m.text()));
  return lines;
}

/// `expect` for both back ends: Firefox's locators and pages get firefox-driver.mjs's matchers (Playwright's
/// own work only on its locators); everything else is Playwright's `expect`.
export function expect(received, ...rest) {
  const playwright = playwrightExpect(received, ...rest);
  if (!(received instanceof FirefoxLocator || received instanceof FirefoxPage)) return playwright;
  const firefox = firefoxExpect(received);
  const either = (own, other) => new Proxy(own, { get: (t, k) => (k in t ? t[k] : other[k]) });
  return new Proxy(firefox, { get: (t, k) => (k === 'not' ? either(t.not, playwright.not) : k in t ? t[k] : playwright[k]) });
}
expect.poll = (...args) => playwrightExpect.poll(...args);

/// The check every test of the packaged extension ends with: no key or secret of the world in
/// storage.local/sync (`stored`, as JSON) or in any console line.
function expectNoSecretsLeft(expect, stored, world, lines) {
  const secrets = allSecrets(world);
  for (const s of secrets) {
    expect(stored, 'a key or secret in storage.local/sync').not.toContain(s);
    for (const line of lines) expect(line, 'a key or secret in the console').not.toContain(s);
  }
}

/// Stops the extension's service worker from chrome://serviceworker-internals, as Chromium does when it
/// idles; the next event starts it again.
export async function stopWorker(browser) {
  const internals = await browser.context.newPage();
  await internals.goto('chrome://serviceworker-internals/');
  const registration = internals.locator('.serviceworker-registration', { hasText: browser.extensionId });
  await registration.filter({ hasText: 'RUNNING' }).waitFor();
  // An open popup asks the background now and then and may wake it at once, so the page may never show
  // STOPPED: the running worker's target closing is the proof it stopped.
  const running = browser.context.serviceWorkers().filter((w) => w.url().includes(browser.extensionId));
  const closed = Promise.race(running.map((w) => new Promise((resolve) => w.once('close', resolve))));
  // A click while the worker is busy starting or answering may be ignored: click again, up to three times.
  let stopped = false;
  for (let attempt = 0; attempt < 3 && !stopped; attempt++) {
    await registration.getByRole('button', { name: 'Stop' }).click();
    stopped = await Promise.race([
      registration.filter({ hasText: 'STOPPED' }).waitFor({ timeout: 5_000 }).then(() => true, () => false),
      closed.then(() => true),
    ]);
  }
  await internals.close();
  if (!stopped) throw new Error('the service worker did not stop after three clicks on Stop');
}

/// The admin clicks the dashboard's Try control (`Try`, or the menu item `Try Connection`) that KeyBridge
/// brought forward; returns the sign-in tab it opens.
export async function clickTry(browser, auth0, name = 'Try') {
  const opened = browser.context.waitForEvent('page');
  await auth0.getByRole(name === 'Try' ? 'button' : 'menuitem', { name, exact: true }).click();
  const signIn = await opened;
  await signIn.waitForLoadState();
  return signIn;
}

/// The content script's source as shipped.
export const CONTENT_SCRIPT = readFileSync(join(ROOT, 'extension/content.js'), 'utf8');

/// What the content script starts on its own on `page`: timers, observers and event listeners, counted while
/// it loads, sits idle for `idleMs`, answers one snapshot request, and sits idle again. The source runs in
/// the page with a stand-in `chrome`; a call counts when the content script is on the stack.
export async function contentScriptActivity(page, source = CONTENT_SCRIPT, idleMs = 500) {
  return page.evaluate(async ({ source, idleMs }) => {
    const started = [];
    const wait = (ms) => new Promise((resolve) => originalTimeout.call(window, resolve, ms));
    const originalTimeout = window.setTimeout;
    const restore = [];
    const spy = (owner, name) => {
      const original = owner[name];
      if (typeof original !== 'function') return;
      restore.push(() => { owner[name] = original; });
      owner[name] = function (...args) {
        if (new Error().stack.includes('keybridge-content.js')) started.push(name);
        return new.target ? Reflect.construct(original, args) : original.apply(this, args);
      };
    };
    for (const name of ['setTimeout', 'setInterval', 'requestAnimationFrame', 'requestIdleCallback',
      'MutationObserver', 'ResizeObserver', 'IntersectionObserver', 'PerformanceObserver']) spy(window, name);
    spy(EventTarget.prototype, 'addEventListener');
    let listener;
    const shim = { runtime: { id: 'check', onMessage: { addListener: (l) => { listener = l; } } } };
    try {
      new Function('chrome', 'globalThis', `${source}\n//# sourceURL=keybridge-content.js`)(
        shim, { ...globalThis, chrome: shim });
      await wait(idleMs);
      listener({ kind: 'snapshot' }, { id: 'check' }, () => {});
      await wait(idleMs);
    } finally {
      for (const r of restore) r();
    }
    return started;
  }, { source, idleMs });
}

/// Reads the consumer pair a legacy keys page shows (the test's own reading, independent of KeyBridge).
export async function keysShownOn(page) {
  const value = (label) => page.locator('.app-settings .row', { hasText: label }).locator('span').nth(1).textContent();
  return { key: await value('Consumer Key'), secret: await value('Consumer Secret') };
}
