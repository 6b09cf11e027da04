import { expect, keepScreenshot, test } from './support/fixtures.js';

test('charging profiles: build a TxDefaultProfile with two periods, see its chart, save, install → Accepted, composite schedule with measured current', async ({
  consolePage: page,
  server,
  stations,
}) => {
  await server.api.putIdTag('TAG-CP', { status: 'Accepted' });
  const cp = await stations.booted('SC-CP-1', {
    configuration: { MeterValueSampleInterval: '1', MeterValuesSampledData: 'Energy.Active.Import.Register,Current.Import,Power.Active.Import' },
  });
  await cp.startSession({ connectorId: 1, idTag: 'TAG-CP' });

  await page.getByRole('link', { name: 'Charging profiles' }).click();
  await expect(page.getByRole('heading', { name: 'Charging profiles', level: 1 })).toBeVisible();
  await expect(page.getByText('No profiles in the library yet')).toBeVisible();

  // A bad value is explained at the field before anything is sent.
  await page.getByLabel('Library name').fill('evening-cap');
  await page.getByLabel('Stack level').fill('-1');
  await expect(page.getByText('Must be 0 or more.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save to library' })).toBeDisabled();
  await page.getByLabel('Stack level').fill('1');

  await page.getByLabel('Purpose').selectOption('TxDefaultProfile');
  await page.getByLabel('Kind').selectOption('Relative');
  await page.getByLabel('Period 1 limit (A)').fill('16');
  await page.getByRole('button', { name: 'Add period' }).click();
  await page.getByLabel('Period 2 start (s)').fill('1800');
  await page.getByLabel('Period 2 limit (A)').fill('8.5');
  // The chart follows the table: 3 points (two steps and the end of the last one).
  await expect(page.getByRole('img', { name: /Profile schedule: Limit; 3 points/ })).toBeVisible();
  // Each field says what it means.
  await expect(page.getByText(/TxDefaultProfile is the default for every new transaction/)).toBeVisible();

  await page.getByRole('button', { name: 'Save to library' }).click();
  const library = page.getByRole('table', { name: 'Profile library' });
  await expect(library.getByRole('row').filter({ hasText: 'evening-cap' })).toContainText('TxDefaultProfile');
  await keepScreenshot(page, 'charging-profiles');

  // Install on the station's connector 1: the station's answer is shown, and the profile is listed as held.
  await page.getByLabel('Station', { exact: true }).selectOption('SC-CP-1');
  await page.getByLabel('Connector').selectOption('1');
  const install = page.getByRole('region', { name: 'Install on a station' });
  await install.getByRole('button', { name: 'Install “evening-cap”' }).click();
  await expect(install.getByRole('status', { name: 'Answer' })).toContainText('Accepted');
  await expect(page.getByRole('table', { name: 'Installed profiles' }).getByRole('row').filter({ hasText: 'TxDefaultProfile' })).toBeVisible();

  // The station's composite schedule, the computed one and the measured current on one chart.
  const composite = page.getByRole('region', { name: 'Composite schedule' });
  await composite.getByRole('button', { name: 'Ask the station (GetCompositeSchedule)' }).click();
  await expect(composite.getByRole('status', { name: 'Answer' })).toContainText('Accepted');
  const chart = composite.getByRole('img', { name: /Composite schedule: / });
  await expect(chart).toHaveAccessibleName(/Computed limit, Station’s composite schedule, Measured current/);
  await expect(composite.getByText(/station answered/)).toBeVisible();
  await keepScreenshot(page, 'composite-schedule');
});
