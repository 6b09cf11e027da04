/**
 * The charging profiles the site power sharing sends (OCPP 1.6 §3.13, §5.16 SetChargingProfile, §7.8
 * ChargingProfile): one TxProfile per running transaction and one TxDefaultProfile per station, each with a fixed
 * id and stack level so that a new one replaces the previous one on the station (§5.16: same id, or same stack
 * level and purpose, replaces) and never piles up. Limits in A per phase, one period from the start.
 */
import type { JsonObject } from '../../../shared/ocpp/rpc-frames.js';

/**
 * Stack levels of the site's profiles. The operator's own TxProfiles at a higher stack level win over the site's
 * (§3.13.2), so an operator can still cap one session by hand.
 */
export const SITE_TX_STACK_LEVEL = 1;
export const SITE_DEFAULT_STACK_LEVEL = 0;

/** Profile ids kept for the site's profiles: the TxDefaultProfile, and base + connector id for the TxProfiles. */
export const SITE_DEFAULT_PROFILE_ID = 1_600_000;
export const SITE_TX_PROFILE_ID_BASE = 1_600_000;

/**
 * The TxDefaultProfile limit: 0 A. A session that starts while the central system cannot steer it (it is down, or
 * the station is cut off) then waits (an EV does not charge below 6 A, IEC 61851-1) instead of drawing power the
 * site may not have; sessions already running keep their TxProfiles, whose sum stays within the budget. With any
 * other fallback share, sessions starting during an outage would add to TxProfiles that already use the budget.
 */
export const SITE_DEFAULT_LIMIT_A = 0;

/**
 * What a station may draw per phase when nothing else is known (no profile of ours acknowledged): 32 A, the
 * largest AC current per phase of a Type 2 connector (IEC 62196-2). Used for a station's maximum, for a session
 * that started without a default profile, and for a station that refuses profiles.
 */
export const UNKNOWN_STATION_MAX_A = 32;

const period = (limitA: number) => ({ chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: limitA }] });

/** SetChargingProfile.req with the TxProfile of a running transaction (§3.13.4 central smart charging). */
export function txProfileRequest(connectorId: number, transactionId: number, limitA: number): JsonObject {
  return {
    connectorId,
    csChargingProfiles: {
      chargingProfileId: SITE_TX_PROFILE_ID_BASE + connectorId,
      transactionId,
      stackLevel: SITE_TX_STACK_LEVEL,
      chargingProfilePurpose: 'TxProfile',
      chargingProfileKind: 'Relative',
      chargingSchedule: period(limitA),
    },
  };
}

/** SetChargingProfile.req with the station-wide TxDefaultProfile (connector 0 applies to every connector, §3.13.1). */
export function defaultProfileRequest(limitA: number): JsonObject {
  return {
    connectorId: 0,
    csChargingProfiles: {
      chargingProfileId: SITE_DEFAULT_PROFILE_ID,
      stackLevel: SITE_DEFAULT_STACK_LEVEL,
      chargingProfilePurpose: 'TxDefaultProfile',
      chargingProfileKind: 'Relative',
      chargingSchedule: period(limitA),
    },
  };
}
