import type { Page } from '@playwright/test';
import { expect, keepScreenshot, test } from './support/fixtures.js';

/** Opens the Operations tab of a station's page (the console is already open and live). */
async function openOperations(page: Page, chargePointId: string): Promise<void> {
  await page.evaluate((id) => (location.hash = `#/stations/${encodeURIComponent(id)}/operations`), chargePointId);
  await expect(page.getByRole('heading', { name: 'Quick actions' })).toBeVisible();
}

test('quick actions answer live: remote start, trigger, raw JSON violations, form checks, soft reset', async ({
  consolePage: page,
  server,
  stations,
}) => {
  await server.api.putIdTag('TAG-OPS', { status: 'Accepted' });
  const cp = await stations.booted('CP-OPS-1', { connectorCount: 2 });
  await openOperations(page, 'CP-OPS-1');

  // Remote start: the simulator accepts and starts a session, which shows up as a running transaction.
  const start = page.getByRole('region', { name: 'Remote start' });
  await start.getByLabel('Id tag').fill('TAG-OPS');
  await start.getByRole('button', { name: 'Start' }).click();
  await expect(start.getByRole('status', { name: 'Answer' })).toContainText('Accepted');
  const stop = page.getByRole('region', { name: 'Remote stop' });
  await expect(stop.getByLabel('Transaction')).toContainText('TAG-OPS');
  const { items } = await server.api.listTransactions({ chargePointId: 'CP-OPS-1', active: true });
  expect(items).toHaveLength(1);

  // Trigger StatusNotification: Accepted, and the station got the TriggerMessage.
  const triggered = cp.waitForCall('TriggerMessage');
  const trigger = page.getByRole('region', { name: 'Trigger message' });
  await trigger.getByRole('button', { name: 'Trigger StatusNotification' }).click();
  await expect(trigger.getByRole('status', { name: 'Answer' })).toContainText('Accepted');
  expect((await triggered).payload).toEqual({ requestedMessage: 'StatusNotification' });

  // Any operation from the searchable list; a raw payload of the wrong type comes back with the violation.
  await page.getByRole('searchbox', { name: 'Search operations' }).fill('reset');
  await page.getByRole('navigation', { name: 'Operations' }).getByRole('button', { name: 'Reset', exact: true }).click();
  const resetForm = page.getByRole('form', { name: 'Reset form' });
  await expect(resetForm.getByLabel('type')).toHaveValue('Soft');
  await resetForm.getByRole('tab', { name: 'Raw JSON' }).click();
  await resetForm.getByLabel('Raw JSON payload').fill('{"type": 5}');
  await resetForm.getByRole('button', { name: 'Send Reset' }).click();
  await expect(resetForm.getByRole('alert')).toContainText('/type');
  await expect(resetForm.getByRole('list', { name: 'Violations' })).toContainText('must be');

  // The form explains a bad value next to its field before sending anything.
  await page.getByRole('searchbox', { name: 'Search operations' }).fill('unlock');
  await page.getByRole('navigation', { name: 'Operations' }).getByRole('button', { name: 'UnlockConnector' }).click();
  const unlockForm = page.getByRole('form', { name: 'UnlockConnector form' });
  await unlockForm.getByLabel('connectorId').fill('one');
  await unlockForm.getByRole('button', { name: 'Send UnlockConnector' }).click();
  await expect(unlockForm.getByLabel('connectorId')).toHaveAttribute('aria-invalid', 'true');
  await expect(unlockForm.getByRole('alert')).toContainText('must be a number');
  await expect(unlockForm.getByRole('button', { name: 'Send anyway' })).toBeVisible();

  // RemoteStop is pre-filled with the running transaction.
  await page.getByRole('searchbox', { name: 'Search operations' }).fill('remote stop');
  await page.getByRole('navigation', { name: 'Operations' }).getByRole('button', { name: 'RemoteStopTransaction' }).click();
  await expect(page.getByRole('form', { name: 'RemoteStopTransaction form' }).getByLabel('transactionId')).toHaveValue(String(items[0]!.id));

  // The session history re-sends an operation in one click.
  const history = page.getByRole('table', { name: 'Operation history' });
  const triggerRows = history.getByRole('row').filter({ hasText: 'TriggerMessage' });
  await expect(triggerRows).toHaveCount(1);
  const again = cp.waitForCall('TriggerMessage');
  await history.getByRole('button', { name: 'Re-send TriggerMessage' }).click();
  await expect(triggerRows).toHaveCount(2);
  await again;
  await expect(triggerRows.first()).toContainText('Accepted');

  // Soft reset in one click.
  const reset = page.getByRole('region', { name: 'Reset' });
  await reset.getByRole('button', { name: 'Soft reset' }).click();
  await expect(reset.getByRole('status', { name: 'Answer' })).toContainText('Accepted');

  // Everything sent is in the session history.
  await expect(history).toContainText('RemoteStartTransaction');
  await expect(history).toContainText('TriggerMessage');
  await expect(history).toContainText('Invalid payload');
  await expect(history.getByRole('button', { name: 'Re-send Reset' }).first()).toBeVisible();
  await keepScreenshot(page, 'station-operations');
});

