import type { Page } from '@playwright/test';
import { bootDepot } from './support/depot.js';
import { expect, keepScreenshot, test } from './support/fixtures.js';

/** The identities of the station tiles, in the order they are shown. */
async function tileOrder(page: Page): Promise<string[]> {
  const labels = await page.getByRole('article', { name: /^Station / }).evaluateAll((tiles) => tiles.map((t) => t.getAttribute('aria-label')!));
  return labels.map((label) => label.replace(/^Station /, ''));
}

test.describe('overview at 50 stations', () => {
  test.setTimeout(120_000);

  test('sections fold, tiles sort and filter by state (faulted, charging, offline first), a compact mode, counts that read well', async ({
    consolePage: page,
    server,
    stations,
  }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    const depot = await bootDepot(server, stations, 50, 'CP');
    const summary = page.getByLabel('Summary');
    await expect(summary).toHaveText(`48 of 50 stations online · ${depot.charging.length} connectors charging · 2 stations faulted`);
    await expect(page.getByRole('article', { name: /^Station / })).toHaveCount(50);
    await keepScreenshot(page, 'overview-50-stations');

    // The tiles start on the first screen: the sessions table shows its first rows, the rest on request.
    const sessions = page.getByRole('table', { name: 'Active sessions' });
    await expect(sessions.getByRole('row')).toHaveCount(1 + 5);
    const stationsHeading = page.getByRole('heading', { name: /^Stations/, level: 2 });
    expect((await stationsHeading.boundingBox())!.y).toBeLessThan(900);
    await page.getByRole('button', { name: `Show all ${depot.charging.length} sessions` }).click();
    await expect(sessions.getByRole('row')).toHaveCount(1 + depot.charging.length);

    // Default order: faulted, then charging, then offline, then the rest; identities in natural order (CP-2 < CP-10).
    const order = await tileOrder(page);
    expect(order.slice(0, 2)).toEqual(['CP-3', 'CP-17']);
    expect(order.slice(2, 2 + depot.charging.length)).toEqual(depot.charging);
    expect(order.slice(2 + depot.charging.length, 4 + depot.charging.length)).toEqual(['CP-7', 'CP-23']);
    expect(order.slice(4 + depot.charging.length, 8 + depot.charging.length)).toEqual(['CP-1', 'CP-2', 'CP-4', 'CP-6']);

    // Filter by state.
    const show = page.getByLabel('Show');
    await show.selectOption({ label: 'Faulted (2)' });
    expect(await tileOrder(page)).toEqual(['CP-3', 'CP-17']);
    await show.selectOption({ label: 'Offline (2)' });
    expect(await tileOrder(page)).toEqual(['CP-7', 'CP-23']);
    await show.selectOption({ label: 'Needs attention (4)' });
    expect(await tileOrder(page)).toEqual(['CP-3', 'CP-17', 'CP-7', 'CP-23']);
    await show.selectOption({ label: 'All (50)' });
    await page.getByLabel('Sort').selectOption({ label: 'By identity' });
    expect((await tileOrder(page)).slice(0, 11)).toEqual(['CP-1', 'CP-2', 'CP-3', 'CP-4', 'CP-5', 'CP-6', 'CP-7', 'CP-8', 'CP-9', 'CP-10', 'CP-11']);

    // Compact tiles: the 50 stations take a fraction of the height.
    const grid = page.locator('.station-grid');
    const fullHeight = (await grid.boundingBox())!.height;
    await page.getByLabel('Compact tiles').check();
    await expect(
      page.getByRole('article', { name: 'Station CP-3' }).getByRole('listitem', { name: 'Connector 2: Faulted, GroundFailure' }),
    ).toBeVisible();
    const compactHeight = (await grid.boundingBox())!.height;
    expect(compactHeight).toBeLessThan(fullHeight / 2);
    await keepScreenshot(page, 'overview-50-stations-compact');

    // Sections fold away and stay folded after a reload; folding the sessions brings the tiles up.
    const tilesTop = (await page
      .getByRole('article', { name: /^Station / })
      .first()
      .boundingBox())!.y;
    const sessionsToggle = page.getByRole('button', { name: /^Active sessions/ });
    await expect(sessionsToggle).toHaveAttribute('aria-expanded', 'true');
    await sessionsToggle.click();
    await expect(sessionsToggle).toHaveAttribute('aria-expanded', 'false');
    await expect(sessions).toHaveCount(0);
    expect(
      (await page
        .getByRole('article', { name: /^Station / })
        .first()
        .boundingBox())!.y,
    ).toBeLessThan(tilesTop - 100);
    await page.reload();
    await expect(page.getByRole('button', { name: /^Active sessions/ })).toHaveAttribute('aria-expanded', 'false');
    await expect(page.getByLabel('Compact tiles')).toBeChecked();
    await page.getByRole('button', { name: /^Stations/ }).click();
    await expect(page.getByRole('article', { name: /^Station / })).toHaveCount(0);

    // Counts read as sentences: one faulted station is "1 station faulted".
    await depot.stations[16]!.statusNotification(2, 'Available');
    await expect(summary).toHaveText(`48 of 50 stations online · ${depot.charging.length} connectors charging · 1 station faulted`);
  });
});

