/**
 * The set of charging profiles a station holds, as OCPP 1.6 changes it (§3.13.2, §5.5, §5.16, errata 3.25/3.26).
 *
 * Pure functions: each returns a new array and never mutates its input. They model a station that ACCEPTED the
 * request; whether it should have accepted is `checkChargingProfile`'s business (profile-rules.ts).
 */
import type { ChargingProfile, ClearChargingProfileCriteria, InstalledProfile } from './types.js';

export interface InstallResult {
  installed: InstalledProfile[];
  /** The profiles the new one replaced (empty when it was simply added). */
  replaced: InstalledProfile[];
}

/**
 * SetChargingProfile accepted on `connectorId` (§5.16 "during a transaction", errata 3.25): the new profile replaces any installed
 * profile with the same chargingProfileId (anywhere on the station), and any profile with the same stackLevel and
 * chargingProfilePurpose on the same connector; otherwise it is added. The new profile goes last, so the array
 * stays in installation order.
 */
export function installProfile(installed: readonly InstalledProfile[], connectorId: number, profile: ChargingProfile): InstallResult {
  const replaces = (entry: InstalledProfile): boolean =>
    entry.profile.chargingProfileId === profile.chargingProfileId ||
    (entry.connectorId === connectorId &&
      entry.profile.stackLevel === profile.stackLevel &&
      entry.profile.chargingProfilePurpose === profile.chargingProfilePurpose);
  return {
    installed: [...installed.filter((entry) => !replaces(entry)), { connectorId, profile }],
    replaced: installed.filter(replaces),
  };
}

export interface ClearResult {
  installed: InstalledProfile[];
  cleared: InstalledProfile[];
  /** Whether any profile matched: the station answers Accepted when it did, Unknown otherwise (§5.5). */
  matched: boolean;
  status: 'Accepted' | 'Unknown';
}

/**
 * ClearChargingProfile (§5.5, §6.13, errata 3.26):
 * - with `id`, only the profile with that chargingProfileId is cleared and the other fields are ignored;
 * - otherwise every profile matching ALL the given fields (connectorId, chargingProfilePurpose, stackLevel) is
 *   cleared; connectorId 0 means profiles installed on connector 0, not "every connector";
 * - with no field at all, every profile is cleared.
 */
export function clearProfiles(installed: readonly InstalledProfile[], criteria: ClearChargingProfileCriteria): ClearResult {
  const matches = (entry: InstalledProfile): boolean => {
    if (criteria.id !== undefined) return entry.profile.chargingProfileId === criteria.id;
    return (
      (criteria.connectorId === undefined || entry.connectorId === criteria.connectorId) &&
      (criteria.chargingProfilePurpose === undefined || entry.profile.chargingProfilePurpose === criteria.chargingProfilePurpose) &&
      (criteria.stackLevel === undefined || entry.profile.stackLevel === criteria.stackLevel)
    );
  };
  const cleared = installed.filter(matches);
  const matched = cleared.length > 0;
  return {
    installed: installed.filter((entry) => !matches(entry)),
    cleared,
    matched,
    status: matched ? 'Accepted' : 'Unknown',
  };
}

/**
 * A transaction ended on `connectorId` (§3.13.1: a TxProfile applies to one transaction only): its TxProfiles are
 * dropped, i.e. those on the connector whose transactionId is that transaction's or absent (a TxProfile sent
 * without transactionId applies to whatever transaction was running). Other purposes are kept, and so is a TxProfile
 * waiting for the start of its RemoteStartTransaction.
 */
export function endTransaction(
  installed: readonly InstalledProfile[],
  connectorId: number,
  transactionId?: number,
): { installed: InstalledProfile[]; removed: InstalledProfile[] } {
  // A TxProfile still waiting for the start of its RemoteStartTransaction belongs to no transaction yet.
  const ends = (entry: InstalledProfile): boolean =>
    entry.connectorId === connectorId &&
    entry.profile.chargingProfilePurpose === 'TxProfile' &&
    !entry.awaitingStart &&
    (entry.profile.transactionId === undefined || transactionId === undefined || entry.profile.transactionId === transactionId);
  return { installed: installed.filter((entry) => !ends(entry)), removed: installed.filter(ends) };
}
