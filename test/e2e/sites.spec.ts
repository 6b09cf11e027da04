import { readFile } from 'node:fs/promises';
import type { SimulatedChargePoint } from '../../main/simulator/index.js';
import { axeViolations } from './support/axe.js';
import { expect, keepScreenshot, test } from './support/fixtures.js';

/** One finished session with the meter readings given: the energy the station reported is meterStop − meterStart. */
async function session(cp: SimulatedChargePoint, idTag: string, meterStart: number, meterStop: number): Promise<number> {
  const started = await cp.startTransaction({ connectorId: 1, idTag, meterStart });
  await cp.stopTransaction({ transactionId: started.transactionId, meterStop, reason: 'Local' });
  return started.transactionId;
}

test('sites: create with a field error first, list, edit, a station of another site refused; energy report with CSV', async ({
  consolePage: page,
  server,
  stations,
}) => {
  await server.api.putIdTag('SITE-TAG-1', { status: 'Accepted' });
  await server.api.putIdTag('SITE-TAG-2', { status: 'Accepted' });
  const cp1 = await stations.booted('SITE-CP-1');
  const cp2 = await stations.booted('SITE-CP-2');
  // Energy the stations report: 12,345 Wh and 7,500 Wh; a third session whose meter went backwards is left out.
  await session(cp1, 'SITE-TAG-1', 1000, 13_345);
  await session(cp2, 'SITE-TAG-2', 500, 8000);
  const backwards = await session(cp2, 'SITE-TAG-2', 5000, 100);

  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Sites' }).click();
  await expect(page.getByRole('heading', { name: 'Sites', level: 1 })).toBeVisible();
  await expect(page.getByText(/No site yet/)).toBeVisible();

  // Create: a margin over 50 % is refused by the server, explained at the field, and the typed value stays.
  await page.getByRole('button', { name: 'New site' }).click();
  const editor = page.getByRole('form', { name: 'New site' });
  await editor.getByLabel('Id', { exact: true }).fill('depot-e2e');
  await editor.getByLabel('Name', { exact: true }).fill('Depot e2e');
  await editor.getByLabel('Limit', { exact: true }).fill('100');
  await expect(editor.getByText('≈ 69 kW over 3 phases at 230 V')).toBeVisible();
  await editor.getByLabel('Margin (%)').fill('80');
  await editor.getByRole('checkbox', { name: 'SITE-CP-1' }).check();
  await editor.getByRole('button', { name: 'Add period' }).click();
  await editor.getByLabel('Period 1 from').fill('17:00');
  await editor.getByLabel('Period 1 to').fill('19:00');
  await editor.getByLabel('Period 1 limit').fill('40');
  await editor.getByRole('button', { name: 'Create site' }).click();
  const margin = editor.getByLabel('Margin (%)');
  await expect(margin).toHaveAttribute('aria-invalid', 'true');
  await expect(margin).toHaveAccessibleDescription(/must be a number from 0 to 50 \(got 80\)/);
  await expect(margin).toHaveValue('80');
  await keepScreenshot(page, 'site-editor-422');
  await margin.fill('10');
  await editor.getByRole('button', { name: 'Create site' }).click();

  const table = page.getByRole('table', { name: 'Sites' });
  const row = table.getByRole('row').filter({ hasText: 'depot-e2e' });
  await expect(row).toContainText('Depot e2e');
  await expect(row).toContainText('100 A per phase');
  await expect(row).toContainText('10 %');
  await expect(row).toContainText('1 period');
  await expect(row.getByRole('cell').nth(5)).toHaveText('1');
  // The site opens with its power sharing: live, or said plainly when this server does not share limits.
  const live = page.getByRole('region', { name: /Depot e2e: power sharing/ });
  await expect(
    live.getByText('Power sharing is not available from this server.').or(live.getByRole('img', { name: /Site power sharing/ })),
  ).toBeVisible();
  expect((await server.api.getSite('depot-e2e')).schedule).toEqual([{ fromMinute: 1020, toMinute: 1140, limitA: 40 }]);

  // Edit: the limit in W instead (the number is not converted), a second station.
  await row.getByRole('button', { name: 'Edit Depot e2e' }).click();
  const edit = page.getByRole('form', { name: 'Edit site Depot e2e' });
  await expect(edit.getByLabel('Limit', { exact: true })).toHaveValue('100');
  await edit.getByLabel('Limit unit').selectOption('W');
  await expect(edit.getByLabel('Limit', { exact: true })).toHaveValue('100');
  await edit.getByLabel('Limit', { exact: true }).fill('69000');
  await edit.getByRole('checkbox', { name: 'SITE-CP-2' }).check();
  await edit.getByRole('button', { name: 'Save site' }).click();
  await expect(row).toContainText('69000 W');
  await expect(row.getByRole('cell').nth(5)).toHaveText('2');
  const stored = await server.api.getSite('depot-e2e');
  expect(stored.limitW).toBe(69_000);
  expect(stored.limitA).toBeUndefined();
  expect(stored.stations).toEqual(['SITE-CP-1', 'SITE-CP-2']);

  // A station of another site: marked in the picker, and the server's 409 shown at the station and in words.
  await page.getByRole('button', { name: 'New site' }).click();
  const other = page.getByRole('form', { name: 'New site' });
  await expect(other.getByText('in site depot-e2e').first()).toBeVisible();
  await other.getByLabel('Id', { exact: true }).fill('other');
  await other.getByLabel('Name', { exact: true }).fill('Other');
  await other.getByLabel('Limit', { exact: true }).fill('32');
  await other.getByRole('checkbox', { name: 'SITE-CP-1' }).check();
  await other.getByRole('button', { name: 'Create site' }).click();
  await expect(other.getByRole('alert', { name: 'Save refused' })).toContainText('SITE-CP-1 belongs to site depot-e2e');
  await expect(other.getByRole('checkbox', { name: 'SITE-CP-1' })).toHaveAccessibleDescription(/belongs to site depot-e2e/);
  await keepScreenshot(page, 'site-editor-409');
  await other.getByRole('button', { name: 'Cancel' }).click();
  expect((await server.api.listSites()).total).toBe(1);
  expect(await axeViolations(page)).toEqual([]);

  // Energy report: the figures the stations reported, the session that cannot be right listed with its reason.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Energy reports' }).click();
  await expect(page.getByRole('heading', { name: 'Energy reports', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Show report' }).click();
  const result = page.getByRole('region', { name: /kWh in/ });
  await expect(result.getByRole('heading')).toHaveText('19.845 kWh in 2 sessions');
  const energy = page.getByRole('table', { name: 'Energy by period' });
  await expect(energy.getByRole('row').filter({ hasText: 'SITE-CP-1' })).toContainText('12.345');
  await expect(energy.getByRole('row').filter({ hasText: 'SITE-CP-2' })).toContainText('7.500');
  await expect(page.getByRole('img', { name: /Energy by station per day: 2 rows, 19.845 kWh/ })).toBeVisible();
  const excluded = page.getByRole('table', { name: 'Sessions left out' });
  await expect(excluded.getByRole('row').filter({ hasText: String(backwards) })).toContainText('meter-below-start');
  await keepScreenshot(page, 'energy-report');
  expect(await axeViolations(page)).toEqual([]);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
  const csv = await readFile(await download.path(), 'utf8');
  expect(csv).toMatch(/SITE-CP-1,12345,1/);
  expect(csv).toMatch(/SITE-CP-2,7500,1/);

  // Days with nothing charged: an empty state, not an empty table.
  await page.getByLabel('From (first day)').fill('2020-01-01');
  await page.getByLabel('To (last day, included)').fill('2020-01-31');
  await page.getByRole('button', { name: 'Show report' }).click();
  await expect(page.getByText('No energy charged in these days.')).toBeVisible();

  // Delete asks once more before it deletes.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Sites' }).click();
  await page.getByRole('button', { name: 'Delete Depot e2e' }).click();
  expect((await server.api.listSites()).total).toBe(1);
  await page.getByRole('button', { name: 'Confirm delete Depot e2e' }).click();
  await expect(page.getByText(/No site yet/)).toBeVisible();
  expect((await server.api.listSites()).total).toBe(0);
});
