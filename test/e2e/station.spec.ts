import { expect, keepScreenshot, test } from './support/fixtures.js';

test.describe('station page', () => {
  test('shows boot info, connection and live connectors; description and validation mode are editable', async ({
    consolePage: page,
    server,
    stations,
  }) => {
    const cp = await stations.booted('CP-ST-1', {
      connectorCount: 2,
      vendor: 'Acme',
      model: 'Wall-22',
      firmwareVersion: '4.2.1',
      serialNumber: 'SN-778',
    });
    await page.getByRole('link', { name: 'Stations', exact: true }).click();
    await page.getByRole('table', { name: 'Stations' }).getByRole('link', { name: 'CP-ST-1' }).click();
    await expect(page.getByRole('heading', { name: 'Station CP-ST-1', level: 1 })).toBeVisible();
    await expect(page.getByRole('tab', { name: 'Details' })).toHaveAttribute('aria-selected', 'true');

    const boot = page.getByLabel('Boot info');
    await expect(boot).toContainText('Acme');
    await expect(boot).toContainText('Wall-22');
    await expect(boot).toContainText('4.2.1');
    await expect(boot).toContainText('SN-778');
    const connection = page.getByRole('region', { name: 'Connection', exact: true });
    await expect(connection).toContainText('Connected');
    await expect(connection).toContainText('127.0.0.1');
    await expect(connection).toContainText('/ocpp/CP-ST-1');

    const connectors = page.getByRole('table', { name: 'Connectors' });
    await expect(connectors.getByRole('row', { name: 'Connector 2' })).toContainText('Available');
    // Live: a status change shows without a reload.
    await cp.statusNotification(2, 'Faulted', 'HighTemperature', { vendorErrorCode: 'T-90' });
    await expect(connectors.getByRole('row', { name: 'Connector 2' })).toContainText('Faulted');
    await expect(connectors.getByRole('row', { name: 'Connector 2' })).toContainText('HighTemperature');

    // Per-station leniency and description, saved through PUT /api/charge-points/{id}.
    const form = page.getByRole('form', { name: 'Station settings' });
    await form.getByLabel('Description').fill('Bay 7, north wall');
    await form.getByLabel('Validation mode').selectOption('lenient');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(connection).toContainText('lenient');
    await expect(page.getByText('Bay 7, north wall').first()).toBeVisible();
    const saved = await server.api.getChargePoint('CP-ST-1');
    expect(saved.validationMode).toBe('lenient');
    expect(saved.description).toBe('Bay 7, north wall');

    // A too long description is explained next to the field, nothing is sent.
    await form.getByLabel('Description').fill('x'.repeat(501));
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(form.getByRole('alert')).toContainText('At most 500 characters');
    expect((await server.api.getChargePoint('CP-ST-1')).description).toBe('Bay 7, north wall');
    await form.getByLabel('Description').fill('Bay 7, north wall');

    await expect(page.getByRole('tab', { name: 'Operations' })).toBeVisible();
    await keepScreenshot(page, 'station');
  });

  test('GetConfiguration loads the keys; changing a value shows the answer, the new value and the diff', async ({
    consolePage: page,
    server,
    stations,
  }) => {
    const cp = await stations.booted('CP-ST-2');
    await page.goto(`${server.apiUrl}/#/stations/CP-ST-2/configuration`);
    await expect(page.getByRole('tab', { name: 'Configuration' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByText('No configuration known yet')).toBeVisible();

    await page.getByRole('button', { name: 'Refresh (GetConfiguration)' }).click();
    const table = page.getByRole('table', { name: 'Configuration keys' });
    await expect(table.getByRole('row', { name: 'MeterValueSampleInterval' })).toContainText('60');
    // Read-only keys cannot be edited.
    await expect(table.getByRole('row', { name: 'NumberOfConnectors' })).toContainText('read-only');
    await expect(table.getByRole('button', { name: 'Edit NumberOfConnectors' })).toHaveCount(0);

    const row = table.getByRole('row', { name: 'MeterValueSampleInterval', exact: true });
    await row.getByRole('button', { name: 'Edit MeterValueSampleInterval' }).click();
    // A value over CiString500 is refused next to the field before anything is sent.
    await row.getByLabel('New value of MeterValueSampleInterval').fill('9'.repeat(501));
    await row.getByRole('button', { name: 'Send' }).click();
    await expect(row.getByRole('alert')).toContainText('At most 500 characters');
    await row.getByLabel('New value of MeterValueSampleInterval').fill('15');
    await row.getByRole('button', { name: 'Send' }).click();
    await expect(row.getByLabel('Answer for MeterValueSampleInterval')).toContainText('Accepted');
    await expect(row).toContainText('15');
    await expect(row).toContainText('edited (was “60”)');
    expect(cp.configuration.get('MeterValueSampleInterval')).toBe('15');

    // The station refuses a bad value: its answer is shown, the value stays.
    const heartbeat = table.getByRole('row', { name: 'HeartbeatInterval', exact: true });
    await heartbeat.getByRole('button', { name: 'Edit HeartbeatInterval' }).click();
    await heartbeat.getByLabel('New value of HeartbeatInterval').fill('0');
    await heartbeat.getByLabel('New value of HeartbeatInterval').press('Enter');
    await expect(heartbeat.getByLabel('Answer for HeartbeatInterval')).toContainText('Rejected');
    await expect(heartbeat).not.toContainText('edited');

    // A new snapshot: the key is marked as changed since the previous one.
    await page.getByRole('button', { name: 'Refresh (GetConfiguration)' }).click();
    await expect(row).toContainText('changed (was “60”)');
    await expect(page.getByLabel('Snapshot')).toContainText('1 key differs');
    await keepScreenshot(page, 'station-configuration');
    await page.getByLabel('Changed keys only').check();
    await expect(table.getByRole('row')).toHaveCount(2);
  });

  test("the station's message log shows its frames live, newest first, with the frame on click", async ({ consolePage: page, server, stations }) => {
    const cp = await stations.booted('CP-ST-3');
    await stations.booted('CP-OTHER');
    await page.goto(`${server.apiUrl}/#/stations/CP-ST-3`);
    await page.getByRole('tab', { name: 'Message log' }).click();
    const log = page.getByRole('table', { name: 'Station message log' });
    await expect(log.getByRole('row', { name: 'In CALL BootNotification' })).toBeVisible();
    await expect(log.getByRole('row', { name: 'Out CALLRESULT BootNotification' })).toBeVisible();

    await cp.dataTransfer('com.example.vendor', 'hello', 'payload-123');
    const newest = log.getByRole('row').nth(1);
    await expect(newest).toHaveAccessibleName('Out CALLRESULT DataTransfer');
    await expect(log.getByRole('row', { name: 'In CALL DataTransfer' })).toBeVisible();
    // Only this station's frames.
    await expect(log).not.toContainText('CP-OTHER');

    // The JSON inspector: click a row to see its frame.
    await log.getByRole('row', { name: 'In CALL DataTransfer' }).click();
    await expect(page.getByLabel(/^Frame \d+$/)).toContainText('payload-123');

    // An error answer shows its error code.
    cp.sendRaw('[2,"raw-1","NoSuchAction",{}]');
    await expect(log.getByRole('row', { name: /^Out CALLERROR/ }).first()).toContainText('NotImplemented');

    await keepScreenshot(page, 'station-message-log');
    await page.getByLabel('Direction').selectOption('out');
    await expect(log.getByRole('row', { name: /^In / })).toHaveCount(0);
    await expect(log.getByRole('row', { name: 'Out CALLRESULT BootNotification' })).toBeVisible();
  });
});
