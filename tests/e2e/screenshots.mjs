// Takes the README's screenshots of the popup at each step, in light and dark, from the replica world.
// `cargo xtask screenshots` (after `cargo xtask build`); writes docs/screenshots/*.png.
import { join } from 'node:path';

import { startWorld, startingPages } from '../../www/server.mjs';
import { ROOT, launchChromium } from './harness.mjs';

const PORT = Number(process.env.REPLICA_PORT || 8443);
const world = await startWorld({ port: PORT });
const out = (name) => join(ROOT, 'docs/screenshots', `${name}.png`);

for (const scheme of ['light', 'dark']) {
  world.reset();
  const browser = await launchChromium(PORT);
  const [keysUrl, auth0Url] = startingPages(world.world);
  const twitter = await browser.context.newPage();
  await twitter.goto(keysUrl);
  const auth0 = await browser.context.newPage();
  await auth0.goto(auth0Url);
  await auth0.getByLabel('API Key').waitFor();
  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 360, height: 520 });
  await popup.emulateMedia({ colorScheme: scheme });
  await popup.goto(browser.popupUrl);
  const shot = async (name) => popup.locator('main').screenshot({ path: out(`popup-${name}-${scheme}`) });
  await popup.getByRole('button', { name: 'Capture keys' }).waitFor();
  await shot('1-start');
  await popup.getByRole('button', { name: 'Capture keys' }).click();
  await popup.locator('#captured').waitFor();
  await shot('2-captured');
  await popup.getByRole('button', { name: 'Fill Auth0' }).click();
  await popup.locator('#fill-report').waitFor();
  await shot('3-filled');
  if (scheme === 'light') {
    await auth0.setViewportSize({ width: 1100, height: 640 });
    await auth0.screenshot({ path: out('auth0-replica-filled') });
    await twitter.setViewportSize({ width: 1100, height: 640 });
    await twitter.screenshot({ path: out('twitter-legacy-keys-replica') });
  }
  await browser.close();
}
await world.close();
console.log('wrote docs/screenshots/*.png');
