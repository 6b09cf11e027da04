/**
 * Types shared by the smart-charging helpers. The OCPP data types themselves (ChargingProfile, ChargingSchedule,
 * ...) come from `shared/ocpp`; only the shapes that OCPP does not define (a profile as installed on a connector)
 * are declared here.
 */
import type { OcppRequest } from '../ocpp/actions.js';

/** ChargingProfile as carried by SetChargingProfile.req (OCPP 1.6 §6.43, §7 ChargingProfile). */
export type ChargingProfile = OcppRequest<'SetChargingProfile'>['csChargingProfiles'];
export type ChargingSchedule = ChargingProfile['chargingSchedule'];
export type ChargingSchedulePeriod = ChargingSchedule['chargingSchedulePeriod'][number];
export type ChargingProfilePurpose = ChargingProfile['chargingProfilePurpose'];
export type ChargingRateUnit = ChargingSchedule['chargingRateUnit'];
/** ClearChargingProfile.req (OCPP 1.6 §6.13): every field is an optional filter. */
export type ClearChargingProfileCriteria = OcppRequest<'ClearChargingProfile'>;

/** One profile held by a station, with the connector it was installed on (0 = the whole Charge Point). */
export interface InstalledProfile {
  connectorId: number;
  profile: ChargingProfile;
  /**
   * A TxProfile sent with an accepted RemoteStartTransaction, waiting for the StartTransaction it asked for (the
   * station applies it to that transaction, §5.11); the start binds it (profile.transactionId) and drops this.
   */
  awaitingStart?: { idTag: string; requestedAt: string };
}

export const SECONDS_PER_DAY = 86_400;
export const SECONDS_PER_WEEK = 7 * SECONDS_PER_DAY;
