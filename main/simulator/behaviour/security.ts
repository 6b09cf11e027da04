/**
 * Default answers to the certificate calls of the security whitepaper ("Improved security for OCPP 1.6-J"):
 * InstallCertificate, GetInstalledCertificateIds, DeleteCertificate, CertificateSigned.
 */
import { certificateHashData, parseCertificateChain, sameHashData, type CertificateHashData } from '../certificates.js';
import type { Handler } from './handler.js';

export const installCertificate: Handler<'InstallCertificate'> = (cp, { certificateType, certificate: pem }) => {
  let hash: CertificateHashData;
  try {
    parseCertificateChain(pem);
    hash = certificateHashData(pem);
  } catch {
    return { conf: { status: 'Rejected' } };
  }
  const store = cp.state.certificates;
  const existing = store.findIndex((c) => sameHashData(c.hash, hash));
  if (existing >= 0) store.splice(existing, 1);
  else if (store.length >= cp.state.configuration.getInteger('CertificateStoreMaxLength', 20)) return { conf: { status: 'Failed' } };
  store.push({ certificateType, pem, hash });
  return { conf: { status: 'Accepted' } };
};

export const getInstalledCertificateIds: Handler<'GetInstalledCertificateIds'> = (cp, { certificateType }) => {
  const list = cp.state.certificates.filter((c) => c.certificateType === certificateType).map((c) => c.hash);
  return { conf: list.length ? { status: 'Accepted', certificateHashData: list } : { status: 'NotFound' } };
};

export const deleteCertificate: Handler<'DeleteCertificate'> = (cp, { certificateHashData: wanted }) => {
  const store = cp.state.certificates;
  const i = store.findIndex((c) => sameHashData(c.hash, wanted));
  if (i < 0) return { conf: { status: 'NotFound' } };
  store.splice(i, 1);
  return { conf: { status: 'Accepted' } };
};

export const certificateSigned: Handler<'CertificateSigned'> = (cp, { certificateChain: chain }) => {
  if (chain.length > cp.state.configuration.getInteger('CertificateSignedMaxChainSize', 10000)) return { conf: { status: 'Rejected' } };
  try {
    parseCertificateChain(chain);
  } catch {
    return {
      conf: { status: 'Rejected' },
      after: () => cp.securityEventNotification('InvalidChargePointCertificate', 'Certificate chain could not be parsed'),
    };
  }
  cp.state.chargePointCertificate = chain;
  return { conf: { status: 'Accepted' } };
};
