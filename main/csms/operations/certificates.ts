/**
 * Security white paper certificate management (OCTT TC_075, TC_076): the installed certificates each station
 * reported per type, so DeleteCertificate can reuse the exact hash data (M04.FR.07).
 */
import type { OcppRequest } from '../../../shared/ocpp/actions.js';
import type { CertificateHash } from '../services/certificate-store.js';
import type { OperatorOperations } from './operator-operations.js';

type CertificateHashData = OcppRequest<'DeleteCertificate'>['certificateHashData'];

const HASH_FIELDS = ['hashAlgorithm', 'issuerNameHash', 'issuerKeyHash', 'serialNumber'] as const;

/** The stored hash (as the station reported it) names the same certificate as `deleted`; hex case does not matter. */
const sameCertificate = (deleted: CertificateHashData) => (stored: CertificateHash) =>
  HASH_FIELDS.every((k) => {
    const value = stored[k];
    return typeof value === 'string' && value.toLowerCase() === deleted[k].toLowerCase();
  });

export function registerCertificates(ops: OperatorOperations): void {
  const { certificates } = ops.stores;

  ops.register('GetInstalledCertificateIds', {
    applied: (chargePointId, { certificateType }, { status, certificateHashData }) =>
      certificates.reported(chargePointId, certificateType, status, certificateHashData ?? []),
  });

  ops.register('DeleteCertificate', {
    async applied(chargePointId, { certificateHashData }, { status }) {
      if (status === 'Accepted') await certificates.deleted(chargePointId, sameCertificate(certificateHashData));
    },
  });
}
