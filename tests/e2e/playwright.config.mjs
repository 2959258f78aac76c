import { defineConfig } from '@playwright/test';

// One spec, two browsers: the `chromium` project drives Debian's Chromium through Playwright; the `firefox`
// project drives Firefox ESR through geckodriver (firefox-driver.mjs), with the same calls. Every spec runs
// in both.

export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.mjs$/,
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: '../../target/e2e-results',
  projects: [
    { name: 'chromium' },
    { name: 'firefox' },
  ],
});
