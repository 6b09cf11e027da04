import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';
import { chromiumPath } from './support/chromium.js';

/**
 * End-to-end tests of the console: each test runs the headless server (own data folder, own ports), drives the
 * console in Chromium and connects simulated stations over real sockets. Chromium is the system one
 * (`apt-get install chromium`; CHROMIUM_PATH overrides): Playwright's own browser download is not reachable here.
 */
const executablePath = chromiumPath();
if (!existsSync(executablePath)) {
  throw new Error(`Chromium not found at ${executablePath}: install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH.`);
}

export default defineConfig({
  // The console's specs, and the QA example of docs/qa-playwright.md, which must keep working as documented.
  testDir: '../..',
  testMatch: /(test\/e2e|docs\/examples)\/[^/]+\.spec\.ts$/,
  outputDir: '../../test-results/e2e',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: process.env.E2E_WORKERS ? Number(process.env.E2E_WORKERS) : 2,
  retries: 0,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    viewport: { width: 1400, height: 900 },
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
      ],
    },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    acceptDownloads: true,
  },
});
