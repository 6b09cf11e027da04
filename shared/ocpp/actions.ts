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

/** One action's entry, its literal initiator and profile kept in the type (ChargePointAction below reads them). */
function message<const I extends OcppInitiator, const P extends OcppProfile, Req extends TSchema, Res extends TSchema>(
  initiator: I,
  profile: P,
  request: Req,
  response: Res,
) {
  return { initiator, profile, request, response };
}

export const ocppMessages = {
  // Core: initiated by the Charge Point
  Authorize: message('ChargePoint', 'Core', core.AuthorizeRequest, core.AuthorizeResponse),
  BootNotification: message('ChargePoint', 'Core', core.BootNotificationRequest, core.BootNotificationResponse),
  Heartbeat: message('ChargePoint', 'Core', core.HeartbeatRequest, core.HeartbeatResponse),
  MeterValues: message('ChargePoint', 'Core', core.MeterValuesRequest, core.MeterValuesResponse),
  StartTransaction: message('ChargePoint', 'Core', core.StartTransactionRequest, core.StartTransactionResponse),
  StatusNotification: message('ChargePoint', 'Core', core.StatusNotificationRequest, core.StatusNotificationResponse),
  StopTransaction: message('ChargePoint', 'Core', core.StopTransactionRequest, core.StopTransactionResponse),
  // Core: either side
  DataTransfer: message('Both', 'Core', core.DataTransferRequest, core.DataTransferResponse),
  // Core: initiated by the Central System
  ChangeAvailability: message('CentralSystem', 'Core', core.ChangeAvailabilityRequest, core.ChangeAvailabilityResponse),
  ChangeConfiguration: message('CentralSystem', 'Core', core.ChangeConfigurationRequest, core.ChangeConfigurationResponse),
  ClearCache: message('CentralSystem', 'Core', core.ClearCacheRequest, core.ClearCacheResponse),
  GetConfiguration: message('CentralSystem', 'Core', core.GetConfigurationRequest, core.GetConfigurationResponse),
  RemoteStartTransaction: message('CentralSystem', 'Core', core.RemoteStartTransactionRequest, core.RemoteStartTransactionResponse),
  RemoteStopTransaction: message('CentralSystem', 'Core', core.RemoteStopTransactionRequest, core.RemoteStopTransactionResponse),
  Reset: message('CentralSystem', 'Core', core.ResetRequest, core.ResetResponse),
  UnlockConnector: message('CentralSystem', 'Core', core.UnlockConnectorRequest, core.UnlockConnectorResponse),

  // Firmware Management
  DiagnosticsStatusNotification: message(
    'ChargePoint',
    'FirmwareManagement',
    firmware.DiagnosticsStatusNotificationRequest,
    firmware.DiagnosticsStatusNotificationResponse,
  ),
  FirmwareStatusNotification: message(
    'ChargePoint',
    'FirmwareManagement',
    firmware.FirmwareStatusNotificationRequest,
    firmware.FirmwareStatusNotificationResponse,
  ),
  GetDiagnostics: message('CentralSystem', 'FirmwareManagement', firmware.GetDiagnosticsRequest, firmware.GetDiagnosticsResponse),
  UpdateFirmware: message('CentralSystem', 'FirmwareManagement', firmware.UpdateFirmwareRequest, firmware.UpdateFirmwareResponse),

  // Local Auth List Management
  GetLocalListVersion: message(
    'CentralSystem',
    'LocalAuthListManagement',
    localAuthList.GetLocalListVersionRequest,
    localAuthList.GetLocalListVersionResponse,
  ),
  SendLocalList: message('CentralSystem', 'LocalAuthListManagement', localAuthList.SendLocalListRequest, localAuthList.SendLocalListResponse),

  // Reservation
  CancelReservation: message('CentralSystem', 'Reservation', reservation.CancelReservationRequest, reservation.CancelReservationResponse),
  ReserveNow: message('CentralSystem', 'Reservation', reservation.ReserveNowRequest, reservation.ReserveNowResponse),

  // Remote Trigger
  TriggerMessage: message('CentralSystem', 'RemoteTrigger', remoteTrigger.TriggerMessageRequest, remoteTrigger.TriggerMessageResponse),

  // Smart Charging
  ClearChargingProfile: message(
    'CentralSystem',
    'SmartCharging',
    smartCharging.ClearChargingProfileRequest,
    smartCharging.ClearChargingProfileResponse,
  ),
  GetCompositeSchedule: message(
    'CentralSystem',
    'SmartCharging',
    smartCharging.GetCompositeScheduleRequest,
    smartCharging.GetCompositeScheduleResponse,
  ),
  SetChargingProfile: message('CentralSystem', 'SmartCharging', smartCharging.SetChargingProfileRequest, smartCharging.SetChargingProfileResponse),

  // Security white paper, initiated by the Charge Point
  LogStatusNotification: message('ChargePoint', 'Security', security.LogStatusNotificationRequest, security.LogStatusNotificationResponse),
  SecurityEventNotification: message(
    'ChargePoint',
    'Security',
    security.SecurityEventNotificationRequest,
    security.SecurityEventNotificationResponse,
  ),
  SignCertificate: message('ChargePoint', 'Security', security.SignCertificateRequest, security.SignCertificateResponse),
  SignedFirmwareStatusNotification: message(
    'ChargePoint',
    'Security',
    security.SignedFirmwareStatusNotificationRequest,
    security.SignedFirmwareStatusNotificationResponse,
  ),
  // Security white paper, initiated by the Central System
  CertificateSigned: message('CentralSystem', 'Security', security.CertificateSignedRequest, security.CertificateSignedResponse),
  DeleteCertificate: message('CentralSystem', 'Security', security.DeleteCertificateRequest, security.DeleteCertificateResponse),
  ExtendedTriggerMessage: message('CentralSystem', 'Security', security.ExtendedTriggerMessageRequest, security.ExtendedTriggerMessageResponse),
  GetInstalledCertificateIds: message(
    'CentralSystem',
    'Security',
    security.GetInstalledCertificateIdsRequest,
    security.GetInstalledCertificateIdsResponse,
  ),
  GetLog: message('CentralSystem', 'Security', security.GetLogRequest, security.GetLogResponse),
  InstallCertificate: message('CentralSystem', 'Security', security.InstallCertificateRequest, security.InstallCertificateResponse),
  SignedUpdateFirmware: message('CentralSystem', 'Security', security.SignedUpdateFirmwareRequest, security.SignedUpdateFirmwareResponse),
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
