/**
 * TLS settings of the wss listener (security white paper §2.4/§2.5, OCTT TC_086/TC_087).
 */
import type { ServerOptions } from 'node:https';
import type { TlsMaterial } from './tls-material.js';

/**
 * TLS 1.2 suites: the four TC_086 requires (A00.FR.309/310: ECDHE_ECDSA with AES-GCM for the EC certificate,
 * plain RSA key exchange with AES-GCM for the RSA one), after the ECDHE_RSA ones modern clients prefer for
 * forward secrecy with the RSA certificate. TLS 1.3 suites stay on: naming none would switch TLS 1.3 off.
 */
export const TLS12_CIPHERS = [
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'AES128-GCM-SHA256',
  'AES256-GCM-SHA384',
] as const;
const TLS13_CIPHERS = ['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256'] as const;

export function tlsListenerOptions(material: TlsMaterial): ServerOptions {
  return {
    // Both key pairs on one listener: OpenSSL picks the certificate matching the negotiated suite.
    key: material.servers.map((s) => s.keyPem),
    cert: material.servers.map((s) => s.certPem),
    // Trust anchors for station certificates (profile 3).
    ca: [material.caPem],
    minVersion: 'TLSv1.2', // white paper §2.4: TLS 1.2 or above
    ciphers: [...TLS13_CIPHERS, ...TLS12_CIPHERS].join(':'),
    honorCipherOrder: true,
    // Ask every station for a certificate, refuse nothing at the TLS layer: the handshake pipeline decides per
    // station's profile and records why (a profile 2 station simply sends none).
    requestCert: true,
    rejectUnauthorized: false,
  };
}
