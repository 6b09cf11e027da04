import { expect, keepScreenshot, test } from './support/fixtures.js';

// The wss listener brings the CA that signs station certificates.
test.use({ serverArgs: ['--registration-policy', 'accept', '--ocpp-tls-port', '0'] });

test('a CSR with the serial number as CN: alert and profile 3 refused; allowed for the station, it is signed and profile 3 becomes possible', async ({
  consolePage: page,
  server,
  stations,
}) => {
  const cp = await stations.booted('CP-SEC-1', { certificateCommonName: 'S/N0123456789' });
  await page.getByRole('link', { name: 'Stations', exact: true }).click();
  await page.getByRole('table', { name: 'Stations' }).getByRole('link', { name: 'CP-SEC-1' }).click();
  const panel = page.getByRole('region', { name: 'Station certificate and uploads' });
  await expect(panel.getByRole('status', { name: 'Security profile 3 readiness' })).toContainText(
    'no station certificate signed by this central system yet',
  );

  const signed = cp.waitForCall('ExtendedTriggerMessage');
  await server.api.call('CP-SEC-1', 'ExtendedTriggerMessage', { requestedMessage: 'SignChargePointCertificate' });
  await signed;
  await expect(panel.getByRole('alert')).toContainText('CSR subject CN "S/N0123456789" is not the charge point identity "CP-SEC-1"');
  await expect(panel.getByRole('status', { name: 'Security profile 3 readiness' })).toContainText('refused');
  await expect(panel.getByRole('list', { name: 'Security events' })).toContainText('CsrSubjectNotChargePoint');
  await expect(panel.getByRole('list', { name: 'Security events' })).toContainText('raised by the central system');
  // Announced wherever the console is open, too.
  await expect(page.locator('.toasts')).toContainText('CP-SEC-1: certificate request refused, its subject does not identify the station');
  await keepScreenshot(page, 'station-security-refused');

  // Raising it to profile 3 from the operations form is refused before anything is sent, with the reason.
  await page.getByRole('tab', { name: 'Operations' }).click();
  await page.getByRole('navigation', { name: 'Operations' }).getByRole('button', { name: 'ChangeConfiguration' }).click();
  const change = page.getByRole('form', { name: 'ChangeConfiguration form' });
  await change.getByLabel('key', { exact: true }).fill('SecurityProfile');
  await change.getByLabel('value', { exact: true }).fill('3');
  await change.getByRole('button', { name: 'Send ChangeConfiguration' }).click();
  await expect(change.getByRole('status', { name: 'Answer' })).toContainText('Not raising CP-SEC-1 to security profile 3');
  expect(cp.state.configuration.get('SecurityProfile') ?? '0').toBe('0');
  await page.getByRole('tab', { name: 'Details' }).click();

  await panel.getByRole('checkbox', { name: /Sign a CSR whose subject is not the identity/ }).check();
  await expect(panel.getByRole('checkbox', { name: /Sign a CSR whose subject is not the identity/ })).toBeChecked();
  const certificate = cp.waitForCall('CertificateSigned');
  await server.api.call('CP-SEC-1', 'ExtendedTriggerMessage', { requestedMessage: 'SignChargePointCertificate' });
  await certificate;
  await expect(panel.getByRole('status', { name: 'Security profile 3 readiness' })).toContainText('possible');
  await expect(panel).toContainText('CN S/N0123456789 (or its identity)');
  await expect(panel.getByRole('alert')).toHaveCount(0);
});

test('uploads: the protocol used and why; a station that says Uploaded with nothing received is flagged', async ({
  consolePage: page,
  server,
  stations,
}) => {
  const cp = await stations.booted('CP-SEC-2', { configuration: { SupportedFileTransferProtocols: 'HTTP' } });
  await server.api.call('CP-SEC-2', 'GetConfiguration', {});
  cp.answerOnce('GetDiagnostics', { fileName: 'never-sent.txt' });
  await server.api.call('CP-SEC-2', 'GetDiagnostics', {});
  await cp.diagnosticsStatusNotification('Uploading');
  await cp.diagnosticsStatusNotification('Uploaded');

  await page.getByRole('link', { name: 'Firmware & diagnostics' }).click();
  const perStation = page.getByRole('region', { name: 'Per station' });
  await perStation.getByLabel('Station').selectOption('CP-SEC-2');
  const job = perStation.getByRole('listitem', { name: /Diagnostics/ });
  await expect(job.getByRole('alert')).toContainText('The station says Uploaded, but nothing arrived');
  await expect(job).toContainText('Upload by HTTP (FTP not advertised (SupportedFileTransferProtocols = HTTP))');
  await expect(page.getByRole('region', { name: 'Built-in file server' })).toContainText('HTTP to the built-in server');
  await expect(page.getByRole('region', { name: 'Built-in file server' })).not.toContainText(/[0-9a-f]{32}/);
  await keepScreenshot(page, 'files-upload-flag');
});
