/**
 * Core profile (OCPP 1.6 §3.3 feature profiles; messages in §6, types in §7), errata-corrected per the
 * OCPP 1.6 errata sheet and the OCPP-J 1.6 errata sheet (2025-04 release).
 */
import { Type, type Static } from '@sinclair/typebox';
import { CiString, ChargingProfile, DateTime, IdTagInfo, IdToken, MeterValue, RequestSchema, ResponseSchema, StringEnum, Struct } from './common.js';

// ---------------------------------------------------------------------------------------------------------------
// Enumerations (OCPP 1.6 §7)
// ---------------------------------------------------------------------------------------------------------------

export const REGISTRATION_STATUSES = ['Accepted', 'Pending', 'Rejected'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

export const AVAILABILITY_TYPES = ['Inoperative', 'Operative'] as const;
export type AvailabilityType = (typeof AVAILABILITY_TYPES)[number];

export const AVAILABILITY_STATUSES = ['Accepted', 'Rejected', 'Scheduled'] as const;
export type AvailabilityStatus = (typeof AVAILABILITY_STATUSES)[number];

export const CONFIGURATION_STATUSES = ['Accepted', 'Rejected', 'RebootRequired', 'NotSupported'] as const;
export type ConfigurationStatus = (typeof CONFIGURATION_STATUSES)[number];

export const CLEAR_CACHE_STATUSES = ['Accepted', 'Rejected'] as const;
export type ClearCacheStatus = (typeof CLEAR_CACHE_STATUSES)[number];

export const DATA_TRANSFER_STATUSES = ['Accepted', 'Rejected', 'UnknownMessageId', 'UnknownVendorId'] as const;
export type DataTransferStatus = (typeof DATA_TRANSFER_STATUSES)[number];

export const REMOTE_START_STOP_STATUSES = ['Accepted', 'Rejected'] as const;
export type RemoteStartStopStatus = (typeof REMOTE_START_STOP_STATUSES)[number];

export const RESET_TYPES = ['Hard', 'Soft'] as const;
export type ResetType = (typeof RESET_TYPES)[number];

export const RESET_STATUSES = ['Accepted', 'Rejected'] as const;
export type ResetStatus = (typeof RESET_STATUSES)[number];

export const CHARGE_POINT_ERROR_CODES = [
  'ConnectorLockFailure',
  'EVCommunicationError',
  'GroundFailure',
  'HighTemperature',
  'InternalError',
  'LocalListConflict',
  'NoError',
  'OtherError',
  'OverCurrentFailure',
  'OverVoltage',
  'PowerMeterFailure',
  'PowerSwitchFailure',
  'ReaderFailure',
  'ResetFailure',
  'UnderVoltage',
  'WeakSignal',
] as const;
export type ChargePointErrorCode = (typeof CHARGE_POINT_ERROR_CODES)[number];

export const CHARGE_POINT_STATUSES = [
  'Available',
  'Preparing',
  'Charging',
  'SuspendedEVSE',
  'SuspendedEV',
  'Finishing',
  'Reserved',
  'Unavailable',
  'Faulted',
] as const;
export type ChargePointStatus = (typeof CHARGE_POINT_STATUSES)[number];

/** Reason for stopping a transaction. */
export const REASONS = [
  'DeAuthorized',
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
] as const;
export type Reason = (typeof REASONS)[number];

export const UNLOCK_STATUSES = ['Unlocked', 'UnlockFailed', 'NotSupported'] as const;
export type UnlockStatus = (typeof UNLOCK_STATUSES)[number];

// ---------------------------------------------------------------------------------------------------------------
// Messages initiated by the Charge Point (OCPP 1.6 §4)
// ---------------------------------------------------------------------------------------------------------------

export const AuthorizeRequest = RequestSchema('Authorize', {
  idTag: IdToken,
});
export const AuthorizeResponse = ResponseSchema('Authorize', {
  idTagInfo: IdTagInfo,
});

/** Lengths per §6 BootNotification.req: vendor/model 20, serial numbers and meter fields 25, firmware 50, SIM ids 20. */
export const BootNotificationRequest = RequestSchema('BootNotification', {
  chargePointVendor: CiString(20),
  chargePointModel: CiString(20),
  chargePointSerialNumber: Type.Optional(CiString(25)),
  chargeBoxSerialNumber: Type.Optional(CiString(25)),
  firmwareVersion: Type.Optional(CiString(50)),
  iccid: Type.Optional(CiString(20)),
  imsi: Type.Optional(CiString(20)),
  meterType: Type.Optional(CiString(25)),
  meterSerialNumber: Type.Optional(CiString(25)),
});
/** `interval` is an integer number of seconds (OCPP-J errata: the original schema said "number"). */
export const BootNotificationResponse = ResponseSchema('BootNotification', {
  status: StringEnum(REGISTRATION_STATUSES),
  currentTime: DateTime(),
  interval: Type.Integer(),
});

/** DataTransfer goes both ways (OCPP 1.6 §4.3 and §5.6); `data` is free text, its meaning vendor-specific. */
export const DataTransferRequest = RequestSchema('DataTransfer', {
  vendorId: CiString(255),
  messageId: Type.Optional(CiString(50)),
  data: Type.Optional(Type.String()),
});
export const DataTransferResponse = ResponseSchema('DataTransfer', {
  status: StringEnum(DATA_TRANSFER_STATUSES),
  data: Type.Optional(Type.String()),
});

export const HeartbeatRequest = RequestSchema('Heartbeat', {});
export const HeartbeatResponse = ResponseSchema('Heartbeat', {
  currentTime: DateTime(),
});

export const MeterValuesRequest = RequestSchema('MeterValues', {
  connectorId: Type.Integer(),
  transactionId: Type.Optional(Type.Integer()),
  meterValue: Type.Array(MeterValue),
});
export const MeterValuesResponse = ResponseSchema('MeterValues', {});

export const StartTransactionRequest = RequestSchema('StartTransaction', {
  connectorId: Type.Integer(),
  idTag: IdToken,
  meterStart: Type.Integer(),
  reservationId: Type.Optional(Type.Integer()),
  timestamp: DateTime(),
});
export const StartTransactionResponse = ResponseSchema('StartTransaction', {
  idTagInfo: IdTagInfo,
  transactionId: Type.Integer(),
});

export const StatusNotificationRequest = RequestSchema('StatusNotification', {
  connectorId: Type.Integer(),
  errorCode: StringEnum(CHARGE_POINT_ERROR_CODES),
  info: Type.Optional(CiString(50)),
  status: StringEnum(CHARGE_POINT_STATUSES),
  timestamp: Type.Optional(DateTime()),
  vendorId: Type.Optional(CiString(255)),
  vendorErrorCode: Type.Optional(CiString(50)),
});
export const StatusNotificationResponse = ResponseSchema('StatusNotification', {});

/**
 * `reason` is optional: absent means "Local" (OCPP 1.6 §6 StopTransaction.req, as corrected by the errata).
 * `transactionData` reuses MeterValue, so its `unit` accepts both `Celsius` and `Celcius` (OCPP-J errata).
 */
export const StopTransactionRequest = RequestSchema('StopTransaction', {
  idTag: Type.Optional(IdToken),
  meterStop: Type.Integer(),
  timestamp: DateTime(),
  transactionId: Type.Integer(),
  reason: Type.Optional(StringEnum(REASONS)),
  transactionData: Type.Optional(Type.Array(MeterValue)),
});
export const StopTransactionResponse = ResponseSchema('StopTransaction', {
  idTagInfo: Type.Optional(IdTagInfo),
});

// ---------------------------------------------------------------------------------------------------------------
// Messages initiated by the Central System (OCPP 1.6 §5)
// ---------------------------------------------------------------------------------------------------------------

export const ChangeAvailabilityRequest = RequestSchema('ChangeAvailability', {
  connectorId: Type.Integer(),
  type: StringEnum(AVAILABILITY_TYPES),
});
export const ChangeAvailabilityResponse = ResponseSchema('ChangeAvailability', {
  status: StringEnum(AVAILABILITY_STATUSES),
});

/** Configuration keys are CiString50, values CiString500 (OCPP 1.6 §6 ChangeConfiguration.req). */
export const ChangeConfigurationRequest = RequestSchema('ChangeConfiguration', {
  key: CiString(50),
  value: CiString(500),
});
export const ChangeConfigurationResponse = ResponseSchema('ChangeConfiguration', {
  status: StringEnum(CONFIGURATION_STATUSES),
});

export const ClearCacheRequest = RequestSchema('ClearCache', {});
export const ClearCacheResponse = ResponseSchema('ClearCache', {
  status: StringEnum(CLEAR_CACHE_STATUSES),
});

export const GetConfigurationRequest = RequestSchema('GetConfiguration', {
  key: Type.Optional(Type.Array(CiString(50))),
});
/** KeyValue (OCPP 1.6 §7): `value` is absent when the key is known but its value is not readable. */
export const KeyValue = Struct({
  key: CiString(50),
  readonly: Type.Boolean(),
  value: Type.Optional(CiString(500)),
});
export const GetConfigurationResponse = ResponseSchema('GetConfiguration', {
  configurationKey: Type.Optional(Type.Array(KeyValue)),
  unknownKey: Type.Optional(Type.Array(CiString(50))),
});

export const RemoteStartTransactionRequest = RequestSchema('RemoteStartTransaction', {
  connectorId: Type.Optional(Type.Integer()),
  idTag: IdToken,
  chargingProfile: Type.Optional(ChargingProfile),
});
export const RemoteStartTransactionResponse = ResponseSchema('RemoteStartTransaction', {
  status: StringEnum(REMOTE_START_STOP_STATUSES),
});

export const RemoteStopTransactionRequest = RequestSchema('RemoteStopTransaction', {
  transactionId: Type.Integer(),
});
export const RemoteStopTransactionResponse = ResponseSchema('RemoteStopTransaction', {
  status: StringEnum(REMOTE_START_STOP_STATUSES),
});

export const ResetRequest = RequestSchema('Reset', {
  type: StringEnum(RESET_TYPES),
});
export const ResetResponse = ResponseSchema('Reset', {
  status: StringEnum(RESET_STATUSES),
});

export const UnlockConnectorRequest = RequestSchema('UnlockConnector', {
  connectorId: Type.Integer(),
});
export const UnlockConnectorResponse = ResponseSchema('UnlockConnector', {
  status: StringEnum(UNLOCK_STATUSES),
});

// ---------------------------------------------------------------------------------------------------------------
// Static types
// ---------------------------------------------------------------------------------------------------------------

export type AuthorizeRequest = Static<typeof AuthorizeRequest>;
export type AuthorizeResponse = Static<typeof AuthorizeResponse>;
export type BootNotificationRequest = Static<typeof BootNotificationRequest>;
export type BootNotificationResponse = Static<typeof BootNotificationResponse>;
export type DataTransferRequest = Static<typeof DataTransferRequest>;
export type DataTransferResponse = Static<typeof DataTransferResponse>;
export type HeartbeatRequest = Static<typeof HeartbeatRequest>;
export type HeartbeatResponse = Static<typeof HeartbeatResponse>;
export type MeterValuesRequest = Static<typeof MeterValuesRequest>;
export type MeterValuesResponse = Static<typeof MeterValuesResponse>;
export type StartTransactionRequest = Static<typeof StartTransactionRequest>;
export type StartTransactionResponse = Static<typeof StartTransactionResponse>;
export type StatusNotificationRequest = Static<typeof StatusNotificationRequest>;
export type StatusNotificationResponse = Static<typeof StatusNotificationResponse>;
export type StopTransactionRequest = Static<typeof StopTransactionRequest>;
export type StopTransactionResponse = Static<typeof StopTransactionResponse>;
export type ChangeAvailabilityRequest = Static<typeof ChangeAvailabilityRequest>;
export type ChangeAvailabilityResponse = Static<typeof ChangeAvailabilityResponse>;
export type ChangeConfigurationRequest = Static<typeof ChangeConfigurationRequest>;
export type ChangeConfigurationResponse = Static<typeof ChangeConfigurationResponse>;
export type ClearCacheRequest = Static<typeof ClearCacheRequest>;
export type ClearCacheResponse = Static<typeof ClearCacheResponse>;
export type GetConfigurationRequest = Static<typeof GetConfigurationRequest>;
export type KeyValue = Static<typeof KeyValue>;
export type GetConfigurationResponse = Static<typeof GetConfigurationResponse>;
export type RemoteStartTransactionRequest = Static<typeof RemoteStartTransactionRequest>;
export type RemoteStartTransactionResponse = Static<typeof RemoteStartTransactionResponse>;
export type RemoteStopTransactionRequest = Static<typeof RemoteStopTransactionRequest>;
export type RemoteStopTransactionResponse = Static<typeof RemoteStopTransactionResponse>;
export type ResetRequest = Static<typeof ResetRequest>;
export type ResetResponse = Static<typeof ResetResponse>;
export type UnlockConnectorRequest = Static<typeof UnlockConnectorRequest>;
export type UnlockConnectorResponse = Static<typeof UnlockConnectorResponse>;
