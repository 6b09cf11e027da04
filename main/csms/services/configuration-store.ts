/**
 * The last configuration each station reported (OCPP 1.6 §5.8 GetConfiguration), kept up to date by accepted
 * changes (§5.4 ChangeConfiguration), and what a configuration change means for the station's record: the
 * HeartbeatInterval it works with, and the Basic-auth password an accepted AuthorizationKey becomes (security white
 * paper A01.FR.03). Each change is one unit of the group commit, announced after it committed.
 */
import { secretsForAuthorizationKey } from '../domain/passwords.js';
import { profile3Readiness, type Profile3Readiness } from '../security/station-identity.js';
import type { ConfigurationSnapshot } from '../storage/repositories/station-operations.js';
import { storedNow, type StoreDeps } from './store-deps.js';

/** A snapshot as the operations build it (whose station and when it was stored are the store's business). */
export type SnapshotFields = Omit<ConfigurationSnapshot, 'chargePointId' | 'updatedAt'>;

/** What a configuration change changes on the station's own record. */
export interface StationChange {
  /** The HeartbeatInterval now in effect (seconds), when the change set one: silence is judged by it. */
  heartbeatIntervalSec: number | null;
  /** An accepted AuthorizationKey: it replaces the station's Basic-auth password, the old one stops working. */
  authorizationKey?: string;
}

export interface ConfigurationStoreDeps extends StoreDeps {
  /** Forget the passwords verified for a station whose secrets changed (a verification must not outlive them). */
  forgetVerifiedPassword(chargePointId: string): void;
}

export class ConfigurationStore {
  constructor(private readonly deps: ConfigurationStoreDeps) {}

  /** The security profile the station is held to, or undefined for an unknown station. */
  securityProfile(chargePointId: string): number | undefined {
    return this.deps.repos.chargePoints.get(chargePointId)?.security_profile;
  }

  /** Whether the station could connect on security profile 3 (security/station-identity.ts). */
  profile3Readiness(chargePointId: string, caPem: string | undefined): Profile3Readiness {
    return profile3Readiness(this.deps.repos, caPem, chargePointId, this.deps.clock.now());
  }

  /**
   * Store the snapshot `build` makes of the previous one (read inside the same unit) and apply `station` to the
   * station's record.
   */
  async record(chargePointId: string, build: (previous: ConfigurationSnapshot | undefined) => SnapshotFields, station: StationChange): Promise<void> {
    const { repos, groupCommit, events } = this.deps;
    // Hashed before the write: scrypt takes a while, and the unit must stay short.
    const authSecrets = station.authorizationKey === undefined ? undefined : secretsForAuthorizationKey(station.authorizationKey);
    const now = storedNow(this.deps);
    await groupCommit.run(() => {
      repos.configurationSnapshots.save({ chargePointId, ...build(repos.configurationSnapshots.get(chargePointId)) }, now);
      if (authSecrets) {
        const row = repos.chargePoints.get(chargePointId);
        // Basic auth is security profile 1: a station with a password is held to at least that.
        if (row) repos.chargePoints.update(chargePointId, { authSecrets, securityProfile: Math.max(row.security_profile, 1) }, now);
      }
      if (station.heartbeatIntervalSec !== null) repos.chargePoints.setHeartbeatInterval(chargePointId, station.heartbeatIntervalSec);
    });
    if (authSecrets) this.deps.forgetVerifiedPassword(chargePointId);
    if (authSecrets || station.heartbeatIntervalSec !== null) events.emit('chargePoint.changed', { chargePointId });
    events.emit('configuration.changed', { chargePointId });
  }
}
