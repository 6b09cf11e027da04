import type { Page } from '@playwright/test';
import { axeViolations } from './support/axe.js';
import { expect, keepScreenshot, test } from './support/fixtures.js';

/** Opens a station's page at a tab (the console is already open and live). */
async function openStation(page: Page, chargePointId: string, tab: string): Promise<void> {
  await page.evaluate(([id, t]) => (location.hash = `#/stations/${encodeURIComponent(id!)}/${t}`), [chargePointId, tab]);
}

test('a remote start that our answer refused says so under the answer, and its transaction says why', async ({
  consolePage: page,
  server,
  stations,
}) => {
  await server.api.putIdTag('E2E-CONC', { status: 'Accepted' });
  const charging = await stations.booted('E2E-CONC-A', { connectorCount: 1 });
  const blocking = await charging.startSession({ connectorId: 1, idTag: 'E2E-CONC' });
  await stations.booted('E2E-CONC-B', { connectorCount: 1 });

  await openStation(page, 'E2E-CONC-B', 'operations');
  const start = page.getByRole('region', { name: 'Remote start' });
  await start.getByLabel('Id tag').fill('E2E-CONC');
  await start.getByRole('button', { name: 'Start' }).click();
  await expect(start.getByRole('status', { name: 'Answer' })).toContainText('Accepted');
  const followUp = start.getByRole('alert', { name: 'Remote start follow-up' });
  await expect(followUp).toContainText('The central system refused this start');
  await expect(followUp).toContainText('ConcurrentTx');
  await expect(followUp).toContainText(`E2E-CONC-A connector 1 (transaction ${blocking})`);
  await keepScreenshot(page, 'remote-start-refused');

  await followUp.getByRole('link', { name: /transaction \d+/ }).click();
  const summary = page.getByRole('region', { name: 'Summary' });
  await expect(summary).toContainText('Refused: ConcurrentTx');
  await expect(summary.getByLabel('Start note')).toContainText(`transaction ${blocking}`);
  expect(await axeViolations(page)).toEqual([]);
});

test('anomalies show on the transaction and on the station page; a silent station’s session is flagged unconfirmed', async ({
  consolePage: page,
  server,
  stations,
}) => {
  await server.api.putIdTag('E2E-ANOM', { status: 'Accepted' });
  const cp = await stations.booted('E2E-ANOM-CP', { connectorCount: 1 });
  const start = (await cp.call('StartTransaction', { connectorId: 1, idTag: 'E2E-ANOM', meterStart: 0, timestamp: new Date().toISOString() })) as {
    transactionId: number;
  };
  await cp.call('StopTransaction', { transactionId: start.transactionId, meterStop: 500, timestamp: new Date().toISOString(), reason: 'Local' });
  await cp.call('StopTransaction', { transactionId: start.transactionId, meterStop: 9_000, timestamp: new Date().toISOString(), reason: 'Other' });

  await page.evaluate((id) => (location.hash = `#/transactions/${id}`), start.transactionId);
  const anomalies = page.getByRole('region', { name: 'Anomalies of this transaction' });
  await expect(anomalies).toContainText('Second, different stop');
  await expect(anomalies).toContainText('meterStop 9000 Wh');
  await expect(page.getByRole('region', { name: 'Summary' })).toContainText('1 anomaly');
  expect(await axeViolations(page)).toEqual([]);

  await openStation(page, 'E2E-ANOM-CP', 'details');
  const panel = page.getByRole('region', { name: /^Anomalies/ });
  await expect(panel).toContainText('Second, different stop');
  await expect(panel.getByRole('link', { name: String(start.transactionId) })).toBeVisible();
  await keepScreenshot(page, 'station-anomalies');
  expect(await axeViolations(page)).toEqual([]);

  // A station that goes quiet for longer than the unconfirmed limit: its session is kept, flagged unconfirmed.
  await server.api.patchSettings({ unconfirmedAfterSec: 1 });
  const quiet = await stations.booted('E2E-QUIET', { connectorCount: 1 });
  const running = await quiet.startSession({ connectorId: 1, idTag: 'E2E-ANOM' });
  await quiet.close();
  await expect.poll(async () => (await server.api.getTransaction(running)).unconfirmed, { timeout: 15_000 }).toBe(true);
  await page.evaluate(() => (location.hash = '#/transactions'));
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: `Transaction ${running}` }) });
  await expect(row).toContainText('Active');
  await expect(row).toContainText('Unconfirmed');
  await keepScreenshot(page, 'transactions-unconfirmed-and-anomalies');
});
