/**
 * The default answers of the simulated station to every CSMS-initiated OCPP 1.6 call (and the security
 * whitepaper's), with the follow-up messages a real station sends. Each handler returns the conf and, optionally,
 * an `after` flow that runs once the CALLRESULT has been sent.
 */
import { ocppMessages, type CentralSystemAction, type OcppRequest } from '../../../shared/ocpp/actions.js';
import { OcppCallError, type JsonObject } from '../../../shared/ocpp/rpc-frames.js';
import { createOcppValidator } from '../../../shared/ocpp/validator.js';
import type { StationScript } from '../scripting.js';
import {
  changeAvailability,
  changeConfiguration,
  clearCache,
  dataTransfer,
  getConfiguration,
  remoteStartTransaction,
  remoteStopTransaction,
  reset,
  unlockConnector,
} from './core.js';
import { getDiagnostics, getLog, signedUpdateFirmware, updateFirmware } from './firmware.js';
import type { DefaultAnswer, Handler } from './handler.js';
import { cancelReservation, getLocalListVersion, reserveNow, sendLocalList } from './reservation.js';
import { certificateSigned, deleteCertificate, getInstalledCertificateIds, installCertificate } from './security.js';
import { clearChargingProfile, getCompositeSchedule, setChargingProfile } from './smart-charging.js';
import { extendedTriggerMessage, triggerMessage } from './trigger.js';

export type { DefaultAnswer } from './handler.js';

type DefaultHandlers = { readonly [A in CentralSystemAction]: Handler<A> };

export const DEFAULT_HANDLERS: DefaultHandlers = {
  // Core
  ChangeAvailability: changeAvailability,
  ChangeConfiguration: changeConfiguration,
  ClearCache: clearCache,
  DataTransfer: dataTransfer,
  GetConfiguration: getConfiguration,
  RemoteStartTransaction: remoteStartTransaction,
  RemoteStopTransaction: remoteStopTransaction,
  Reset: reset,
  UnlockConnector: unlockConnector,
  // Firmware management
  GetDiagnostics: getDiagnostics,
  UpdateFirmware: updateFirmware,
  // Local auth list
  GetLocalListVersion: getLocalListVersion,
  SendLocalList: sendLocalList,
  // Reservation
  ReserveNow: reserveNow,
  CancelReservation: cancelReservation,
  // Remote trigger
  TriggerMessage: triggerMessage,
  // Smart charging
  SetChargingProfile: setChargingProfile,
  ClearChargingProfile: clearChargingProfile,
  GetCompositeSchedule: getCompositeSchedule,
  // Security whitepaper
  CertificateSigned: certificateSigned,
  DeleteCertificate: deleteCertificate,
  ExtendedTriggerMessage: extendedTriggerMessage,
  GetInstalledCertificateIds: getInstalledCertificateIds,
  GetLog: getLog,
  InstallCertificate: installCertificate,
  SignedUpdateFirmware: signedUpdateFirmware,
};

const validator = createOcppValidator();

function isCentralSystemAction(action: string): action is CentralSystemAction {
  return Object.prototype.hasOwnProperty.call(DEFAULT_HANDLERS, action);
}

/**
 * The request, checked against the action's schema; a payload that does not fit gets the CALLERROR the schema
 * check names (OCPP-J 1.6 §4.2.3), as from a real station.
 */
function checkedRequest<A extends CentralSystemAction>(action: A, payload: JsonObject): OcppRequest<A> {
  const outcome = validator.request(action, payload);
  if (!outcome.ok) throw new OcppCallError(outcome.code, outcome.description);
  return payload;
}

/** Run one action's handler on a checked request. */
function run<A extends CentralSystemAction>(cp: StationScript, action: A, payload: JsonObject): Promise<DefaultAnswer<A>> | DefaultAnswer<A> {
  const handler: Handler<A> = DEFAULT_HANDLERS[action];
  return handler(cp, checkedRequest(action, payload));
}

/**
 * The default answer to a CSMS CALL. Unknown actions get NotImplemented; actions of a feature profile the
 * station does not list in SupportedFeatureProfiles get NotSupported (Core and security calls are always supported).
 */
export async function defaultAnswer(cp: StationScript, action: string, payload: JsonObject): Promise<DefaultAnswer> {
  if (!isCentralSystemAction(action)) throw new OcppCallError('NotImplemented', `Action ${action} is not implemented`);
  const profile = ocppMessages[action].profile;
  if (profile !== 'Security' && profile !== 'Core' && !cp.state.supportsProfile(profile)) {
    throw new OcppCallError('NotSupported', `Feature profile ${profile} is not supported`);
  }
  return run(cp, action, payload);
}
