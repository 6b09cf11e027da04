import { expect, keepScreenshot, test } from './support/fixtures.js';

test('a bad heartbeat interval is explained at the field as typed and Save waits for a good one, which persists; a backup is made; the token rotates', async ({
  consolePage: page,
  server,
}) => {
  await page.goto(`${server.apiUrl}/#/settings`);
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  const heartbeat = page.getByLabel('Heartbeat interval (s)');
  await expect(heartbeat).toHaveValue('300');

  // Checked as typed: the problem shows at the field and Save stays disabled until it is fixed.
  await heartbeat.fill('-5');
  await expect(heartbeat).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('button', { name: 'Save settings' })).toBeDisabled();
  await expect(page.getByText('Fix 1 field to save')).toBeVisible();
  const describedBy = await heartbeat.getAttribute('aria-describedby');
  await expect(page.locator(`[id="${describedBy}"]`)).toHaveText(/must be a whole number from 1 to 86,400 s/);
  expect((await server.api.getSettings()).heartbeatIntervalSec).toBe(300);

  await heartbeat.fill('120');
  await expect(heartbeat).toHaveAttribute('aria-invalid', 'false');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Settings saved (heartbeatIntervalSec)')).toBeVisible();
  expect((await server.api.getSettings()).heartbeatIntervalSec).toBe(120);
  await page.reload();
  await expect(page.getByLabel('Heartbeat interval (s)')).toHaveValue('120');

  // A change made elsewhere shows without a reload.
  await server.api.patchSettings({ registrationPolicy: 'pending' });
  await expect(page.getByLabel('Registration policy')).toHaveValue('pending');

  // Startup options: the ports this server really bound, with the flag that changes them.
  const port = new URL(server.ocppBaseUrl.replace('ws:', 'http:')).port;
  const startup = page.getByRole('table', { name: 'Startup options' });
  await expect(startup.getByRole('row', { name: /OCPP port \(ws\)/ })).toContainText(`${port}set with --ocpp-port`);
  await expect(startup.getByRole('row', { name: /Data folder/ })).toContainText(server.dataDir);

  // Backups: one made now is verified, announced and listed with its restore button.
  await page.getByRole('button', { name: 'Back up now' }).click();
  await expect(page.getByText('Backup made and verified')).toBeVisible();
  await expect(page.getByRole('button', { name: /^Restore .+/ }).first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Back up now' })).toBeEnabled();

  const token = page.getByLabel('API token', { exact: true });
  await expect(token).not.toContainText(server.token);
  await expect(page.getByRole('button', { name: 'Copy API token' })).toBeVisible();
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(token).toHaveText(server.token);
  await page.getByRole('button', { name: 'Hide' }).click();
  await keepScreenshot(page, 'settings');

  // Rotation: the old token stops working, the console keeps the new one and stays live (also after a reload).
  await page.getByRole('button', { name: 'Rotate token…' }).click();
  await page.getByRole('button', { name: 'Rotate now' }).click();
  await expect(page.getByText('API token rotated')).toBeVisible();
  await expect(page.getByRole('status', { name: 'Live updates' })).toContainText('Live');
  await expect(server.api.getSettings()).rejects.toMatchObject({ status: 401 });
  await page.reload();
  await expect(page.getByRole('status', { name: 'Live updates' })).toContainText('Live');
  await expect(page.getByLabel('Heartbeat interval (s)')).toHaveValue('120');
});
