/**
 * The OCPP 1.6J message registry: completeness, shape of the schemas, exported enumerations, derived types,
 * and OCPP timestamp formatting.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TSchema } from '@sinclair/typebox';
import {
  AUTHORIZATION_STATUSES,
  CENTRAL_SYSTEM_ACTIONS,
  CHARGE_POINT_ACTIONS,
  CHARGE_POINT_ERROR_CODES,
  CHARGE_POINT_STATUSES,
  CHARGING_PROFILE_PURPOSES,
  MEASURANDS,
  MESSAGE_TRIGGERS,
  OCPP_ACTIONS,
  OCPP_PROFILES,
  REASONS,
  UNITS_OF_MEASURE,
  createOcppValidator,
  formatOcppDateTime,
  isOcppAction,
  ocppMessages,
  type CentralSystemAction,
  type ChargePointAction,
  type ChargePointStatus,
  type OcppAction,
  type OcppRequest,
  type OcppResponse,
} from '../../shared/ocpp/index.js';

/** Every action named by OCPP 1.6 (§4, §5) and the security white paper, with its profile and initiator. */
const EXPECTED: Record<string, [profile: string, initiator: 'ChargePoint' | 'CentralSystem' | 'Both']> = {
  Authorize: ['Core', 'ChargePoint'],
  BootNotification: ['Core', 'ChargePoint'],
  ChangeAvailability: ['Core', 'CentralSystem'],
  ChangeConfiguration: ['Core', 'CentralSystem'],
  ClearCache: ['Core', 'CentralSystem'],
  DataTransfer: ['Core', 'Both'],
  GetConfiguration: ['Core', 'CentralSystem'],
  Heartbeat: ['Core', 'ChargePoint'],
  MeterValues: ['Core', 'ChargePoint'],
  RemoteStartTransaction: ['Core', 'CentralSystem'],
  RemoteStopTransaction: ['Core', 'CentralSystem'],
  Reset: ['Core', 'CentralSystem'],
  StartTransaction: ['Core', 'ChargePoint'],
  StatusNotification: ['Core', 'ChargePoint'],
  StopTransaction: ['Core', 'ChargePoint'],
  UnlockConnector: ['Core', 'CentralSystem'],
  GetDiagnostics: ['FirmwareManagement', 'CentralSystem'],
  DiagnosticsStatusNotification: ['FirmwareManagement', 'ChargePoint'],
  FirmwareStatusNotification: ['FirmwareManagement', 'ChargePoint'],
  UpdateFirmware: ['FirmwareManagement', 'CentralSystem'],
  GetLocalListVersion: ['LocalAuthListManagement', 'CentralSystem'],
  SendLocalList: ['LocalAuthListManagement', 'CentralSystem'],
  ReserveNow: ['Reservation', 'CentralSystem'],
  CancelReservation: ['Reservation', 'CentralSystem'],
  TriggerMessage: ['RemoteTrigger', 'CentralSystem'],
  SetChargingProfile: ['SmartCharging', 'CentralSystem'],
  ClearChargingProfile: ['SmartCharging', 'CentralSystem'],
  GetCompositeSchedule: ['SmartCharging', 'CentralSystem'],
  CertificateSigned: ['Security', 'CentralSystem'],
  DeleteCertificate: ['Security', 'CentralSystem'],
  ExtendedTriggerMessage: ['Security', 'CentralSystem'],
  GetInstalledCertificateIds: ['Security', 'CentralSystem'],
  GetLog: ['Security', 'CentralSystem'],
  InstallCertificate: ['Security', 'CentralSystem'],
  LogStatusNotification: ['Security', 'ChargePoint'],
  SecurityEventNotification: ['Security', 'ChargePoint'],
  SignCertificate: ['Security', 'ChargePoint'],
  SignedFirmwareStatusNotification: ['Security', 'ChargePoint'],
  SignedUpdateFirmware: ['Security', 'CentralSystem'],
};

/** Every sub-schema that describes an object, found by walking properties and array items. */
function objectSchemas(schema: TSchema, path = ''): Array<[string, TSchema]> {
  const found: Array<[string, TSchema]> = [];
  if (schema.type === 'object') {
    found.push([path || '/', schema]);
    for (const [name, child] of Object.entries((schema.properties ?? {}) as Record<string, TSchema>)) {
      found.push(...objectSchemas(child, `${path}/${name}`));
    }
  }
  if (schema.type === 'array' && schema.items) found.push(...objectSchemas(schema.items as TSchema, `${path}/*`));
  return found;
}

