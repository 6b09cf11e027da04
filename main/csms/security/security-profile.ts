/**
 * Per-station security profile (white paper §2.1, A00.FR.001/002/005; OCTT TC_083): a station is held to the
 * profile stored for it; after it accepted ChangeConfiguration(SecurityProfile = N+1) its first connection at
 * that higher profile raises the stored one, so the old profile is refused from then on. Never lowered over OCPP.
 */
import type { CsmsEvents } from '../domain/events.js';
import type { GroupCommit } from '../storage/group-commit.js';
import type { ChargePointRow } from '../storage/repositories/charge-points.js';
import type { Repositories } from '../storage/repositories/index.js';

/** The SecurityProfile the station last accepted or reported (its configuration snapshot), if higher than its own. */
export function pendingSecurityProfile(repos: Repositories, chargePoint: ChargePointRow): number | undefined {
  const entry = repos.configurationSnapshots.get(chargePoint.id)?.entries.find((e) => /^SecurityProfile$/i.test(e.key));
  const value = Number(entry?.value);
  return Number.isInteger(value) && value > chargePoint.security_profile && value <= 3 ? value : undefined;
}

export function raiseSecurityProfile(
  host: { repos: Repositories; groupCommit: GroupCommit; events: CsmsEvents; clock: { now(): Date }; logger: Pick<Console, 'info'> },
  identity: string,
  profile: number,
): void {
  const now = host.clock.now().toISOString();
  // Part of the handshake's batch: visible at once to the next handshake on this process.
  host.groupCommit.runDetached(() => {
    const row = host.repos.chargePoints.get(identity);
    if (row && row.security_profile < profile) host.repos.chargePoints.update(identity, { securityProfile: profile }, now);
  });
  host.logger.info(`[csms] ${identity} connected at security profile ${profile}: lower profiles are refused from now on`);
  host.events.emit('chargePoint.changed', { chargePointId: identity });
}
