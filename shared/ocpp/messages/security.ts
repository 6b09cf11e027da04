/**
 * Security extension for OCPP 1.6-J: OCA white paper "Improved security for OCPP 1.6-J", Edition 3 (2022),
 * which carries OCPP 2.0.1's security messages over to 1.6. Lengths and enumerations follow the JSON schemas
 * published with the white paper.
 */
import { Type, type Static } from '@sinclair/typebox';
import { CertificateHashData, CiString, DateTime, PemText, RequestSchema, ResponseSchema, StringEnum, Struct, Uri } from './common.js';
import { TRIGGER_MESSAGE_STATUSES } from './remote-trigger.js';

// ---------------------------------------------------------------------------------------------------------------
// Enumerations (white paper, data types; the 2.0.1 `...EnumType` names are kept in the doc comments)
// ---------------------------------------------------------------------------------------------------------------

/** CertificateSignedStatusEnumType. */
export const CERTIFICATE_SIGNED_STATUSES = ['Accepted', 'Rejected'] as const;
export type CertificateSignedStatus = (typeof CERTIFICATE_SIGNED_STATUSES)[number];

/** DeleteCertificateStatusEnumType. */
export const DELETE_CERTIFICATE_STATUSES = ['Accepted', 'Failed', 'NotFound'] as const;
export type DeleteCertificateStatus = (typeof DELETE_CERTIFICATE_STATUSES)[number];

/** MessageTriggerEnumType of ExtendedTriggerMessage: 1.6's triggers plus the security ones, minus DiagnosticsStatusNotification. */
export const EXTENDED_MESSAGE_TRIGGERS = [
  'BootNotification',
  'LogStatusNotification',
  'FirmwareStatusNotification',
  'Heartbeat',
  'MeterValues',
  'SignChargePointCertificate',
  'StatusNotification',
] as const;
export type ExtendedMessageTrigger = (typeof EXTENDED_MESSAGE_TRIGGERS)[number];

/** CertificateUseEnumType: the two kinds of root certificate a Charge Point keeps. */
export const CERTIFICATE_USES = ['CentralSystemRootCertificate', 'ManufacturerRootCertificate'] as const;
export type CertificateUse = (typeof CERTIFICATE_USES)[number];

/** GetInstalledCertificateStatusEnumType. */
export const GET_INSTALLED_CERTIFICATE_STATUSES = ['Accepted', 'NotFound'] as const;
export type GetInstalledCertificateStatus = (typeof GET_INSTALLED_CERTIFICATE_STATUSES)[number];

/** LogEnumType. */
export const LOG_TYPES = ['DiagnosticsLog', 'SecurityLog'] as const;
export type LogType = (typeof LOG_TYPES)[number];

/** LogStatusEnumType. */
export const LOG_STATUSES = ['Accepted', 'Rejected', 'AcceptedCanceled'] as const;
export type LogStatus = (typeof LOG_STATUSES)[number];

/** InstallCertificateStatusEnumType. */
export const INSTALL_CERTIFICATE_STATUSES = ['Accepted', 'Failed', 'Rejected'] as const;
export type InstallCertificateStatus = (typeof INSTALL_CERTIFICATE_STATUSES)[number];

/** UploadLogStatusEnumType. */
export const UPLOAD_LOG_STATUSES = [
  'BadMessage',
  'Idle',
  'NotSupportedOperation',
  'PermissionDenied',
  'Uploaded',
  'UploadFailure',
  'Uploading',
] as const;
export type UploadLogStatus = (typeof UPLOAD_LOG_STATUSES)[number];

/** GenericStatusEnumType (SignCertificate.conf). */
export const GENERIC_STATUSES = ['Accepted', 'Rejected'] as const;
export type GenericStatus = (typeof GENERIC_STATUSES)[number];

/** FirmwareStatusEnumType of SignedFirmwareStatusNotification: 1.6's FirmwareStatus plus the signed-update states. */
export const SIGNED_FIRMWARE_STATUSES = [
  'Downloaded',
  'DownloadFailed',
  'Downloading',
  'DownloadScheduled',
  'DownloadPaused',
  'Idle',
  'InstallationFailed',
  'Installing',
  'Installed',
  'InstallRebooting',
  'InstallScheduled',
  'InstallVerificationFailed',
  'InvalidSignature',
  'SignatureVerified',
] as const;
export type SignedFirmwareStatus = (typeof SIGNED_FIRMWARE_STATUSES)[number];

