/**
 * What the TLS layer learned about a station's client certificate (security profile 3, white paper §2.5). The
 * listener asks for a certificate but lets the handshake finish without one (`requestCert: true,
 * rejectUnauthorized: false`), so a missing or untrusted certificate becomes a recorded refusal with a reason
 * (the connection doctor shows it) instead of a TLS alert nobody can see.
 */
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

export interface ClientCertificate {
  /** The station sent a certificate. */
  presented: boolean;
  /** It chains to the configured CA and is within its validity period (verified by node:tls). */
  authorized: boolean;
  /** OpenSSL's reason when it does not verify, e.g. UNABLE_TO_VERIFY_LEAF_SIGNATURE, CERT_HAS_EXPIRED. */
  authorizationError?: string;
  /** Subject CN: must equal the station identity (A00.FR.403–405: CN = charge point serial number / identity). */
  commonName?: string;
  /** SHA-256 fingerprint, for the log. */
  fingerprint256?: string;
}

export function clientCertificateOf(request: IncomingMessage): ClientCertificate {
  const socket = request.socket as TLSSocket;
  if (typeof socket.getPeerCertificate !== 'function') return { presented: false, authorized: false };
  const peer = socket.getPeerCertificate();
  if (!peer || Object.keys(peer).length === 0) return { presented: false, authorized: false };
  const cn = peer.subject?.CN;
  return {
    presented: true,
    authorized: socket.authorized === true,
    authorizationError: socket.authorizationError ? String(socket.authorizationError) : undefined,
    commonName: Array.isArray(cn) ? cn[0] : cn,
    fingerprint256: peer.fingerprint256,
  };
}
