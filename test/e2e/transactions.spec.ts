import { readFile } from 'node:fs/promises';
import { axeViolations } from './support/axe.js';
import { expect, keepScreenshot, test } from './support/fixtures.js';

const kWh = (text: string | null) => Number((text ?? '').replace(/[^0-9.]/g, ''));

test('a live session: energy rises in the list, the detail charts it, Stop ends it, CSV has it', async ({ consolePage: page, server, stations }) => {
  await server.api.putIdTag('TX-TAG', { status: 'Accepted' });
  const cp = await stations.booted('TX-CP-1', { configuration: { MeterValueSampleInterval: '1' } });
  const transactionId = await cp.startSession({ connectorId: 1, idTag: 'TX-TAG' });

  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Transactions' }).click();
  await expect(page.getByRole('heading', { name: 'Transactions', level: 1 })).toBeVisible();
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: `Transaction ${transactionId}` }) });
  await expect(row).toContainText('TX-CP-1');
  await expect(row).toContainText('Active');

  // The energy cell follows the meter values without a reload.
  const energy = row.getByTestId('energy');
  await expect.poll(async () => kWh(await energy.textContent()), { timeout: 20_000 }).toBeGreaterThan(0);
  const first = kWh(await energy.textContent());
  await expect.poll(async () => kWh(await energy.textContent()), { timeout: 20_000 }).toBeGreaterThan(first);
  await keepScreenshot(page, 'transactions');

  // Filters: a finished-only list does not show it; the id tag filter does.
  await page.getByLabel('State').selectOption('finished');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page.getByText('No transactions match these filters.')).toBeVisible();
  await page.getByLabel('State').selectOption('');
  await page.getByLabel('Id tag').fill('tx-tag');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page.getByRole('link', { name: `Transaction ${transactionId}` })).toBeVisible();

  // Detail: summary and charts of the measurands the simulator reports.
  await page.getByRole('link', { name: `Transaction ${transactionId}` }).click();
  await expect(page.getByRole('heading', { name: `Transaction ${transactionId}` })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Energy chart' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Power chart' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Current chart' })).toBeVisible();
  await expect(page.getByRole('img', { name: /Energy over time/ })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Meter values of the transaction' })).toContainText('Energy.Active.Import.Register');
  await keepScreenshot(page, 'transaction-detail');

  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Answer' })).toContainText('Accepted');
  const summary = page.getByRole('region', { name: 'Summary' });
  await expect(summary).toContainText('Finished');
  await expect(summary).toContainText('Remote');
  // The answer stays once the transaction has ended (a station that accepts often stops before its answer shows).
  await expect(page.getByRole('status', { name: 'Answer' })).toContainText('Accepted');
  await expect(page.getByRole('button', { name: 'Stop', exact: true })).toBeDisabled();

  await page.getByRole('link', { name: '← All transactions' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  const csv = await readFile(await download.path(), 'utf8');
  expect(csv.split('\r\n')[0]).toContain('chargePointId');
  expect(csv).toContain(`${transactionId},TX-CP-1,1,TX-TAG`);
});

test('a transaction of a station that is gone is flagged stuck and closed by the operator', async ({ consolePage: page, server, stations }) => {
  await server.api.putIdTag('ZOMBIE-TAG', { status: 'Accepted' });
  const cp = await stations.booted('TX-GONE', {});
  const transactionId = await cp.startSession({ connectorId: 1, idTag: 'ZOMBIE-TAG' });
  await cp.close();

  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Transactions' }).click();
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: `Transaction ${transactionId}` }) });
  await expect(row).toContainText('Stuck? station offline');
  await row.getByRole('link', { name: `Transaction ${transactionId}` }).click();
  await expect(page.getByRole('button', { name: 'Stop', exact: true })).toBeDisabled();
  await page.getByLabel('Note').fill('station replaced');
  await page.getByRole('button', { name: 'Close (operator)' }).click();
  const summary = page.getByRole('region', { name: 'Summary' });
  await expect(summary).toContainText('closed by operator');
  await expect(summary).toContainText('note: station replaced');
});

