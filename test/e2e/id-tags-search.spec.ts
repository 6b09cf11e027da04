import { expect, test } from './support/fixtures.js';

test('id tags: natural order, and the search finds a tag beyond the loaded page (it asks the server)', async ({ consolePage: page, server }) => {
  const csv = ['idTag,status,expiryDate,parentIdTag,description'];
  for (let n = 1; n <= 600; n++) csv.push(`TAG${n},Accepted,,,`);
  await server.api.importIdTagsCsv(csv.join('\n') + '\n');

  await page.evaluate(() => (location.hash = '#/id-tags'));
  await expect(page.getByRole('heading', { name: 'Id tags', level: 1 })).toBeVisible();
  await expect(page.getByText('600 tags')).toBeVisible();
  const firstCells = page.getByRole('table', { name: 'Id tags' }).getByRole('row').locator('td:first-child');
  await expect(firstCells.nth(0)).toHaveText('TAG1');
  await expect(firstCells.nth(1)).toHaveText('TAG2');
  await expect(firstCells.nth(9)).toHaveText('TAG10');

  // The console loads 500 tags at a time; TAG599 is not among them, the search still finds it.
  await page.getByLabel('Search').fill('tag599');
  await expect(page.getByText('1 tag matching “tag599”')).toBeVisible();
  await expect(firstCells).toHaveCount(1);
  await expect(firstCells.first()).toHaveText('TAG599');
  await page.getByLabel('Search').fill('no such tag');
  await expect(page.getByText('No tag matches “no such tag”.')).toBeVisible();
});
