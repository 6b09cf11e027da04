import type { Locator } from '@playwright/test';
import { axeViolations } from './support/axe.js';
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
  // Drawn log rows (the table is virtualised: spacer rows stand for the others and have no row index).
  const rows = table.locator('tbody tr[aria-rowindex]');
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

/** The `aria-rowindex` of each drawn row, in order. */
async function rowIndexes(rows: Locator): Promise<number[]> {
  return (await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('aria-rowindex'))))).filter((n) => n > 0);
}

test('message log with thousands of rows: only the rows in view are drawn, older pages load by scrolling, new rows wait while reading', async ({
  consolePage: page,
  stations,
}) => {
  // 1,500 Heartbeats from one station as fast as the socket takes them: 3,000 rows with their answers.
  const HEARTBEATS = 1500;
  const cp = await stations.booted('LOG-MANY');
  const lastAnswer = cp.nextMessage((m) => m.raw.includes('"hb-1499"'), 30_000);
  for (let i = 0; i < HEARTBEATS; i++) cp.sendRaw(`[2,"hb-${i}","Heartbeat",{}]`);
  await lastAnswer;

  await page.evaluate(() => (location.hash = '#/message-log?chargePointId=LOG-MANY'));
  const table = page.getByRole('table', { name: 'Messages' });
  const frame = page.getByRole('region', { name: 'Messages, scrollable' });
  const rows = table.locator('tbody tr[aria-rowindex]');
  const liveState = page.getByRole('status', { name: 'Live state' });
  await expect(rows.first()).toContainText('hb-1499');
  await expect(liveState).toContainText('200 loaded');
  // The rows of the first page are loaded, far fewer are in the DOM.
  expect(await rows.count()).toBeLessThan(80);
  expect(await table.getAttribute('aria-rowcount')).toBe('-1');

  // Scrolling to the end asks for the next page by beforeId, again and again.
  for (const loaded of [400, 600]) {
    await frame.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await expect(liveState).toContainText(`${loaded} loaded`);
  }
  await frame.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect.poll(async () => Math.max(...(await rowIndexes(rows))), { message: 'rows far down the list are drawn' }).toBeGreaterThan(500);
  expect(await rows.count()).toBeLessThan(80);
  await expect(liveState).toContainText('Paused while you read');

  // Scrolled down, a new frame does not move the rows being read: it is offered instead.
  await frame.evaluate((el) => el.scrollTo({ top: el.scrollHeight / 3 }));
  // What the user reads: the rows from the frame's top (rows drawn at the bottom may grow as rows get measured).
  const topRow = async () => ({ first: (await rowIndexes(rows))[0], scrollTop: await frame.evaluate((el) => el.scrollTop) });
  await expect.poll(async () => (await topRow()).first).toBeGreaterThan(100);
  const before = await topRow();
  cp.sendRaw('[2,"hb-newest","Heartbeat",{}]');
  const jump = page.getByRole('button', { name: /^\d+ new — jump to newest$/ });
  await expect(jump).toBeVisible();
  expect(await topRow()).toEqual(before);
  // The offer sits on the line above the frame: it covers none of the rows being read (nor their links).
  const [jumpBox, frameBox] = [await jump.boundingBox(), await frame.boundingBox()];
  expect(jumpBox!.y + jumpBox!.height).toBeLessThanOrEqual(frameBox!.y);

  // The table keeps its table semantics with the offer shown.
  expect(await axeViolations(page)).toEqual([]);

  await jump.click();
  await expect(jump).toBeHidden();
  await expect(rows.first()).toContainText('hb-newest');
  await expect(liveState).toContainText('Live');
  expect(await frame.evaluate((el) => el.scrollTop)).toBe(0);

  // The keyboard: the frame is reached by Tab; a row selected with Enter opens the inspector, arrows move it.
  await rows.first().focus();
  await page.keyboard.press('Enter');
  const inspector = page.getByRole('complementary', { name: 'Message inspector' });
  // Newest first: the answer, then the CALL it answers.
  await expect(inspector.getByRole('heading', { level: 2 })).toHaveText(/^CALLRESULT/);
  await expect(inspector).toContainText('hb-newest');
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(1)).toBeFocused();
  await expect(inspector.getByRole('heading', { level: 2 })).toHaveText(/^CALL Heartbeat/);
});

test('message log: an older page that fails shows an error row, and Retry loads it', async ({ consolePage: page, stations }) => {
  const cp = await stations.booted('LOG-RETRY');
  const lastAnswer = cp.nextMessage((m) => m.raw.includes('"hb-299"'), 30_000);
  for (let i = 0; i < 300; i++) cp.sendRaw(`[2,"hb-${i}","Heartbeat",{}]`);
  await lastAnswer;

  let failing = true;
  await page.route(/\/api\/message-log\?.*beforeId=/, (route) =>
    failing ? route.fulfill({ status: 503, contentType: 'application/json', body: '{"error":"busy"}' }) : route.continue(),
  );
  await page.evaluate(() => (location.hash = '#/message-log?chargePointId=LOG-RETRY'));
  const frame = page.getByRole('region', { name: 'Messages, scrollable' });
  await expect(page.getByRole('status', { name: 'Live state' })).toContainText('200 loaded');
  await frame.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  const errorRow = frame.getByRole('alert');
  await expect(errorRow).toContainText('Could not load older rows');
  failing = false;
  await errorRow.getByRole('button', { name: 'Retry' }).click();
  const loaded = async () => Number((await page.getByRole('status', { name: 'Live state' }).textContent())?.match(/(\d+) loaded/)?.[1]);
  await expect.poll(loaded).toBeGreaterThan(300);
  await expect(errorRow).toBeHidden();
});
