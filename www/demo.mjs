// `cargo xtask demo`: starts the replica world and, where a display exists, opens Chromium with the built
// extension on the two starting pages. Without a display it prints how to open them. Ctrl-C stops it.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { REAL_HOSTS, pageUrls, startWorld, startingPages } from './server.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const extension = join(root, 'dist/chrome');
const port = Number(process.env.REPLICA_PORT || 8443);
const world = await startWorld({ port });
const pages = startingPages(world.world);
const chromium = process.env.CHROMIUM || '/usr/bin/chromium';
// The older eras' starting pages, for the same world: the legacy apps.twitter.com app with the seed-era
// dashboard, and the X developer portal with the current dashboard.
const urls = pageUrls(world.world);
const eras = [
  ['legacy apps.twitter.com and the seed-era dashboard', [urls.legacySettings, urls.auth0SeedSettings]],
  ['the X developer portal and the current dashboard', [urls.portalSettings, urls.auth0Settings]],
];
// Chromium refuses to run as root without --no-sandbox.
const root0 = process.getuid?.() === 0;
const args = [
  ...(root0 ? ['--no-sandbox'] : []),
  `--user-data-dir=${mkdtempSync(join(tmpdir(), 'keybridge-demo-'))}`,
  `--disable-extensions-except=${extension}`, `--load-extension=${extension}`,
  `--host-resolver-rules=${REAL_HOSTS.map((h) => `MAP ${h} 127.0.0.1:${port}`).join(', ')}`,
  '--ignore-certificate-errors', '--no-first-run', '--disable-background-networking', ...pages,
];

console.log(`KeyBridge demo: the replica world answers for ${REAL_HOSTS.join(' and ')} on 127.0.0.1:${port}.`);
console.log('Starting pages:');
for (const p of pages) console.log(`  ${p}`);
for (const [what, list] of eras) console.log(`Or ${what}:\n${list.map((p) => `  ${p}`).join('\n')}`);
if (process.env.DISPLAY || process.env.WAYLAND_DISPLAY) {
  const browser = spawn(chromium, args, { stdio: 'ignore' });
  browser.on('exit', async () => { await world.close(); process.exit(0); });
  console.log('Chromium is open with KeyBridge: click its toolbar icon and follow its checklist (Fill callback URL,\n'
    + 'Choose Web App, Save on the X tab, Capture keys, Fill Auth0, Create…).');
} else {
  console.log('\nNo display here. On a machine with one, open Chromium with KeyBridge and the world like this:');
  console.log(`  ${chromium} ${args.map((a) => (/[\s,]/.test(a) ? `'${a}'` : a)).join(' ')}`);
}
console.log('Press Ctrl-C to stop the world.');
process.on('SIGINT', async () => { await world.close(); process.exit(0); });
