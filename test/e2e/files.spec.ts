import { expect, keepScreenshot, test } from './support/fixtures.js';

test('firmware & diagnostics: add a file, update a station to Installed, request diagnostics and download the upload', async ({
  consolePage: page,
  stations,
}) => {
  const cp = await stations.booted('FW-CP-1');
  await page.getByRole('link', { name: 'Firmware & diagnostics' }).click();
  await expect(page.getByRole('heading', { name: 'Firmware & diagnostics', level: 1 })).toBeVisible();
  // The built-in server's URLs are shown, so no external server is needed.
  const server = page.getByRole('region', { name: 'Built-in file server' });
  await expect(server).toContainText('Upload for FW-CP-1 by default');
  await expect(server).toContainText('http://FW-CP-1:<job password>@127.0.0.1:');

  // Add a firmware file from this PC: listed with its size and checksum.
  await page
    .getByLabel('File to add')
    .setInputFiles({ name: 'fw-2.1.bin', mimeType: 'application/octet-stream', buffer: Buffer.from('firmware image 2.1\n'.repeat(100)) });
  await page.getByRole('button', { name: 'Add firmware' }).click();
  const firmwareRow = page.getByRole('table', { name: 'Firmware files' }).getByRole('row').filter({ hasText: 'fw-2.1.bin' });
  await expect(firmwareRow).toContainText('1.9 KiB');
  await expect(firmwareRow).toContainText('/firmware/fw-2.1.bin');

  // Schedule the update: the location defaults to the built-in server's URL of the file.
  const update = page.getByRole('region', { name: 'Update firmware' });
  await update.getByLabel('Firmware to install').selectOption('fw-2.1.bin');
  await expect(update.getByText(/Default: http:\/\/127\.0\.0\.1:\d+\/firmware\/fw-2\.1\.bin/)).toBeVisible();
  await update.getByLabel('Retries').fill('x');
  await expect(update.getByText('A whole number, 0 or more.')).toBeVisible();
  await update.getByLabel('Retries').fill('2');
  await update.getByRole('checkbox', { name: 'FW-CP-1' }).check();
  await update.getByRole('button', { name: 'Schedule update' }).click();
  await expect(update.getByRole('list', { name: 'Update answers' })).toContainText('FW-CP-1');

  // The station's timeline follows live to Installed (after downloading the file for real and rebooting).
  const perStation = page.getByRole('region', { name: 'Per station' });
  const firmwareJob = perStation.getByRole('listitem', { name: /Firmware update/ });
  await expect(firmwareJob.getByRole('list', { name: 'Status timeline' })).toContainText('Downloading');
  await expect(firmwareJob.getByRole('list', { name: 'Status timeline' })).toContainText('Installed');
  expect(cp.state.lastFirmwareDownload?.size).toBe(1900);

  // Diagnostics: request, follow the status, see the uploaded file and download it.
  await perStation.getByRole('button', { name: 'Request diagnostics' }).click();
  await expect(perStation.getByRole('status', { name: 'Answer' })).toContainText('fileName');
  const diagnosticsJob = perStation.getByRole('listitem', { name: /Diagnostics/ });
  await expect(diagnosticsJob.getByRole('list', { name: 'Status timeline' })).toContainText('Uploaded');
  // Its upload went by the protocol chosen for the station, with a credential of this job only.
  await expect(diagnosticsJob).toContainText('Upload by HTTP');
  await expect(diagnosticsJob).toContainText(/Received: FW-CP-1-diagnostics-.*HTTP/);
  const uploads = perStation.getByRole('table', { name: 'Uploads of FW-CP-1' });
  const uploadRow = uploads.getByRole('row').filter({ hasText: 'FW-CP-1-diagnostics-' });
  await expect(uploadRow).toBeVisible();
  await keepScreenshot(page, 'files');

  const download = page.waitForEvent('download');
  await uploadRow.getByRole('button', { name: /^Download / }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^FW-CP-1-diagnostics-.*\.txt$/);
  const content = Buffer.concat((await (await file.createReadStream()).toArray()) as Buffer[]).toString('utf8');
  expect(content).toContain('FW-CP-1');
});
