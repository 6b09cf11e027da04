/**
 * Firmware Management profile (OCPP 1.6 §4.4, §4.5, §5.9, §5.19; messages in §6).
 */
import { Type, type Static } from '@sinclair/typebox';
import { CiString, DateTime, RequestSchema, ResponseSchema, StringEnum, Uri } from './common.js';

/** DiagnosticsStatus (OCPP 1.6 §7). */
export const DIAGNOSTICS_STATUSES = ['Idle', 'Uploaded', 'UploadFailed', 'Uploading'] as const;
export type DiagnosticsStatus = (typeof DIAGNOSTICS_STATUSES)[number];

/** FirmwareStatus (OCPP 1.6 §7). The signed-firmware statuses of the security white paper are in security.ts. */
export const FIRMWARE_STATUSES = ['Downloaded', 'DownloadFailed', 'Downloading', 'Idle', 'InstallationFailed', 'Installing', 'Installed'] as const;
export type FirmwareStatus = (typeof FIRMWARE_STATUSES)[number];

/** Initiated by the Central System. `retries`/`retryInterval` are integers (counts and seconds). */
export const GetDiagnosticsRequest = RequestSchema('GetDiagnostics', {
  location: Uri(),
  retries: Type.Optional(Type.Integer()),
  retryInterval: Type.Optional(Type.Integer()),
  startTime: Type.Optional(DateTime()),
  stopTime: Type.Optional(DateTime()),
});
/** `fileName` is absent when there is no diagnostics information to upload. */
export const GetDiagnosticsResponse = ResponseSchema('GetDiagnostics', {
  fileName: Type.Optional(CiString(255)),
});

/** Initiated by the Charge Point. */
export const DiagnosticsStatusNotificationRequest = RequestSchema('DiagnosticsStatusNotification', {
  status: StringEnum(DIAGNOSTICS_STATUSES),
});
export const DiagnosticsStatusNotificationResponse = ResponseSchema('DiagnosticsStatusNotification', {});

/** Initiated by the Charge Point. */
export const FirmwareStatusNotificationRequest = RequestSchema('FirmwareStatusNotification', {
  status: StringEnum(FIRMWARE_STATUSES),
});
export const FirmwareStatusNotificationResponse = ResponseSchema('FirmwareStatusNotification', {});

/**
 * Initiated by the Central System. `retries` and `retryInterval` are integers: the original OCPP-J schema typed
 * them as "number", which the OCPP-J errata corrected.
 */
export const UpdateFirmwareRequest = RequestSchema('UpdateFirmware', {
  location: Uri(),
  retries: Type.Optional(Type.Integer()),
  retrieveDate: DateTime(),
  retryInterval: Type.Optional(Type.Integer()),
});
export const UpdateFirmwareResponse = ResponseSchema('UpdateFirmware', {});

export type GetDiagnosticsRequest = Static<typeof GetDiagnosticsRequest>;
export type GetDiagnosticsResponse = Static<typeof GetDiagnosticsResponse>;
export type DiagnosticsStatusNotificationRequest = Static<typeof DiagnosticsStatusNotificationRequest>;
export type DiagnosticsStatusNotificationResponse = Static<typeof DiagnosticsStatusNotificationResponse>;
export type FirmwareStatusNotificationRequest = Static<typeof FirmwareStatusNotificationRequest>;
export type FirmwareStatusNotificationResponse = Static<typeof FirmwareStatusNotificationResponse>;
export type UpdateFirmwareRequest = Static<typeof UpdateFirmwareRequest>;
export type UpdateFirmwareResponse = Static<typeof UpdateFirmwareResponse>;
