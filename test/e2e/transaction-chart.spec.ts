import type { Locator } from '@playwright/test';
import { expect, keepScreenshot, test } from './support/fixtures.js';

/**
 * The columns left of the plot (the y axis: its title, then its tick values) as runs of painted columns, read from
 * the chart's canvas within the plot's height. A value cut at the edge paints column 0; a value running into the
 * title merges the two runs.
 */
async function leftAxisInk(chart: Locator): Promise<{ paintedAtEdge: boolean; runs: [number, number][] }> {
  return chart.evaluate((section) => {
    const canvas = section.querySelector('canvas')!;
    const over = section.querySelector<HTMLElement>('.u-over')!;
    const ratio = canvas.width / canvas.getBoundingClientRect().width;
    const left = Math.floor(parseFloat(over.style.left) * ratio);
    const top = Math.floor(parseFloat(over.style.top) * ratio);
    const bottom = top + Math.floor(parseFloat(over.style.height) * ratio);
    const pixels = canvas.getContext('2d')!.getImageData(0, 0, left, canvas.height).data;
    const painted = (x: number) => {
      for (let y = top; y < bottom; y++) if (pixels[(y * left + x) * 4 + 3]! > 0) return true;
      return false;
    };
    const runs: [number, number][] = [];
    for (let x = 0; x < left; x++) {
      if (!painted(x)) continue;
      const last = runs[runs.length - 1];
      if (last && last[1] === x - 1) last[1] = x;
      else runs.push([x, x]);
    }
    return { paintedAtEdge: painted(0), runs };
  });
}

test('the meter chart shows large values whole and its axis title clear of the ticks', async ({ consolePage: page, server, stations }) => {
  await server.api.putIdTag('TAG-CHART', { status: 'Accepted' });
  const cp = await stations.booted('CP-CHART');
  const txId = await cp.startSession({ connectorId: 1, idTag: 'TAG-CHART' });
  // A meter register of a busy depot charger: 123 MWh, in Wh.
  const startMs = Date.now() - 10 * 60_000;
  for (let i = 0; i < 6; i++) {
    await cp.call('MeterValues', {
      connectorId: 1,
      transactionId: txId,
      meterValue: [
        {
          timestamp: new Date(startMs + i * 60_000).toISOString(),
          sampledValue: [
            { value: String(123_456_789 + i * 1_234_567), measurand: 'Energy.Active.Import.Register', unit: 'Wh' },
            { value: String(22_000 + i * 10), measurand: 'Power.Active.Import', unit: 'W' },
          ],
        },
      ],
    });
  }
  await page.evaluate((id) => (location.hash = `#/transactions/${id}`), txId);
  const energy = page.getByRole('region', { name: 'Energy chart' });
  await expect(energy.getByRole('img', { name: /12 points|6 points/ })).toBeVisible();
  await expect(energy.locator('canvas')).toBeVisible();
  for (const width of [1440, 1280, 640]) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForFunction(() => document.querySelectorAll('.u-over').length > 0);
    await expect
      .poll(
        async () => {
          const ink = await leftAxisInk(energy);
          // Not cut at the edge, and the title and the values are two runs with space between them.
          return !ink.paintedAtEdge && ink.runs.length >= 2 && ink.runs[1]![0] - ink.runs[0]![1] >= 3;
        },
        { message: `energy axis at ${width} px wide` },
      )
      .toBe(true);
  }
  await keepScreenshot(page, 'transaction-chart-large-values');
});
