import { readFileSync } from 'node:fs';
import { expect, test } from './support/fixtures.js';

test('the audit trail shows who did what from where: the console in this browser and a script, with what was sent and answered; export', async ({
  consolePage: page,
  server,
  stations,
}) => {
  await stations.booted('CP-AUDIT', { connectorCount: 2 });

  // From the console in this browser: a setting and a quick action.
  await page.evaluate(() => (location.hash = '#/settings'));
  await page.getByLabel('Heartbeat interval (s)').fill('240');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Settings saved (heartbeatIntervalSec)')).toBeVisible();
  await page.evaluate(() => (location.hash = '#/stations/CP-AUDIT/operations'));
  const cache = page.getByRole('region', { name: 'Clear cache' });
  await cache.getByRole('button', { name: 'Clear cache' }).click();
  await expect(cache.getByRole('status', { name: 'Answer' })).toContainText('Accepted');

  // From a script, with the same token.
  await server.api.call('CP-AUDIT', 'GetLocalListVersion', {});

  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Audit trail' }).click();
  await expect(page.getByRole('heading', { name: 'Audit trail', level: 1 })).toBeVisible();
  const table = page.getByRole('table', { name: 'Audit trail' });
  const scriptRow = table.getByRole('row', { name: 'call GetLocalListVersion by Script (API)' });
  const cacheRow = table.getByRole('row', { name: 'call ClearCache by Console in a browser' });
  const settingRow = table.getByRole('row', { name: 'settings change by Console in a browser' });
  await expect(scriptRow).toBeVisible();
  await expect(cacheRow).toBeVisible();
  await expect(settingRow).toBeVisible();
  await expect(cacheRow).toContainText('CP-AUDIT');
  await expect(cacheRow).toContainText('200');

  // What was sent and what came back.
  await cacheRow.getByRole('button', { name: /Details of action/ }).click();
  await expect(page.getByLabel(/^Request of action/)).toHaveText('{}');
  await expect(page.getByLabel(/^Answer of action/)).toContainText('Accepted');

  // Filter by client.
  await page.getByLabel('Client').selectOption({ label: 'Script (API)' });
  await expect(table.getByRole('row', { name: /by / })).toHaveCount(1);
  await expect(scriptRow).toBeVisible();
  await page.getByLabel('Client').selectOption({ label: 'All clients' });

  // Export: every action, one JSON object per line.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export NDJSON' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^audit-.*\.ndjson$/);
  const lines = readFileSync(await download.path(), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { action: string; client: string });
  expect(lines.map((l) => `${l.action} / ${l.client}`)).toEqual([
    'call GetLocalListVersion / script',
    'call ClearCache / console-browser',
    'settings change / console-browser',
  ]);
});
