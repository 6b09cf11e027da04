/**
 * Per-station security profile (white paper §2.1, A00.FR.001/002/005; OCTT TC_083): a station is held to the
 * profile stored for it; after it accepted ChangeConfiguration(SecurityProfile = N+1) its first connection at
 * that higher profile raises the stored one, so the old profile is refused from then on. Never lowered over OCPP.
 */
import type { ChargePointRow } from '../storage/repositories/charge-points.js';
import type { Repositories } from '../storage/repositories/index.js';

/** The SecurityProfile the station last accepted or reported (its configuration snapshot), if higher than its own. */
export function pendingSecurityProfile(repos: Repositories, chargePoint: Pick<ChargePointRow, 'id' | 'security_profile'>): number | undefined {
  const entry = repos.configurationSnapshots.get(chargePoint.id)?.entries.find((e) => /^SecurityProfile$/i.test(e.key));
  const value = Number(entry?.value);
  return Number.isInteger(value) && value > chargePoint.security_profile && value <= 3 ? value : undefined;
}
