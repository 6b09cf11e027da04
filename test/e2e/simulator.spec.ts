import { expect, keepScreenshot, test } from './support/fixtures.js';

test('start two simulated stations from the console, see them live, run a session and see its power', async ({ consolePage: page, server }) => {
  await server.api.putIdTag('TAG1', { status: 'Accepted' });
  await page.goto(`${server.apiUrl}/#/simulator`);
  await expect(page.getByText('No simulated station runs.')).toBeVisible();

  // Bad values are explained at the field, nothing starts.
  await page.getByLabel('Number of stations').fill('0');
  await page.getByRole('button', { name: 'Start stations' }).click();
  await expect(page.getByLabel('Number of stations')).toHaveAttribute('aria-invalid', 'true');
  expect((await server.api.listSimulators()).items).toHaveLength(0);

  await page.getByLabel('Number of stations').fill('2');
  await page.getByLabel('Meter value interval (s)').fill('1');
  await page.getByRole('button', { name: 'Start stations' }).click();
  for (const id of ['SIM-1', 'SIM-2']) {
    const card = page.getByRole('article', { name: id });
    await expect(card.getByText('Online')).toBeVisible();
    await expect(card.getByRole('link', { name: id })).toHaveAttribute('href', `#/stations/${id}`);
  }
  // The central system sees them like any station (the overview's data).
  const cps = await server.api.listChargePoints();
  expect(cps.items.filter((cp) => cp.id.startsWith('SIM-')).map((cp) => [cp.id, cp.connected, cp.registrationStatus])).toEqual([
    ['SIM-1', true, 'Accepted'],
    ['SIM-2', true, 'Accepted'],
  ]);

  // A session without an id tag is explained before anything is sent.
  await page.getByRole('button', { name: 'Start session on SIM-1 connector 1' }).click();
  await expect(page.getByLabel('Id tag for SIM-1')).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel('Id tag for SIM-1').fill('TAG1');
  await page.getByRole('button', { name: 'Start session on SIM-1 connector 1' }).click();
  await expect(page.getByRole('status', { name: 'Answer for SIM-1' })).toContainText(/Done: Transaction \d+ started on connector 1/);
  await expect(page.getByLabel('Power of SIM-1 connector 1')).toHaveText('11.0 kW');
  await expect(page.getByRole('row', { name: 'SIM-1 connector 1' })).toContainText('Charging');
  await expect(page.getByRole('status', { name: 'Simulator summary' })).toContainText('1 charging');
  const active = await server.api.listTransactions({ active: true });
  expect(active.items.map((t) => [t.chargePointId, t.idTag])).toEqual([['SIM-1', 'TAG1']]);

  // A fault on the other station shows live.
  await page.getByRole('button', { name: 'Fault SIM-2 connector 2' }).click();
  await expect(page.getByRole('row', { name: 'SIM-2 connector 2' })).toContainText('Faulted');
  await expect.poll(async () => (await server.api.getChargePoint('SIM-2')).connectors.find((c) => c.connectorId === 2)?.status).toBe('Faulted');
  await keepScreenshot(page, 'simulator');

  await page.getByRole('button', { name: 'Clear fault of SIM-2 connector 2' }).click();
  await expect(page.getByRole('row', { name: 'SIM-2 connector 2' })).toContainText('Available');
  await page.getByRole('button', { name: 'Disconnect SIM-2' }).click();
  await expect(page.getByRole('article', { name: 'SIM-2' }).getByText('Offline')).toBeVisible();
  await page.getByRole('button', { name: 'Reconnect SIM-2' }).click();
  await expect(page.getByRole('article', { name: 'SIM-2' }).getByText('Online')).toBeVisible();

  await page.getByRole('button', { name: 'Stop session on SIM-1 connector 1' }).click();
  await expect(page.getByLabel('Power of SIM-1 connector 1')).toHaveText('0.0 kW');
  await expect.poll(async () => (await server.api.listTransactions({ active: true })).items.length).toBe(0);
});
