/**
 * The fuzzer's own description of the charge-point messages it sends, written from OCPP 1.6 §6/§7 and the
 * official JSON schemas (not imported from the validator, so the oracle does not grade the server with its own
 * rules). Each field says its JSON type, whether it is required and its constraint; the generator builds valid
 * payloads from it and knows which OCPP-J §4.2.3 code a single mutation must produce.
 */
import type { SeededRandom } from '../support/seeded-random.js';

export type Spec =
  | { kind: 'int'; required: boolean }
  | { kind: 'string'; required: boolean; maxLength?: number }
  | { kind: 'enum'; required: boolean; values: readonly string[] }
  | { kind: 'datetime'; required: boolean }
  | { kind: 'object'; required: boolean; fields: Record<string, Spec> }
  | { kind: 'array'; required: boolean; of: Spec };

const int = (required = true): Spec => ({ kind: 'int', required });
const str = (maxLength?: number, required = true): Spec => ({ kind: 'string', required, maxLength });
const en = (values: readonly string[], required = true): Spec => ({ kind: 'enum', required, values });
const dt = (required = true): Spec => ({ kind: 'datetime', required });
const obj = (fields: Record<string, Spec>, required = true): Spec => ({ kind: 'object', required, fields });
const arr = (of: Spec, required = true): Spec => ({ kind: 'array', required, of });

const ERROR_CODES = [
  'ConnectorLockFailure',
  'EVCommunicationError',
  'GroundFailure',
  'HighTemperature',
  'InternalError',
  'LocalListConflict',
  'NoError',
  'OtherError',
  'OverCurrentFailure',
  'PowerMeterFailure',
  'PowerSwitchFailure',
  'ReaderFailure',
  'ResetFailure',
  'UnderVoltage',
  'OverVoltage',
  'WeakSignal',
];
const STATUSES = ['Available', 'Preparing', 'Charging', 'SuspendedEVSE', 'SuspendedEV', 'Finishing', 'Reserved', 'Unavailable', 'Faulted'];
const REASONS = [
  'EmergencyStop',
  'EVDisconnected',
  'HardReset',
  'Local',
  'Other',
  'PowerLoss',
  'Reboot',
  'Remote',
  'SoftReset',
  'UnlockCommand',
  'DeAuthorized',
];
const CONTEXTS = [
  'Interruption.Begin',
  'Interruption.End',
  'Sample.Clock',
  'Sample.Periodic',
  'Transaction.Begin',
  'Transaction.End',
  'Trigger',
  'Other',
];
const MEASURANDS = ['Energy.Active.Import.Register', 'Power.Active.Import', 'Current.Import', 'Voltage', 'SoC', 'Temperature', 'Frequency'];
const PHASES = ['L1', 'L2', 'L3', 'N', 'L1-N', 'L2-N', 'L3-N', 'L1-L2', 'L2-L3', 'L3-L1'];
const LOCATIONS = ['Cable', 'EV', 'Inlet', 'Outlet', 'Body'];
const UNITS = ['Wh', 'kWh', 'varh', 'kvarh', 'W', 'kW', 'VA', 'kVA', 'var', 'kvar', 'A', 'V', 'K', 'Celsius', 'Fahrenheit', 'Percent'];
const FIRMWARE_STATUSES = ['Downloaded', 'DownloadFailed', 'Downloading', 'Idle', 'InstallationFailed', 'Installing', 'Installed'];
const DIAGNOSTICS_STATUSES = ['Idle', 'Uploaded', 'UploadFailed', 'Uploading'];

const sampledValue = obj({
  value: str(),
  context: en(CONTEXTS, false),
  format: en(['Raw', 'SignedData'], false),
  measurand: en(MEASURANDS, false),
  phase: en(PHASES, false),
  location: en(LOCATIONS, false),
  unit: en(UNITS, false),
});
const meterValue = obj({ timestamp: dt(), sampledValue: arr(sampledValue) });

