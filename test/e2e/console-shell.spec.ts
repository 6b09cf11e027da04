import { expect, keepScreenshot, test } from './support/fixtures.js';

test('the console opens live from the printed URL, then the token leaves the address bar', async ({ consolePage: page, server }) => {
  await expect(page.getByRole('navigation', { name: 'Views' })).toBeVisible();
  expect(page.url()).not.toContain(server.token);
  await keepScreenshot(page, 'shell');
});

test('without a token the console asks for one and refuses a wrong one', async ({ page, server }) => {
  await page.goto(server.apiUrl + '/');
  await expect(page.getByRole('heading', { name: 'OCPP Operator Console' })).toBeVisible();
  await page.getByLabel('API token').fill('wrong-token-value');
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByRole('alert')).toContainText('refused this token');
  // Checked before any view opens: no view fails with the wrong token behind the prompt.
  await expect(page.getByRole('navigation', { name: 'Views' })).toHaveCount(0);
  await page.getByLabel('API token').fill(server.token);
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByRole('status', { name: 'Live updates' })).toContainText('Live');
});
