import { expect, test } from './support/fixtures.js';

test('after a wrong token, opening the correct #token= link in the same tab signs in', async ({ page, server }) => {
  await page.goto(`${server.apiUrl}/#token=wrong-token-value`);
  await expect(page.getByRole('form', { name: 'Sign in' }).getByRole('alert')).toContainText('refused this token');

  // The printed Console URL, opened in this tab: only the fragment differs, so the browser does not reload.
  await page.goto(server.consoleUrl);
  await expect(page.getByRole('status', { name: 'Live updates' })).toContainText('Live');
  expect(page.url()).not.toContain(server.token);

  // And the token is kept: a reload stays signed in.
  await page.reload();
  await expect(page.getByRole('status', { name: 'Live updates' })).toContainText('Live');
});
