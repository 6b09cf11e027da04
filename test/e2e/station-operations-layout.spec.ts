import type { Locator, Page } from '@playwright/test';
import { expect, keepScreenshot, test } from './support/fixtures.js';

async function openOperations(page: Page, chargePointId: string): Promise<void> {
  await page.evaluate((id) => (location.hash = `#/stations/${encodeURIComponent(id)}/operations`), chargePointId);
  await expect(page.getByRole('heading', { name: 'Quick actions' })).toBeVisible();
}

/** How far `inner` sticks out to the right of `outer`, in CSS px (≤ 0: it fits). */
async function overhangPx(inner: Locator, outer: Locator): Promise<number> {
  const a = (await inner.boundingBox())!;
  const b = (await outer.boundingBox())!;
  return a.x + a.width - (b.x + b.width);
}

const SIZES = [
  { name: '1440x900', width: 1440, height: 900 },
  { name: '1280x720', width: 1280, height: 720 },
  { name: 'zoom200', width: 640, height: 360 },
] as const;

test("Operations tab: the Remote stop select stays in its card, and the connectors' live status shows where ChangeAvailability and Unlock are fired", async ({
  consolePage: page,
  server,
  stations,
}) => {
  // A 20-character tag (the CiString20 maximum) makes the longest option the select can have.
  const idTag = 'DEPOT-FLEET-TAG-0001';
  await server.api.putIdTag(idTag, { status: 'Accepted' });
  const cp = await stations.booted('CP-OPS-LAYOUT', { connectorCount: 2 });
  await cp.startSession({ connectorId: 1, idTag });
  await openOperations(page, 'CP-OPS-LAYOUT');

  const stopCard = page.getByRole('region', { name: 'Remote stop' });
  const select = stopCard.getByLabel('Transaction');
  await expect(select).toContainText(idTag);
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await keepScreenshot(page, `operations-${size.name}`);
    expect(await overhangPx(select, stopCard), `Remote stop select overflows its card at ${size.name}`).toBeLessThanOrEqual(0);
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
      `page scrolls sideways at ${size.name}`,
    ).toBeLessThanOrEqual(0);
  }
  await page.setViewportSize({ width: 1280, height: 720 });

  // The connectors, live, on the Operations tab itself.
  const connectors = page.getByRole('list', { name: 'Connectors of CP-OPS-LAYOUT' });
  await expect(connectors.getByRole('listitem', { name: 'Connector 1: Charging' })).toBeVisible();
  await expect(connectors.getByRole('listitem', { name: 'Connector 2: Available' })).toBeVisible();

  const availability = page.getByRole('region', { name: 'Change availability' });
  await availability.getByLabel('Connector').selectOption('2');
  await availability.getByLabel('Make').selectOption('Inoperative');
  await availability.getByRole('button', { name: 'Apply' }).click();
  await expect(availability.getByRole('status', { name: 'Answer' })).toContainText('Accepted');
  await expect(connectors.getByRole('listitem', { name: 'Connector 2: Unavailable' })).toBeVisible();
});
