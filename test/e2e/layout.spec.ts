import type { Page } from '@playwright/test';
import { bootDepot } from './support/depot.js';
import { expect, keepScreenshot, test } from './support/fixtures.js';

/**
 * The console at the sizes operators use it: a 1280×720 laptop, the same at 200 % browser zoom (a 640×360 CSS px
 * viewport: zooming divides the CSS viewport, exactly as Chromium's zoom does for layout) and a 320 px wide window
 * (WCAG 2.2 SC 1.4.10 Reflow). Nothing may scroll sideways but a table inside its own panel.
 */
const SIZES = [
  { name: '1280x720', width: 1280, height: 720 },
  { name: 'zoom200', width: 640, height: 360 },
  { name: 'w320', width: 320, height: 640 },
] as const;

async function horizontalOverflowPx(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** Tables whose box sticks out of the panel they are in (a table may scroll, but inside the panel). */
async function tablesOutsideTheirPanel(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('table')].flatMap((table) => {
      const panel = table.closest('.panel');
      if (!panel) return [];
      const box = (table.parentElement as HTMLElement).getBoundingClientRect();
      const tableBox = table.getBoundingClientRect();
      const panelBox = panel.getBoundingClientRect();
      const visibleRight = Math.min(box.right, tableBox.right);
      return visibleRight > panelBox.right + 0.5 ? [table.getAttribute('aria-label') ?? 'table'] : [];
    }),
  );
}

test.describe('layout', () => {
  test('Overview and Transactions at 1280×720, 200 % zoom and 320 px wide: no sideways scroll, tables scroll inside their panel', async ({
    consolePage: page,
    server,
    stations,
  }) => {
    const depot = await bootDepot(server, stations, 12, 'LAY');
    await expect(page.getByLabel('Summary')).toContainText(`${12 - depot.offline.length} of 12 stations online`);
    for (const size of SIZES) {
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.goto(`${server.apiUrl}/#/`);
      await expect(page.getByRole('table', { name: 'Active sessions' }).getByRole('row')).toHaveCount(depot.charging.length + 1);
      await keepScreenshot(page, `layout-overview-${size.name}`);
      expect(await horizontalOverflowPx(page), `Overview scrolls sideways at ${size.name}`).toBeLessThanOrEqual(0);
      expect(await tablesOutsideTheirPanel(page), `Overview at ${size.name}`).toEqual([]);

      await page.goto(`${server.apiUrl}/#/transactions`);
      await expect(page.getByRole('table', { name: 'Transactions' }).getByRole('row')).toHaveCount(depot.charging.length + 1);
      await keepScreenshot(page, `layout-transactions-${size.name}`);
      expect(await horizontalOverflowPx(page), `Transactions scrolls sideways at ${size.name}`).toBeLessThanOrEqual(0);
      expect(await tablesOutsideTheirPanel(page), `Transactions at ${size.name}`).toEqual([]);
    }
  });

  test('at 200 % zoom the navigation folds behind Menu with the live indicator in view, and no view scrolls sideways', async ({
    consolePage: page,
    server,
    stations,
  }) => {
    test.setTimeout(120_000);
    await bootDepot(server, stations, 6, 'NAV');
    await page.setViewportSize({ width: 640, height: 360 });
    const nav = page.getByRole('navigation', { name: 'Views' });
    await expect(page.getByRole('status', { name: 'Live updates' })).toBeInViewport();
    await expect(nav.getByRole('link', { name: 'Transactions' })).toBeHidden();
    const menu = nav.getByRole('button', { name: 'Menu' });
    await menu.click();
    await expect(menu).toHaveAttribute('aria-expanded', 'true');
    await nav.getByRole('link', { name: 'Transactions' }).click();
    await expect(page.getByRole('heading', { name: 'Transactions', level: 1 })).toBeVisible();
    await expect(menu).toHaveAttribute('aria-expanded', 'false');

    const views = [
      '#/',
      '#/stations',
      '#/stations/NAV-3/details',
      '#/stations/NAV-5/operations',
      '#/stations/NAV-3/configuration',
      '#/stations/NAV-3/log',
      '#/transactions',
      '#/transactions/1',
      '#/id-tags',
      '#/reservations',
      '#/local-lists',
      '#/charging-profiles',
      '#/baselines',
      '#/files',
      '#/message-log',
      '#/doctor',
      '#/simulator',
      '#/scenarios',
      '#/audit',
      '#/settings',
    ];
    const sideways: string[] = [];
    for (const width of [640, 320]) {
      await page.setViewportSize({ width, height: 640 });
      for (const hash of views) {
        await page.evaluate((h) => (location.hash = h), hash);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await expect(page.getByText('Loading…')).toHaveCount(0);
        const overflowPx = await horizontalOverflowPx(page);
        if (overflowPx > 0) sideways.push(`${hash} at ${width} px: ${overflowPx} px`);
      }
    }
    expect(sideways).toEqual([]);
  });

  test("the browser's font size counts: text and spacing grow with it", async ({ consolePage: page }) => {
    const measure = () =>
      page.evaluate(() => {
        const h1 = document.querySelector('h1')!;
        const panel = document.querySelector('.panel')!;
        return {
          h1: parseFloat(getComputedStyle(h1).fontSize),
          body: parseFloat(getComputedStyle(document.body).fontSize),
          padding: parseFloat(getComputedStyle(panel).paddingLeft),
        };
      });
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const normal = await measure();
    // What an operator sets in chrome://settings/fonts ("Font size: Very large" is 24 px).
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: 24, fixed: 20 } });
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const large = await measure();
    expect(large.body).toBeCloseTo(normal.body * 1.5, 0);
    expect(large.h1).toBeCloseTo(normal.h1 * 1.5, 0);
    expect(large.padding).toBeCloseTo(normal.padding * 1.5, 0);
  });
});