test('a thousand transactions: only the rows in view are drawn, older pages load by scrolling, a new one waits while reading', async ({
  consolePage: page,
  server,
  stations,
}) => {
  // 1,200 StartTransactions from one station as fast as the socket takes them (each new one supersedes the last;
  // each its own meter start, as a repeated start is answered with the transaction it already made).
  const STARTS = 1200;
  await server.api.putIdTag('TXM-TAG', { status: 'Accepted' });
  const cp = await stations.booted('TX-MANY');
  const lastAnswer = cp.nextMessage((m) => m.raw.includes(`"st-${STARTS - 1}"`), 60_000);
  const start = (id: string, meterStart: number) =>
    cp.sendRaw(JSON.stringify([2, id, 'StartTransaction', { connectorId: 1, idTag: 'TXM-TAG', meterStart, timestamp: new Date().toISOString() }]));
  for (let i = 0; i < STARTS; i++) start(`st-${i}`, i);
  await lastAnswer;

  await page.evaluate(() => (location.hash = '#/transactions?station=TX-MANY'));
  const table = page.getByRole('table', { name: 'Transactions' });
  const frame = page.getByRole('region', { name: 'Transactions, scrollable' });
  const rows = table.locator('tbody tr[aria-rowindex]');
  const rowIndexes = async () => rows.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('aria-rowindex'))));
  await expect(page.getByText(`${STARTS} transactions`)).toBeVisible();
  await expect(table).toHaveAttribute('aria-rowcount', String(STARTS + 1));
  const newest = (await server.api.listTransactions({ chargePointId: 'TX-MANY', limit: 1 })).items[0]!;
  await expect(rows.first().getByRole('link', { name: `Transaction ${newest.id}` })).toBeVisible();
  expect(await rows.count()).toBeLessThan(60);

  // Scrolling to the end loads the next pages; the DOM keeps only the rows in view.
  for (let i = 0; i < 3; i++) await frame.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect.poll(async () => Math.max(...(await rowIndexes())), { message: 'rows of the second page are drawn' }).toBeGreaterThan(101);
  expect(await rows.count()).toBeLessThan(60);

  // Scrolled down, a new transaction is offered instead of moving the rows being read.
  await frame.evaluate((el) => el.scrollTo({ top: el.scrollHeight / 2 }));
  await expect.poll(async () => (await rowIndexes())[0]).toBeGreaterThan(10);
  // What the user reads: the rows from the frame's top (rows drawn at the bottom may grow as rows get measured).
  const topRow = async () => ({ first: (await rowIndexes())[0], scrollTop: await frame.evaluate((el) => el.scrollTop) });
  const before = await topRow();
  const newAnswer = cp.nextMessage((m) => m.raw.includes('"st-new"'));
  start('st-new', STARTS);
  await newAnswer;
  const jump = page.getByRole('button', { name: '1 new — jump to newest' });
  await expect(jump).toBeVisible();
  expect(await topRow()).toEqual(before);
  // The offer sits on the line above the frame: it covers none of the rows being read (nor their links).
  const [jumpBox, frameBox] = [await jump.boundingBox(), await frame.boundingBox()];
  expect(jumpBox!.y + jumpBox!.height).toBeLessThanOrEqual(frameBox!.y);
  // Rows are placed at their estimated height until drawn and measured (a frame or two, longer on a busy machine):
  // axe judges the settled table, where no row overlaps the next.
  const overlappingRows = () =>
    rows.evaluateAll(
      (trs) =>
        trs
          .map((tr) => tr.getBoundingClientRect())
          .sort((a, b) => a.top - b.top)
          .filter((box, i, boxes) => i > 0 && box.top < boxes[i - 1]!.bottom - 0.5).length,
    );
  await expect.poll(overlappingRows, { message: 'the drawn rows have their measured heights' }).toBe(0);
  // Rows near the frame's edges may still move by a few pixels while axe runs (a row measured late), which puts a
  // link half out of view for a moment: the settled table must have no violation, so axe is asked again until then.
  await expect.poll(() => axeViolations(page), { message: 'no accessibility violation once the rows settle', timeout: 15_000 }).toEqual([]);

  await jump.click();
  const added = (await server.api.listTransactions({ chargePointId: 'TX-MANY', limit: 1 })).items[0]!;
  await expect(rows.first().getByRole('link', { name: `Transaction ${added.id}` })).toBeVisible();
  await expect(table).toHaveAttribute('aria-rowcount', String(STARTS + 2));
  // The frame is reached by Tab, so the keyboard scrolls it.
  await frame.focus();
  await page.keyboard.press('End');
  await expect.poll(async () => frame.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
});
