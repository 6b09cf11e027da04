import { expect, test } from './support/fixtures.js';

test('a closed connection is an alert at once, with its close code and how long ago; a connected station is not "offline"', async ({
  consolePage: page,
  stations,
}) => {
  // The default heartbeat interval (300 s): before, a closed connection waited 3 × 300 s for its alert.
  const dropped = await stations.booted('CP-DROP');
  const leaving = await stations.booted('CP-LEAVE');
  await stations.booted('CP-STAYS');
  const alerts = page.getByRole('list', { name: 'Alerts' });
  await expect(page.getByRole('article', { name: 'Station CP-DROP' })).toContainText('Online');

  dropped.terminate();
  await leaving.close(1001, 'maintenance');
  const droppedAlert = alerts.getByRole('listitem', { name: 'Offline CP-DROP' });
  await expect(droppedAlert).toContainText(/disconnected, code 1006, \d+ s ago/);
  await expect(alerts.getByRole('listitem', { name: 'Offline CP-LEAVE' })).toContainText(/disconnected, code 1001 \(“maintenance”\), \d+ s ago/);
  await expect(page.getByRole('article', { name: 'Station CP-DROP' })).toContainText('Offline');
  await expect(alerts.getByRole('listitem', { name: /CP-STAYS/ })).toHaveCount(0);

  // The station's page says the same.
  await droppedAlert.getByRole('link', { name: 'CP-DROP' }).click();
  await expect(page.getByText('(code 1006)')).toBeVisible();
});

test("silence is measured in each station's own heartbeat interval, and any frame is a sign of life", async ({
  consolePage: page,
  server,
  stations,
}) => {
  // CP-OLD boots while the setting is 300 s; the setting then drops to 1 s, which CP-NEW gets at its boot.
  const old = await stations.booted('CP-OLD');
  await server.api.patchSettings({ heartbeatIntervalSec: 1 });
  const fresh = await stations.booted('CP-NEW');
  const alerts = page.getByRole('list', { name: 'Alerts' });

  // CP-NEW says nothing for 3 × 1 s: silent. CP-OLD, heard from even longer ago, still works with 300 s: not silent.
  await expect(alerts.getByRole('listitem', { name: 'Silent CP-NEW' })).toContainText('heartbeat interval of 1 s');
  await expect(alerts.getByRole('listitem', { name: /CP-OLD/ })).toHaveCount(0);
  await expect(page.getByRole('article', { name: 'Station CP-OLD' })).toContainText('Online');

  // Not only a heartbeat: a StatusNotification clears the silence too.
  await fresh.statusNotification(1, 'Available');
  await expect(alerts.getByRole('listitem', { name: 'Silent CP-NEW' })).toHaveCount(0);

  // Its page shows the interval it works with, not the setting.
  await page.evaluate(() => (location.hash = '#/stations/CP-OLD'));
  await expect(page.getByText('heartbeat interval 300 s')).toBeVisible();
  await page.evaluate(() => (location.hash = '#/'));

  // CP-OLD accepts HeartbeatInterval = 1 (ChangeConfiguration): from then on 3 s of silence is an alarm for it too.
  const changed = await server.api.call('CP-OLD', 'ChangeConfiguration', { key: 'HeartbeatInterval', value: '1' });
  expect(changed).toMatchObject({ result: { status: 'Accepted' } });
  await expect(alerts.getByRole('listitem', { name: 'Silent CP-OLD' })).toContainText('heartbeat interval of 1 s');
  expect(old.connected).toBe(true);
});
