/**
 * The certificates each station reported as installed, per certificate type (security white paper, certificate
 * management: GetInstalledCertificateIds, DeleteCertificate), so a DeleteCertificate can reuse the exact hash data
 * (M04.FR.07). Each change is one unit of the group commit, announced as `certificates.changed` after it committed.
 */
import { storedNow, type StoreDeps } from './store-deps.js';

/** CertificateHashData as stored: the fields the station reported. */
export type CertificateHash = Record<string, unknown>;

export class CertificateStore {
  constructor(private readonly deps: StoreDeps) {}

  /** A GetInstalledCertificateIds answer: the station's certificates of `certificateType`. */
  async reported(chargePointId: string, certificateType: string, status: string, hashData: readonly CertificateHash[]): Promise<void> {
    const now = storedNow(this.deps);
    await this.deps.groupCommit.run(() => this.deps.repos.installedCertificates.record(chargePointId, certificateType, status, hashData, now));
    this.deps.events.emit('certificates.changed', { chargePointId, certificateType });
  }

  /** An accepted DeleteCertificate: forget the certificates `deleted` matches, of whatever type they were. */
  async deleted(chargePointId: string, deleted: (hash: CertificateHash) => boolean): Promise<void> {
    const { repos, groupCommit } = this.deps;
    const now = storedNow(this.deps);
    const changedTypes = await groupCommit.run(() => {
      const changed: string[] = [];
      for (const entry of repos.installedCertificates.list(chargePointId)) {
        const rest = entry.hashData.filter((h) => !deleted(h));
        if (rest.length === entry.hashData.length) continue;
        repos.installedCertificates.record(chargePointId, entry.certificateType, rest.length ? entry.status : 'NotFound', rest, now);
        changed.push(entry.certificateType);
      }
      return changed;
    });
    for (const certificateType of changedTypes) this.deps.events.emit('certificates.changed', { chargePointId, certificateType });
  }
}