/** UpdateFirmwareStatusEnumType (SignedUpdateFirmware.conf). */
export const UPDATE_FIRMWARE_STATUSES = ['Accepted', 'Rejected', 'AcceptedCanceled', 'InvalidCertificate', 'RevokedCertificate'] as const;
export type UpdateFirmwareStatus = (typeof UPDATE_FIRMWARE_STATUSES)[number];

// ---------------------------------------------------------------------------------------------------------------
// Data types
// ---------------------------------------------------------------------------------------------------------------

/**
 * LogParametersType. The white paper's schema bounds `remoteLocation` to 512 characters without a format; the
 * field is a URL by definition, so `format: 'uri'` is added (stricter than the published schema).
 */
export const LogParameters = Struct({
  remoteLocation: Uri(512),
  oldestTimestamp: Type.Optional(DateTime()),
  latestTimestamp: Type.Optional(DateTime()),
});

/** FirmwareType. `location` is a URL (format added as for LogParameters); the signature is Base64. */
export const Firmware = Struct({
  location: Uri(512),
  retrieveDateTime: DateTime(),
  installDateTime: Type.Optional(DateTime()),
  signingCertificate: PemText(5500),
  signature: CiString(800),
});

// ---------------------------------------------------------------------------------------------------------------
// Messages initiated by the Central System
// ---------------------------------------------------------------------------------------------------------------

/** PEM chain, leaf first. */
export const CertificateSignedRequest = RequestSchema('CertificateSigned', {
  certificateChain: PemText(10000),
});
export const CertificateSignedResponse = ResponseSchema('CertificateSigned', {
  status: StringEnum(CERTIFICATE_SIGNED_STATUSES),
});

export const DeleteCertificateRequest = RequestSchema('DeleteCertificate', {
  certificateHashData: CertificateHashData,
});
export const DeleteCertificateResponse = ResponseSchema('DeleteCertificate', {
  status: StringEnum(DELETE_CERTIFICATE_STATUSES),
});

export const ExtendedTriggerMessageRequest = RequestSchema('ExtendedTriggerMessage', {
  requestedMessage: StringEnum(EXTENDED_MESSAGE_TRIGGERS),
  connectorId: Type.Optional(Type.Integer()),
});
export const ExtendedTriggerMessageResponse = ResponseSchema('ExtendedTriggerMessage', {
  status: StringEnum(TRIGGER_MESSAGE_STATUSES),
});

export const GetInstalledCertificateIdsRequest = RequestSchema('GetInstalledCertificateIds', {
  certificateType: StringEnum(CERTIFICATE_USES),
});
/** When present, the list holds at least one entry (`minItems: 1` in the white paper's schema). */
export const GetInstalledCertificateIdsResponse = ResponseSchema('GetInstalledCertificateIds', {
  certificateHashData: Type.Optional(Type.Array(CertificateHashData, { minItems: 1 })),
  status: StringEnum(GET_INSTALLED_CERTIFICATE_STATUSES),
});

export const GetLogRequest = RequestSchema('GetLog', {
  log: LogParameters,
  logType: StringEnum(LOG_TYPES),
  requestId: Type.Integer(),
  retries: Type.Optional(Type.Integer()),
  retryInterval: Type.Optional(Type.Integer()),
});
export const GetLogResponse = ResponseSchema('GetLog', {
  status: StringEnum(LOG_STATUSES),
  filename: Type.Optional(CiString(255)),
});

/** PEM certificate. */
export const InstallCertificateRequest = RequestSchema('InstallCertificate', {
  certificateType: StringEnum(CERTIFICATE_USES),
  certificate: PemText(5500),
});
export const InstallCertificateResponse = ResponseSchema('InstallCertificate', {
  status: StringEnum(INSTALL_CERTIFICATE_STATUSES),
});

