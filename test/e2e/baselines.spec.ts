import type { Page } from '@playwright/test';
import { axeViolations } from './support/axe.js';
import { expect, keepScreenshot, test } from './support/fixtures.js';

/** How far the page scrolls sideways in a 320 px wide window (WCAG 2.2 SC 1.4.10 Reflow): wide tables scroll inside. */
async function sidewaysAt320Px(page: Page): Promise<number> {
  const before = page.viewportSize()!;
  await page.setViewportSize({ width: 320, height: 640 });
  const overflowPx = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  await page.setViewportSize(before);
  return overflowPx;
}

/**
 * Configuration baselines in the console (docs/api.md "Configuration baselines"), against a simulated station over
 * real sockets: a baseline that differs from the station's configuration, its drift once the configuration is read,
 * Apply with its per-key answers (one RebootRequired), and the drift gone but for a read-only key.
 */
test('baselines: create, assign, read the drift, apply with per-key results, drift gone but the read-only key; delete', async ({
  consolePage: page,
  server,
  stations,
}) => {
  test.setTimeout(120_000);
  const cp = await stations.booted('BL-CP-1');
  await server.api.putSite('BL-SITE', { name: 'BL depot', limitA: 32, phases: 3, marginPct: 10, stations: [] });
  // The station applies LightIntensity but answers RebootRequired for it (OCPP 1.6 §5.4), as some firmwares do.
  cp.answer('ChangeConfiguration', async (payload, ctx) => {
    const conf = await ctx.runDefault();
    return payload.key === 'LightIntensity' && conf.status === 'Accepted' ? { status: 'RebootRequired' } : conf;
  });
  expect(cp.configuration.get('MeterValueSampleInterval')).toBe('60');
  expect(cp.configuration.get('LightIntensity')).toBe('50');

  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Baselines' }).click();
  await expect(page.getByRole('heading', { name: 'Configuration baselines', level: 1 })).toBeVisible();
  await expect(page.getByText(/No baseline yet/)).toBeVisible();
  await expect(page.getByText(/No station follows a baseline yet/)).toBeVisible();

  // Create: a key typed twice (in another case) is flagged at once next to its row.
  await page.getByRole('button', { name: 'New baseline' }).click();
  const editor = page.getByRole('form', { name: 'New baseline' });
  await editor.getByLabel('Name', { exact: true }).fill('bl-e2e');
  await editor.getByLabel('Description', { exact: true }).fill('AC wallboxes, e2e');
  await editor.getByLabel('Row 1 key').fill('MeterValueSampleInterval');
  await editor.getByLabel('Row 1 value').fill('15');
  await editor.getByRole('button', { name: 'Add key' }).click();
  await editor.getByLabel('Row 2 key').fill('metervaluesampleinterval');
  const row2Key = editor.getByLabel('Row 2 key');
  await expect(row2Key).toHaveAttribute('aria-invalid', 'true');
  await expect(row2Key).toHaveAccessibleDescription(/Same key as row 1 \(MeterValueSampleInterval\).*case-insensitive/);
  await keepScreenshot(page, 'baseline-editor-duplicate');
  expect(await sidewaysAt320Px(page), 'the editor scrolls sideways at 320 px').toBeLessThanOrEqual(0);
  await row2Key.fill('LightIntensity');
  await expect(row2Key).toHaveAttribute('aria-invalid', 'false');
  await editor.getByLabel('Row 2 value').fill('80');
  await editor.getByRole('button', { name: 'Add key' }).click();
  await editor.getByLabel('Row 3 key').fill('NumberOfConnectors');
  await editor.getByLabel('Row 3 value').fill('4');
  // A secret in a baseline: the server's refusal is shown at the row's key, and what was typed stays.
  await editor.getByRole('button', { name: 'Add key' }).click();
  await editor.getByLabel('Row 4 key').fill('AuthorizationKey');
  await editor.getByLabel('Row 4 value').fill('00112233');
  await editor.getByRole('checkbox', { name: 'BL-CP-1' }).check();
  await editor.getByRole('button', { name: 'Create baseline' }).click();
  const row4Key = editor.getByLabel('Row 4 key');
  await expect(row4Key).toHaveAttribute('aria-invalid', 'true');
  await expect(row4Key).toHaveAccessibleDescription(/is a secret: set it per station/);
  await expect(row4Key).toHaveValue('AuthorizationKey');
  await expect(editor.getByLabel('Row 1 value')).toHaveValue('15');
  await editor.getByRole('button', { name: 'Remove row 4' }).click();
  await expect(editor.getByLabel('Row 4 key')).toHaveCount(0);
  await editor.getByRole('button', { name: 'Create baseline' }).click();

  const list = page.getByRole('table', { name: 'Baselines' });
  const listRow = list.getByRole('row').filter({ hasText: 'bl-e2e' });
  await expect(listRow).toContainText('AC wallboxes, e2e');
  await expect(listRow).toContainText('1 station');
  await expect(listRow.getByRole('cell').nth(2)).toHaveText('3');
  const stored = await server.api.getConfigurationBaseline('bl-e2e');
  expect(stored.entries).toEqual([
    { key: 'MeterValueSampleInterval', value: '15' },
    { key: 'LightIntensity', value: '80' },
    { key: 'NumberOfConnectors', value: '4' },
  ]);
  expect(stored.stations).toEqual(['BL-CP-1']);

  // A second baseline: the station that follows bl-e2e is marked, the server's 409 is shown at it; a site instead.
  await page.getByRole('button', { name: 'New baseline' }).click();
  const second = page.getByRole('form', { name: 'New baseline' });
  await expect(second.getByText('follows bl-e2e')).toBeVisible();
  await second.getByLabel('Name', { exact: true }).fill('bl-depot');
  await second.getByLabel('Row 1 key').fill('HeartbeatInterval');
  await second.getByLabel('Row 1 value').fill('300');
  await second.getByRole('checkbox', { name: 'BL-CP-1' }).check();
  await second.getByRole('button', { name: 'Create baseline' }).click();
  await expect(second.getByRole('checkbox', { name: 'BL-CP-1' })).toHaveAccessibleDescription(/follows baseline bl-e2e/);
  await second.getByRole('checkbox', { name: 'BL-CP-1' }).uncheck();
  await second.getByRole('checkbox', { name: 'BL-SITE (BL depot)' }).check();
  await second.getByRole('button', { name: 'Create baseline' }).click();
  await expect(list.getByRole('row').filter({ hasText: 'bl-depot' })).toContainText('1 site');
  expect((await server.api.getConfigurationBaseline('bl-depot')).sites).toEqual(['BL-SITE']);

  // Fleet drift: the station follows it, never read.
  const fleet = page.getByRole('table', { name: 'Fleet drift' });
  const fleetRow = fleet.getByRole('row').filter({ hasText: 'BL-CP-1' });
  await expect(fleetRow).toContainText('never read');
  await expect(fleetRow).toContainText('not compared');
  await expect(page.getByRole('table', { name: 'Fleet drift' })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  // The station's Configuration tab, from the fleet table.
  await fleetRow.getByRole('link', { name: 'BL-CP-1' }).click();
  await expect(page.getByRole('heading', { name: 'Station BL-CP-1', level: 1 })).toBeVisible();
  const panel = page.getByRole('region', { name: 'Baseline', exact: true });
  await expect(panel.getByLabel('Baseline followed')).toContainText('Follows baseline bl-e2e (assigned to this station)');
  await expect(panel.getByLabel('Baseline followed')).toContainText('Configuration never read');

  // Read the configuration: the drift, expected against actual, the read-only key said so.
  await page.getByRole('button', { name: 'Refresh (GetConfiguration)' }).click();
  const drift = panel.getByRole('table', { name: 'Baseline drift' });
  await expect(panel.getByLabel('Drift summary')).toHaveText('3 of 3 baseline keys are off.');
  await expect(panel.getByLabel('Baseline followed')).toContainText('Configuration last read');
  await expect(drift.getByRole('row', { name: 'MeterValueSampleInterval' })).toContainText(/15\s*60\s*differs/);
  await expect(drift.getByRole('row', { name: 'LightIntensity' })).toContainText(/80\s*50\s*differs/);
  await expect(drift.getByRole('row', { name: 'NumberOfConnectors' })).toContainText(/4\s*1\s*read-only on the station/);
  await keepScreenshot(page, 'baseline-drift');

  // Apply: the confirmation names the keys it will change, and the one it will not.
  await panel.getByRole('button', { name: 'Apply baseline' }).click();
  const confirm = panel.getByRole('group', { name: 'Confirm apply baseline' });
  await expect(confirm.getByRole('list', { name: 'Keys to change' }).getByRole('listitem')).toHaveText([
    /MeterValueSampleInterval\s*→\s*15/,
    /LightIntensity\s*→\s*80/,
  ]);
  await expect(confirm).toContainText('Not sent (read-only or unknown to the station): NumberOfConnectors.');
  expect(await axeViolations(page)).toEqual([]);
  await confirm.getByRole('button', { name: 'Confirm apply' }).click();

  const results = panel.getByRole('table', { name: 'ChangeConfiguration results' });
  await expect(results.getByRole('row', { name: 'MeterValueSampleInterval' })).toContainText('Accepted');
  await expect(results.getByRole('row', { name: 'LightIntensity' })).toContainText('RebootRequired');
  await expect(results.getByRole('row', { name: 'NumberOfConnectors' })).toContainText('not sent');
  await expect(results.getByRole('row', { name: 'NumberOfConnectors' })).toContainText('read-only');
  const reset = panel.getByRole('status', { name: 'Reset needed' });
  await expect(reset).toContainText('The station must be reset for these to take effect: LightIntensity.');
  expect(cp.configuration.get('MeterValueSampleInterval')).toBe('15');
  expect(cp.configuration.get('LightIntensity')).toBe('80');
  expect(cp.configuration.get('NumberOfConnectors')).toBe('1');

  // Drift gone, but for the read-only key, which stays reported as such.
  await expect(panel.getByLabel('Drift summary')).toHaveText('1 of 3 baseline keys are off.');
  await expect(drift.getByRole('row')).toHaveCount(2);
  await expect(drift.getByRole('row', { name: 'NumberOfConnectors' })).toContainText('read-only on the station');
  await keepScreenshot(page, 'baseline-applied');
  expect(await sidewaysAt320Px(page), 'the drift and the results scroll sideways at 320 px').toBeLessThanOrEqual(0);
  expect(await axeViolations(page)).toEqual([]);

  // Live: the baseline changed elsewhere shows here without a reload.
  await server.api.putConfigurationBaseline('bl-e2e', {
    entries: [...stored.entries, { key: 'BlinkRepeat', value: '5' }],
    stations: ['BL-CP-1'],
  });
  await expect(drift.getByRole('row', { name: 'BlinkRepeat' })).toContainText(/5\s*3\s*differs/);
  await expect(panel.getByLabel('Drift summary')).toHaveText('2 of 4 baseline keys are off.');

  // The way to Reset: the operation's form on the Operations tab.
  await reset.getByRole('link', { name: 'Reset the station' }).click();
  await expect(page.getByRole('tab', { name: 'Operations' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('form', { name: 'Reset form' })).toBeVisible();

  // The fleet sees it too; delete asks first, then the station follows nothing.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Baselines' }).click();
  await expect(fleet.getByRole('row').filter({ hasText: 'BL-CP-1' })).toContainText('2 off');
  await list.getByRole('button', { name: 'Delete bl-e2e' }).click();
  expect((await server.api.listConfigurationBaselines()).total).toBe(2);
  await list.getByRole('button', { name: 'Confirm delete bl-e2e' }).click();
  await expect(list.getByRole('row').filter({ hasText: 'bl-e2e' })).toHaveCount(0);
  await expect(page.getByText(/No station follows a baseline yet/)).toBeVisible();
  expect((await server.api.listConfigurationBaselines()).items.map((b) => b.name)).toEqual(['bl-depot']);
  await page.evaluate(() => (location.hash = '#/stations/BL-CP-1/configuration'));
  await expect(page.getByRole('region', { name: 'Baseline', exact: true }).getByLabel('Baseline followed')).toContainText(
    'Follows no configuration baseline',
  );
});
