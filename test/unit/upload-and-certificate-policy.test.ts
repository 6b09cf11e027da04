/**
 * The rules behind uploads and station certificates, on a real SQLite database: which upload protocol a station
 * gets and why, which login an upload is accepted with, whether a CSR's CN may be signed for a station, and whether
 * the station holds a certificate the profile-3 handshake would accept.
 */
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { authorizeUpload, chooseUploadProtocol, credentialSha256, newUploadPassword } from '../../main/csms/files/upload-policy.js';
import { csrIdentityProblem, profile3Readiness } from '../../main/csms/security/station-identity.js';
import { openDatabase, type Db } from '../../main/csms/storage/database.js';
import { createRepositories, type Repositories } from '../../main/csms/storage/repositories/index.js';
import { MANUFACTURER_PEM, ROOT_PEM } from '../support/certificates.js';

let db: Db;
let repos: Repositories;
const NOW = new Date('2026-06-01T12:00:00.000Z');
const iso = (offsetMs: number) => new Date(NOW.getTime() + offsetMs).toISOString();

before(() => {
  db = openDatabase({ file: ':memory:', syncMode: 'NORMAL' });
  repos = createRepositories(db);
  for (const id of ['CP-1', 'CP-2', 'CP-3']) repos.chargePoints.create({ id, registrationStatus: 'Accepted', now: iso(0) });
});
after(() => db.close());

const snapshot = (id: string, protocols: string) =>
  repos.configurationSnapshots.save(
    {
      chargePointId: id,
      entries: [{ key: 'SupportedFileTransferProtocols', readonly: true, value: protocols }],
      unknownKeys: [],
      requestedKeys: null,
      takenAt: iso(0),
    },
    iso(0),
  );

describe('upload protocol', () => {
  test('FTP only where advertised and running; HTTP otherwise; the per-station setting wins', () => {
    assert.deepEqual(chooseUploadProtocol(repos, 'CP-1', true), {
      protocol: 'http',
      reason: 'SupportedFileTransferProtocols not known (no GetConfiguration yet)',
    });
    snapshot('CP-1', 'ftp, HTTP,HTTPS');
    assert.deepEqual(chooseUploadProtocol(repos, 'CP-1', true), {
      protocol: 'ftp',
      reason: 'the station advertises FTP (SupportedFileTransferProtocols = FTP,HTTP,HTTPS)',
    });
    assert.deepEqual(chooseUploadProtocol(repos, 'CP-1', false), {
      protocol: 'http',
      reason: 'the station advertises FTP,HTTP,HTTPS, but the FTP receiver is off',
    });
    snapshot('CP-1', 'HTTPS');
    assert.deepEqual(chooseUploadProtocol(repos, 'CP-1', true), {
      protocol: 'http',
      reason: 'FTP not advertised (SupportedFileTransferProtocols = HTTPS)',
    });
    repos.stationSecurity.update('CP-1', { uploadProtocol: 'ftp' }, iso(0));
    assert.deepEqual(chooseUploadProtocol(repos, 'CP-1', true), { protocol: 'ftp', reason: 'FTP set for this station' });
    assert.equal(chooseUploadProtocol(repos, 'CP-1', false).protocol, 'http');
    repos.stationSecurity.update('CP-1', { uploadProtocol: 'http' }, iso(0));
    snapshot('CP-1', 'FTP');
    assert.deepEqual(chooseUploadProtocol(repos, 'CP-1', true), { protocol: 'http', reason: 'HTTP set for this station' });
  });
});

