import { readFile } from 'node:fs/promises';
import { expect, keepScreenshot, test } from './support/fixtures.js';

test('id tags: create with a bad value explained, group, block, expiry, CSV export and import', async ({ consolePage: page, server }) => {
  await server.api.createIdTag({ idTag: 'FLEET-1', status: 'Accepted', description: 'Fleet group' });
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Id tags' }).click();
  const table = page.getByRole('table', { name: 'Id tags' });
  await expect(table).toContainText('FLEET-1');

  // A too long tag is refused at the field before anything is sent.
  await page.getByRole('button', { name: 'New id tag' }).click();
  const form = page.getByRole('form', { name: 'New id tag' });
  await form.getByLabel('Id tag', { exact: true }).fill('THIS-TAG-IS-FAR-TOO-LONG');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('alert')).toContainText('an id tag has at most 20');

  await form.getByLabel('Id tag', { exact: true }).fill('DRIVER-7');
  await form.getByLabel('Parent id tag').fill('FLEET-1');
  await form.getByLabel('Description').fill('Van 7');
  await form.getByRole('button', { name: 'Save' }).click();
  const row = table.getByRole('row').filter({ hasText: 'DRIVER-7' });
  await expect(row).toContainText('Accepted');
  await expect(row).toContainText('FLEET-1');
  await expect(table.getByRole('row').filter({ hasText: 'Fleet group' })).toContainText('1');

  // Block, then set an expiry through the edit form.
  await row.getByRole('button', { name: 'Block DRIVER-7' }).click();
  await expect(row).toContainText('Blocked');
  await row.getByRole('button', { name: 'Edit DRIVER-7' }).click();
  const edit = page.getByRole('form', { name: 'Edit id tag DRIVER-7' });
  await edit.getByLabel('Expires').fill('2031-05-06T07:08:09');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toBeHidden();
  await expect(row.locator('time')).toHaveAttribute('dateTime', new Date('2031-05-06T07:08:09').toISOString());
  expect((await server.api.listIdTags()).items.find((t) => t.idTag === 'DRIVER-7')).toMatchObject({ status: 'Blocked', parentIdTag: 'FLEET-1' });
  await keepScreenshot(page, 'id-tags');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  const csv = await readFile(await download.path(), 'utf8');
  expect(csv.split(/\r?\n/)[0]).toBe('idTag,status,expiryDate,parentIdTag,description,allowConcurrentTx');
  expect(csv).toMatch(/DRIVER-7,Blocked,2031-05-06T\d\d:08:09(\.000)?Z,FLEET-1,Van 7,/);

  // Import: good lines land live in the table, a bad one is reported with its line number.
  await page.getByLabel('Import CSV file').setInputFiles({
    name: 'tags.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('idTag,status,expiryDate,parentIdTag,description\r\nIMPORTED-1,Accepted,,FLEET-1,from csv\r\nIMPORTED-2,Nonsense,,,\r\n'),
  });
  await expect(page.getByRole('status', { name: 'Import result' })).toContainText('1 tag created, 0 updated, 0 unchanged, 1 line not imported');
  await expect(page.getByRole('status', { name: 'Import result' })).toContainText('line 3');
  await expect(table.getByRole('row').filter({ hasText: 'IMPORTED-1' })).toContainText('from csv');
});
