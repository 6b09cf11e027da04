import { expect, keepScreenshot, test } from './support/fixtures.js';

test('message log: live rows, inspector with the answer, errors-only filter, text search, NDJSON export', async ({
  consolePage: page,
  server,
  stations,
}) => {
  const cp = await stations.booted('LOG-CP-1');
  await page.getByRole('link', { name: 'Message log' }).click();
  await expect(page.getByRole('heading', { name: 'Message log' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Messages' });
  await expect(table.getByRole('row').filter({ hasText: 'BootNotification' }).first()).toBeVisible();

  // An operation fired now appears at the top without a reload.
  const answer = await server.api.call('LOG-CP-1', 'TriggerMessage', { requestedMessage: 'Heartbeat' });
  expect(answer).toMatchObject({ result: { status: 'Accepted' } });
  const triggerRow = table.getByRole('row').filter({ hasText: 'TriggerMessage' }).filter({ hasText: 'CALL' }).filter({ hasText: '← out' });
  await expect(triggerRow).toBeVisible();
  await expect(table.getByRole('row').filter({ hasText: 'Heartbeat' }).first()).toBeVisible();

  // The inspector shows the frame and pairs the CALL with its CALLRESULT.
  await triggerRow.click();
  const inspector = page.getByRole('complementary', { name: 'Message inspector' });
  await expect(inspector.getByLabel('Frame', { exact: true })).toContainText('"requestedMessage": "Heartbeat"');
  await expect(inspector.getByLabel('Answer frame')).toContainText('"status": "Accepted"');
  await keepScreenshot(page, 'message-log');

  // A schema-invalid CALL from the station gets a CALLERROR (strict validation); errors only shows just that.
  cp.sendRaw('[2,"bad-frame-1","StatusNotification",{"connectorId":"one","status":"Available","errorCode":"NoError"}]');
  await page.getByLabel('Errors only').check();
  const rows = table.locator('tbody tr');
  // The invalid CALL (its violation recorded) and the CALLERROR answering it: nothing else.
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: 'CALLERROR' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'bad-frame-1' })).toHaveCount(2);
  await expect(rows.first()).toContainText('TypeConstraintViolation');
  await page.getByLabel('Errors only').uncheck();

  // Text search in frames, through the API's text= filter.
  await page.getByLabel('Search frames').fill('requestedMessage');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('TriggerMessage');

  // The export downloads exactly what is filtered, as NDJSON.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export NDJSON' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^message-log-.*\.ndjson$/);
  const text = await (await file.createReadStream()).toArray();
  const lines = Buffer.concat(text as Buffer[])
    .toString('utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { action: string; frame: string });
  expect(lines).toHaveLength(1);
  expect(lines[0]!.action).toBe('TriggerMessage');
});