test('a firmware update from the built-in file server shows its status timeline up to Installed', async ({ consolePage: page, server, stations }) => {
  const stored = await server.api.uploadFirmware('fw-2.0.bin', new TextEncoder().encode('firmware image 2.0'));
  // A pause between the simulator's firmware steps, so the timeline is seen advancing.
  await stations.booted('CP-FW-1', { stepDelayMs: 1000 });
  await openOperations(page, 'CP-FW-1');

  await page.getByRole('searchbox', { name: 'Search operations' }).fill('firmware');
  await page.getByRole('navigation', { name: 'Operations' }).getByRole('button', { name: 'UpdateFirmware', exact: true }).click();
  const form = page.getByRole('form', { name: 'UpdateFirmware form' });
  await expect(form).toContainText('Leave empty: the central system sends the URL of the chosen firmware file');
  await form.getByLabel('firmwareFile').fill(stored.name);
  await form.getByRole('button', { name: 'Send UpdateFirmware' }).click();
  await expect(form.getByRole('status', { name: 'Answer' })).toContainText('Answered');

  const status = page.getByRole('status', { name: /Status of UpdateFirmware #\d+/ });
  await expect(status).toHaveText(/Downloading|Downloaded|Installing/);
  await expect(status).toHaveText('Installed', { timeout: 30_000 });
  const steps = page.getByRole('list', { name: /Steps of UpdateFirmware #\d+/ });
  for (const step of ['Downloading', 'Downloaded', 'Installing', 'Installed']) await expect(steps).toContainText(`✓ ${step}`);
  await expect(page.getByRole('progressbar', { name: /Progress of UpdateFirmware/ })).toHaveAttribute('aria-valuenow', '4');

  // A diagnostics upload without a location goes to the built-in file server and ends Uploaded.
  await page.getByRole('navigation', { name: 'Operations' }).getByRole('button', { name: 'GetDiagnostics' }).click();
  const diagnostics = page.getByRole('form', { name: 'GetDiagnostics form' });
  await expect(diagnostics).toContainText('Leave empty: the central system sends the station upload URL');
  await diagnostics.getByRole('button', { name: 'Send GetDiagnostics' }).click();
  await expect(diagnostics.getByRole('status', { name: 'Answer' })).toContainText('fileName');
  await expect(page.getByRole('status', { name: /Status of GetDiagnostics #\d+/ })).toHaveText('Uploaded', { timeout: 30_000 });
  await keepScreenshot(page, 'station-operations-firmware');
});

test('a burst of ClearCache to three stations shows the progress and three answers', async ({ consolePage: page, stations }) => {
  await Promise.all(['CP-B-1', 'CP-B-2', 'CP-B-3'].map((id) => stations.booted(id)));
  await openOperations(page, 'CP-B-1');

  const burst = page.getByRole('region', { name: 'Send to many stations' });
  for (const id of ['CP-B-1', 'CP-B-2', 'CP-B-3']) await expect(burst.getByRole('checkbox', { name: id })).toBeVisible();
  await burst.getByRole('button', { name: 'Select connected' }).click();
  await expect(burst.getByLabel('Operation')).toHaveValue('ClearCache');
  await burst.getByRole('button', { name: 'Send ClearCache to 3 stations' }).click();

  await expect(burst.getByRole('status', { name: 'Burst progress text' })).toContainText('3 of 3 answered · 3 Accepted');
  await expect(burst.getByRole('progressbar', { name: 'Burst progress' })).toHaveAttribute('aria-valuenow', '3');
  const answers = burst.getByRole('list', { name: 'Answers by station' });
  for (const id of ['CP-B-1', 'CP-B-2', 'CP-B-3']) await expect(answers.getByLabel(`Answer of ${id}`)).toHaveText('Accepted');
  await keepScreenshot(page, 'station-operations-burst');

  // Hard reset asks first.
  const reset = page.getByRole('region', { name: 'Reset' });
  await reset.getByRole('button', { name: 'Hard reset…' }).click();
  await expect(reset).toContainText('stops every running session');
  await reset.getByRole('button', { name: 'Confirm hard reset' }).click();
  await expect(reset.getByRole('status', { name: 'Answer' })).toContainText('Accepted');
});
