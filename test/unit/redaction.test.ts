import assert from 'node:assert/strict';
import { test } from 'node:test';
import { REDACTED, redactPayload, redactUrlPassword } from '../../main/csms/rpc/redaction.js';

test('a transfer URL keeps everything but its password', () => {
  assert.equal(redactUrlPassword('ftp://cp:s3cr3t@10.0.0.2:2121/CP-1/'), `ftp://cp:${REDACTED}@10.0.0.2:2121/CP-1/`);
  assert.equal(redactUrlPassword('ftp://anonymous@host/x'), 'ftp://anonymous@host/x');
  assert.equal(redactUrlPassword('http://10.0.0.2:8182/firmware/fw.bin'), 'http://10.0.0.2:8182/firmware/fw.bin');
  assert.equal(redactUrlPassword('https://u:p@example.com/a@b'), `https://u:${REDACTED}@example.com/a@b`);
});

test('GetDiagnostics, UpdateFirmware, GetLog and SignedUpdateFirmware locations are redacted; others untouched', () => {
  assert.deepEqual(redactPayload('GetDiagnostics', { location: 'ftp://u:pw@h/', retries: 1 }), { location: `ftp://u:${REDACTED}@h/`, retries: 1 });
  assert.deepEqual(redactPayload('UpdateFirmware', { location: 'ftp://u:pw@h/fw', retrieveDate: 'x' }), {
    location: `ftp://u:${REDACTED}@h/fw`,
    retrieveDate: 'x',
  });
  assert.deepEqual(redactPayload('GetLog', { logType: 'DiagnosticsLog', requestId: 1, log: { remoteLocation: 'ftp://u:pw@h/' } }), {
    logType: 'DiagnosticsLog',
    requestId: 1,
    log: { remoteLocation: `ftp://u:${REDACTED}@h/` },
  });
  const signed = redactPayload('SignedUpdateFirmware', {
    requestId: 1,
    firmware: { location: 'https://u:pw@h/fw', retrieveDateTime: 'x', signingCertificate: 'c', signature: 's' },
  });
  assert.equal((signed!.firmware as { location: string }).location, `https://u:${REDACTED}@h/fw`);
  assert.equal(redactPayload('GetDiagnostics', { location: 'http://h/upload' }), null);
  assert.equal(redactPayload('Reset', { type: 'Soft' }), null);
  assert.deepEqual(redactPayload('ChangeConfiguration', { key: 'AuthorizationKey', value: 'abcdef' }), { key: 'AuthorizationKey', value: REDACTED });
});
