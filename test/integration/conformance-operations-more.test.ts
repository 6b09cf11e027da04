/**
 * OCTT 1.6 CSMS test cases of Firmware Management, Remote Trigger, Smart Charging and Security that start with an operator action: request received by the station, outcome, stored state.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, afterEach, before, describe, test } from 'node:test';
import type { JsonObject } from '../../shared/ocpp/rpc-frames.js';
import { createOperatorOperations, type CallOutcome, type OperatorOperations } from '../../main/csms/operations/index.js';
import { parseAuthSecrets } from '../../main/csms/storage/repositories/charge-points.js';
import { eventually, startCsms, type Harness } from '../support/csms-harness.js';
import { TAGS, aBootedStation, aStation, closeOpenTransactions, closeStations, seedIdTags } from '../support/fixtures.js';
import type { SimulatedChargePoint } from '../../main/simulator/index.js';
import { MANUFACTURER_PEM, ROOT_PEM } from '../support/certificates.js';

let h: Harness;
let ops: OperatorOperations;
let uploads: Server;
let uploadUrl: string;
const received: string[] = [];
before(async () => {
  h = await startCsms({ overrides: { heartbeatIntervalSec: 120, callTimeoutMs: 5_000 } });
  await seedIdTags(h);
  ops = createOperatorOperations(h.csms);
  // The upload directory of diagnostics and logs.
  uploads = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received.push(req.url ?? '');
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => uploads.listen(0, '127.0.0.1', resolve));
  uploadUrl = `http://127.0.0.1:${(uploads.address() as AddressInfo).port}/upload/`;
});
afterEach(async () => {
  await closeStations();
  closeOpenTransactions(h);
});
after(async () => {
  await new Promise((resolve) => uploads.close(resolve));
  await h.close();
});

async function operator(
  cp: SimulatedChargePoint,
  action: string,
  payload: JsonObject,
): Promise<{ received: JsonObject; outcome: CallOutcome; answer: JsonObject }> {
  const call = cp.waitForCall(action);
  const outcome = await ops.send(cp.identity, action, payload);
  const got = (await call).payload;
  assert.equal(outcome.kind, 'result', `${action} answered with a CALLRESULT`);
  return { received: got, outcome, answer: outcome.kind === 'result' ? outcome.payload : {} };
}

const statuses = (cpId: string) => h.csms.repos.fileJobs.list(cpId)[0]!.timeline.map((s) => s.status);
const UNREACHABLE = 'http://127.0.0.1:1/nothing-here/';

describe('Firmware Management', () => {
  test('TC_044_1_CSMS Firmware Update – download and install: retrieveDate defaulted, job with its status timeline', async () => {
    const cp = await aBootedStation(h, 'TC044A');
    const { received: req, answer } = await operator(cp, 'UpdateFirmware', { location: 'sim://firmware/fw-2.0.bin' });
    assert.deepEqual(answer, {});
    assert.match(req.retrieveDate as string, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/, 'now, without milliseconds');
    await eventually(() => statuses('TC044A').includes('Installed'), 5_000, 'Installed');
    assert.deepEqual(statuses('TC044A'), ['Downloading', 'Downloaded', 'Installing', 'Installed']);
    const job = h.csms.repos.fileJobs.list('TC044A')[0]!;
    assert.deepEqual(
      [job.kind, job.action, job.status, job.request.location],
      ['firmware', 'UpdateFirmware', 'Accepted', 'sim://firmware/fw-2.0.bin'],
    );
    assert.equal(h.csms.repos.chargePoints.get('TC044A')!.firmware_status, 'Installed');
  });

  test('TC_044_2_CSMS Firmware Update – download failed', async () => {
    const cp = await aBootedStation(h, 'TC044B');
    await operator(cp, 'UpdateFirmware', { location: `${UNREACHABLE}fw.bin`, retrieveDate: new Date().toISOString() });
    await eventually(() => statuses('TC044B').includes('DownloadFailed'), 5_000, 'DownloadFailed');
    assert.deepEqual(statuses('TC044B'), ['Downloading', 'DownloadFailed']);
  });

  test('TC_044_3_CSMS Firmware Update – installation failed after the reboot', async () => {
    const cp = await aBootedStation(h, 'TC044C');
    // The tool plays this station by hand: it accepts, then reports the install failing after its reboot.
    cp.answerOnce('UpdateFirmware', {});
    await operator(cp, 'UpdateFirmware', { location: 'sim://firmware/fw-bad.bin' });
    await cp.firmwareStatusNotification('Downloading');
    await cp.firmwareStatusNotification('Downloaded');
    await cp.statusNotification(1, 'Unavailable');
    await cp.firmwareStatusNotification('Installing');
    cp.terminate();
    const rebooted = await aStation(h, 'TC044C');
    await rebooted.connect();
    assert.equal((await rebooted.boot()).status, 'Accepted');
    await rebooted.firmwareStatusNotification('InstallationFailed');
    assert.deepEqual(statuses('TC044C'), ['Downloading', 'Downloaded', 'Installing', 'InstallationFailed']);
    assert.equal(h.csms.repos.chargePoints.get('TC044C')!.firmware_status, 'InstallationFailed');
    assert.equal(h.csms.repos.connectors.get('TC044C', 1)!.status, 'Available');
  });

  test('TC_045_1_CSMS Get Diagnostics – Uploading, Uploaded; fileName stored with the job', async () => {
    const cp = await aBootedStation(h, 'TC045A');
    const { received: req, answer } = await operator(cp, 'GetDiagnostics', { location: uploadUrl });
    assert.deepEqual(req, { location: uploadUrl });
    assert.match(String(answer.fileName), /diagnostics/);
    await eventually(() => statuses('TC045A').includes('Uploaded'), 5_000, 'Uploaded');
    assert.deepEqual(statuses('TC045A'), ['Uploading', 'Uploaded']);
    assert.equal(h.csms.repos.fileJobs.list('TC045A')[0]!.answer?.fileName, answer.fileName);
  });

  test('TC_045_2_CSMS Get Diagnostics – upload failed', async () => {
    const cp = await aBootedStation(h, 'TC045B');
    await operator(cp, 'GetDiagnostics', { location: UNREACHABLE });
    await eventually(() => statuses('TC045B').includes('UploadFailed'), 5_000, 'UploadFailed');
    assert.deepEqual(statuses('TC045B'), ['Uploading', 'UploadFailed']);
  });
});

describe('Remote Trigger', () => {
  test('TC_054_CSMS Trigger Message: MeterValues, Heartbeat, StatusNotification, DiagnosticsStatusNotification, FirmwareStatusNotification', async () => {
    const cp = await aBootedStation(h, 'TC054');
    const triggers: JsonObject[] = [
      { requestedMessage: 'MeterValues', connectorId: 1 },
      { requestedMessage: 'Heartbeat' },
      { requestedMessage: 'StatusNotification', connectorId: 1 },
      { requestedMessage: 'DiagnosticsStatusNotification' },
      { requestedMessage: 'FirmwareStatusNotification' },
    ];
    for (const trigger of triggers) {
      const action = trigger.requestedMessage as string;
      const before = h.csms.repos.messageLog.query({ chargePointId: 'TC054', direction: 'in', action }).length;
      const { received: req, answer } = await operator(cp, 'TriggerMessage', trigger);
      assert.deepEqual(req, trigger);
      assert.equal(answer.status, 'Accepted');
      await eventually(
        () => h.csms.repos.messageLog.query({ chargePointId: 'TC054', direction: 'in', action }).length > before,
        5_000,
        `triggered ${action}`,
      );
    }
  });

  test('TC_055_CSMS Trigger Message – Rejected for a connector the station does not have', async () => {
    const cp = await aBootedStation(h, 'TC055');
    const { received: req, answer } = await operator(cp, 'TriggerMessage', { requestedMessage: 'MeterValues', connectorId: 3 });
    assert.equal(req.connectorId, 3);
    assert.equal(answer.status, 'Rejected');
  });
});

const txDefault = (id: number, stackLevel: number): JsonObject => ({
  chargingProfileId: id,
  stackLevel,
  chargingProfilePurpose: 'TxDefaultProfile',
  chargingProfileKind: 'Absolute',
  validFrom: '2024-01-01T00:00:00Z',
  validTo: '2099-01-01T00:00:00Z',
  chargingSchedule: {
    duration: 3600,
    startSchedule: '2024-01-01T00:00:00Z',
    chargingRateUnit: 'A',
    chargingSchedulePeriod: [{ startPeriod: 0, limit: 6.0, numberPhases: 3 }],
  },
});
const txProfile = (id: number, transactionId?: number): JsonObject => ({
  chargingProfileId: id,
  ...(transactionId !== undefined ? { transactionId } : {}),
  stackLevel: 0,
  chargingProfilePurpose: 'TxProfile',
  chargingProfileKind: 'Relative',
  chargingSchedule: { chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: 10.0 }] },
});
const installed = (cpId: string) => h.csms.repos.chargingProfiles.installed(cpId).map((p) => [p.connectorId, p.profile.chargingProfileId]);

describe('Smart Charging', () => {
  test('TC_056_CSMS TxDefaultProfile → Accepted and kept as installed', async () => {
    const cp = await aBootedStation(h, 'TC056');
    const payload = { connectorId: 1, csChargingProfiles: txDefault(56, 0) };
    const { received: req, answer } = await operator(cp, 'SetChargingProfile', payload);
    assert.deepEqual(req, payload);
    assert.equal(answer.status, 'Accepted');
    assert.deepEqual(installed('TC056'), [[1, 56]]);
  });

  test('TC_057_CSMS TxProfile with the transactionId the CSMS issued; gone when the transaction ends', async () => {
    const cp = await aBootedStation(h, 'TC057');
    const txId = await cp.startSession({ connectorId: 1, idTag: TAGS.valid });
    const { answer } = await operator(cp, 'SetChargingProfile', { connectorId: 1, csChargingProfiles: txProfile(57, txId) });
    assert.equal(answer.status, 'Accepted');
    assert.deepEqual(installed('TC057'), [[1, 57]]);
    await cp.stopSession({ connectorId: 1, reason: 'Local' });
    await eventually(() => installed('TC057').length === 0, 5_000, 'TxProfile dropped');
  });

  test('TC_059_CSMS Remote Start with a charging profile (Relative, no transactionId)', async () => {
    const cp = await aBootedStation(h, 'TC059');
    const payload = { idTag: TAGS.valid, connectorId: 1, chargingProfile: txProfile(59) };
    const { received: req, answer } = await operator(cp, 'RemoteStartTransaction', payload);
    assert.deepEqual(req, payload);
    assert.equal(answer.status, 'Accepted');
    assert.deepEqual(installed('TC059'), [[1, 59]]);
    await eventually(() => h.csms.repos.transactions.openOnConnector('TC059', 1).length === 1, 5_000, 'transaction started');
  });

  test('TC_066_CSMS Get Composite Schedule: answer stored per connector', async () => {
    const cp = await aBootedStation(h, 'TC066');
    await operator(cp, 'SetChargingProfile', { connectorId: 1, csChargingProfiles: txDefault(66, 0) });
    const payload = { connectorId: 1, duration: 3600, chargingRateUnit: 'A' };
    const { received: req, answer } = await operator(cp, 'GetCompositeSchedule', payload);
    assert.deepEqual(req, payload);
    assert.equal(answer.status, 'Accepted');
    const stored = h.csms.repos.chargingProfiles.compositeSchedule('TC066', 1)!;
    assert.deepEqual(stored.answer, answer);
    assert.deepEqual(stored.request, payload);
  });

  test('TC_067_CSMS Clear Charging Profile: by id, by criteria, all', async () => {
    const cp = await aBootedStation(h, 'TC067');
    for (const [id, level] of [
      [671, 0],
      [672, 1],
      [673, 2],
    ] as const) {
      assert.equal(
        (await operator(cp, 'SetChargingProfile', { connectorId: 1, csChargingProfiles: txDefault(id, level) })).answer.status,
        'Accepted',
      );
    }
    assert.deepEqual(installed('TC067'), [
      [1, 671],
      [1, 672],
      [1, 673],
    ]);
    assert.equal((await operator(cp, 'ClearChargingProfile', { id: 671 })).answer.status, 'Accepted');
    assert.deepEqual(installed('TC067'), [
      [1, 672],
      [1, 673],
    ]);
    const criteria = { connectorId: 1, chargingProfilePurpose: 'TxDefaultProfile', stackLevel: 1 };
    assert.equal((await operator(cp, 'ClearChargingProfile', criteria)).answer.status, 'Accepted');
    assert.deepEqual(installed('TC067'), [[1, 673]]);
    const all = await operator(cp, 'ClearChargingProfile', {});
    assert.deepEqual(all.received, {});
    assert.equal(all.answer.status, 'Accepted');
    assert.deepEqual(installed('TC067'), []);
  });
});

describe('Security', () => {
  test('TC_073_CSMS Update the Basic-auth password: new key accepted (bytes or hex), old one refused', async () => {
    const oldPassword = 'old-password-0123';
    await h.csms.services.stations.upsert({ id: 'TC073', registrationStatus: 'Accepted', password: oldPassword });
    const cp = await aBootedStation(h, 'TC073', { password: oldPassword });
    const newPassword = Buffer.from('new-password-98765', 'utf8');
    const hex = newPassword.toString('hex');
    const { received: req, answer } = await operator(cp, 'ChangeConfiguration', { key: 'AuthorizationKey', value: hex });
    assert.deepEqual(req, { key: 'AuthorizationKey', value: hex });
    assert.equal(answer.status, 'Accepted');
    const row = h.csms.repos.chargePoints.get('TC073')!;
    assert.equal(row.security_profile, 1);
    assert.equal(parseAuthSecrets(row).length, 2);
    const snapshotEntry = h.csms.repos.configurationSnapshots.get('TC073')?.entries.find((e) => e.key === 'AuthorizationKey');
    assert.ok(snapshotEntry && snapshotEntry.value === undefined, 'the key is never stored');
    await cp.close();
    const withNew = await aStation(h, 'TC073', { password: newPassword });
    await withNew.connect();
    await withNew.close();
    const withHex = await aStation(h, 'TC073', { password: hex });
    await withHex.connect();
    await withHex.close();
    const withOld = await aStation(h, 'TC073', { password: oldPassword });
    await assert.rejects(withOld.connect(), (err: { statusCode?: number }) => err.statusCode === 401);
  });

  for (const [tc, certificateType, pem] of [
    ['TC_075_1_CSMS', 'ManufacturerRootCertificate', MANUFACTURER_PEM],
    ['TC_075_2_CSMS', 'CentralSystemRootCertificate', ROOT_PEM],
  ] as const) {
    test(`${tc} Install certificate ${certificateType}, then GetInstalledCertificateIds: hash data stored`, async () => {
      const id = `${tc}-C`;
      const cp = await aBootedStation(h, id);
      const install = await operator(cp, 'InstallCertificate', { certificateType, certificate: pem });
      assert.equal(install.received.certificateType, certificateType);
      assert.equal(install.answer.status, 'Accepted');
      const ids = await operator(cp, 'GetInstalledCertificateIds', { certificateType });
      assert.equal(ids.answer.status, 'Accepted');
      const [stored] = h.csms.repos.installedCertificates.list(id);
      assert.equal(stored!.certificateType, certificateType);
      assert.deepEqual(stored!.hashData, ids.answer.certificateHashData);
    });
  }

  test('TC_076_CSMS Delete a specific certificate with the hash data the station reported', async () => {
    const cp = await aBootedStation(h, 'TC076');
    await operator(cp, 'InstallCertificate', { certificateType: 'CentralSystemRootCertificate', certificate: ROOT_PEM });
    await operator(cp, 'GetInstalledCertificateIds', { certificateType: 'CentralSystemRootCertificate' });
    const [stored] = h.csms.repos.installedCertificates.list('TC076');
    const hash = stored!.hashData[0]! as JsonObject;
    const del = await operator(cp, 'DeleteCertificate', { certificateHashData: hash });
    assert.deepEqual(del.received, { certificateHashData: hash });
    assert.equal(del.answer.status, 'Accepted');
    assert.deepEqual(h.csms.repos.installedCertificates.list('TC076')[0]!.hashData, []);
  });

  test('TC_079_CSMS Get Security Log: requestId defaulted; Uploading, Uploaded', async () => {
    const cp = await aBootedStation(h, 'TC079');
    const { received: req, answer } = await operator(cp, 'GetLog', { logType: 'SecurityLog', log: { remoteLocation: uploadUrl } });
    assert.equal(req.requestId, 1);
    assert.equal(answer.status, 'Accepted');
    await eventually(() => statuses('TC079').includes('Uploaded'), 5_000, 'Uploaded');
    assert.deepEqual(statuses('TC079'), ['Uploading', 'Uploaded']);
    assert.equal(h.csms.repos.fileJobs.list('TC079')[0]!.requestId, 1);
  });

  const signed = (requestId: number, signature: string): JsonObject => ({
    requestId,
    firmware: {
      location: 'sim://firmware/signed-2.0.bin',
      retrieveDateTime: new Date().toISOString(),
      signingCertificate: MANUFACTURER_PEM,
      signature,
    },
  });

  test('TC_080_CSMS Secure Firmware Update: the whole SignedFirmwareStatusNotification timeline', async () => {
    const cp = await aBootedStation(h, 'TC080');
    const { answer } = await operator(cp, 'SignedUpdateFirmware', signed(80, 'c2lnbmF0dXJl'));
    assert.equal(answer.status, 'Accepted');
    await eventually(() => statuses('TC080').includes('Installed'), 5_000, 'Installed');
    assert.deepEqual(statuses('TC080'), ['Downloading', 'Downloaded', 'SignatureVerified', 'Installing', 'InstallRebooting', 'Installed']);
  });

  test('TC_081_CSMS Secure Firmware Update – invalid signature', async () => {
    const cp = await aBootedStation(h, 'TC081', { verifyFirmwareSignature: true });
    const { received: req, answer } = await operator(cp, 'SignedUpdateFirmware', signed(81, 'bm90LWEtc2lnbmF0dXJl'));
    assert.equal((req.firmware as JsonObject).signature, 'bm90LWEtc2lnbmF0dXJl');
    assert.equal(answer.status, 'Accepted');
    await eventually(() => statuses('TC081').includes('InvalidSignature'), 5_000, 'InvalidSignature');
    assert.deepEqual(statuses('TC081'), ['Downloading', 'Downloaded', 'InvalidSignature']);
  });
});
