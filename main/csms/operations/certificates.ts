/**
 * Security white paper certificate management (OCTT TC_075, TC_076): the installed certificates each station
 * reported per type, so DeleteCertificate can reuse the exact hash data (M04.FR.07).
 */
import type { OperatorOperations } from './operator-operations.js';
import { nowIso, statusOf } from './support.js';

const sameHash = (a: Record<string, unknown>, b: Record<string, unknown>) =>
  ['hashAlgorithm', 'issuerNameHash', 'issuerKeyHash', 'serialNumber'].every(
    (k) => String(a[k] ?? '').toLowerCase() === String(b[k] ?? '').toLowerCase(),
  );

export function registerCertificates(ops: OperatorOperations): void {
  const csms = ops.csms;

  ops.register('GetInstalledCertificateIds', {
    async applied(chargePointId, request, response) {
      const type = String(request.certificateType);
      const hashData = Array.isArray(response.certificateHashData) ? (response.certificateHashData as Record<string, unknown>[]) : [];
      const now = nowIso(csms);
      await csms.groupCommit.run(() => csms.repos.installedCertificates.record(chargePointId, type, statusOf(response), hashData, now));
      csms.events.emit('certificates.changed', { chargePointId, certificateType: type });
    },
  });

  ops.register('DeleteCertificate', {
    async applied(chargePointId, request, response) {
      if (statusOf(response) !== 'Accepted' || !request.certificateHashData || typeof request.certificateHashData !== 'object') return;
      const deleted = request.certificateHashData as Record<string, unknown>;
      const now = nowIso(csms);
      const changedTypes: string[] = [];
      await csms.groupCommit.run(() => {
        for (const entry of csms.repos.installedCertificates.list(chargePointId)) {
          const rest = entry.hashData.filter((h) => !sameHash(h, deleted));
          if (rest.length === entry.hashData.length) continue;
          csms.repos.installedCertificates.record(chargePointId, entry.certificateType, rest.length ? entry.status : 'NotFound', rest, now);
          changedTypes.push(entry.certificateType);
        }
      });
      for (const certificateType of changedTypes) csms.events.emit('certificates.changed', { chargePointId, certificateType });
    },
  });
}
