/**
 * The charging profiles each station accepted and the last composite schedule it reported per connector (OCPP 1.6
 * §3.13, §5.7, §5.16): each change is one unit of the group commit, announced after it committed. How a profile
 * stacks is decided by the shared rules (shared/smart-charging), applied by the operations.
 */
import { endTransaction, type InstalledProfile } from '../../../shared/smart-charging/index.js';
import { storedNow, type StoreDeps } from './store-deps.js';

export class ChargingProfileStore {
  constructor(private readonly deps: StoreDeps) {}

  installed(chargePointId: string): InstalledProfile[] {
    return this.deps.repos.chargingProfiles.installed(chargePointId);
  }

  /** Replace the station's installed profiles by what `change` makes of them (read inside the same unit). */
  async change(chargePointId: string, change: (installed: InstalledProfile[]) => InstalledProfile[]): Promise<void> {
    const { repos, groupCommit } = this.deps;
    const now = storedNow(this.deps);
    await groupCommit.run(() => repos.chargingProfiles.setInstalled(chargePointId, change(repos.chargingProfiles.installed(chargePointId)), now));
    this.deps.events.emit('chargingProfiles.changed', { chargePointId });
  }

  /**
   * A transaction ended: its TxProfiles end with it (§3.13.1). Nothing is written (and nothing announced) when the
   * station holds no TxProfile or the transaction is unknown.
   */
  async endTransaction(chargePointId: string, transactionId: number, connectorId: number): Promise<void> {
    const { repos, groupCommit } = this.deps;
    const now = storedNow(this.deps);
    const changed = await groupCommit.run(() => {
      const installed = repos.chargingProfiles.installed(chargePointId);
      if (!installed.some((p) => p.profile.chargingProfilePurpose === 'TxProfile')) return false;
      repos.chargingProfiles.setInstalled(chargePointId, endTransaction(installed, connectorId, transactionId).installed, now);
      return true;
    });
    if (changed) this.deps.events.emit('chargingProfiles.changed', { chargePointId });
  }

  /** The station's GetCompositeSchedule answer for a connector, with the request it answered. */
  async recordCompositeSchedule(chargePointId: string, connectorId: number, request: object, answer: object): Promise<void> {
    const now = storedNow(this.deps);
    await this.deps.groupCommit.run(() => this.deps.repos.chargingProfiles.recordCompositeSchedule(chargePointId, connectorId, request, answer, now));
    this.deps.events.emit('compositeSchedule.changed', { chargePointId, connectorId });
  }
}
