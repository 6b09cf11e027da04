/**
 * Payload validation and the OCPP-J 1.6 §4.2.3 error-code mapping.
 *
 * The two sample tables below hold one valid payload per action and double as documentation of what each
 * message looks like. They are typed with OcppRequest/OcppResponse, so a sample that drifts from the schema's
 * type fails the type check as well as the test.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CENTRAL_SYSTEM_ACTIONS,
  CHARGE_POINT_ACTIONS,
  OCPP_ACTIONS,
  createOcppValidator,
  errorCodeForKeyword,
  type CertificateHashData,
  type ChargingProfile,
  type OcppAction,
  type OcppRequest,
  type OcppResponse,
  type ValidationOutcome,
} from '../../shared/ocpp/index.js';

const NOW = '2024-01-01T10:00:00Z';
const HASH: CertificateHashData = { hashAlgorithm: 'SHA256', issuerNameHash: 'a1b2c3', issuerKeyHash: 'd4e5f6', serialNumber: '0123abcd' };
const PROFILE: ChargingProfile = {
  chargingProfileId: 7,
  stackLevel: 0,
  chargingProfilePurpose: 'TxProfile',
  chargingProfileKind: 'Absolute',
  chargingSchedule: {
    chargingRateUnit: 'A',
    startSchedule: NOW,
    chargingSchedulePeriod: [
      { startPeriod: 0, limit: 16.1 },
      { startPeriod: 3600, limit: 32, numberPhases: 3 },
    ],
  },
};

const requestSamples: { [A in OcppAction]: OcppRequest<A> } = {
  // Charge Point → Central System
  Authorize: { idTag: 'ABCDEF1234' },
  BootNotification: {
    chargePointVendor: 'Acme',
    chargePointModel: 'Wallbox 22',
    chargePointSerialNumber: 'SN-0001',
    firmwareVersion: '1.2.3',
    meterType: 'Acme meter',
  },
  DataTransfer: { vendorId: 'com.acme', messageId: 'Hello', data: '{"any":"text"}' },
  Heartbeat: {},
  MeterValues: {
    connectorId: 1,
    transactionId: 42,
    meterValue: [
      {
        timestamp: NOW,
        sampledValue: [
          { value: '1234.5', measurand: 'Energy.Active.Import.Register', unit: 'Wh', context: 'Sample.Periodic' },
          { value: '21.5', measurand: 'Temperature', unit: 'Celsius', location: 'Body' },
          { value: '16', measurand: 'Current.Import', unit: 'A', phase: 'L1' },
        ],
      },
    ],
  },
  StartTransaction: { connectorId: 1, idTag: 'ABCDEF1234', meterStart: 0, timestamp: NOW },
  StatusNotification: { connectorId: 1, errorCode: 'NoError', status: 'Available', timestamp: NOW },
  StopTransaction: { transactionId: 42, meterStop: 2000, timestamp: NOW, idTag: 'ABCDEF1234', reason: 'Local' },
  DiagnosticsStatusNotification: { status: 'Uploaded' },
  FirmwareStatusNotification: { status: 'Installed' },
  LogStatusNotification: { status: 'Uploading', requestId: 3 },
  SecurityEventNotification: { type: 'FirmwareUpdated', timestamp: NOW, techInfo: 'v1.2.3' },
  SignCertificate: { csr: '-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----' },
  SignedFirmwareStatusNotification: { status: 'SignatureVerified', requestId: 5 },
  // Central System → Charge Point
  ChangeAvailability: { connectorId: 0, type: 'Inoperative' },
  ChangeConfiguration: { key: 'HeartbeatInterval', value: '300' },
  ClearCache: {},
  GetConfiguration: { key: ['HeartbeatInterval', 'MeterValueSampleInterval'] },
  RemoteStartTransaction: { connectorId: 1, idTag: 'ABCDEF1234', chargingProfile: PROFILE },
  RemoteStopTransaction: { transactionId: 42 },
  Reset: { type: 'Soft' },
  UnlockConnector: { connectorId: 1 },
  GetDiagnostics: { location: 'ftp://user:secret@diag.example.com/uploads/', retries: 3, retryInterval: 60, startTime: NOW },
  UpdateFirmware: { location: 'https://fw.example.com/acme-1.2.4.bin', retrieveDate: NOW, retries: 2, retryInterval: 30 },
  GetLocalListVersion: {},
  SendLocalList: {
    listVersion: 2,
    updateType: 'Differential',
    localAuthorizationList: [
      { idTag: 'ABCDEF1234', idTagInfo: { status: 'Accepted', expiryDate: '2025-01-01T00:00:00Z', parentIdTag: 'GROUP1' } },
      { idTag: 'REMOVEME' },
    ],
  },
  ReserveNow: { connectorId: 1, expiryDate: NOW, idTag: 'ABCDEF1234', reservationId: 9 },
  CancelReservation: { reservationId: 9 },
  TriggerMessage: { requestedMessage: 'StatusNotification', connectorId: 1 },
  SetChargingProfile: { connectorId: 1, csChargingProfiles: PROFILE },
  ClearChargingProfile: { chargingProfilePurpose: 'TxDefaultProfile', stackLevel: 0 },
  GetCompositeSchedule: { connectorId: 1, duration: 3600, chargingRateUnit: 'W' },
  CertificateSigned: { certificateChain: '-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----' },
  DeleteCertificate: { certificateHashData: HASH },
  ExtendedTriggerMessage: { requestedMessage: 'SignChargePointCertificate' },
  GetInstalledCertificateIds: { certificateType: 'CentralSystemRootCertificate' },
  GetLog: { log: { remoteLocation: 'https://logs.example.com/upload', oldestTimestamp: NOW }, logType: 'SecurityLog', requestId: 4 },
  InstallCertificate: { certificateType: 'ManufacturerRootCertificate', certificate: '-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----' },
  SignedUpdateFirmware: {
    requestId: 6,
    retries: 1,
    firmware: {
      location: 'https://fw.example.com/acme-1.2.4.bin',
      retrieveDateTime: NOW,
      installDateTime: '2024-01-01T12:00:00Z',
      signingCertificate: '-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----',
      signature: 'c2lnbmF0dXJl',
    },
  },
};

const responseSamples: { [A in OcppAction]: OcppResponse<A> } = {
  Authorize: { idTagInfo: { status: 'Accepted', expiryDate: '2024-12-31T23:59:59.999Z' } },
  BootNotification: { status: 'Accepted', currentTime: NOW, interval: 300 },
  DataTransfer: { status: 'UnknownVendorId' },
  Heartbeat: { currentTime: NOW },
  MeterValues: {},
  StartTransaction: { idTagInfo: { status: 'Accepted' }, transactionId: 42 },
  StatusNotification: {},
  StopTransaction: { idTagInfo: { status: 'Invalid' } },
  DiagnosticsStatusNotification: {},
  FirmwareStatusNotification: {},
  LogStatusNotification: {},
  SecurityEventNotification: {},
  SignCertificate: { status: 'Accepted' },
  SignedFirmwareStatusNotification: {},
  ChangeAvailability: { status: 'Scheduled' },
  ChangeConfiguration: { status: 'RebootRequired' },
  ClearCache: { status: 'Accepted' },
  GetConfiguration: {
    configurationKey: [
      { key: 'HeartbeatInterval', readonly: false, value: '300' },
      { key: 'ChargeProfileMaxStackLevel', readonly: true },
    ],
    unknownKey: ['NoSuchKey'],
  },
  RemoteStartTransaction: { status: 'Accepted' },
  RemoteStopTransaction: { status: 'Rejected' },
  Reset: { status: 'Accepted' },
  UnlockConnector: { status: 'Unlocked' },
  GetDiagnostics: { fileName: 'diagnostics-2024-01-01.zip' },
  UpdateFirmware: {},
  GetLocalListVersion: { listVersion: -1 },
  SendLocalList: { status: 'VersionMismatch' },
  ReserveNow: { status: 'Occupied' },
  CancelReservation: { status: 'Accepted' },
  TriggerMessage: { status: 'NotImplemented' },
  SetChargingProfile: { status: 'NotSupported' },
  ClearChargingProfile: { status: 'Unknown' },
  GetCompositeSchedule: {
    status: 'Accepted',
    connectorId: 1,
    scheduleStart: NOW,
    chargingSchedule: { chargingRateUnit: 'W', duration: 3600, chargingSchedulePeriod: [{ startPeriod: 0, limit: 7400 }] },
  },
  CertificateSigned: { status: 'Rejected' },
  DeleteCertificate: { status: 'NotFound' },
  ExtendedTriggerMessage: { status: 'Accepted' },
  GetInstalledCertificateIds: { status: 'Accepted', certificateHashData: [HASH] },
  GetLog: { status: 'Accepted', filename: 'security.log' },
  InstallCertificate: { status: 'Failed' },
  SignedUpdateFirmware: { status: 'InvalidCertificate' },
};

const validator = createOcppValidator();

function assertValid(outcome: ValidationOutcome, label: string) {
  assert.deepEqual(outcome, { ok: true }, `${label}: ${outcome.ok ? '' : outcome.description}`);
}

function assertInvalid(outcome: ValidationOutcome, code: string, path?: string) {
  assert.equal(outcome.ok, false, 'expected a validation failure');
  if (outcome.ok) return;
  assert.equal(outcome.code, code, outcome.description);
  if (code !== 'NotImplemented') assert.ok(outcome.issues.length >= 1, 'a schema failure lists its ajv errors');
  if (path !== undefined) {
    assert.equal(outcome.issues[0]!.path, path);
    assert.ok(outcome.description.startsWith(path), `description "${outcome.description}" should name ${path}`);
  }
}

describe('valid samples', () => {
  for (const action of CHARGE_POINT_ACTIONS) {
    test(`Charge Point request ${action} passes`, () => assertValid(validator.request(action, requestSamples[action]), action));
  }
  for (const action of CENTRAL_SYSTEM_ACTIONS) {
    test(`Central System request ${action} passes`, () => assertValid(validator.request(action, requestSamples[action]), action));
  }
  test('every response sample passes', () => {
    for (const action of OCPP_ACTIONS) assertValid(validator.response(action, responseSamples[action]), `${action}.conf`);
  });
});

describe('error code mapping (OCPP-J 1.6 §4.2.3)', () => {
  test('missing required field → OccurenceConstraintViolation', () => {
    const outcome = validator.request('Authorize', {});
    assertInvalid(outcome, 'OccurenceConstraintViolation', '/idTag');
  });

  test('wrong JSON type → TypeConstraintViolation', () => {
    assertInvalid(validator.request('UnlockConnector', { connectorId: '1' }), 'TypeConstraintViolation', '/connectorId');
    assertInvalid(validator.request('MeterValues', { connectorId: 1.5, meterValue: [] }), 'TypeConstraintViolation', '/connectorId');
  });

  test('string too long → PropertyConstraintViolation', () => {
    const outcome = validator.request('Authorize', { idTag: 'X'.repeat(21) });
    assertInvalid(outcome, 'PropertyConstraintViolation', '/idTag');
    assert.equal(outcome.ok || outcome.description, '/idTag must NOT have more than 20 characters');
    assertValid(validator.request('Authorize', { idTag: 'X'.repeat(20) }), '20 characters');
  });

  test('unknown enum value → PropertyConstraintViolation', () => {
    const outcome = validator.request('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Busy' });
    assertInvalid(outcome, 'PropertyConstraintViolation', '/status');
    assert.ok(!outcome.ok && outcome.description.includes('SuspendedEVSE'), 'the description lists the allowed values');
    // Enumerations are case-sensitive.
    assertInvalid(validator.request('Reset', { type: 'hard' }), 'PropertyConstraintViolation', '/type');
  });

  test('extra field → FormationViolation, at any depth', () => {
    assertInvalid(validator.request('Heartbeat', { foo: 1 }), 'FormationViolation', '/foo');
    assertInvalid(validator.response('Authorize', { idTagInfo: { status: 'Accepted', groupId: 'x' } }), 'FormationViolation', '/idTagInfo/groupId');
  });

  test('bad date-time and bad URI → PropertyConstraintViolation', () => {
    assertInvalid(validator.response('Heartbeat', { currentTime: 'yesterday' }), 'PropertyConstraintViolation', '/currentTime');
    assertInvalid(validator.response('Heartbeat', { currentTime: '2024-01-01T10:00:00' }), 'PropertyConstraintViolation');
    assertInvalid(validator.request('UpdateFirmware', { location: 'not a uri', retrieveDate: NOW }), 'PropertyConstraintViolation', '/location');
  });

  test('limit not a multiple of 0.1 → PropertyConstraintViolation', () => {
    const profile = structuredClone(requestSamples.SetChargingProfile) as {
      csChargingProfiles: { chargingSchedule: { chargingSchedulePeriod: Array<{ limit: number }> } };
    };
    profile.csChargingProfiles.chargingSchedule.chargingSchedulePeriod[0]!.limit = 6.25;
    assertInvalid(
      validator.request('SetChargingProfile', profile),
      'PropertyConstraintViolation',
      '/csChargingProfiles/chargingSchedule/chargingSchedulePeriod/0/limit',
    );
  });

  test('empty certificate list → PropertyConstraintViolation (minItems)', () => {
    assertInvalid(validator.response('GetInstalledCertificateIds', { status: 'Accepted', certificateHashData: [] }), 'PropertyConstraintViolation');
  });

  test('a payload that is not an object → TypeConstraintViolation', () => {
    assertInvalid(validator.request('Heartbeat', []), 'TypeConstraintViolation', '');
    assertInvalid(validator.request('Heartbeat', null), 'TypeConstraintViolation', '');
  });

  test('unknown action → NotImplemented', () => {
    const outcome = validator.request('FlyToTheMoon' as OcppAction, {});
    assertInvalid(outcome, 'NotImplemented');
    assert.deepEqual(outcome.ok || outcome.issues, [], 'nothing was validated');
  });

  test('keyword table', () => {
    assert.equal(errorCodeForKeyword('type'), 'TypeConstraintViolation');
    assert.equal(errorCodeForKeyword('required'), 'OccurenceConstraintViolation');
    assert.equal(errorCodeForKeyword('additionalProperties'), 'FormationViolation');
    for (const keyword of [
      'enum',
      'const',
      'maxLength',
      'minLength',
      'minimum',
      'maximum',
      'exclusiveMinimum',
      'multipleOf',
      'format',
      'pattern',
      'minItems',
      'maxItems',
      'uniqueItems',
    ]) {
      assert.equal(errorCodeForKeyword(keyword), 'PropertyConstraintViolation', keyword);
    }
    assert.equal(errorCodeForKeyword('anyOf'), 'FormationViolation');
  });
});

describe('errata', () => {
  test('StopTransaction without reason is valid', () => {
    assertValid(validator.request('StopTransaction', { transactionId: 1, meterStop: 0, timestamp: NOW }), 'no reason');
  });

  test('both Celsius and Celcius are accepted, in MeterValues and in StopTransaction.transactionData', () => {
    for (const unit of ['Celsius', 'Celcius']) {
      const meterValue = [{ timestamp: NOW, sampledValue: [{ value: '25', measurand: 'Temperature', unit }] }];
      assertValid(validator.request('MeterValues', { connectorId: 1, meterValue }), `MeterValues ${unit}`);
      assertValid(
        validator.request('StopTransaction', { transactionId: 1, meterStop: 0, timestamp: NOW, transactionData: meterValue }),
        `StopTransaction ${unit}`,
      );
    }
    assertInvalid(
      validator.request('MeterValues', { connectorId: 1, meterValue: [{ timestamp: NOW, sampledValue: [{ value: '25', unit: 'celsius' }] }] }),
      'PropertyConstraintViolation',
    );
  });

  test('BootNotification.conf interval must be an integer', () => {
    assertInvalid(
      validator.response('BootNotification', { status: 'Accepted', currentTime: NOW, interval: 300.5 }),
      'TypeConstraintViolation',
      '/interval',
    );
    assertInvalid(
      validator.response('BootNotification', { status: 'Accepted', currentTime: NOW, interval: '300' }),
      'TypeConstraintViolation',
      '/interval',
    );
  });

  test('UpdateFirmware retries and retryInterval must be integers', () => {
    assertInvalid(
      validator.request('UpdateFirmware', { location: 'https://x.example/fw', retrieveDate: NOW, retries: 1.5 }),
      'TypeConstraintViolation',
      '/retries',
    );
    assertInvalid(
      validator.request('UpdateFirmware', { location: 'https://x.example/fw', retrieveDate: NOW, retryInterval: 0.5 }),
      'TypeConstraintViolation',
      '/retryInterval',
    );
  });

  test('SendLocalList: idTagInfo is optional, but when present its status is required', () => {
    assertValid(validator.request('SendLocalList', { listVersion: 1, updateType: 'Full' }), 'empty full list');
    assertValid(
      validator.request('SendLocalList', { listVersion: 3, updateType: 'Differential', localAuthorizationList: [{ idTag: 'A' }] }),
      'delete entry',
    );
    assertInvalid(
      validator.request('SendLocalList', { listVersion: 3, updateType: 'Full', localAuthorizationList: [{ idTag: 'A', idTagInfo: {} }] }),
      'OccurenceConstraintViolation',
      '/localAuthorizationList/0/idTagInfo/status',
    );
  });
});

describe('date-time leniency (OCPP 1.6 "Time notations")', () => {
  for (const currentTime of ['2024-01-01T10:00:00Z', '2024-01-01T10:00:00.123Z', '2024-01-01T10:00:00+02:00', '2024-01-01T10:00:00.5-05:30']) {
    test(`accepts ${currentTime}`, () => assertValid(validator.response('Heartbeat', { currentTime }), currentTime));
  }
});

describe('no coercion, no defaults', () => {
  test('the payload is not modified', () => {
    const payload = { connectorId: 1, errorCode: 'NoError', status: 'Available' };
    const before = structuredClone(payload);
    validator.request('StatusNotification', payload);
    assert.deepEqual(payload, before);
  });

  test('numeric strings and booleans are not coerced', () => {
    assertInvalid(validator.response('GetConfiguration', { configurationKey: [{ key: 'A', readonly: 'true' }] }), 'TypeConstraintViolation');
    assertInvalid(validator.request('RemoteStopTransaction', { transactionId: '42' }), 'TypeConstraintViolation');
  });
});

describe('cost', () => {
  test('createOcppValidator is cheap and validators share compiled schemas', () => {
    const started = performance.now();
    for (let i = 0; i < 1000; i++) createOcppValidator();
    assert.ok(performance.now() - started < 200, 'creating validators should not compile anything');
    const other = createOcppValidator();
    assertValid(other.request('Authorize', requestSamples.Authorize), 'second validator');
  });
});
