/**
 * The registry of every OCPP 1.6J action: who initiates it, its feature profile (OCPP 1.6 §3.3, plus the
 * security white paper's messages as 'Security'), and its request and response payload schemas.
 *
 * It is the single source for both the validator (which compiles the schemas) and the types
 * (`OcppRequest<'Authorize'>` is derived from the same schema object).
 */
import type { Static, TSchema } from '@sinclair/typebox';
import * as core from './messages/core.js';
import * as firmware from './messages/firmware.js';
import * as localAuthList from './messages/local-auth-list.js';
import * as remoteTrigger from './messages/remote-trigger.js';
import * as reservation from './messages/reservation.js';
import * as security from './messages/security.js';
import * as smartCharging from './messages/smart-charging.js';

export const OCPP_PROFILES = [
  'Core',
  'FirmwareManagement',
  'LocalAuthListManagement',
  'Reservation',
  'RemoteTrigger',
  'SmartCharging',
  'Security',
] as const;
export type OcppProfile = (typeof OCPP_PROFILES)[number];

/** 'Both' is DataTransfer only: either side may send it (OCPP 1.6 §4.3 and §5.6). */
export type OcppInitiator = 'ChargePoint' | 'CentralSystem' | 'Both';

export interface OcppMessageDefinition {
  initiator: OcppInitiator;
  profile: OcppProfile;
  request: TSchema;
  response: TSchema;
}

export const ocppMessages = {
  // Core: initiated by the Charge Point
  Authorize: { initiator: 'ChargePoint', profile: 'Core', request: core.AuthorizeRequest, response: core.AuthorizeResponse },
  BootNotification: { initiator: 'ChargePoint', profile: 'Core', request: core.BootNotificationRequest, response: core.BootNotificationResponse },
  Heartbeat: { initiator: 'ChargePoint', profile: 'Core', request: core.HeartbeatRequest, response: core.HeartbeatResponse },
  MeterValues: { initiator: 'ChargePoint', profile: 'Core', request: core.MeterValuesRequest, response: core.MeterValuesResponse },
  StartTransaction: { initiator: 'ChargePoint', profile: 'Core', request: core.StartTransactionRequest, response: core.StartTransactionResponse },
  StatusNotification: {
    initiator: 'ChargePoint',
    profile: 'Core',
    request: core.StatusNotificationRequest,
    response: core.StatusNotificationResponse,
  },
  StopTransaction: { initiator: 'ChargePoint', profile: 'Core', request: core.StopTransactionRequest, response: core.StopTransactionResponse },
  // Core: either side
  DataTransfer: { initiator: 'Both', profile: 'Core', request: core.DataTransferRequest, response: core.DataTransferResponse },
  // Core: initiated by the Central System
  ChangeAvailability: {
    initiator: 'CentralSystem',
    profile: 'Core',
    request: core.ChangeAvailabilityRequest,
    response: core.ChangeAvailabilityResponse,
  },
  ChangeConfiguration: {
    initiator: 'CentralSystem',
    profile: 'Core',
    request: core.ChangeConfigurationRequest,
    response: core.ChangeConfigurationResponse,
  },
  ClearCache: { initiator: 'CentralSystem', profile: 'Core', request: core.ClearCacheRequest, response: core.ClearCacheResponse },
  GetConfiguration: { initiator: 'CentralSystem', profile: 'Core', request: core.GetConfigurationRequest, response: core.GetConfigurationResponse },
  RemoteStartTransaction: {
    initiator: 'CentralSystem',
    profile: 'Core',
    request: core.RemoteStartTransactionRequest,
    response: core.RemoteStartTransactionResponse,
  },
  RemoteStopTransaction: {
    initiator: 'CentralSystem',
    profile: 'Core',
    request: core.RemoteStopTransactionRequest,
    response: core.RemoteStopTransactionResponse,
  },
  Reset: { initiator: 'CentralSystem', profile: 'Core', request: core.ResetRequest, response: core.ResetResponse },
  UnlockConnector: { initiator: 'CentralSystem', profile: 'Core', request: core.UnlockConnectorRequest, response: core.UnlockConnectorResponse },

  // Firmware Management
  DiagnosticsStatusNotification: {
    initiator: 'ChargePoint',
    profile: 'FirmwareManagement',
    request: firmware.DiagnosticsStatusNotificationRequest,
    response: firmware.DiagnosticsStatusNotificationResponse,
  },
  FirmwareStatusNotification: {
    initiator: 'ChargePoint',
    profile: 'FirmwareManagement',
    request: firmware.FirmwareStatusNotificationRequest,
    response: firmware.FirmwareStatusNotificationResponse,
  },
  GetDiagnostics: {
    initiator: 'CentralSystem',
    profile: 'FirmwareManagement',
    request: firmware.GetDiagnosticsRequest,
    response: firmware.GetDiagnosticsResponse,
  },
  UpdateFirmware: {
    initiator: 'CentralSystem',
    profile: 'FirmwareManagement',
    request: firmware.UpdateFirmwareRequest,
    response: firmware.UpdateFirmwareResponse,
  },

  // Local Auth List Management
  GetLocalListVersion: {
    initiator: 'CentralSystem',
    profile: 'LocalAuthListManagement',
    request: localAuthList.GetLocalListVersionRequest,
    response: localAuthList.GetLocalListVersionResponse,
  },
  SendLocalList: {
    initiator: 'CentralSystem',
    profile: 'LocalAuthListManagement',
    request: localAuthList.SendLocalListRequest,
    response: localAuthList.SendLocalListResponse,
  },

  // Reservation
  CancelReservation: {
    initiator: 'CentralSystem',
    profile: 'Reservation',
    request: reservation.CancelReservationRequest,
    response: reservation.CancelReservationResponse,
  },
  ReserveNow: {
    initiator: 'CentralSystem',
    profile: 'Reservation',
    request: reservation.ReserveNowRequest,
    response: reservation.ReserveNowResponse,
  },

  // Remote Trigger
  TriggerMessage: {
    initiator: 'CentralSystem',
    profile: 'RemoteTrigger',
    request: remoteTrigger.TriggerMessageRequest,
    response: remoteTrigger.TriggerMessageResponse,
  },

  // Smart Charging
  ClearChargingProfile: {
    initiator: 'CentralSystem',
    profile: 'SmartCharging',
    request: smartCharging.ClearChargingProfileRequest,
    response: smartCharging.ClearChargingProfileResponse,
  },
  GetCompositeSchedule: {
    initiator: 'CentralSystem',
    profile: 'SmartCharging',
    request: smartCharging.GetCompositeScheduleRequest,
    response: smartCharging.GetCompositeScheduleResponse,
  },
  SetChargingProfile: {
    initiator: 'CentralSystem',
    profile: 'SmartCharging',
    request: smartCharging.SetChargingProfileRequest,
    response: smartCharging.SetChargingProfileResponse,
  },

  // Security white paper, initiated by the Charge Point
  LogStatusNotification: {
    initiator: 'ChargePoint',
    profile: 'Security',
    request: security.LogStatusNotificationRequest,
    response: security.LogStatusNotificationResponse,
  },
  SecurityEventNotification: {
    initiator: 'ChargePoint',
    profile: 'Security',
    request: security.SecurityEventNotificationRequest,
    response: security.SecurityEventNotificationResponse,
  },
  SignCertificate: {
    initiator: 'ChargePoint',
    profile: 'Security',
    request: security.SignCertificateRequest,
    response: security.SignCertificateResponse,
  },
  SignedFirmwareStatusNotification: {
    initiator: 'ChargePoint',
    profile: 'Security',
    request: security.SignedFirmwareStatusNotificationRequest,
    response: security.SignedFirmwareStatusNotificationResponse,
  },
  // Security white paper, initiated by the Central System
  CertificateSigned: {
    initiator: 'CentralSystem',
    profile: 'Security',
    request: security.CertificateSignedRequest,
    response: security.CertificateSignedResponse,
  },
  DeleteCertificate: {
    initiator: 'CentralSystem',
    profile: 'Security',
    request: security.DeleteCertificateRequest,
    response: security.DeleteCertificateResponse,
  },
  ExtendedTriggerMessage: {
    initiator: 'CentralSystem',
    profile: 'Security',
    request: security.ExtendedTriggerMessageRequest,
    response: security.ExtendedTriggerMessageResponse,
  },
  GetInstalledCertificateIds: {
    initiator: 'CentralSystem',
    profile: 'Security',
    request: security.GetInstalledCertificateIdsRequest,
    response: security.GetInstalledCertificateIdsResponse,
  },
  GetLog: { initiator: 'CentralSystem', profile: 'Security', request: security.GetLogRequest, response: security.GetLogResponse },
  InstallCertificate: {
    initiator: 'CentralSystem',
    profile: 'Security',
    request: security.InstallCertificateRequest,
    response: security.InstallCertificateResponse,
  },
  SignedUpdateFirmware: {
    initiator: 'CentralSystem',
    profile: 'Security',
    request: security.SignedUpdateFirmwareRequest,
    response: security.SignedUpdateFirmwareResponse,
  },
} as const satisfies Record<string, OcppMessageDefinition>;

