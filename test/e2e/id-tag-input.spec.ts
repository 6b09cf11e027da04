import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.js';

/** 21 characters: one more than an IdToken (CiString20, OCPP 1.6 §7.28) holds. */
const TOO_LONG = 'DEPOT-FLEET-CARD-0001';
const TOO_LONG_PREFIX = TOO_LONG.slice(0, 20);
const HEADER = 'idTag,status,expiryDate,parentIdTag,description';

async function openView(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name, exact: true }).click();
}

async function importCsv(page: Page, text: string): Promise<void> {
  await page.getByLabel('Import CSV file').setInputFiles({ name: 'tags.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
}

test('"New id tag" with an existing tag is refused at the field with a link to edit it; the stored tag is untouched', async ({
  consolePage: page,
  server,
}) => {
  await server.api.createIdTag({ idTag: 'FLEET-1', status: 'Accepted', description: 'Fleet group', expiryDate: '2031-01-01T00:00:00Z' });
  await openView(page, 'Id tags');
  await page.getByRole('button', { name: 'New id tag' }).click();
  const form = page.getByRole('form', { name: 'New id tag' });
  await form.getByLabel('Id tag', { exact: true }).fill('fleet-1');
  await form.getByLabel('Status').selectOption('Blocked');
  await form.getByLabel('Description').fill('overwritten?');
  await form.getByRole('button', { name: 'Save' }).click();

  await expect(form.getByRole('alert')).toContainText('exists already');
  expect(await server.api.getIdTag('FLEET-1')).toMatchObject({
    status: 'Accepted',
    description: 'Fleet group',
    expiryDate: '2031-01-01T00:00:00.000Z',
  });

  await form.getByRole('link', { name: 'Edit FLEET-1' }).click();
  const edit = page.getByRole('form', { name: 'Edit id tag FLEET-1' });
  await expect(edit.getByLabel('Description')).toHaveValue('Fleet group');
  await edit.getByLabel('Description').fill('Fleet group, renamed');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toBeHidden();
  expect((await server.api.getIdTag('FLEET-1')).description).toBe('Fleet group, renamed');
});

test('CSV import: "only add new tags" vs "update existing", with created/updated/unchanged counts', async ({ consolePage: page, server }) => {
  await server.api.createIdTag({ idTag: 'CSV-SAME', status: 'Accepted', description: 'same' });
  await server.api.createIdTag({ idTag: 'CSV-DIFF', status: 'Accepted', description: 'old' });
  await openView(page, 'Id tags');
  const csv = [HEADER, 'CSV-SAME,Accepted,,,same', 'CSV-DIFF,Blocked,,,new', 'CSV-NEW,Accepted,,,fresh', ''].join('\r\n');
  const result = page.getByRole('status', { name: 'Import result' });

  await expect(page.getByLabel('Only add new tags')).toBeChecked();
  await importCsv(page, csv);
  await expect(result).toContainText('1 tag created, 0 updated, 1 unchanged, 1 kept as they are');
  await expect(result).toContainText('CSV-DIFF (line 3)');
  expect((await server.api.getIdTag('CSV-DIFF')).description).toBe('old');

  await page.getByLabel('Update existing tags').check();
  await importCsv(page, csv);
  await expect(result).toContainText('0 tags created, 1 updated, 2 unchanged');
  expect(await server.api.getIdTag('CSV-DIFF')).toMatchObject({ status: 'Blocked', description: 'new' });
});

test('CSV import: a quote never closed costs its own line, which is reported with its number; the lines after it import', async ({
  consolePage: page,
  server,
}) => {
  await openView(page, 'Id tags');
  await importCsv(
    page,
    [HEADER, 'Q-1,Accepted,,,first', 'Q-2,Accepted,,,"never closed', 'Q-3,Accepted,,,third', 'Q-4,Blocked,,,fourth', ''].join('\n'),
  );
  const result = page.getByRole('status', { name: 'Import result' });
  await expect(result).toContainText('3 tags created');
  await expect(result.getByRole('list', { name: 'Lines not imported' })).toContainText('line 3');
  await expect(result).toContainText('never closed');
  expect((await server.api.listIdTags()).items.map((t) => t.idTag)).toEqual(['Q-1', 'Q-3', 'Q-4']);
});

test('an id tag one character too long is refused at the field, never cut, on every form that takes one', async ({
  consolePage: page,
  server,
  stations,
}) => {
  // The 20-character prefix is a valid, accepted tag: a silent cut would start a session for it.
  await server.api.createIdTag({ idTag: TOO_LONG_PREFIX, status: 'Accepted' });
  await stations.booted('CP-TAG-1', { connectorCount: 1 });

  // Id tags: the new-tag form.
  await openView(page, 'Id tags');
  await page.getByRole('button', { name: 'New id tag' }).click();
  const form = page.getByRole('form', { name: 'New id tag' });
  await form.getByLabel('Id tag', { exact: true }).fill(TOO_LONG);
  await expect(form.getByLabel('Id tag', { exact: true })).toHaveValue(TOO_LONG);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('alert')).toContainText('has 21 characters; an id tag has at most 20');
  await form.getByLabel('Id tag', { exact: true }).fill('TAG-É');
  await expect(form.getByRole('alert')).toContainText('printable ASCII');

  // Station → Operations → Remote start.
  await page.evaluate(() => (location.hash = '#/stations/CP-TAG-1/operations'));
  const start = page.getByRole('region', { name: 'Remote start' });
  await start.getByLabel('Id tag').fill(TOO_LONG);
  await expect(start.getByLabel('Id tag')).toHaveValue(TOO_LONG);
  await expect(start.getByRole('alert')).toContainText('has 21 characters; an id tag has at most 20');
  await start.getByRole('button', { name: 'Start' }).click();

  // The generic operation form (RemoteStartTransaction as a form) follows the same rule, printable ASCII too.
  await page.getByRole('searchbox', { name: 'Search operations' }).fill('RemoteStart');
  await page.getByRole('navigation', { name: 'Operations' }).getByRole('button', { name: 'RemoteStartTransaction', exact: true }).click();
  const opForm = page.getByRole('form', { name: 'RemoteStartTransaction form' });
  await opForm.getByLabel('idTag', { exact: true }).fill('TAG-É');
  await opForm.getByRole('button', { name: 'Send RemoteStartTransaction' }).click();
  await expect(opForm.getByRole('alert').first()).toContainText('printable ASCII');

  // Reservations.
  await openView(page, 'Reservations');
  const reserve = page.getByRole('form', { name: 'Reserve' });
  await reserve.getByLabel('Station').selectOption('CP-TAG-1');
  await reserve.getByLabel('Connector').fill('1');
  await reserve.getByLabel('Id tag', { exact: true }).fill(TOO_LONG);
  await reserve.getByRole('button', { name: 'Reserve' }).click();
  await expect(reserve.getByRole('alert').first()).toContainText('has 21 characters; an id tag has at most 20');

  // The transactions filter takes an id tag too: the same rule, the same words.
  await openView(page, 'Transactions');
  const filters = page.getByRole('form', { name: 'Transaction filters' });
  await filters.getByLabel('Id tag').fill(TOO_LONG);
  await expect(filters.getByRole('alert')).toContainText('has 21 characters; an id tag has at most 20');

  // Nothing reached the station, no session and no reservation for the 20-character prefix.
  const log = await server.api.messageLog({ chargePointId: 'CP-TAG-1', direction: 'out' });
  expect(log.items.filter((m) => m.action === 'RemoteStartTransaction' || m.action === 'ReserveNow')).toEqual([]);
  expect((await server.api.listTransactions({ active: true })).items).toEqual([]);
});

test('the simulated stations view refuses a too long id tag at the field instead of cutting it', async ({ consolePage: page, server }) => {
  await server.api.createIdTag({ idTag: TOO_LONG_PREFIX, status: 'Accepted' });
  await openView(page, 'Simulated stations');
  await page.getByLabel('Number of stations').fill('1');
  await page.getByRole('button', { name: 'Start stations' }).click();
  const card = page.getByRole('article', { name: 'SIM-1' });
  await expect(card.getByText('Online')).toBeVisible();
  await card.getByLabel('Id tag for SIM-1').fill(TOO_LONG);
  await expect(card.getByLabel('Id tag for SIM-1')).toHaveValue(TOO_LONG);
  await expect(card.getByRole('alert')).toContainText('has 21 characters; an id tag has at most 20');
  await page.getByRole('button', { name: 'Start session on SIM-1 connector 1' }).click();
  await expect(card.getByLabel('Id tag for SIM-1')).toHaveAttribute('aria-invalid', 'true');
  expect((await server.api.listTransactions({ active: true })).items).toEqual([]);
});
