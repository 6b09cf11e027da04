import type { Page } from '@playwright/test';
import { axeViolations } from './support/axe.js';
import { expect, test } from './support/fixtures.js';

/**
 * Every view of the console through axe-core (WCAG 2.x A and AA rules), in the light and the dark scheme, with
 * data on screen: stations, a running transaction with meter values, an id tag. Kept clean: any violation fails.
 */
interface ViewToCheck {
  hash: string;
  title: string;
  /** Opens what the view hides behind a click (a form), so its controls are checked too. */
  prepare?(page: Page): Promise<void>;
}

const VIEWS: ViewToCheck[] = [
  { hash: '#/', title: 'Overview' },
  { hash: '#/stations', title: 'Stations' },
  { hash: '#/stations/CP-A11Y-1/details', title: 'Station CP-A11Y-1' },
  {
    hash: '#/stations/CP-A11Y-1/operations',
    title: 'Station CP-A11Y-1',
    prepare: async (page) => {
      await page.getByRole('navigation', { name: 'Operations' }).getByRole('button', { name: 'ChangeAvailability', exact: true }).click();
      await expect(page.getByRole('form', { name: 'ChangeAvailability form' })).toBeVisible();
    },
  },
  { hash: '#/stations/CP-A11Y-1/configuration', title: 'Station CP-A11Y-1' },
  {
    hash: '#/stations/CP-A11Y-1/commissioning',
    title: 'Station CP-A11Y-1',
    prepare: async (page) => {
      // A finished run with its report open, and the template editor: every control of the tab on screen.
      const history = page.getByRole('table', { name: 'Commissioning runs' }).or(page.getByText('No run yet.'));
      await expect(history).toBeVisible();
      const runsBefore = await page.getByRole('table', { name: 'Commissioning runs' }).getByRole('row').count();
      const form = page.getByRole('form', { name: 'Start a commissioning run' });
      await form.getByLabel('Template').selectOption('quick');
      await form.getByRole('button', { name: 'Start run' }).click();
      const rows = page.getByRole('table', { name: 'Commissioning runs' }).getByRole('row');
      await expect(rows).toHaveCount(Math.max(runsBefore, 1) + 1);
      await expect(rows.nth(1)).not.toContainText('Running', { timeout: 45_000 });
      await page.getByRole('button', { name: 'Open report' }).click();
      await expect(page.getByRole('article')).toBeVisible();
      await page.getByRole('button', { name: 'New template' }).click();
      await expect(page.getByRole('form', { name: 'New template' })).toBeVisible();
    },
  },
  { hash: '#/stations/CP-A11Y-1/log', title: 'Station CP-A11Y-1' },
  { hash: '#/transactions', title: 'Transactions' },
  { hash: '#/transactions/1', title: 'Transaction 1' },
  { hash: '#/id-tags', title: 'Id tags' },
  { hash: '#/reservations', title: 'Reservations' },
  { hash: '#/local-lists', title: 'Local lists' },
  {
    hash: '#/charging-profiles',
    title: 'Charging profiles',
    prepare: async (page) => {
      await page.getByRole('button', { name: 'New profile' }).click();
    },
  },
  {
    hash: '#/sites',
    title: 'Sites',
    prepare: async (page) => {
      await page.getByRole('button', { name: 'New site' }).click();
      await expect(page.getByRole('form', { name: 'New site' })).toBeVisible();
    },
  },
  {
    hash: '#/baselines',
    title: 'Configuration baselines',
    prepare: async (page) => {
      await page.getByRole('button', { name: 'New baseline' }).click();
      await expect(page.getByRole('form', { name: 'New baseline' })).toBeVisible();
    },
  },
  {
    hash: '#/energy',
    title: 'Energy reports',
    prepare: async (page) => {
      await page.getByRole('button', { name: 'Show report' }).click();
      await expect(page.getByRole('table', { name: 'Energy by period' })).toBeVisible();
    },
  },
  { hash: '#/files', title: 'Firmware & diagnostics' },
  { hash: '#/message-log', title: 'Message log' },
  { hash: '#/doctor', title: 'Connection doctor' },
  { hash: '#/simulator', title: 'Simulated stations' },
  {
    hash: '#/scenarios',
    title: 'Scenarios & replay',
    prepare: async (page) => {
      // The text area in its error state too: the problem is tied to it (aria-describedby).
      await page.getByLabel('Scenario JSON').fill('{');
      await page.getByRole('button', { name: 'Run scenario' }).click();
      await expect(page.getByRole('alert').filter({ hasText: 'Not valid JSON' })).toBeVisible();
    },
  },
  { hash: '#/audit', title: 'Audit trail' },
  { hash: '#/settings', title: 'Settings' },
];

