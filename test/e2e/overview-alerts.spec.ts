import type { Locator, Page } from '@playwright/test';
import type { SimulatedChargePoint } from '../../main/simulator/index.js';
import type { ConsoleServer } from './support/server.js';
import { axeViolations } from './support/axe.js';
import { expect, keepScreenshot, test, type StationFactory } from './support/fixtures.js';

// Pending registration for unknown stations (the others are accepted ahead), and the wss listener, whose CA is what
// signs (or refuses) station certificate requests.
test.use({ serverArgs: ['--registration-policy', 'pending', '--ocpp-tls-port', '0'] });

/** A station the operator registered ahead (so its boot is Accepted), connected and booted. */
async function registered(
  server: ConsoleServer,
  stations: StationFactory,
  id: string,
  options: Parameters<StationFactory['booted']>[1] = {},
): Promise<SimulatedChargePoint> {
  await server.api.putChargePoint(id, { registrationStatus: 'Accepted' });
  return stations.booted(id, options);
}

function alertList(page: Page): Locator {
  return page.getByRole('list', { name: 'Alerts' });
}

/** The navigation's count next to "Overview" (absent when there is no alert). */
function badge(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Views' }).getByLabel(/^\d+ alerts$/);
}

/** The Overview lists exactly `names` (in any order) and the navigation counts as many. */
async function expectAlerts(page: Page, names: string[]): Promise<void> {
  const items = alertList(page).getByRole('listitem');
  await expect(items).toHaveCount(names.length);
  for (const name of names) await expect(alertList(page).getByRole('listitem', { name, exact: true })).toBeVisible();
  await expect(badge(page)).toHaveText(String(names.length));
  await expect(badge(page)).toHaveAccessibleName(`${names.length} alerts`);
  await expect(page.getByRole('heading', { name: /^Alerts/ }).locator('.count')).toHaveText(String(names.length));
}