describe('action registry', () => {
  test('lists exactly the OCPP 1.6J and security white paper actions, with profile and initiator', () => {
    assert.deepEqual([...OCPP_ACTIONS].sort(), Object.keys(EXPECTED).sort());
    for (const action of OCPP_ACTIONS) {
      const [profile, initiator] = EXPECTED[action]!;
      assert.equal(ocppMessages[action].profile, profile, action);
      assert.equal(ocppMessages[action].initiator, initiator, action);
      assert.ok((OCPP_PROFILES as readonly string[]).includes(ocppMessages[action].profile), action);
    }
  });

  test('DataTransfer belongs to both directions; every other action to exactly one', () => {
    assert.ok(CHARGE_POINT_ACTIONS.includes('DataTransfer'), 'CP may send DataTransfer');
    assert.ok(CENTRAL_SYSTEM_ACTIONS.includes('DataTransfer'), 'CS may send DataTransfer');
    assert.equal(CHARGE_POINT_ACTIONS.length + CENTRAL_SYSTEM_ACTIONS.length, OCPP_ACTIONS.length + 1);
    assert.ok(CHARGE_POINT_ACTIONS.includes('BootNotification'), 'BootNotification is CP-initiated');
    assert.ok(!CHARGE_POINT_ACTIONS.includes('RemoteStartTransaction' as ChargePointAction), 'RemoteStart is not CP-initiated');
    assert.ok(CENTRAL_SYSTEM_ACTIONS.includes('RemoteStartTransaction'), 'RemoteStart is CS-initiated');
    assert.ok(!CENTRAL_SYSTEM_ACTIONS.includes('Authorize' as CentralSystemAction), 'Authorize is not CS-initiated');
  });

  test('isOcppAction recognises actions and ignores inherited names', () => {
    assert.equal(isOcppAction('Heartbeat'), true);
    assert.equal(isOcppAction('heartbeat'), false);
    assert.equal(isOcppAction('toString'), false);
    assert.equal(isOcppAction('__proto__'), false);
  });

  test('every request and response schema has a urn:ocpp16 $id and compiles', () => {
    const validator = createOcppValidator();
    const ids = new Set<string>();
    for (const action of OCPP_ACTIONS) {
      const { request, response } = ocppMessages[action];
      assert.equal(request.$id, `urn:ocpp16:${action}.req`);
      assert.equal(response.$id, `urn:ocpp16:${action}.conf`);
      ids.add(request.$id).add(response.$id);
      // Compiling happens on first use; an uncompilable schema (e.g. a strict-mode violation) would throw here.
      assert.doesNotThrow(() => validator.request(action, {}), action);
      assert.doesNotThrow(() => validator.response(action, {}), action);
    }
    assert.equal(ids.size, OCPP_ACTIONS.length * 2);
  });

  test('every object, at any depth, forbids additional properties (OCPP-J errata §3.2)', () => {
    for (const action of OCPP_ACTIONS) {
      for (const side of ['request', 'response'] as const) {
        for (const [path, schema] of objectSchemas(ocppMessages[action][side])) {
          assert.equal(schema.additionalProperties, false, `${action}.${side} ${path}`);
        }
      }
    }
  });
});

describe('schema facts', () => {
  test('CiString lengths follow the spec', () => {
    const boot = ocppMessages.BootNotification.request.properties;
    assert.equal(boot.chargePointVendor.maxLength, 20);
    assert.equal(boot.chargePointModel.maxLength, 20);
    assert.equal(boot.chargePointSerialNumber.maxLength, 25);
    assert.equal(boot.chargeBoxSerialNumber.maxLength, 25);
    assert.equal(boot.firmwareVersion.maxLength, 50);
    assert.equal(boot.meterType.maxLength, 25);
    assert.equal(ocppMessages.Authorize.request.properties.idTag.maxLength, 20);
    assert.equal(ocppMessages.ChangeConfiguration.request.properties.key.maxLength, 50);
    assert.equal(ocppMessages.ChangeConfiguration.request.properties.value.maxLength, 500);
    assert.equal(ocppMessages.DataTransfer.request.properties.vendorId.maxLength, 255);
    assert.equal(ocppMessages.DataTransfer.request.properties.messageId.maxLength, 50);
  });

  test('ids and counters are integers, charging limits decimals in steps of 0.1', () => {
    assert.equal(ocppMessages.StartTransaction.response.properties.transactionId.type, 'integer');
    assert.equal(ocppMessages.BootNotification.response.properties.interval.type, 'integer');
    assert.equal(ocppMessages.UpdateFirmware.request.properties.retries.type, 'integer');
    assert.equal(ocppMessages.UpdateFirmware.request.properties.retryInterval.type, 'integer');
    const period =
      ocppMessages.SetChargingProfile.request.properties.csChargingProfiles.properties.chargingSchedule.properties.chargingSchedulePeriod.items;
    assert.equal(period.properties.limit.type, 'number');
    assert.equal(period.properties.limit.multipleOf, 0.1);
  });

  test('StopTransaction.req does not require reason', () => {
    assert.deepEqual([...(ocppMessages.StopTransaction.request.required ?? [])].sort(), ['meterStop', 'timestamp', 'transactionId']);
  });

  test('dates and URIs carry their formats', () => {
    assert.equal(ocppMessages.Heartbeat.response.properties.currentTime.format, 'date-time');
    assert.equal(ocppMessages.UpdateFirmware.request.properties.location.format, 'uri');
    assert.equal(ocppMessages.GetDiagnostics.request.properties.location.format, 'uri');
  });
});