async function openView(page: Page, hash: string, title: string): Promise<void> {
  await page.evaluate((h) => (location.hash = h), hash);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  // Let lazy panels and live queries settle, so axe sees the view as the operator does.
  await expect(page.getByText('Loading…')).toHaveCount(0);
}

test.describe('accessibility', () => {
  // Every view through axe, one test per scheme so that each has its own time: about half a minute alone, several
  // times that while the suite runs on two workers.
  test.setTimeout(300_000);

  for (const scheme of ['light', 'dark'] as const) {
    test(`every view passes axe (WCAG A/AA) in the ${scheme} scheme, with one h1 and its own window title`, async ({
      consolePage: page,
      server,
      stations,
    }) => {
      await server.api.putIdTag('TAG-A11Y', { status: 'Accepted' });
      const cp = await stations.booted('CP-A11Y-1', { connectorCount: 2 });
      await stations.booted('CP-A11Y-2');
      await cp.startSession({ connectorId: 1, idTag: 'TAG-A11Y' });
      await cp.meterValues(1);
      // A baseline the station follows, so its drift panel and the fleet drift have something to show.
      await server.api.putConfigurationBaseline('a11y', { entries: [{ key: 'MeterValueSampleInterval', value: '15' }], stations: ['CP-A11Y-1'] });

      const found: string[] = [];
      await page.emulateMedia({ colorScheme: scheme });
      for (const view of VIEWS) {
        await openView(page, view.hash, view.title);
        await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
        await expect(page).toHaveTitle(`${view.title} · OCPP Console`);
        await view.prepare?.(page);
        for (const line of await axeViolations(page)) found.push(`[${scheme}] ${view.hash}: ${line}`);
      }
      expect(found, found.join('\n')).toEqual([]);
    });
  }

  test('a skip link is the first stop of the keyboard and lands on the view', async ({ consolePage: page }) => {
    await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await page.keyboard.press('Enter');
    await expect(page.locator('main#content')).toBeFocused();
    // The route did not change (routes live in the hash).
    await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
    // The next Tab goes into the view, not back through the navigation.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true);
  });

  test('dark-mode primary buttons reach 4.5:1 contrast', async ({ consolePage: page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.evaluate(() => (location.hash = '#/settings'));
    const primary = page.locator('button.primary').first();
    await expect(primary).toBeVisible();
    const ratio = await primary.evaluate((el) => {
      const rgb = (css: string) =>
        css
          .match(/\d+(\.\d+)?/g)!
          .slice(0, 3)
          .map(Number);
      const luminance = ([r, g, b]: number[]) => {
        const [R, G, B] = [r!, g!, b!].map((c) => {
          const s = c / 255;
          return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * R! + 0.7152 * G! + 0.0722 * B!;
      };
      const style = getComputedStyle(el);
      const [l1, l2] = [luminance(rgb(style.color)), luminance(rgb(style.backgroundColor))].sort((a, b) => b - a);
      return (l1! + 0.05) / (l2! + 0.05);
    });
    expect(ratio).toBeGreaterThanOrEqual(4.5);
  });
});
