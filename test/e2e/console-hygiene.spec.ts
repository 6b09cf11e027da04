import { expect, test } from './support/fixtures.js';

/**
 * The console in use logs nothing alarming: no failed request on load (the favicon is there) and none for an
 * answer that is expected (a station never asked for its configuration has none, which is not an error).
 */
test('loading the console and opening every view of a fresh station logs no error and no failed request', async ({ page, server, stations }) => {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console.${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });

  await stations.booted('CP-CLEAN', { connectorCount: 2 });
  await page.goto(server.consoleUrl);
  await expect(page.getByRole('status', { name: 'Live updates' })).toContainText('Live');
  const icon = await page.locator('link[rel="icon"]').getAttribute('href');
  expect(icon).toBeTruthy();
  const iconResponse = await page.request.get(new URL(icon!, page.url()).href);
  expect(iconResponse.status()).toBe(200);
  expect(iconResponse.headers()['content-type']).toContain('image/svg+xml');

  for (const tab of ['details', 'operations', 'configuration', 'commissioning', 'log']) {
    await page.evaluate((hash) => (location.hash = hash), `#/stations/CP-CLEAN/${tab}`);
    await expect(page.getByRole('heading', { name: 'Station CP-CLEAN', level: 1 })).toBeVisible();
    await expect(page.getByText('Loading…')).toHaveCount(0);
    if (tab === 'configuration') await expect(page.getByText('No configuration known yet')).toBeVisible();
    if (tab === 'commissioning') await expect(page.getByText('No commissioning run of this station yet.')).toBeVisible();
  }
  // The baselines view, empty: no baseline and no drift is not an error either.
  await page.evaluate(() => (location.hash = '#/baselines'));
  await expect(page.getByRole('heading', { name: 'Configuration baselines', level: 1 })).toBeVisible();
  await expect(page.getByText('No station follows a baseline yet', { exact: false })).toBeVisible();
  // A view with nothing in it yet: its lists are empty, not errors.
  await page.evaluate(() => (location.hash = '#/scenarios'));
  await expect(page.getByRole('heading', { name: 'Scenarios & replay', level: 1 })).toBeVisible();
  await expect(page.getByText('No scenario run or replay yet.')).toBeVisible();
  expect(problems).toEqual([]);
});