test('every kind of alert shows in the list, and the navigation counts exactly the list, on any view', async ({
  consolePage: page,
  server,
  stations,
}) => {
  // Ten stations and their alerts one after another, on a machine shared with other tests.
  test.setTimeout(120_000);
  await expect(page.getByRole('region', { name: /Alerts/ })).toContainText('No alerts');
  await expect(badge(page)).toHaveCount(0);
  const expected: string[] = [];

  // Faulted connector.
  const faulted = await registered(server, stations, 'CP-AL-FAULT');
  await faulted.statusNotification(1, 'Faulted', 'GroundFailure');
  expected.push('Faulted CP-AL-FAULT');
  await expectAlerts(page, expected);

  // Waiting for registration.
  const pending = await stations.create('CP-AL-PEND');
  await pending.connect();
  expect((await pending.boot()).status).toBe('Pending');
  expected.push('Pending CP-AL-PEND');
  await expectAlerts(page, expected);

  // A connection that closed without a close frame.
  const dropped = await registered(server, stations, 'CP-AL-DROP');
  dropped.terminate();
  expected.push('Offline CP-AL-DROP');
  await expectAlerts(page, expected);
  await expect(alertList(page).getByRole('listitem', { name: 'Offline CP-AL-DROP' })).toContainText(/disconnected, code 1006, \d+ s ago/);

  // Two conflicting stops for one transaction: two anomalies, one alert for the station, linking the transaction.
  await server.api.putIdTag('AL-TAG', { status: 'Accepted' });
  const conflicting = await registered(server, stations, 'CP-AL-ANOM', { connectorCount: 1 });
  const start = (await conflicting.call('StartTransaction', {
    connectorId: 1,
    idTag: 'AL-TAG',
    meterStart: 0,
    timestamp: new Date().toISOString(),
  })) as { transactionId: number };
  await conflicting.call('StopTransaction', {
    transactionId: start.transactionId,
    meterStop: 500,
    timestamp: new Date().toISOString(),
    reason: 'Local',
  });
  await conflicting.call('StopTransaction', {
    transactionId: start.transactionId,
    meterStop: 9_000,
    timestamp: new Date().toISOString(),
    reason: 'Other',
  });
  await conflicting.call('StopTransaction', {
    transactionId: start.transactionId,
    meterStop: 12_000,
    timestamp: new Date().toISOString(),
    reason: 'Other',
  });
  expected.push('Anomalies CP-AL-ANOM');
  await expectAlerts(page, expected);
  const anomalies = alertList(page).getByRole('listitem', { name: 'Anomalies CP-AL-ANOM' });
  await expect(anomalies).toContainText('2 anomalies in the last 24 h; newest: Second, different stop');
  await expect(anomalies).toContainText('meterStop 12000 Wh');

  // A certificate request whose subject is not the station: refused by the central system.
  const foreign = await registered(server, stations, 'CP-AL-CSR', { certificateCommonName: 'S/N-AL-0042' });
  const triggered = foreign.waitForCall('ExtendedTriggerMessage');
  await server.api.call('CP-AL-CSR', 'ExtendedTriggerMessage', { requestedMessage: 'SignChargePointCertificate' });
  await triggered;
  expected.push('Certificate refused CP-AL-CSR');
  await expectAlerts(page, expected);
  await expect(alertList(page).getByRole('listitem', { name: 'Certificate refused CP-AL-CSR' })).toContainText(
    'certificate request refused: CsrSubjectNotChargePoint',
  );

  // Connected, but nothing heard for 3 × its own heartbeat interval (set to 1 s for it alone; the others keep 300 s,
  // and the pending station, whose interval is not known, is judged by the unchanged global setting).
  const quiet = await registered(server, stations, 'CP-AL-QUIET');
  const changed = await server.api.call('CP-AL-QUIET', 'ChangeConfiguration', { key: 'HeartbeatInterval', value: '1' });
  expect(changed).toMatchObject({ result: { status: 'Accepted' } });
  expected.push('Silent CP-AL-QUIET');
  await expectAlerts(page, expected);

  await keepScreenshot(page, 'overview-alerts');
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await axeViolations(page), colorScheme).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });

  // Elsewhere in the console the count follows new reports too: one more anomaly on another station, seen from the
  // transactions list, without the Overview open.
  await page.getByRole('link', { name: 'Transactions', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Transactions', level: 1 })).toBeVisible();
  const ghost = await registered(server, stations, 'CP-AL-GHOST', { connectorCount: 1 });
  await ghost.call('StopTransaction', { transactionId: 987_654, meterStop: 10, timestamp: new Date().toISOString(), reason: 'Local' });
  expected.push('Anomalies CP-AL-GHOST');
  await expect(badge(page)).toHaveText(String(expected.length));
  await page.getByRole('link', { name: /^Overview/ }).click();
  await expectAlerts(page, expected);
  await expect(alertList(page).getByRole('listitem', { name: 'Anomalies CP-AL-GHOST' })).toContainText(
    '1 anomaly in the last 24 h; newest: Stop for an unknown transaction',
  );

  // What clears an alert takes it off the count too: the fault ends.
  await faulted.statusNotification(1, 'Available');
  expected.splice(expected.indexOf('Faulted CP-AL-FAULT'), 1);
  await expectAlerts(page, expected);
  expect(quiet.connected).toBe(true);

  // The anomaly alert links its transaction; the refused request links the station's certificate panel.
  await anomalies.getByRole('link', { name: `transaction ${start.transactionId}` }).click();
  await expect(page.getByRole('region', { name: 'Anomalies of this transaction' })).toContainText('Second, different stop');
  await page.getByRole('link', { name: /^Overview/ }).click();
  await alertList(page)
    .getByRole('listitem', { name: 'Certificate refused CP-AL-CSR' })
    .getByRole('link', { name: 'see its certificate panel' })
    .click();
  await expect(page.getByRole('heading', { name: 'Station CP-AL-CSR', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Station certificate and uploads' })).toBeFocused();
  await expect(page.getByRole('region', { name: 'Station certificate and uploads' }).getByRole('alert')).toContainText(
    'is not the charge point identity "CP-AL-CSR"',
  );
  await expect(badge(page)).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
});

test('an anomaly or a refused certificate request is an alert for 24 hours after it was received, then history', async ({
  page,
  server,
  stations,
}) => {
  // The browser's clock runs from now, then jumps: the central system keeps its own time.
  await page.clock.install();
  await page.goto(server.consoleUrl);
  await expect(page.getByRole('status', { name: 'Live updates' })).toContainText('Live');

  const cp = await registered(server, stations, 'CP-AL-OLD');
  await cp.call('StopTransaction', { transactionId: 123_456, meterStop: 10, timestamp: new Date().toISOString(), reason: 'Local' });
  const foreign = await registered(server, stations, 'CP-AL-OLDCSR', { certificateCommonName: 'S/N-AL-0043' });
  const triggered = foreign.waitForCall('ExtendedTriggerMessage');
  await server.api.call('CP-AL-OLDCSR', 'ExtendedTriggerMessage', { requestedMessage: 'SignChargePointCertificate' });
  await triggered;
  await expectAlerts(page, ['Anomalies CP-AL-OLD', 'Certificate refused CP-AL-OLDCSR']);

  // 23 h later both are still alerts (and the two stations, unheard since, are silent); past 24 h the reports are
  // not, and the count drops with them.
  const silent = ['Silent CP-AL-OLD', 'Silent CP-AL-OLDCSR'];
  await page.clock.fastForward('23:00:00');
  await expectAlerts(page, [...silent, 'Anomalies CP-AL-OLD', 'Certificate refused CP-AL-OLDCSR']);
  await page.clock.fastForward('01:00:01');
  await expectAlerts(page, silent);

  // Still on the station's page.
  await page.evaluate(() => (location.hash = '#/stations/CP-AL-OLD/details'));
  await expect(page.getByRole('region', { name: /^Anomalies/ })).toContainText('Stop for an unknown transaction');
});
