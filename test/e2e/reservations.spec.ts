import { expect, keepScreenshot, test } from './support/fixtures.js';

test('reserve a connector: Accepted, a countdown runs, cancel: Cancelled', async ({ consolePage: page, server, stations }) => {
  await server.api.putIdTag('RES-TAG', { status: 'Accepted' });
  await stations.booted('RES-CP-1', {});
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Reservations' }).click();
  await expect(page.getByText('No active reservation.')).toBeVisible();

  const form = page.getByRole('form', { name: 'Reserve' });
  // Nothing chosen: every problem is explained at its field, nothing is sent.
  await form.getByRole('button', { name: 'Reserve' }).click();
  await expect(form.getByText('Choose a connected station')).toBeVisible();
  await expect(form.getByText('Required').first()).toBeVisible();

  await form.getByLabel('Station').selectOption('RES-CP-1');
  await form.getByLabel('Connector').fill('1');
  await form.getByLabel('Id tag', { exact: true }).fill('RES-TAG');
  await form.getByRole('button', { name: 'Reserve' }).click();
  await expect(form.getByRole('status', { name: 'Answer' })).toContainText('Accepted');

  const active = page.getByRole('table', { name: 'Active reservations' });
  const row = active.getByRole('row').filter({ hasText: 'RES-TAG' });
  await expect(row).toContainText('Active');
  const reservationId = Number(await row.getByRole('cell').first().textContent());
  const left = row.getByRole('cell', { name: `Time left for reservation ${reservationId}` });
  await expect(left).toContainText('min');
  const firstText = await left.textContent();
  await expect(left).not.toHaveText(firstText!); // the countdown ticks
  await keepScreenshot(page, 'reservations');

  await row.getByRole('button', { name: `Cancel reservation ${reservationId}` }).click();
  await expect(page.getByRole('group', { name: 'Cancel answer' }).getByRole('status', { name: 'Answer' })).toContainText('Accepted');
  const past = page.getByRole('table', { name: 'Past reservations' });
  await expect(past.getByRole('row').filter({ hasText: 'RES-TAG' })).toContainText('Cancelled');
  await expect(page.getByText('No active reservation.')).toBeVisible();
});
