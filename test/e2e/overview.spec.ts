import { expect, keepScreenshot, test } from './support/fixtures.js';

test.describe('overview', () => {
  test('a booted station appears live with its connectors, then a Faulted status turns its tile red and raises an alert', async ({
    consolePage: page,
    server,
    stations,
  }) => {
    await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
    await expect(page.getByRole('region', { name: /Alerts/ })).toContainText('No alerts');

    // Booted after the page is open: it must appear without a reload.
    const cp = await stations.booted('CP-OV-1', { connectorCount: 2, vendor: 'Acme', model: 'Wall-22' });
    await stations.booted('CP-OV-2');
    const tile = page.getByRole('article', { name: 'Station CP-OV-1' });
    await expect(tile).toBeVisible();
    await expect(tile).toContainText('Online');
    await expect(tile.getByRole('listitem', { name: 'Connector 1: Available' })).toBeVisible();
    await expect(tile.getByRole('listitem', { name: 'Connector 2: Available' })).toBeVisible();
    await expect(page.getByLabel('Summary')).toContainText('2 of 2 stations online');

    // A session shows in the active sessions with its power.
    await server.api.putIdTag('TAG-OV', { status: 'Accepted' });
    await cp.startSession({ connectorId: 2, idTag: 'TAG-OV' });
    await cp.meterValues(2);
    const sessions = page.getByRole('table', { name: 'Active sessions' });
    await expect(sessions.getByRole('row', { name: /CP-OV-1.*TAG-OV/ })).toBeVisible();
    await expect(tile.getByRole('listitem', { name: 'Connector 2: Charging' })).toBeVisible();

    await cp.statusNotification(1, 'Faulted', 'GroundFailure', { vendorErrorCode: 'E-17', info: 'RCD tripped' });
    await expect(tile.getByRole('listitem', { name: 'Connector 1: Faulted, GroundFailure' })).toBeVisible();
    await expect(tile).toHaveClass(/tile-bad/);
    await expect(tile).toHaveCSS('border-left-color', 'rgb(185, 28, 28)');
    const alert = page.getByRole('list', { name: 'Alerts' }).getByRole('listitem', { name: 'Faulted CP-OV-1' });
    await expect(alert).toContainText('connector 1 Faulted: GroundFailure · E-17 · RCD tripped');
    await expect(page.getByRole('link', { name: /Overview.*1 alerts/ })).toBeVisible();

    // The tile links to the station page.
    await keepScreenshot(page, 'overview');
    await tile.getByRole('link', { name: 'CP-OV-1' }).click();
    await expect(page.getByRole('heading', { name: 'Station CP-OV-1', level: 1 })).toBeVisible();
  });

  test.describe('with a short heartbeat interval', () => {
    test.use({ serverArgs: ['--registration-policy', 'accept', '--heartbeat-interval', '1'] });

    test('a silent station and a disconnected one raise alerts after a few heartbeat intervals', async ({ consolePage: page, stations }) => {
      const silent = await stations.booted('CP-SILENT');
      const leaving = await stations.booted('CP-LEAVING');
      await expect(page.getByRole('article', { name: 'Station CP-SILENT' })).toContainText('Online');
      await leaving.close();
      const alerts = page.getByRole('list', { name: 'Alerts' });
      await expect(page.getByRole('article', { name: 'Station CP-LEAVING' })).toContainText('Offline');
      // The closed connection is an alarm at once; the open one after 3 × 1 s without a frame (simulated stations
      // send no heartbeats unless asked).
      await expect(alerts.getByRole('listitem', { name: 'Silent CP-SILENT' })).toContainText('connected but silent');
      await expect(alerts.getByRole('listitem', { name: 'Offline CP-LEAVING' })).toBeVisible();
      await expect(page.getByRole('article', { name: 'Station CP-SILENT' })).toContainText('Silent');
      // A heartbeat clears the silence alarm.
      await silent.heartbeat();
      await expect(alerts.getByRole('listitem', { name: 'Silent CP-SILENT' })).toHaveCount(0);
    });
  });

  test.describe('with registration policy pending', () => {
    test.use({ serverArgs: ['--registration-policy', 'pending'] });

    test('a pending station is an alert and one click accepts it: its next boot is Accepted', async ({ consolePage: page, stations }) => {
      const cp = await stations.create('CP-NEW');
      await cp.connect();
      expect((await cp.boot()).status).toBe('Pending');
      const alert = page.getByRole('list', { name: 'Alerts' }).getByRole('listitem', { name: 'Pending CP-NEW' });
      await expect(alert).toContainText('waits for registration');

      const booted = new Promise<string>((resolve) => cp.on('boot', (conf) => resolve(conf.status)));
      await alert.getByRole('button', { name: 'Accept CP-NEW' }).click();
      // The console asks the station to boot again (TriggerMessage BootNotification): that boot is Accepted.
      expect(await booted).toBe('Accepted');
      await expect(alert).toHaveCount(0);
      const tile = page.getByRole('article', { name: 'Station CP-NEW' });
      await expect(tile).not.toContainText('Pending');
      await expect(tile.getByRole('listitem', { name: 'Connector 1: Available' })).toBeVisible();
      expect((await cp.boot()).status).toBe('Accepted');
    });
  });
});
