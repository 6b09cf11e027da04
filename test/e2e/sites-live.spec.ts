import { axeViolations } from './support/axe.js';
import { expect, keepScreenshot, test } from './support/fixtures.js';

/** Stations that report current and power every second, so the measured sum has something to add up. */
const METERING = {
  configuration: { MeterValueSampleInterval: '1', MeterValuesSampledData: 'Energy.Active.Import.Register,Current.Import,Power.Active.Import' },
};

const SITE_LIMIT_A = 32;
const amps = (text: string | null) => Number(/^([\d.]+) A/.exec((text ?? '').trim())?.[1] ?? NaN);

/**
 * Live power sharing (docs/api.md "Sites"): two stations charging on one site; the central system shares the site's
 * limit with TxProfiles, and the console's live panel shows the limit, the budget, each session's allocation and
 * what was sent. Needs a server that serves GET /api/sites/{siteId}/allocation and /events.
 */
// The first allocation and its SetChargingProfile answers can take a while on a busy machine.
test.setTimeout(120_000);

test('sites live: two stations charging on a site, the chart and the sessions table show their allocations', async ({
  consolePage: page,
  server,
  stations,
}) => {
  await server.api.putIdTag('LIVE-TAG-1', { status: 'Accepted' });
  await server.api.putIdTag('LIVE-TAG-2', { status: 'Accepted' });
  const cp1 = await stations.booted('LIVE-CP-1', METERING);
  const cp2 = await stations.booted('LIVE-CP-2', METERING);
  await server.api.putSite('live', { name: 'Live depot', limitA: SITE_LIMIT_A, phases: 3, marginPct: 0, stations: ['LIVE-CP-1', 'LIVE-CP-2'] });
  await cp1.startSession({ connectorId: 1, idTag: 'LIVE-TAG-1' });
  await cp2.startSession({ connectorId: 1, idTag: 'LIVE-TAG-2' });

  await page.evaluate(() => (location.hash = '#/sites/live'));
  const panel = page.getByRole('region', { name: /Live depot: power sharing/ });
  const unavailable = panel.getByText('Power sharing is not available from this server.');
  await expect(panel.locator('.site-now').or(unavailable)).toBeVisible();
  await expect(unavailable, 'the server must serve GET /api/sites/{siteId}/allocation').toHaveCount(0);
  await expect(panel.locator('.site-now')).toContainText(`limit ${SITE_LIMIT_A} A`);

  // Each charging session has a share of the budget, and the shares fit in it.
  const sessions = panel.getByRole('table', { name: 'Site sessions' });
  const rows = ['LIVE-CP-1', 'LIVE-CP-2'].map((id) => sessions.getByRole('row').filter({ has: page.getByRole('link', { name: id }) }));
  for (const row of rows) {
    await expect(row).toContainText('Charging', { timeout: 30_000 });
    await expect.poll(async () => amps(await row.getByRole('cell').nth(4).textContent()), { timeout: 30_000 }).toBeGreaterThan(0);
  }
  const allocated = await Promise.all(rows.map(async (row) => amps(await row.getByRole('cell').nth(4).textContent())));
  expect(allocated[0]! + allocated[1]!).toBeLessThanOrEqual(SITE_LIMIT_A);
  // What was sent to each station and its answer, and what the stations then draw.
  for (const row of rows) {
    await expect(row.getByRole('cell').nth(6)).toContainText('accepted', { timeout: 30_000 });
    await expect(row.getByRole('cell').nth(7)).not.toHaveText('—', { timeout: 30_000 });
    await expect(row.getByRole('cell').nth(8)).toHaveText('Online');
  }

  // The chart: limit, budget, both sessions stacked and the measured sum, growing with each answer.
  const chart = panel.getByRole('img', { name: /Site power sharing/ });
  await expect(chart).toHaveAccessibleName(/Limit, Budget \(limit − margin\), LIVE-CP-2 #1 \(stacked\), LIVE-CP-1 #1 \(stacked\), Measured sum/);
  const pointsOf = async () => Number(/; (\d+) points/.exec((await chart.getAttribute('aria-label')) ?? '')?.[1] ?? 0);
  const before = await pointsOf();
  await expect.poll(pointsOf, { timeout: 10_000 }).toBeGreaterThan(before);

  // The event history has the decisions, newest first.
  await expect(panel.getByRole('list', { name: 'Site events' }).getByRole('listitem').first()).toBeVisible();
  await keepScreenshot(page, 'site-live');
  expect(await axeViolations(page)).toEqual([]);
});