export const SignedUpdateFirmwareRequest = RequestSchema('SignedUpdateFirmware', {
  retries: Type.Optional(Type.Integer()),
  retryInterval: Type.Optional(Type.Integer()),
  requestId: Type.Integer(),
  firmware: Firmware,
});
export const SignedUpdateFirmwareResponse = ResponseSchema('SignedUpdateFirmware', {
  status: StringEnum(UPDATE_FIRMWARE_STATUSES),
});

// ---------------------------------------------------------------------------------------------------------------
// Messages initiated by the Charge Point
// ---------------------------------------------------------------------------------------------------------------

/** `requestId` is absent when the status does not answer a GetLog (e.g. Idle after an ExtendedTriggerMessage). */
export const LogStatusNotificationRequest = RequestSchema('LogStatusNotification', {
  status: StringEnum(UPLOAD_LOG_STATUSES),
  requestId: Type.Optional(Type.Integer()),
});
export const LogStatusNotificationResponse = ResponseSchema('LogStatusNotification', {});

/** `type` is one of the white paper's security event names, but the schema leaves it open (CiString50). */
export const SecurityEventNotificationRequest = RequestSchema('SecurityEventNotification', {
  type: CiString(50),
  timestamp: DateTime(),
  techInfo: Type.Optional(CiString(255)),
});
export const SecurityEventNotificationResponse = ResponseSchema('SecurityEventNotification', {});

/** PEM-encoded PKCS#10 certificate signing request. */
export const SignCertificateRequest = RequestSchema('SignCertificate', {
  csr: PemText(5500),
});
export const SignCertificateResponse = ResponseSchema('SignCertificate', {
  status: StringEnum(GENERIC_STATUSES),
});

export const SignedFirmwareStatusNotificationRequest = RequestSchema('SignedFirmwareStatusNotification', {
  status: StringEnum(SIGNED_FIRMWARE_STATUSES),
  requestId: Type.Optional(Type.Integer()),
});
export const SignedFirmwareStatusNotificationResponse = ResponseSchema('SignedFirmwareStatusNotification', {});

// ---------------------------------------------------------------------------------------------------------------
// Static types
// ---------------------------------------------------------------------------------------------------------------

export type LogParameters = Static<typeof LogParameters>;
export type Firmware = Static<typeof Firmware>;
export type CertificateSignedRequest = Static<typeof CertificateSignedRequest>;
export type CertificateSignedResponse = Static<typeof CertificateSignedResponse>;
export type DeleteCertificateRequest = Static<typeof DeleteCertificateRequest>;
export type DeleteCertificateResponse = Static<typeof DeleteCertificateResponse>;
export type ExtendedTriggerMessageRequest = Static<typeof ExtendedTriggerMessageRequest>;
export type ExtendedTriggerMessageResponse = Static<typeof ExtendedTriggerMessageResponse>;
export type GetInstalledCertificateIdsRequest = Static<typeof GetInstalledCertificateIdsRequest>;
export type GetInstalledCertificateIdsResponse = Static<typeof GetInstalledCertificateIdsResponse>;
export type GetLogRequest = Static<typeof GetLogRequest>;
export type GetLogResponse = Static<typeof GetLogResponse>;
export type InstallCertificateRequest = Static<typeof InstallCertificateRequest>;
export type InstallCertificateResponse = Static<typeof InstallCertificateResponse>;
export type SignedUpdateFirmwareRequest = Static<typeof SignedUpdateFirmwareRequest>;
export type SignedUpdateFirmwareResponse = Static<typeof SignedUpdateFirmwareResponse>;
export type LogStatusNotificationRequest = Static<typeof LogStatusNotificationRequest>;
export type LogStatusNotificationResponse = Static<typeof LogStatusNotificationResponse>;
export type SecurityEventNotificationRequest = Static<typeof SecurityEventNotificationRequest>;
export type SecurityEventNotificationResponse = Static<typeof SecurityEventNotificationResponse>;
export type SignCertificateRequest = Static<typeof SignCertificateRequest>;
export type SignCertificateResponse = Static<typeof SignCertificateResponse>;
export type SignedFirmwareStatusNotificationRequest = Static<typeof SignedFirmwareStatusNotificationRequest>;
export type SignedFirmwareStatusNotificationResponse = Static<typeof SignedFirmwareStatusNotificationResponse>;