describe('enumerations for drop-downs', () => {
  test('are exported as arrays with the exact spec values', () => {
    assert.deepEqual([...AUTHORIZATION_STATUSES], ['Accepted', 'Blocked', 'Expired', 'Invalid', 'ConcurrentTx']);
    assert.equal(CHARGE_POINT_STATUSES.length, 9);
    assert.equal(CHARGE_POINT_ERROR_CODES.length, 16);
    assert.equal(REASONS.length, 11);
    assert.equal(MEASURANDS.length, 22);
    assert.ok(UNITS_OF_MEASURE.includes('Celsius') && UNITS_OF_MEASURE.includes('Celcius'), 'both spellings');
    assert.deepEqual([...CHARGING_PROFILE_PURPOSES], ['ChargePointMaxProfile', 'TxDefaultProfile', 'TxProfile']);
    assert.ok(MESSAGE_TRIGGERS.includes('DiagnosticsStatusNotification'), 'DiagnosticsStatusNotification can be triggered');
  });

  test('are the very values the schemas validate against', () => {
    const status = ocppMessages.StatusNotification.request.properties.status as unknown as { enum: string[] };
    assert.deepEqual(status.enum, [...CHARGE_POINT_STATUSES]);
  });
});

describe('derived types', () => {
  test('OcppRequest / OcppResponse follow the schemas (checked by the compiler)', () => {
    const authorize: OcppRequest<'Authorize'> = { idTag: 'ABC123' };
    const idTag: string = authorize.idTag;
    const conf: OcppResponse<'Authorize'> = { idTagInfo: { status: 'Accepted' } };
    const stop: OcppRequest<'StopTransaction'> = { transactionId: 1, meterStop: 10, timestamp: '2024-01-01T10:00:00Z' };
    const status: ChargePointStatus = 'Charging';
    const cpAction: ChargePointAction = 'DataTransfer';
    const csAction: CentralSystemAction = 'DataTransfer';
    const action: OcppAction = 'SignedUpdateFirmware';
    // @ts-expect-error idTag is required
    const missing: OcppRequest<'Authorize'> = {};
    // @ts-expect-error 'Busy' is not a ChargePointStatus
    const wrong: ChargePointStatus = 'Busy';
    // @ts-expect-error RemoteStartTransaction is not sent by a Charge Point
    const notCp: ChargePointAction = 'RemoteStartTransaction';
    assert.equal(idTag, 'ABC123');
    assert.ok(conf && stop && status && cpAction && csAction && action && missing && wrong && notCp, 'all defined');
  });
});

describe('formatOcppDateTime', () => {
  const date = new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 67));

  test('formats UTC with Z, with or without milliseconds', () => {
    assert.equal(formatOcppDateTime(date, true), '2024-01-02T03:04:05.067Z');
    assert.equal(formatOcppDateTime(date, false), '2024-01-02T03:04:05Z');
  });

  test('produces values the date-time format accepts', () => {
    const validator = createOcppValidator();
    for (const withMs of [true, false]) {
      assert.deepEqual(validator.response('Heartbeat', { currentTime: formatOcppDateTime(date, withMs) }), { ok: true });
    }
  });

  test('rejects an invalid Date', () => {
    assert.throws(() => formatOcppDateTime(new Date(Number.NaN), false), RangeError);
  });
});
