/** What the operator sees of the TLS setup: listener, certificates (subject, fingerprint, expiry), their origin. */
import { X509Certificate } from 'node:crypto';
import type { TlsCertificateDto, TlsInfoDto } from '../../../shared/api/types.js';
import { ocppUrls } from '../network.js';
import { TLS12_CIPHERS } from './tls-listener.js';
import type { TlsEndpoint } from './tls-endpoint.js';

/** OpenSSL names of the TLS 1.2 suites we offer, as the IANA names TC_086 uses. */
const IANA_NAMES: Record<string, string> = {
  'ECDHE-ECDSA-AES128-GCM-SHA256': 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384': 'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
  'ECDHE-RSA-AES128-GCM-SHA256': 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
  'ECDHE-RSA-AES256-GCM-SHA384': 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
  'AES128-GCM-SHA256': 'TLS_RSA_WITH_AES_128_GCM_SHA256',
  'AES256-GCM-SHA384': 'TLS_RSA_WITH_AES_256_GCM_SHA384',
};

function describeCertificate(pem: string, role: TlsCertificateDto['role']): TlsCertificateDto {
  const cert = new X509Certificate(pem);
  const key = cert.publicKey;
  const details = key.asymmetricKeyDetails;
  return {
    role,
    subject: cert.subject.replace(/\n/g, ', '),
    issuer: cert.issuer.replace(/\n/g, ', '),
    serialNumber: cert.serialNumber,
    fingerprint256: cert.fingerprint256,
    validFrom: new Date(cert.validFrom).toISOString(),
    validTo: new Date(cert.validTo).toISOString(),
    keyType: key.asymmetricKeyType === 'ec' ? `EC ${details?.namedCurve ?? ''}`.trim() : (key.asymmetricKeyType ?? 'unknown').toUpperCase(),
    keyBits: details?.modulusLength ?? null,
    subjectAltName: cert.subjectAltName ?? null,
  };
}

export function tlsInfo(tls: TlsEndpoint | undefined, ocppHost: string): TlsInfoDto {
  if (!tls) {
    return {
      enabled: false,
      port: null,
      urls: [],
      serverCertificates: null,
      ca: null,
      directory: null,
      canSignStationCertificates: false,
      certificates: [],
      cipherSuites: [],
      minVersion: 'TLSv1.2',
    };
  }
  const port = tls.address?.port ?? null;
  const m = tls.material;
  return {
    enabled: true,
    port,
    urls: port === null ? [] : ocppUrls(ocppHost, port, 'wss'),
    serverCertificates: m.serverSource,
    ca: m.caSource,
    directory: m.directory,
    canSignStationCertificates: tls.signer !== undefined,
    certificates: [describeCertificate(m.caPem, 'ca'), ...m.servers.map((s) => describeCertificate(s.certPem, 'server'))],
    cipherSuites: TLS12_CIPHERS.map((c) => IANA_NAMES[c] ?? c),
    minVersion: 'TLSv1.2',
  };
}
