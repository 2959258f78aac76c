// Records what KeyBridge's real content script sees on each replica page, as JSON fixtures for the native
// classification tests (tests/pages.rs). Run after changing a replica: `cargo xtask snapshots`.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { chromium } from '@playwright/test';

import { HOSTS, startWorld, startingPages } from '../../www/server.mjs';
import { ROOT } from './harness.mjs';

const PORT = Number(process.env.REPLICA_PORT || 8443);
const contentScript = readFileSync(join(ROOT, 'extension/content.js'), 'utf8');

const world = await startWorld({ port: PORT });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
    `--host-resolver-rules=${HOSTS.map((h) => `MAP ${h} 127.0.0.1:${PORT}`).join(', ')}`],
});
// bypassCSP only so the recorder can evaluate the content script as the page's own code.
const context = await browser.newContext({ ignoreHTTPSErrors: true, bypassCSP: true });

/// Runs the unmodified content script with a stand-in for the one browser API it touches.
async function snapshotOf(page) {
  return page.evaluate((source) => {
    let listener;
    globalThis.chrome = { runtime: { id: 'recorder', onMessage: { addListener: (l) => { listener = l; } } } };
    (0, eval)(source);
    let answer;
    listener({ kind: 'snapshot' }, { id: 'recorder' }, (a) => { answer = a; });
    return answer;
  }, contentScript);
}

const app = world.world.twitterApps[0];
const [keysUrl, auth0Url] = startingPages(world.world);
const pages = [
  { name: 'twitter-legacy-keys', url: keysUrl, kind: 'twitterLegacyKeys',
    expected: { consumerKey: app.consumerKey, consumerSecret: app.consumerSecret } },
  { name: 'twitter-legacy-details', url: keysUrl.replace(/\/keys$/, '/show'), kind: null },
  { name: 'twitter-legacy-keys-lookalike', url: keysUrl.replace('apps.twitter.com', 'apps.twitter.com.evil.test'), kind: null },
  { name: 'auth0-connection-settings', url: auth0Url, kind: 'auth0TwitterConnection', ready: '#client_id' },
  { name: 'auth0-connection-applications', url: auth0Url.replace(/settings$/, 'applications'), kind: null, ready: 'h1' },
];

for (const p of pages) {
  const page = await context.newPage();
  await page.goto(p.url);
  if (p.ready) await page.waitForSelector(p.ready);
  const snapshot = await snapshotOf(page);
  const fixture = { page: p.name, url: p.url, kind: p.kind, expected: p.expected ?? null, snapshot };
  writeFileSync(join(ROOT, 'tests/fixtures', `${p.name}.json`), `${JSON.stringify(fixture, null, 2)}\n`);
  console.log(`recorded ${p.name}: ${snapshot.fields.length} fields, ${snapshot.pairs.length} pairs`);
  await page.close();
}
await browser.close();
await world.close();
