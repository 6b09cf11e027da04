import { expect, keepScreenshot, test } from './support/fixtures.js';

test('local list: send Full, see the confirmed version, then a Differential after adding a tag, and nothing when up to date', async ({
  consolePage: page,
  server,
  stations,
}) => {
  for (const tag of ['LL-1', 'LL-2', 'LL-3']) await server.api.putIdTag(tag, { status: 'Accepted' });
  await stations.booted('LL-CP-1', {});
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Local lists' }).click();
  await page.getByRole('link', { name: 'Local list of LL-CP-1' }).click();
  const panel = page.getByRole('region', { name: 'Local list of LL-CP-1' });
  await expect(panel.getByLabel('Confirmed version')).toHaveText('unknown');
  await expect(panel.getByRole('button', { name: 'Send Differential' })).toBeDisabled();

  await panel.getByRole('button', { name: 'Send Full' }).click();
  await expect(panel.getByRole('status', { name: 'Answer' })).toContainText('Accepted');
  await expect(panel).toContainText('Full update, version 1, 3 entries');
  await expect(panel.getByLabel('Confirmed version')).toHaveText('1');
  await expect(panel.getByLabel('Difference')).toHaveText('in sync');

  await panel.getByRole('button', { name: 'Get version' }).click();
  await expect(panel.getByRole('status', { name: 'Answer' })).toContainText('"listVersion": 1');

  // A new tag: the list is one entry behind, and a Differential carries just that entry.
  await server.api.putIdTag('LL-4', { status: 'Accepted' });
  await expect(panel.getByLabel('Difference')).toHaveText('1 to add, 0 to change, 0 to remove');
  // The table's summary (counted by the central system) follows the tag too.
  const row = page.getByRole('table', { name: 'Local lists by station' }).getByRole('row').filter({ hasText: 'LL-CP-1' });
  await expect(row).toContainText('1 to change');
  await panel.getByRole('button', { name: 'Send Differential' }).click();
  await expect(panel).toContainText('Differential update, version 2, 1 entries');
  await expect(panel.getByRole('status', { name: 'Answer' })).toContainText('Accepted');
  await expect(panel.getByLabel('Confirmed version')).toHaveText('2');
  await expect(panel.getByLabel('Difference')).toHaveText('in sync');

  // The sync route chooses by itself: a blocked tag is one change, so Differential again.
  await server.api.putIdTag('LL-2', { status: 'Blocked' });
  await expect(panel.getByLabel('Difference')).toHaveText('0 to add, 1 to change, 0 to remove');
  await panel.getByRole('button', { name: /^Sync/ }).click();
  await expect(panel).toContainText('Sync sent a Differential update, version 3, 1 entries');
  await expect(panel.getByLabel('Confirmed version')).toHaveText('3');

  // Nothing changed since: Sync sends nothing and says so.
  await panel.getByRole('button', { name: /^Sync/ }).click();
  await expect(panel).toContainText('Up to date: the station confirmed version 3, which holds this list. Nothing was sent.');
  await expect(panel.getByLabel('Confirmed version')).toHaveText('3');
  expect((await server.api.messageLog({ chargePointId: 'LL-CP-1', action: 'SendLocalList', direction: 'out', limit: 10 })).items).toHaveLength(3);
  await expect(row).toContainText('in sync');
  await keepScreenshot(page, 'local-lists');
});