describe('upload credentials', () => {
  test('a job credential logs in as its station only, while the job is open and not expired', () => {
    const password = newUploadPassword();
    assert.match(password, /^[0-9a-f]{32}$/);
    assert.notEqual(newUploadPassword(), password);
    const jobId = repos.fileJobs.create({
      chargePointId: 'CP-2',
      kind: 'diagnostics',
      action: 'GetDiagnostics',
      requestId: null,
      request: {},
      now: iso(0),
      upload: { protocol: 'http', reason: 'test', credentialSha256: credentialSha256(password), credentialExpiresAt: iso(60_000) },
    });
    assert.deepEqual(authorizeUpload(repos, 'CP-2', password, NOW), { chargePointId: 'CP-2', jobId });
    assert.equal(authorizeUpload(repos, 'CP-1', password, NOW), undefined, 'another station');
    assert.equal(authorizeUpload(repos, 'CP-2', password.toUpperCase(), NOW), undefined, 'another password');
    assert.equal(authorizeUpload(repos, 'NOBODY', password, NOW), undefined, 'unknown user');
    assert.equal(authorizeUpload(repos, 'CP-2', password, new Date(NOW.getTime() + 60_000)), undefined, 'expired');
    repos.fileJobs.end(jobId, 'test', iso(1000));
    assert.equal(authorizeUpload(repos, 'CP-2', password, NOW), undefined, 'ended');
    const stored = JSON.stringify(db.prepare('SELECT * FROM file_jobs WHERE id = ?').get(jobId));
    assert.ok(!stored.includes(password), 'only the hash is stored');
  });
});

describe('certificate identity', () => {
  test('a CSR CN other than the identity needs the allowance and never names another station', () => {
    assert.equal(csrIdentityProblem(repos, 'CP-3', 'CP-3'), undefined);
    assert.match(csrIdentityProblem(repos, 'CP-3', 'SN-1')!, /is not the charge point identity "CP-3"/);
    repos.stationSecurity.update('CP-3', { allowForeignCertificateCn: true }, iso(0));
    assert.equal(csrIdentityProblem(repos, 'CP-3', 'SN-1'), undefined);
    assert.match(csrIdentityProblem(repos, 'CP-3', 'CP-1')!, /identity of another station/);
    repos.stationSecurity.update('CP-2', { certificateCn: 'SN-2' }, iso(0));
    assert.match(csrIdentityProblem(repos, 'CP-3', 'SN-2')!, /already identifies station CP-2/);
  });

  test('profile 3 is ready only with an installed, current, unexpired certificate from the CA in use that identifies the station', () => {
    const caFingerprint256 = new X509Certificate(ROOT_PEM).fingerprint256;
    const record = (status: string, details: Record<string, unknown>) =>
      repos.installedCertificates.record('CP-3', 'ChargePointCertificate', status, [details], iso(0));
    const ready = () => profile3Readiness(repos, ROOT_PEM, 'CP-3', NOW);
    assert.match(profile3Readiness(repos, undefined, 'CP-3', NOW).reason, /wss listener is off/);
    assert.match(ready().reason, /no station certificate signed/);
    record('SignCertificate Rejected', { reason: 'CSR signature does not verify' });
    assert.deepEqual(ready(), {
      ready: false,
      reason: `the station's last certificate outcome is "SignCertificate Rejected": CSR signature does not verify`,
    });
    const good = { commonName: 'CP-3', subject: 'CN=CP-3', serialNumber: 'AB', validTo: iso(86_400_000), caFingerprint256 };
    record('CertificateSigned Accepted', good);
    assert.equal(ready().ready, true, ready().reason);
    record('CertificateSigned Accepted', { ...good, caFingerprint256: new X509Certificate(MANUFACTURER_PEM).fingerprint256 });
    assert.match(ready().reason, /CA this central system no longer uses/);
    record('CertificateSigned Accepted', { ...good, validTo: iso(-1) });
    assert.match(ready().reason, /expired/);
    record('CertificateSigned Accepted', { ...good, commonName: 'SN-3', subject: 'CN=SN-3' });
    assert.match(ready().reason, /CN "SN-3" does not identify CP-3/);
    repos.stationSecurity.update('CP-3', { certificateCn: 'SN-3' }, iso(0));
    assert.equal(ready().ready, true, 'the CN allowed for the station identifies it');
  });
});