export type OcppMessages = typeof ocppMessages;
export type OcppAction = keyof OcppMessages;

/** Actions a Charge Point may send (DataTransfer included, since either side may send it). */
export type ChargePointAction = {
  [A in OcppAction]: OcppMessages[A]['initiator'] extends 'ChargePoint' | 'Both' ? A : never;
}[OcppAction];

/** Actions a Central System may send (DataTransfer included). */
export type CentralSystemAction = {
  [A in OcppAction]: OcppMessages[A]['initiator'] extends 'CentralSystem' | 'Both' ? A : never;
}[OcppAction];

export type OcppRequest<A extends OcppAction> = Static<OcppMessages[A]['request']>;
export type OcppResponse<A extends OcppAction> = Static<OcppMessages[A]['response']>;

export const OCPP_ACTIONS: readonly OcppAction[] = Object.freeze(Object.keys(ocppMessages) as OcppAction[]);

export const CHARGE_POINT_ACTIONS: readonly ChargePointAction[] = Object.freeze(
  OCPP_ACTIONS.filter((action): action is ChargePointAction => ocppMessages[action].initiator !== 'CentralSystem'),
);

export const CENTRAL_SYSTEM_ACTIONS: readonly CentralSystemAction[] = Object.freeze(
  OCPP_ACTIONS.filter((action): action is CentralSystemAction => ocppMessages[action].initiator !== 'ChargePoint'),
);

/** Own keys only, so that names like "toString" or "constructor" are not mistaken for actions. */
export function isOcppAction(name: string): name is OcppAction {
  return Object.prototype.hasOwnProperty.call(ocppMessages, name);
}