test.describe('overview at 400 stations', () => {
  test.setTimeout(120_000);

  test('a large depot draws only the rows of tiles near the screen, in the columns and order of the whole grid', async ({
    consolePage: page,
    server,
  }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const count = 400;
    for (let first = 1; first <= count; first += 50)
      await Promise.all(
        Array.from({ length: Math.min(50, count - first + 1) }, (_, i) =>
          server.api.putChargePoint(`BIG-${first + i}`, { description: `bay ${first + i}` }),
        ),
      );
    await expect(page.getByRole('heading', { name: /^Stations/, level: 2 })).toContainText(String(count));
    await page.getByLabel('Sort').selectOption({ label: 'By identity' });
    const tiles = page.getByRole('article', { name: /^Station / });
    await expect(tiles.first()).toHaveAccessibleName('Station BIG-1');
    const drawn = await tiles.count();
    expect(drawn).toBeGreaterThan(0);
    expect(drawn).toBeLessThan(count / 3);

    // In order, row by row, as many to a row as the whole grid's CSS would put there, and no row over another.
    const boxes = await tiles.evaluateAll((all) =>
      all.map((t) => {
        const r = t.getBoundingClientRect();
        return { id: t.getAttribute('aria-label')!.replace(/^Station /, ''), x: r.x, y: r.y + window.scrollY, bottom: r.bottom + window.scrollY };
      }),
    );
    expect(boxes.map((b) => b.id)).toEqual(Array.from({ length: drawn }, (_, i) => `BIG-${i + 1}`));
    const perRow = boxes.filter((b) => b.y === boxes[0]!.y).length;
    const cssColumns = await page.evaluate(() => {
      const probe = document.createElement('div');
      probe.className = 'grid station-grid';
      probe.style.width = `${document.querySelector('.station-grid-rows')!.clientWidth}px`;
      document.body.append(probe);
      const tracks = getComputedStyle(probe).gridTemplateColumns.split(' ').length;
      probe.remove();
      return tracks;
    });
    expect(perRow).toBe(cssColumns);
    expect(perRow).toBeGreaterThan(1);
    for (let i = perRow; i < boxes.length; i++) {
      expect(boxes[i]!.x).toBeCloseTo(boxes[i - perRow]!.x, 0);
      expect(boxes[i]!.y).toBeGreaterThan(boxes[i - perRow]!.bottom);
    }

    // Scrolled to the end: the last tiles are drawn, the first ones are gone.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expect(page.getByRole('article', { name: `Station BIG-${count}`, exact: true })).toBeVisible();
    await expect(page.getByRole('article', { name: 'Station BIG-1', exact: true })).toHaveCount(0);

    // The filter finds any station: a handful is drawn whole again.
    await page.getByLabel('Filter stations').fill('BIG-39');
    await expect(tiles).toHaveCount(11);
    await page.getByLabel('Filter stations').fill('');

    // Compact tiles: more to a row, still only the rows near the screen.
    await page.getByLabel('Compact tiles').check();
    await page.evaluate(() => window.scrollTo(0, 0));
    await expect(tiles.first()).toHaveAccessibleName('Station BIG-1');
    const compactRow = await tiles.evaluateAll((all) => {
      const top = all[0]!.getBoundingClientRect().y;
      return all.filter((t) => t.getBoundingClientRect().y === top).length;
    });
    expect(compactRow).toBeGreaterThan(perRow);
    expect(await tiles.count()).toBeLessThan(count);
    await keepScreenshot(page, 'overview-400-stations-compact');

    // The Stations view: a table that draws only the rows in its frame, in natural order, with the count above it.
    await page.getByRole('link', { name: 'Stations', exact: true }).click();
    const table = page.getByRole('table', { name: 'Stations' });
    await expect(page.getByText(`${count} stations`, { exact: true })).toBeVisible();
    await expect(table.getByRole('link', { name: 'BIG-1', exact: true })).toBeVisible();
    const links = table.getByRole('link', { name: /^BIG-/ });
    const drawnRows = await links.count();
    expect(drawnRows).toBeLessThan(count / 3);
    expect(await links.evaluateAll((all) => all.map((a) => a.textContent))).toEqual(Array.from({ length: drawnRows }, (_, i) => `BIG-${i + 1}`));
    await expect(table).toHaveAttribute('aria-rowcount', String(count + 1));
    await page.getByRole('region', { name: 'Stations, scrollable' }).evaluate((frame) => (frame.scrollTop = frame.scrollHeight));
    await expect(table.getByRole('link', { name: `BIG-${count}`, exact: true })).toBeVisible();
    await page.getByLabel('Filter stations').fill('BIG-39');
    await expect(links).toHaveCount(11);
    await expect(page.getByText(`11 of ${count} stations`, { exact: true })).toBeVisible();
  });
});
