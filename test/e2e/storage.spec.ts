import { axeViolations } from './support/axe.js';
import { expect, keepScreenshot, test } from './support/fixtures.js';

test('Settings shows what takes the data folder’s space and what is pruned when; a budget nothing can meet is an alert on the Overview', async ({
  consolePage: page,
  server,
}) => {
  await page.goto(`${server.apiUrl}/#/settings`);
  const panel = page.getByRole('region', { name: 'Storage' });
  await expect(panel).toBeVisible();
  const space = panel.getByRole('table', { name: 'What takes the space' });
  await expect(space.getByRole('row', { name: /Database \(csms\.sqlite\)/ })).toBeVisible();
  await expect(space.getByRole('row', { name: /Backups \(\d+\)/ })).toBeVisible();
  await expect(panel).toContainText(server.dataDir);
  await expect(panel).toContainText('Meter readings are never pruned');

  // 2 MiB of firmware (never pruned) under a 1 MiB budget: after pruning what it may, the folder is still over it.
  await server.api.uploadFirmware('big-firmware.bin', new Uint8Array(2 * 1024 * 1024).fill(7));
  await server.api.patchSettings({ dataFolderBudgetMiB: 1, meterDetailPruneAfterMonths: 12 });
  await expect(page.getByLabel('Data folder budget (MiB)')).toHaveValue('1');
  await page.reload();
  await expect(space.getByRole('row', { name: /Firmware and uploaded files/ })).toContainText('2.0 MiB');
  await expect(panel).toContainText('of its 1.0 MiB budget');
  await expect(panel).toContainText('ended more than 12 months ago');
  await expect(panel.getByRole('status').first()).toContainText('nothing more may be pruned');
  await keepScreenshot(page, 'settings-storage');
  expect(await axeViolations(page)).toEqual([]);

  await page.goto(`${server.apiUrl}/#/`);
  const alerts = page.getByRole('list', { name: 'Storage alerts' });
  await expect(alerts.getByRole('listitem', { name: 'Critical data-budget' })).toContainText('over its 1.0 MiB budget');
  // No station is connected, so the navigation's alert count is the storage alert alone.
  const shown = await alerts.getByRole('listitem').count();
  await expect(page.getByRole('navigation', { name: 'Views' }).getByLabel(/\d+ alerts/)).toHaveAccessibleName(`${shown} alerts`);
  expect(await axeViolations(page)).toEqual([]);
  await alerts.getByRole('link', { name: 'see Storage in Settings' }).click();
  await expect(page.getByRole('region', { name: 'Storage' })).toBeVisible();
});