/** Charge-point-initiated actions and their request payloads (OCPP 1.6 §6). */
export const CP_MESSAGES: Record<string, Record<string, Spec>> = {
  Authorize: { idTag: str(20) },
  BootNotification: {
    chargePointVendor: str(20),
    chargePointModel: str(20),
    chargePointSerialNumber: str(25, false),
    chargeBoxSerialNumber: str(25, false),
    firmwareVersion: str(50, false),
    iccid: str(20, false),
    imsi: str(20, false),
    meterType: str(25, false),
    meterSerialNumber: str(25, false),
  },
  DataTransfer: { vendorId: str(255), messageId: str(50, false), data: str(undefined, false) },
  DiagnosticsStatusNotification: { status: en(DIAGNOSTICS_STATUSES) },
  FirmwareStatusNotification: { status: en(FIRMWARE_STATUSES) },
  Heartbeat: {},
  MeterValues: { connectorId: int(), transactionId: int(false), meterValue: arr(meterValue) },
  StartTransaction: { connectorId: int(), idTag: str(20), meterStart: int(), reservationId: int(false), timestamp: dt() },
  StatusNotification: {
    connectorId: int(),
    errorCode: en(ERROR_CODES),
    info: str(50, false),
    status: en(STATUSES),
    timestamp: dt(false),
    vendorId: str(255, false),
    vendorErrorCode: str(50, false),
  },
  StopTransaction: {
    idTag: str(20, false),
    meterStop: int(),
    timestamp: dt(),
    transactionId: int(),
    reason: en(REASONS, false),
    transactionData: arr(meterValue, false),
  },
};

/** Actions only the central system sends (OCPP 1.6 §5): a station sending one gets NotSupported. */
export const CSMS_ONLY_ACTIONS = [
  'RemoteStartTransaction',
  'RemoteStopTransaction',
  'Reset',
  'ChangeConfiguration',
  'GetConfiguration',
  'UnlockConnector',
  'ClearCache',
  'TriggerMessage',
  'ReserveNow',
  'SetChargingProfile',
];

/**
 * What a station that is not Accepted may send and have processed (OCPP 1.6 §4.2.1: until accepted, no
 * transaction-related traffic; this product processes status-type notifications meanwhile, README). Anything else
 * gets SecurityError. A Rejected station may only boot again.
 */
export const PROCESSED_WHILE_PENDING = new Set([
  'BootNotification',
  'Heartbeat',
  'StatusNotification',
  'DiagnosticsStatusNotification',
  'FirmwareStatusNotification',
]);
export const PROCESSED_WHILE_REJECTED = new Set(['BootNotification']);

export function validValue(spec: Spec, rng: SeededRandom, context: { connectorId?: number; transactionId?: number } = {}, name = ''): unknown {
  switch (spec.kind) {
    case 'int':
      if (name === 'connectorId' && context.connectorId !== undefined) return context.connectorId;
      if (name === 'transactionId' && context.transactionId !== undefined) return context.transactionId;
      return rng.below(100_000);
    case 'string':
      return rng.word(Math.min(spec.maxLength ?? 12, 1 + rng.below(12)));
    case 'enum':
      return rng.pick(spec.values);
    case 'datetime':
      return new Date(Date.UTC(2026, rng.below(12), 1 + rng.below(28), rng.below(24), rng.below(60), rng.below(60)))
        .toISOString()
        .replace('.000Z', 'Z');
    case 'object':
      return validObject(spec.fields, rng, context);
    case 'array':
      return Array.from({ length: 1 + rng.below(3) }, () => validValue(spec.of, rng, context));
  }
}

/** A valid payload: every required field, each optional one with probability 1/2. */
export function validObject(
  fields: Record<string, Spec>,
  rng: SeededRandom,
  context: { connectorId?: number; transactionId?: number } = {},
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(fields)) if (spec.required || rng.chance(0.5)) out[name] = validValue(spec, rng, context, name);
  return out;
}
