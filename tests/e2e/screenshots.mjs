// Takes the README's screenshots of the popup at each step of the guide, in light and dark, from the
// replica world. `cargo xtask screenshots`; writes docs/screenshots/*.png.
import { join } from 'node:path';

import { pageUrls, startWorld } from '../../www/server.mjs';
import { PORT, ROOT, launchChromium } from './harness.mjs';

const world = await startWorld({ port: PORT });
const out = (name) => join(ROOT, 'docs/screenshots', `${name}.png`);
const settle = (page) => page.waitForTimeout(1800); // the popup refreshes while it is open

for (const scheme of ['light', 'dark']) {
  world.reset();
  const urls = pageUrls(world.world);
  const browser = await launchChromium(PORT);
  const open = async (url) => { const p = await browser.context.newPage(); await p.goto(url); return p; };
  // Today's path: the X Developer Console, OAuth 2.0, and Auth0's Create Connection form.
  const auth0 = await open(urls.auth0CreateTwitter);
  await auth0.getByLabel('Client ID', { exact: true }).waitFor();
  const x = await open(urls.consoleAuthSettings);
  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 380, height: 600 });
  await popup.emulateMedia({ colorScheme: scheme });
  await popup.goto(browser.popupUrl);
  const shot = async (name) => { await settle(popup); await popup.locator('main').screenshot({ path: out(`popup-${name}-${scheme}`) }); };
  await popup.locator('#guide').waitFor();
  await shot('1-callback');
  await popup.getByRole('button', { name: 'Fill callback URL' }).click();
  await popup.getByRole('button', { name: 'Choose Web App' }).click();
  await x.getByLabel('Read', { exact: true }).check();
  await x.getByRole('button', { name: 'Save' }).click();
  await x.getByRole('dialog').waitFor();
  await shot('2-keys');
  await popup.getByRole('button', { name: 'Capture keys' }).click();
  await popup.locator('#captured').waitFor();
  await shot('3-captured');
  await popup.getByRole('button', { name: 'Fill Auth0' }).click();
  await popup.locator('#fill-report').waitFor();
  await shot('4-filled');
  await auth0.getByRole('button', { name: 'Create' }).click();
  await auth0.getByRole('navigation', { name: 'Connection' }).getByRole('link', { name: 'Applications' }).click();
  await popup.locator('#applications').waitFor();
  await popup.getByLabel('Acme Web').check();
  await shot('5-applications');
  await popup.getByRole('button', { name: 'Enable selected applications' }).click();
  await auth0.getByRole('button', { name: 'Save' }).click();
  await auth0.getByRole('navigation', { name: 'Connection' }).getByRole('link', { name: 'Settings' }).click();
  await popup.getByRole('button', { name: 'Try connection' }).click();
  const opened = browser.context.waitForEvent('page');
  await auth0.getByRole('menuitem', { name: 'Try Connection', exact: true }).click();
  const signIn = await opened;
  await signIn.getByRole('button', { name: 'Authorize app' }).click();
  await signIn.getByText('It works!').waitFor();
  await popup.bringToFront();
  await shot('6-it-works');
  if (scheme === 'light') {
    await signIn.setViewportSize({ width: 900, height: 420 });
    await signIn.screenshot({ path: out('replica-it-works') });
  }
  await browser.close();
}
await world.close();
console.log('wrote docs/screenshots/*.png');
